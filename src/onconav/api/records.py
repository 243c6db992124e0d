"""JSON API for records and the profile: upload, list, read, delete, and confirm / correct / delete facts."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Depends, File, Request, UploadFile
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from onconav.errors import OnconavError
from onconav.records.jobs import runner_for
from onconav.records.service import RecordsService, service_for
from onconav.runtime import Runtime
from onconav.security import audit
from onconav.security.authz import User, authorize, client_ip, require_user
from onconav.storage.db import Database

router = APIRouter(prefix="/api", tags=["records"])
MAX_FILES = 20


class DocumentOut(BaseModel):
    """A stored document and how far reading it has got."""

    id: str
    name: str
    status: Literal["queued", "processing", "done", "error"]
    kind: str | None = None
    pages: int = 0
    ocr: bool = False
    media_type: str = ""
    size: int = 0
    created_at: str
    updated_at: str
    error: str | None = None
    warnings: list[str] = Field(default_factory=list)


class PageOut(BaseModel):
    number: int
    text: str
    ocr_confidence: float | None = None


class DocumentDetail(DocumentOut):
    text_pages: list[PageOut] = Field(default_factory=list)


class UploadError(BaseModel):
    file: str
    error: str
    detail: str


class UploadOut(BaseModel):
    """Accepted documents (queued for reading) and the files refused, each with its reason."""

    documents: list[DocumentOut]
    errors: list[UploadError] = Field(default_factory=list)


class FactAction(BaseModel):
    """What the patient says about a fact."""

    action: Literal["confirm", "correct", "delete", "undo"]
    value: str | None = Field(default=None, max_length=200, description="The correct value (for correct)")


def _db(request: Request) -> Database:
    rt: Runtime = request.app.state.runtime
    return rt.db


def _svc(request: Request) -> RecordsService:
    return service_for(_db(request))


def _doc_out(svc: RecordsService, owner_id: str, doc_id: str) -> DocumentOut:
    return DocumentOut(**svc.document(owner_id, doc_id).to_json())


@router.post(
    "/records", status_code=202, response_model=UploadOut, summary="Upload records (read in the background)"
)
def api_upload(
    request: Request, files: list[UploadFile] = File(...), user: User = Depends(require_user)
) -> Any:
    """Store files encrypted and queue them; returns at once. Refused files are listed with the reason."""
    svc = _svc(request)
    authorize(_db(request), user, user.id, "documents", "write", ip=client_ip(request))
    accepted: list[DocumentOut] = []
    errors: list[UploadError] = []
    first: OnconavError | None = None
    for f in files[:MAX_FILES]:
        try:
            doc_id = svc.upload(user.id, f.filename or "upload", f.file.read(svc.limits.max_bytes + 1))
            audit.record(
                _db(request),
                user.id,
                "records.upload",
                owner_id=user.id,
                record_id=doc_id,
                ip=client_ip(request),
            )
            accepted.append(_doc_out(svc, user.id, doc_id))
        except OnconavError as exc:
            first = first or exc
            errors.append(UploadError(file=f.filename or "", error=type(exc).__name__, detail=str(exc)))
    if accepted:
        runner = runner_for(_db(request))
        runner.start()
        runner.notify()
        return UploadOut(documents=accepted, errors=errors)
    status = first.status_code if first else 400
    detail = str(first) if first else f"Give at most {MAX_FILES} files."
    return JSONResponse(
        {
            "error": type(first).__name__ if first else "InputError",
            "detail": detail,
            "errors": [e.model_dump() for e in errors],
        },
        status_code=status,
    )


@router.get("/records", response_model=list[DocumentOut], summary="The signed-in user's documents")
def api_list(request: Request, user: User = Depends(require_user)) -> Any:
    """Documents with their reading status, newest first."""
    authorize(_db(request), user, user.id, "documents", "read", ip=client_ip(request))
    return [DocumentOut(**d.to_json()) for d in _svc(request).list_documents(user.id)]


@router.get("/records/{doc_id}", response_model=DocumentDetail, summary="One document with its text")
def api_document(request: Request, doc_id: str, user: User = Depends(require_user)) -> Any:
    """A document's status and its text by page (character offsets match the facts' evidence)."""
    svc = _svc(request)
    owner_id = svc.owner_of(doc_id)
    authorize(_db(request), user, owner_id, "documents", "read", record_id=doc_id, ip=client_ip(request))
    doc = svc.document_text(owner_id, doc_id)
    return DocumentDetail(**doc.info.to_json(), text_pages=[PageOut(**p) for p in doc.pages])


@router.delete("/records/{doc_id}", status_code=204, summary="Delete a document and everything read from it")
def api_delete(request: Request, doc_id: str, user: User = Depends(require_user)) -> Response:
    """Delete the original, its text, its facts and the corrections made to them."""
    svc = _svc(request)
    owner_id = svc.owner_of(doc_id)
    authorize(_db(request), user, owner_id, "documents", "delete", record_id=doc_id, ip=client_ip(request))
    svc.delete_document(owner_id, doc_id)
    audit.record(
        _db(request), user.id, "records.delete", owner_id=owner_id, record_id=doc_id, ip=client_ip(request)
    )
    return Response(status_code=204)


@router.get("/profile", summary="The clinical profile with facts, evidence, conflicts and gaps")
def api_profile(request: Request, user: User = Depends(require_user)) -> dict[str, Any]:
    """`profile` (the merged values), `facts` (each with id, status and evidence), `conflicts`, `missing`."""
    authorize(_db(request), user, user.id, "profile", "read", ip=client_ip(request))
    out: dict[str, Any] = _svc(request).profile(user.id).to_json()
    return out


@router.post("/profile/facts/{fact_id}", summary="Confirm, correct, delete or undo one fact")
def api_fact(
    request: Request, fact_id: str, body: FactAction, user: User = Depends(require_user)
) -> dict[str, Any]:
    """Record the patient's word on a fact; returns the updated profile."""
    authorize(_db(request), user, user.id, "profile", "write", record_id=fact_id, ip=client_ip(request))
    svc = _svc(request)
    svc.set_fact(user.id, fact_id, body.action, body.value)
    audit.record(
        _db(request),
        user.id,
        f"profile.fact.{body.action}",
        owner_id=user.id,
        record_id=fact_id,
        ip=client_ip(request),
    )
    out: dict[str, Any] = svc.profile(user.id).to_json()
    return out
