"""Personal guidance pages: second-opinion kit (page and PDF), biomarker gap check, compare two opinions."""

from __future__ import annotations

import importlib
from typing import Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup

from onconav.domain import Fact, Profile
from onconav.errors import InputError
from onconav.guidance.case import Case, build_case, case_from_text
from onconav.guidance.compare import compare_plans
from onconav.guidance.data import GuidanceData, load_guidance
from onconav.guidance.kit import apply_edits, build_kit
from onconav.guidance.pdf import kit_pdf
from onconav.guidance.plans import plan_text_from_bytes
from onconav.guidance.render import kit_body_html
from onconav.web.render import render

router = APIRouter(include_in_schema=False)
# Page styles are served from this module (the site's CSP allows only same-origin stylesheets).
PAGE_CSS = """
  .print-only { display: none; }
  .kit table { font-size: .92rem; } .kit .evidence { color: var(--muted); }
  .kit .status-not_found strong { color: var(--warn); } .kit .status-found strong { color: var(--ok); }
  .kit .notice, .kit .explainer { background: #eef6ff; padding: .6rem .8rem; border-radius: 6px; }
  .kit .letter { border: 1px solid var(--line); border-radius: 8px; padding: 0 1rem 1rem; margin: 1rem 0; }
  .kit .letter-body { white-space: pre-wrap; }
  .kit-actions { display: flex; flex-wrap: wrap; gap: .8rem; align-items: end; }
  @media print {
    .kit textarea, .kit label, .no-print { display: none !important; }
    .print-only { display: block; } ol.print-only { display: block; }
  }
  table.compare td.agree { background: #eaf6ee; }
  table.compare td.differ, table.compare td.partly { background: #fff4c2; }
  table.compare td.only_a, table.compare td.only_b { background: #fdf0e6; }
  .sidebyside { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
  @media (max-width: 600px) { .sidebyside { grid-template-columns: 1fr; } }
"""
_STORED_FUNCS = ("patient_profile", "merged_profile", "profile_for", "load_profile", "get_profile")


def _data(request: Request) -> GuidanceData:
    return load_guidance(request.app.state.settings.pack_dir)


def stored_case(request: Request) -> Case | None:
    """The signed-in patient's stored profile, when the records service offers one (else None)."""
    user = getattr(request.state, "user", None)
    if user is None:
        return None
    try:
        service = importlib.import_module("onconav.records.service")
    except ModuleNotFoundError:
        return None
    func = next((getattr(service, n) for n in _STORED_FUNCS if callable(getattr(service, n, None))), None)
    if func is None:
        return None
    result: Any = func(request.app.state.runtime, user.id)
    profile, facts = result if isinstance(result, tuple) else (result, [])
    if not isinstance(profile, Profile) or profile.is_empty():
        return None
    return build_case(profile, [f for f in facts if isinstance(f, Fact)])


async def _upload_text(upload: UploadFile | None) -> str:
    if upload is None or not upload.filename:
        return ""
    data = await upload.read()
    return data.decode("utf-8", errors="replace")


def _kit_page(
    request: Request,
    case: Case,
    zip_code: str,
    profile_json: str,
    source: str,
    status_code: int = 200,
    error: str | None = None,
) -> Response:
    kit = build_kit(case, _data(request), zip_code or None)
    body = Markup(kit_body_html(kit, editable=True))  # noqa: S704 - the guidance template autoescapes
    return render(
        request,
        "kit.html",
        status_code=status_code,
        kit=kit,
        kit_html=body,
        zip=zip_code,
        profile_json=profile_json,
        source=source,
        error=error,
    )


@router.get("/guidance.css", name="guidance_css")
def guidance_css() -> Response:
    """Styles for the kit, gap and compare pages."""
    return Response(PAGE_CSS, media_type="text/css", headers={"Cache-Control": "public, max-age=3600"})


@router.get("/kit", response_class=HTMLResponse, name="kit_page")
def kit_page(request: Request, zip: str = "") -> Response:
    """The kit for the signed-in patient's records, or a general kit with a form to add a profile."""
    case = stored_case(request)
    return _kit_page(request, case or build_case(Profile()), zip, "", "stored" if case else "none")


@router.post("/kit", response_class=HTMLResponse, name="kit_form")
async def kit_form(
    request: Request,
    profile_json: str = Form(""),
    zip: str = Form(""),
    profile_file: UploadFile | None = File(None),
) -> Response:
    """The kit for a pasted or uploaded profile (the `records extract --json` output)."""
    raw = await _upload_text(profile_file) or profile_json
    try:
        case = case_from_text(raw)
    except InputError as exc:
        return _kit_page(request, build_case(Profile()), zip, raw[:200_000], "none", 400, str(exc))
    return _kit_page(
        request, case, zip, raw[:200_000] if raw.strip() else "", "pasted" if raw.strip() else "none"
    )


def _pdf_response(pdf: bytes) -> Response:
    return Response(
        pdf,
        media_type="application/pdf",
        headers={
            "Content-Disposition": 'attachment; filename="second-opinion-kit.pdf"',
            "Cache-Control": "no-store",
        },
    )


@router.get("/kit/pdf", name="kit_pdf_get")
def kit_pdf_get(request: Request, zip: str = "") -> Response:
    """The printable kit (PDF) for the signed-in patient, or the general kit."""
    case = stored_case(request) or build_case(Profile())
    return _pdf_response(kit_pdf(build_kit(case, _data(request), zip or None)))


@router.post("/kit/pdf", name="kit_pdf")
def kit_pdf_post(
    request: Request,
    profile_json: str = Form(""),
    zip: str = Form(""),
    source: str = Form("none"),
    questions: str | None = Form(None),
    letter_referral: str | None = Form(None),
    letter_records: str | None = Form(None),
    letter_slides: str | None = Form(None),
) -> Response:
    """The PDF with the patient's edited questions and letters."""
    case = (stored_case(request) if source == "stored" else None) or case_from_text(profile_json)
    kit = build_kit(case, _data(request), zip or None)
    edits = {"referral": letter_referral, "records": letter_records, "slides": letter_slides}
    apply_edits(kit, questions, {k: v for k, v in edits.items() if v is not None})
    return _pdf_response(kit_pdf(kit))


@router.get("/gaps", response_class=HTMLResponse, name="gaps_page")
def gaps_page(request: Request) -> Response:
    """Biomarker gap check for the signed-in patient, or a form to paste a profile."""
    case = stored_case(request)
    kit = build_kit(case, _data(request)) if case else None
    return render(request, "gaps.html", report=kit.gaps if kit else None, profile_json="", error=None)


@router.post("/gaps", response_class=HTMLResponse, name="gaps_form")
async def gaps_form(
    request: Request, profile_json: str = Form(""), profile_file: UploadFile | None = File(None)
) -> Response:
    """Biomarker gap check for a pasted or uploaded profile."""
    raw = await _upload_text(profile_file) or profile_json
    try:
        case = case_from_text(raw)
    except InputError as exc:
        return render(
            request, "gaps.html", status_code=400, report=None, profile_json=raw[:200_000], error=str(exc)
        )
    report = build_kit(case, _data(request)).gaps
    return render(request, "gaps.html", report=report, profile_json=raw[:200_000], error=None)


@router.get("/compare", response_class=HTMLResponse, name="compare_page")
def compare_page(request: Request) -> Response:
    """A form to paste or upload two treatment plans."""
    return render(request, "compare.html", comparison=None, plan_a="", plan_b="", error=None)


async def _plan(text: str, upload: UploadFile | None) -> str:
    if upload is not None and upload.filename:
        return plan_text_from_bytes(await upload.read(), upload.filename)
    return text


@router.post("/compare", response_class=HTMLResponse, name="compare_form")
async def compare_form(
    request: Request,
    plan_a: str = Form(""),
    plan_b: str = Form(""),
    file_a: UploadFile | None = File(None),
    file_b: UploadFile | None = File(None),
) -> Response:
    """Two plans side by side, with agreements, differences and questions for both doctors."""
    try:
        text_a, text_b = await _plan(plan_a, file_a), await _plan(plan_b, file_b)
        comparison = compare_plans(text_a, text_b, _data(request))
    except InputError as exc:
        return render(
            request,
            "compare.html",
            status_code=400,
            comparison=None,
            plan_a=plan_a[:60_000],
            plan_b=plan_b[:60_000],
            error=str(exc),
        )
    return render(request, "compare.html", comparison=comparison, plan_a=text_a, plan_b=text_b, error=None)
