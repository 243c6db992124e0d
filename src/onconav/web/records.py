"""Pages for the patient's records: upload and status (/records), one document with its evidence
highlighted (/records/{doc_id}), the profile (/profile) with confirm / correct / delete, and downloads.

`install(app)` starts the background readers with the app and resumes unfinished jobs.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import APIRouter, Depends, FastAPI, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from onconav.errors import InputError, OnconavError
from onconav.records.jobs import runner_for
from onconav.records.service import RecordsService, service_for
from onconav.runtime import Runtime
from onconav.security import audit
from onconav.security.authz import User, authorize, client_ip, require_user
from onconav.storage.db import Database
from onconav.web.render import render

router = APIRouter(include_in_schema=False)
MAX_FILES = 20


def _db(request: Request) -> Database:
    rt: Runtime = request.app.state.runtime
    return rt.db


def _svc(request: Request) -> RecordsService:
    return service_for(_db(request))


def install(app: FastAPI) -> None:
    """Run the records workers for the app's lifetime; unfinished jobs are resumed at startup."""
    original = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(a: Any) -> AsyncIterator[Any]:
        async with original(a) as state:
            runner = runner_for(app.state.runtime.db)
            runner.resume()
            runner.start()
            try:
                yield state
            finally:
                runner.stop()

    app.router.lifespan_context = lifespan


def _owner(request: Request, user: User, scope: str, action: str, owner: str | None) -> str:
    """The owner whose data is asked for (the user, or someone who shared it), after `authorize`."""
    owner_id = owner or user.id
    authorize(_db(request), user, owner_id, scope, action, ip=client_ip(request))
    return owner_id


def _list_context(request: Request, owner_id: str) -> dict[str, Any]:
    svc = _svc(request)
    docs = svc.list_documents(owner_id)
    return {
        "documents": docs,
        "pending": any(d.status in ("queued", "processing") for d in docs),
        "owner_id": owner_id,
        "own": owner_id == require_user(request).id,
    }


@router.get("/records", response_class=HTMLResponse, name="records_home")
def records_home(request: Request, owner: str | None = None, user: User = Depends(require_user)) -> Response:
    """Upload form and the list of documents with their status."""
    owner_id = _owner(request, user, "documents", "read", owner)
    return render(
        request,
        "records.html",
        **_list_context(request, owner_id),
        accepted=0,
        errors=[],
        max_mb=_svc(request).settings.max_upload_mb,
    )


@router.post("/records", response_class=HTMLResponse, name="records_upload")
def records_upload(
    request: Request, files: list[UploadFile] = File(default=[]), user: User = Depends(require_user)
) -> Response:
    """Store each uploaded file and queue it; per-file errors are shown, the others still accepted."""
    svc = _svc(request)
    authorize(_db(request), user, user.id, "documents", "write", ip=client_ip(request))
    errors: list[dict[str, str]] = []
    accepted = 0
    chosen = [f for f in files if f.filename]
    if not chosen:
        errors.append({"file": "", "error": "Choose at least one file to upload."})
    for f in chosen[:MAX_FILES]:
        try:
            data = f.file.read(svc.limits.max_bytes + 1)
            doc_id = svc.upload(user.id, f.filename or "upload", data)
            audit.record(
                _db(request),
                user.id,
                "records.upload",
                owner_id=user.id,
                record_id=doc_id,
                ip=client_ip(request),
            )
            accepted += 1
        except OnconavError as exc:
            errors.append({"file": f.filename or "", "error": str(exc)})
    if len(chosen) > MAX_FILES:
        errors.append({"file": "", "error": f"Only {MAX_FILES} files can be uploaded at once."})
    if accepted:
        runner = runner_for(_db(request))
        runner.start()
        runner.notify()
    status = 202 if accepted else 400
    return render(
        request,
        "records.html",
        status_code=status,
        **_list_context(request, user.id),
        accepted=accepted,
        errors=errors,
        max_mb=svc.settings.max_upload_mb,
    )


@router.get("/records/status", response_class=HTMLResponse, name="records_status")
def records_status(
    request: Request, owner: str | None = None, user: User = Depends(require_user)
) -> Response:
    """The document list alone (htmx polls it every 2 s while documents are being read)."""
    owner_id = _owner(request, user, "documents", "read", owner)
    return render(request, "records_list.html", **_list_context(request, owner_id))


def _highlight(
    pages: list[dict[str, Any]], page: int | None, start: int | None, end: int | None
) -> list[dict[str, Any]]:
    """Pages split into before / marked / after when a valid span is asked for."""
    out = []
    for p in pages:
        text = str(p.get("text") or "")
        number = int(p.get("number") or 0)
        item: dict[str, Any] = {"number": number, "text": text, "confidence": p.get("ocr_confidence")}
        if (
            start is not None
            and end is not None
            and 0 <= start < end <= len(text)
            and (page is None or page == number)
        ):
            item.update(before=text[:start], mark=text[start:end], after=text[end:])
            page = number  # mark only the first matching page
            start = end = None
        out.append(item)
    return out


@router.get("/records/{doc_id}", response_class=HTMLResponse, name="records_document")
def records_document(
    request: Request,
    doc_id: str,
    page: int | None = None,
    start: int | None = None,
    end: int | None = None,
    user: User = Depends(require_user),
) -> Response:
    """One document's text, with the words of a fact highlighted when a span is given."""
    svc = _svc(request)
    owner_id = svc.owner_of(doc_id)
    authorize(_db(request), user, owner_id, "documents", "read", record_id=doc_id, ip=client_ip(request))
    doc = svc.document_text(owner_id, doc_id)
    return render(
        request,
        "records_document.html",
        doc=doc.info,
        pages=_highlight(doc.pages, page, start, end),
        own=owner_id == user.id,
    )


@router.get("/records/{doc_id}/original", name="records_original")
def records_original(request: Request, doc_id: str, user: User = Depends(require_user)) -> Response:
    """Download the uploaded original (decrypted)."""
    svc = _svc(request)
    owner_id = svc.owner_of(doc_id)
    authorize(_db(request), user, owner_id, "documents", "read", record_id=doc_id, ip=client_ip(request))
    name, media, data = svc.original(owner_id, doc_id)
    safe = "".join(c if c.isalnum() or c in "._-" else "_" for c in name)[:100] or "record"
    return Response(
        data,
        media_type=media or "application/octet-stream",
        headers={"Content-Disposition": f'attachment; filename="{safe}"'},
    )


@router.post("/records/{doc_id}/delete", name="records_delete")
def records_delete(request: Request, doc_id: str, user: User = Depends(require_user)) -> Response:
    """Delete a document and everything read from it."""
    svc = _svc(request)
    owner_id = svc.owner_of(doc_id)
    authorize(_db(request), user, owner_id, "documents", "delete", record_id=doc_id, ip=client_ip(request))
    svc.delete_document(owner_id, doc_id)
    audit.record(
        _db(request), user.id, "records.delete", owner_id=owner_id, record_id=doc_id, ip=client_ip(request)
    )
    return RedirectResponse("/records", status_code=303)


@router.get("/profile", response_class=HTMLResponse, name="profile_page")
def profile_page(request: Request, owner: str | None = None, user: User = Depends(require_user)) -> Response:
    """The profile: facts by group with their sources, conflicts and what we could not find."""
    owner_id = _owner(request, user, "profile", "read", owner)
    svc = _svc(request)
    view = svc.profile(owner_id)
    return render(
        request,
        "profile.html",
        view=view,
        groups=view.grouped(),
        own=owner_id == user.id,
        pending=svc.pending_count(owner_id),
        deleted=[v for v in view.facts if v.status == "deleted"],
        message=request.query_params.get("saved"),
    )


@router.post("/profile/facts/{fact_id}", name="profile_fact")
def profile_fact(
    request: Request,
    fact_id: str,
    action: str = Form(...),
    value: str = Form(default=""),
    user: User = Depends(require_user),
) -> Response:
    """Confirm, correct, delete or restore one fact, then go back to the profile."""
    authorize(_db(request), user, user.id, "profile", "write", record_id=fact_id, ip=client_ip(request))
    try:
        _svc(request).set_fact(user.id, fact_id, action, value)
    except InputError as exc:
        view = _svc(request).profile(user.id)
        return render(
            request,
            "profile.html",
            status_code=400,
            view=view,
            groups=view.grouped(),
            own=True,
            pending=0,
            deleted=[v for v in view.facts if v.status == "deleted"],
            error=str(exc),
            message=None,
        )
    audit.record(
        _db(request),
        user.id,
        f"profile.fact.{action}"[:60],
        owner_id=user.id,
        record_id=fact_id,
        ip=client_ip(request),
    )
    return RedirectResponse(f"/profile?saved={action}#fact-{fact_id}", status_code=303)


def _download(data: dict[str, Any], name: str, media: str) -> Response:
    body = json.dumps(data, indent=2, ensure_ascii=False, default=str)
    return Response(body, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.get("/profile.json", name="profile_json")
def profile_json(request: Request, owner: str | None = None, user: User = Depends(require_user)) -> Response:
    """Download the profile, every fact and its evidence as JSON."""
    owner_id = _owner(request, user, "profile", "read", owner)
    audit.record(_db(request), user.id, "profile.export", owner_id=owner_id, ip=client_ip(request))
    return _download(_svc(request).export_profile_json(owner_id), "profile.json", "application/json")


@router.get("/profile.fhir.json", name="profile_fhir")
def profile_fhir(request: Request, owner: str | None = None, user: User = Depends(require_user)) -> Response:
    """Download the profile as a FHIR R4 Bundle."""
    owner_id = _owner(request, user, "profile", "read", owner)
    audit.record(_db(request), user.id, "profile.export", owner_id=owner_id, ip=client_ip(request))
    return _download(_svc(request).export_fhir_bundle(owner_id), "profile.fhir.json", "application/fhir+json")
