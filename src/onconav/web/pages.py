"""Public pages: home, ask, answer permalink, source view, browse."""

from __future__ import annotations

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from onconav.answers.text import UPLOAD_INVITATION
from onconav.domain import Profile
from onconav.errors import InputError
from onconav.records.service import service_for
from onconav.runtime import Runtime
from onconav.web.render import render

router = APIRouter(include_in_schema=False)

EXAMPLES = (
    "How do I get a second opinion for ampullary cancer without offending my oncologist?",
    "What records should I bring to a second opinion?",
    "What biomarker tests should my lung cancer have?",
    "What does stage IIIA colon cancer mean?",
    "I have a fever during chemo. What should I do?",
    "My oncologist and the second doctor recommend different treatments. What now?",
)


def runtime(request: Request) -> Runtime:
    """The app's runtime (settings and services)."""
    rt: Runtime = request.app.state.runtime
    return rt


def viewer_id(request: Request) -> str | None:
    """The signed-in user's id, if any (set by the accounts middleware)."""
    user = getattr(request.state, "user", None)
    return getattr(user, "id", None)


@router.get("/", response_class=HTMLResponse, name="home")
def home(request: Request) -> Response:
    """The home page: ask box and examples."""
    return render(
        request,
        "home.html",
        examples=EXAMPLES,
        stats=_kb_summary(runtime(request)),
        question="",
        has_profile=has_records(request),
    )


def _kb_summary(rt: Runtime) -> dict[str, object]:
    """What the home page shows about the knowledge base (no per-document work)."""
    return {"documents": rt.kb.document_count(), "version": rt.kb.version}


def stored_profile(request: Request) -> Profile | None:
    """The signed-in patient's own profile from their records, if they have one."""
    user_id = viewer_id(request)
    if user_id is None:
        return None
    profile = service_for(runtime(request).db).profile(user_id).profile
    return None if profile.is_empty() else profile


def has_records(request: Request) -> bool:
    """Whether the signed-in user has read records (cheap: no facts are decrypted)."""
    user_id = viewer_id(request)
    if user_id is None:
        return False
    return any(d.status == "done" for d in service_for(runtime(request).db).list_documents(user_id))


@router.post("/ask", name="ask_form")
def ask_form(request: Request, question: str = Form(""), use_records: str = Form("")) -> Response:
    """Answer a question from the form and redirect to its permalink (private when records are used)."""
    rt = runtime(request)
    profile = stored_profile(request) if use_records else None
    try:
        answer = rt.answers.ask(question, owner_id=viewer_id(request), profile=profile)
    except InputError as exc:
        return render(
            request,
            "home.html",
            status_code=400,
            examples=EXAMPLES,
            stats=_kb_summary(rt),
            question=question[:2000],
            error=str(exc),
        )
    return RedirectResponse(f"/answers/{answer.id}", status_code=303)


@router.get("/answers/{answer_id}", response_class=HTMLResponse, name="answer_page")
def answer_page(request: Request, answer_id: str) -> Response:
    """An answer by its permalink (personal answers only for their owner)."""
    answer = runtime(request).answers.get(answer_id, viewer_id=viewer_id(request))
    return render(
        request,
        "answer.html",
        answer=answer,
        personal=bool(answer.personal_facts),
        upload_invitation=UPLOAD_INVITATION,
    )


@router.get("/docs/{doc_id:path}", response_class=HTMLResponse, name="source_page")
def source_page(request: Request, doc_id: str, chunk: str = "") -> Response:
    """A knowledge-base document with the cited passage highlighted."""
    doc = runtime(request).kb.get_document(doc_id)
    return render(request, "source.html", doc=doc, chunk=chunk)


@router.get("/kb/{slug}", name="kb_article")
def kb_article(slug: str) -> Response:
    """Short link to a starter-pack article."""
    return RedirectResponse(f"/docs/onconav:{slug}", status_code=307)


@router.get("/browse", response_class=HTMLResponse, name="browse_page")
def browse(request: Request) -> Response:
    """Answered questions by cancer type, and the pack's articles."""
    rt = runtime(request)
    articles = sorted(
        ((d, t) for d, t, _ in rt.kb.list_documents() if d.startswith("onconav:")), key=lambda x: x[1].lower()
    )
    return render(request, "browse.html", groups=rt.answers.browse(), articles=articles)


@router.get("/healthz", name="healthz")
def healthz(request: Request) -> dict[str, object]:
    """Liveness and knowledge-base version."""
    rt = runtime(request)
    return {"status": "ok", "kb_version": rt.kb.version}
