"""'Trials for you': trials matched to the signed-in patient's stored profile (or a pasted case summary),
with why each may fit, what is unknown and how to find out, what rules it out, and the nearest site."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response

from onconav.domain import Profile
from onconav.errors import InputError
from onconav.records.service import service_for
from onconav.runtime import Runtime
from onconav.security.authz import User, authorize, client_ip, require_user
from onconav.trials import service
from onconav.trials.matcher import MatchOptions
from onconav.trials.model import TrialMatch
from onconav.trials.printable import PRINT_CSS, render_printable
from onconav.trials.store import TrialStore
from onconav.web.render import render

router = APIRouter(include_in_schema=False)
SHOWN = 20
RULED_OUT = 10
MAX_SUMMARY = 20_000
PAGE_CSS = """
.trial { border: 1px solid var(--line, #ccc); border-radius: 8px; padding: .2rem 1rem .8rem; margin: 1rem 0; }
.trial h3 { margin-bottom: .2rem; } .trial .meta { color: var(--muted, #555); font-size: .9rem; }
.tag { font-size: .8rem; border: 1px solid currentColor; border-radius: 3px; padding: 0 .3rem; }
.tag-likely { color: #17603a; } .tag-uncertain { color: #7a5200; } .tag-ineligible { color: #8a1c1c; }
.trial-options { display: flex; flex-wrap: wrap; gap: 1rem; align-items: end; }
.trial-options label { display: block; } textarea.case { width: 100%; min-height: 8rem; }
"""


@dataclass
class Query:
    """What the patient asked for: ZIP, recruiting only, sort order."""

    zip: str = ""
    recruiting: bool = False
    sort: str = "score"
    errors: list[str] = field(default_factory=list)

    def options(self) -> MatchOptions:
        """Match options; a bad ZIP is reported on the page and left out rather than failing."""
        zip_code = self.zip.strip() or None
        if zip_code:
            try:
                service.options(zip_code)
            except InputError as exc:
                self.errors.append(str(exc))
                zip_code = None
        sort = self.sort if self.sort == "distance" and zip_code else "score"
        if self.sort == "distance" and not zip_code:
            self.errors.append("Sorting by distance needs a valid ZIP code; sorted by fit instead.")
        return service.options(zip_code, "recruiting" if self.recruiting else "any", sort)


def _store(request: Request) -> TrialStore:
    store: TrialStore | None = getattr(request.app.state, "trial_store", None)
    if store is None:
        store = service.open_store(request.app.state.settings)
        request.app.state.trial_store = store
    return store


def _stored_profile(request: Request, user: User, owner: str | None) -> tuple[str, Profile]:
    owner_id = owner or user.id
    rt: Runtime = request.app.state.runtime
    authorize(rt.db, user, owner_id, "trials", "read", ip=client_ip(request))
    return owner_id, service_for(rt.db).profile(owner_id).profile


def _match(request: Request, profile: Profile, text: str, query: Query) -> list[TrialMatch]:
    store = _store(request)
    if store.count() == 0:
        raise InputError(
            "No trials are stored yet. An administrator can add them with `onconav trials sync`."
        )
    opts = query.options()
    if text.strip() and profile.is_empty():
        return service.match_text(store, text, opts)
    return service.match_profile(store, profile.to_json(), opts, text=text)


def trial_view(m: TrialMatch) -> dict[str, Any]:
    """What the page shows for one trial."""
    met = [c for c in m.criteria if c.verdict == "met"]
    unknown = [c for c in m.criteria if c.verdict == "unknown" and c.kind not in {"consent", "other"}]
    return {
        "m": m,
        "summary": _short(m.trial.summary, 420),
        "met": met[:6],
        "unknown": unknown[:6],
        "more_unknown": max(0, len(unknown) - 6),
        "reasons": m.reasons[:3],
    }


def _short(text: str, n: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[:n].rsplit(" ", 1)[0] + "…"


def _page(
    request: Request,
    query: Query,
    matches: list[TrialMatch] | None,
    source: str,
    status: int = 200,
    **extra: Any,
) -> Response:
    matches = matches or []
    fits = [trial_view(m) for m in matches if m.eligibility != "ineligible"][:SHOWN]
    out = [trial_view(m) for m in matches if m.eligibility == "ineligible"][:RULED_OUT]
    return render(
        request, "trials.html", status_code=status, q=query, fits=fits, ruled_out=out, source=source, **extra
    )


@router.get("/trials.css", name="trials_css")
def trials_css() -> Response:
    """Styles for the trials pages (the site's CSP allows only same-origin stylesheets)."""
    return Response(
        PAGE_CSS + PRINT_CSS, media_type="text/css", headers={"Cache-Control": "public, max-age=3600"}
    )


@router.get("/trials", response_class=HTMLResponse, name="trials_page")
def trials_page(
    request: Request,
    zip: str = "",
    recruiting: str = "",
    sort: str = "score",
    owner: str | None = None,
    user: User = Depends(require_user),
) -> Response:
    """Trials matched to the stored profile, or a form to paste a case summary when there is none."""
    query = Query(zip=zip, recruiting=bool(recruiting), sort=sort)
    owner_id, profile = _stored_profile(request, user, owner)
    if profile.is_empty():
        return _page(request, query, None, "none", owner_id=owner_id)
    try:
        matches = _match(request, profile, "", query)
    except InputError as exc:
        return _page(request, query, None, "stored", error=str(exc), owner_id=owner_id)
    return _page(request, query, matches, "stored", owner_id=owner_id)


@router.post("/trials", response_class=HTMLResponse, name="trials_text")
def trials_text(
    request: Request,
    summary: str = Form(""),
    zip: str = Form(""),
    recruiting: str = Form(""),
    sort: str = Form("score"),
    user: User = Depends(require_user),
) -> Response:
    """Trials for a pasted case summary (not stored)."""
    query = Query(zip=zip, recruiting=bool(recruiting), sort=sort)
    if not summary.strip() or len(summary) > MAX_SUMMARY:
        msg = "Paste a case summary (up to 20,000 characters) to look for trials."
        return _page(request, query, None, "text", status=400, error=msg, summary=summary[:MAX_SUMMARY])
    try:
        matches = _match(request, Profile(), summary, query)
    except InputError as exc:
        return _page(request, query, None, "text", status=400, error=str(exc), summary=summary)
    return _page(request, query, matches, "text", summary=summary)


def _printable(request: Request, matches: list[TrialMatch], query: Query) -> Response:
    html = render_printable(matches, zip_code=query.zip or None, stylesheet="/trials.css")
    return HTMLResponse(html)


@router.get("/trials/print", response_class=HTMLResponse, name="trials_print")
def trials_print(
    request: Request,
    zip: str = "",
    recruiting: str = "",
    sort: str = "score",
    owner: str | None = None,
    user: User = Depends(require_user),
) -> Response:
    """A printable list for the stored profile, to bring to the oncologist."""
    query = Query(zip=zip, recruiting=bool(recruiting), sort=sort)
    _, profile = _stored_profile(request, user, owner)
    if profile.is_empty():
        raise InputError("Your profile is empty: upload records, or paste a case summary on the trials page.")
    return _printable(request, _match(request, profile, "", query), query)


@router.post("/trials/print", response_class=HTMLResponse, name="trials_print_text")
def trials_print_text(
    request: Request,
    summary: str = Form(""),
    zip: str = Form(""),
    recruiting: str = Form(""),
    sort: str = Form("score"),
    user: User = Depends(require_user),
) -> Response:
    """A printable list for a pasted case summary."""
    query = Query(zip=zip, recruiting=bool(recruiting), sort=sort)
    if not summary.strip() or len(summary) > MAX_SUMMARY:
        raise InputError("Paste a case summary (up to 20,000 characters) to make a printable list.")
    return _printable(request, _match(request, Profile(), summary, query), query)
