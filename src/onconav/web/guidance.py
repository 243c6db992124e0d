"""Personal guidance pages: second-opinion kit (page and PDF), biomarker gap check, compare two opinions.

Signed in, /kit and /gaps use the account's stored profile (or, with `?owner=`, the profile of a patient
who shared their kit with the user), checked with `authorize(..., "kit", "read")`; anyone else gets a 404.
Without an account they work on a pasted or uploaded profile, which is never stored.
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup

from onconav.domain import Profile
from onconav.errors import AuthError, InputError
from onconav.guidance.case import Case, build_case, case_from_text
from onconav.guidance.compare import compare_plans
from onconav.guidance.data import GuidanceData, load_guidance
from onconav.guidance.kit import Kit, apply_edits, build_kit, link_documents
from onconav.guidance.pdf import kit_pdf
from onconav.guidance.plans import plan_text_from_bytes
from onconav.guidance.render import kit_body_html
from onconav.records.service import service_for
from onconav.security.authz import authorize, client_ip, current_user
from onconav.storage.db import Database
from onconav.web.render import render

router = APIRouter(include_in_schema=False)
NO_RECORDS = (
    "Your account has no records that have been read yet, so this is a general kit. "
    "Upload a pathology report, a visit summary or a FHIR file under My records to make it personal."
)
NO_RECORDS_GAPS = (
    "Your account has no records that have been read yet. Upload a pathology report, a biomarker report "
    "or a FHIR file under My records, and this page will check them against the tests guidelines list."
)


@dataclass
class Stored:
    """The case built from an account's stored records, and whose they are."""

    case: Case
    owner_id: str
    own: bool
    names: dict[str, str]  # document id -> file name, for evidence labels and links
    pending: int = 0


def _data(request: Request) -> GuidanceData:
    return load_guidance(request.app.state.settings.pack_dir)


def _db(request: Request) -> Database:
    db: Database = request.app.state.runtime.db
    return db


def stored_case(request: Request, owner: str | None = None) -> Stored | None:
    """The signed-in user's (or a sharing patient's) stored profile as a case; None when not signed in.

    Raises NotFoundError (404) when the user may not read that owner's kit, and AuthError when `owner`
    is asked for without signing in.
    """
    user = current_user(request)
    if user is None:
        if owner:
            raise AuthError("Please sign in to see this.")
        return None
    owner_id = owner or user.id
    authorize(_db(request), user, owner_id, "kit", "read", ip=client_ip(request))
    svc = service_for(_db(request))
    view = svc.profile(owner_id)
    done = [d for d in svc.list_documents(owner_id) if d.status == "done"]
    facts = [v.fact for v in view.facts if v.status not in ("deleted", "corrected")]
    documents = [{"id": d.id, "file": d.name, "kind": d.kind} for d in done]
    return Stored(
        case=build_case(view.profile, facts, documents),
        owner_id=owner_id,
        own=owner_id == user.id,
        names={d.id: d.name for d in done},
        pending=svc.pending_count(owner_id),
    )


def _stored_kit(request: Request, stored: Stored, zip_code: str | None) -> Kit:
    return link_documents(build_kit(stored.case, _data(request), zip_code or None), stored.names)


async def _upload_text(upload: UploadFile | None) -> str:
    if upload is None or not upload.filename:
        return ""
    data = await upload.read()
    return data.decode("utf-8", errors="replace")


def _kit_page(
    request: Request,
    kit: Kit,
    zip_code: str,
    profile_json: str = "",
    stored: Stored | None = None,
    status_code: int = 200,
    error: str | None = None,
) -> Response:
    body = Markup(kit_body_html(kit, editable=True))  # noqa: S704 - the guidance template autoescapes
    return render(
        request,
        "kit.html",
        status_code=status_code,
        kit=kit,
        kit_html=body,
        zip=zip_code,
        profile_json=profile_json,
        source="stored" if stored else ("pasted" if profile_json.strip() else "none"),
        stored=stored,
        owner=stored.owner_id if stored and not stored.own else "",
        no_records=NO_RECORDS if stored and stored.case.empty else None,
        error=error,
    )


@router.get("/kit", response_class=HTMLResponse, name="kit_page")
def kit_page(request: Request, zip: str = "", owner: str | None = None) -> Response:
    """The kit for the signed-in patient's records (or a shared one), or a general kit with a form."""
    stored = stored_case(request, owner)
    if stored is None:
        return _kit_page(request, build_kit(build_case(Profile()), _data(request), zip or None), zip)
    return _kit_page(request, _stored_kit(request, stored, zip), zip, stored=stored)


@router.post("/kit", response_class=HTMLResponse, name="kit_form")
async def kit_form(
    request: Request,
    profile_json: str = Form(""),
    zip: str = Form(""),
    profile_file: UploadFile | None = File(None),
) -> Response:
    """The kit for a pasted or uploaded profile (the `records extract --json` output); nothing is stored."""
    raw = await _upload_text(profile_file) or profile_json
    try:
        case = case_from_text(raw)
    except InputError as exc:
        kit = build_kit(build_case(Profile()), _data(request), zip or None)
        return _kit_page(request, kit, zip, raw[:200_000], status_code=400, error=str(exc))
    kit = build_kit(case, _data(request), zip or None)
    return _kit_page(request, kit, zip, raw[:200_000] if raw.strip() else "")


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
def kit_pdf_get(request: Request, zip: str = "", owner: str | None = None) -> Response:
    """The printable kit (PDF) for the signed-in patient (or a shared one), or the general kit."""
    stored = stored_case(request, owner)
    if stored is None:
        return _pdf_response(kit_pdf(build_kit(build_case(Profile()), _data(request), zip or None)))
    return _pdf_response(kit_pdf(_stored_kit(request, stored, zip)))


@router.post("/kit/pdf", name="kit_pdf")
def kit_pdf_post(
    request: Request,
    profile_json: str = Form(""),
    zip: str = Form(""),
    source: str = Form("none"),
    owner: str = Form(""),
    questions: str | None = Form(None),
    letter_referral: str | None = Form(None),
    letter_records: str | None = Form(None),
    letter_slides: str | None = Form(None),
) -> Response:
    """The PDF with the patient's edited questions and letters."""
    stored = stored_case(request, owner or None) if source == "stored" else None
    if source == "stored" and stored is None:
        raise AuthError("Please sign in to download the kit made from your records.")
    if stored is not None:
        kit = _stored_kit(request, stored, zip)
    else:
        kit = build_kit(case_from_text(profile_json), _data(request), zip or None)
    edits = {"referral": letter_referral, "records": letter_records, "slides": letter_slides}
    apply_edits(kit, questions, {k: v for k, v in edits.items() if v is not None})
    return _pdf_response(kit_pdf(kit))


@router.get("/gaps", response_class=HTMLResponse, name="gaps_page")
def gaps_page(request: Request, owner: str | None = None) -> Response:
    """Biomarker gap check for the signed-in patient's records (or a shared one), or a form."""
    stored = stored_case(request, owner)
    report = _stored_kit(request, stored, None).gaps if stored and not stored.case.empty else None
    return render(
        request,
        "gaps.html",
        report=report,
        stored=stored,
        no_records=NO_RECORDS_GAPS if stored and stored.case.empty else None,
        profile_json="",
        error=None,
    )


@router.post("/gaps", response_class=HTMLResponse, name="gaps_form")
async def gaps_form(
    request: Request, profile_json: str = Form(""), profile_file: UploadFile | None = File(None)
) -> Response:
    """Biomarker gap check for a pasted or uploaded profile (nothing is stored)."""
    raw = await _upload_text(profile_file) or profile_json
    try:
        case = case_from_text(raw)
    except InputError as exc:
        return render(
            request,
            "gaps.html",
            status_code=400,
            report=None,
            stored=None,
            no_records=None,
            profile_json=raw[:200_000],
            error=str(exc),
        )
    report = build_kit(case, _data(request)).gaps
    return render(
        request,
        "gaps.html",
        report=report,
        stored=None,
        no_records=None,
        profile_json=raw[:200_000],
        error=None,
    )


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
