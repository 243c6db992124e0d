"""RecordsService: store uploads encrypted, read them in the background, build the patient's profile.

Callers (web, API, CLI) check `authorize` before calling; every method takes the owner id and only
ever touches that owner's rows, so a wrong id gives NotFoundError, never someone else's record.
Nothing here logs document text, file names or facts.
"""

from __future__ import annotations

import json
import logging
from typing import Any, cast

from sqlalchemy import delete, select

from onconav.config import Settings
from onconav.domain import Fact
from onconav.errors import FileTooLargeError, InputError, NotFoundError, OnconavError, UnsupportedFileError
from onconav.records import store
from onconav.records.limits import Limits
from onconav.records.store import CorrectionRow, DocumentInfo, DocumentRow, DocumentText, JobRow, Sealer
from onconav.storage.crypto import Crypto
from onconav.storage.db import Database
from onconav.storage.files import BlobStore

log = logging.getLogger("onconav.records")

_SUPPORTED = (
    "application/pdf",
    "image/jpeg",
    "image/png",
    "image/tiff",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/fhir+json",
    "text/plain",
)
UNSUPPORTED_MESSAGE = (
    "is not a supported record: upload a PDF, a photo or scan (JPEG, PNG, TIFF), "
    "a text or Word (.docx) file, or FHIR JSON."
)


def _display_name(filename: str) -> str:
    name = (filename or "").replace("\\", "/").rsplit("/", 1)[-1].strip()
    return name[:200] or "upload"


class RecordsService:
    """Uploads, background processing, profile, corrections, deletion and export of records."""

    def __init__(self, settings: Settings, db: Database, crypto: Crypto, blobs: BlobStore) -> None:
        self.settings = settings
        self.db = db
        self.crypto = crypto
        self.blobs = blobs
        self.sealer = Sealer(crypto)
        # Limits' settings protocol declares plain (settable) attributes; Settings is frozen.
        self.limits = Limits.from_settings(cast(Any, settings))

    # ------------------------------------------------------------------ upload and processing

    def check_upload(self, filename: str, data: bytes) -> str:
        """The media type read from the content, or a clear InputError (size, empty, unsupported)."""
        from onconav.records.parsers import detect

        name = _display_name(filename)
        if len(data) > self.limits.max_bytes:
            raise FileTooLargeError(
                f"'{name}' is {len(data) / 1e6:.1f} MB; the limit is {self.limits.max_bytes / 1e6:.0f} MB."
            )
        if not data.strip():
            raise InputError(f"'{name}' is empty.")
        media = detect.sniff(data)
        if media not in _SUPPORTED:
            if media == "application/zip":
                raise UnsupportedFileError(f"'{name}' is a zip archive; upload the documents inside it.")
            raise UnsupportedFileError(f"'{name}' {UNSUPPORTED_MESSAGE}")
        detect.check_claim(name, media)
        return media

    def upload(self, owner_id: str, filename: str, data: bytes) -> str:
        """Store an upload encrypted and queue it for reading; returns the new document id."""
        media = self.check_upload(filename, data)
        blob_id = self.blobs.put(owner_id, data)
        doc_id, stamp = store.new_id(), store.now()
        with self.db.session() as s:
            s.add(
                DocumentRow(
                    id=doc_id,
                    owner_id=owner_id,
                    status="queued",
                    media_type=media,
                    size=len(data),
                    created_at=stamp,
                    updated_at=stamp,
                    blob_id=blob_id,
                    name_enc=self.sealer.seal(owner_id, "name", doc_id, _display_name(filename)),
                )
            )
            s.add(
                JobRow(
                    id=store.new_id(),
                    document_id=doc_id,
                    owner_id=owner_id,
                    created_at=stamp,
                    updated_at=stamp,
                )
            )
        return doc_id

    def _set_status(self, doc_id: str, status: str) -> DocumentRow:
        with self.db.session() as s:
            row = s.get(DocumentRow, doc_id)
            if row is None:
                raise NotFoundError("no such document")
            row.status, row.updated_at = status, store.now()
            return row

    def process(self, doc_id: str) -> str:
        """Read one stored document (parse, classify, extract); returns its final status."""
        from onconav.records.parsers import parse_bytes
        from onconav.records.pipeline import document_facts

        row = self._set_status(doc_id, "processing")
        owner = row.owner_id
        try:
            data = self.blobs.get(owner, row.blob_id)
            name = self.sealer.open(owner, "name", doc_id, row.name_enc)
            doc = parse_bytes(data, name, self.limits)
            facts = document_facts(doc, doc_id)
        except OnconavError as exc:
            return self._fail(doc_id, str(exc))
        except Exception as exc:  # noqa: BLE001 - one bad document must never stop the others
            log.warning("document %s failed: %s", doc_id, type(exc).__name__)
            return self._fail(
                doc_id, "This document could not be read (an internal error); try reprocessing."
            )
        for f in facts:
            for ev in f.evidence:
                ev.document = doc_id  # FHIR facts name the file; evidence always points at the id
        pages = [{"number": p.number, "text": p.text, "ocr_confidence": p.ocr_confidence} for p in doc.pages]
        with self.db.session() as s:
            r = s.get(DocumentRow, doc_id)
            if r is None:  # deleted while it was being read
                return "deleted"
            r.status, r.updated_at, r.error_enc = "done", store.now(), None
            r.kind, r.pages, r.ocr, r.media_type = doc.kind, len(doc.pages), bool(doc.ocr), doc.media_type
            r.text_enc = self.sealer.seal(
                owner, "text", doc_id, {"pages": pages, "warnings": doc.warnings, "date": doc.document_date}
            )
            r.facts_enc = self.sealer.seal(owner, "facts", doc_id, [f.to_json() for f in facts])
        return "done"

    def _fail(self, doc_id: str, message: str) -> str:
        with self.db.session() as s:
            r = s.get(DocumentRow, doc_id)
            if r is None:
                return "deleted"
            r.status, r.updated_at = "error", store.now()
            r.error_enc = self.sealer.seal(r.owner_id, "error", doc_id, message)
            r.text_enc = r.facts_enc = None
        return "error"

    def reprocess(self, owner_id: str | None = None) -> int:
        """Queue every stored document (of one owner, or all) to be read again; returns how many."""
        stamp = store.now()
        with self.db.session() as s:
            q = select(DocumentRow)
            if owner_id is not None:
                q = q.where(DocumentRow.owner_id == owner_id)
            rows = list(s.scalars(q))
            waiting = set(s.scalars(select(JobRow.document_id).where(JobRow.status == "pending")))
            for r in rows:
                r.status, r.updated_at = "queued", stamp
                if r.id in waiting:  # already queued: one read is enough
                    continue
                s.add(
                    JobRow(
                        id=store.new_id(),
                        document_id=r.id,
                        owner_id=r.owner_id,
                        created_at=stamp,
                        updated_at=stamp,
                    )
                )
        return len(rows)

    # ------------------------------------------------------------------ reading

    def _row(self, owner_id: str, doc_id: str) -> DocumentRow:
        with self.db.session() as s:
            row = s.get(DocumentRow, doc_id)
        if row is None or row.owner_id != owner_id:
            raise NotFoundError("That document does not exist (or was deleted).")
        return row

    def owner_of(self, doc_id: str) -> str:
        """The owner id of a document (NotFoundError if absent); callers then `authorize`."""
        with self.db.session() as s:
            row = s.get(DocumentRow, doc_id)
        if row is None:
            raise NotFoundError("That document does not exist (or was deleted).")
        return row.owner_id

    def _info(self, row: DocumentRow) -> DocumentInfo:
        o = row.owner_id
        text = self.sealer.open(o, "text", row.id, row.text_enc) if row.status == "done" else None
        return DocumentInfo(
            id=row.id,
            owner_id=o,
            name=self.sealer.open(o, "name", row.id, row.name_enc),
            status=row.status,
            kind=row.kind,
            pages=row.pages,
            ocr=row.ocr,
            media_type=row.media_type,
            size=row.size,
            created_at=row.created_at,
            updated_at=row.updated_at,
            error=self.sealer.open(o, "error", row.id, row.error_enc),
            warnings=list((text or {}).get("warnings") or []),
        )

    def list_documents(self, owner_id: str) -> list[DocumentInfo]:
        """The owner's documents, newest first."""
        with self.db.session() as s:
            rows = list(
                s.scalars(
                    select(DocumentRow)
                    .where(DocumentRow.owner_id == owner_id)
                    .order_by(DocumentRow.created_at.desc(), DocumentRow.id)
                )
            )
        return [self._info(r) for r in rows]

    def document(self, owner_id: str, doc_id: str) -> DocumentInfo:
        """One document's metadata."""
        return self._info(self._row(owner_id, doc_id))

    def document_text(self, owner_id: str, doc_id: str) -> DocumentText:
        """A document's text by page (empty until it has been read)."""
        row = self._row(owner_id, doc_id)
        payload = self.sealer.open(owner_id, "text", doc_id, row.text_enc) or {}
        return DocumentText(info=self._info(row), pages=list(payload.get("pages") or []))

    def original(self, owner_id: str, doc_id: str) -> tuple[str, str, bytes]:
        """(file name, media type, bytes) of the uploaded original."""
        row = self._row(owner_id, doc_id)
        return (
            self.sealer.open(owner_id, "name", doc_id, row.name_enc),
            row.media_type,
            self.blobs.get(owner_id, row.blob_id),
        )

    def stored_facts(self, owner_id: str) -> list[tuple[str, str | None, Fact]]:
        """(document id, document kind, fact) for every fact of the owner's read documents."""
        from onconav.records.facts_view import fact_from_json

        out: list[tuple[str, str | None, Fact]] = []
        with self.db.session() as s:
            rows = list(
                s.scalars(
                    select(DocumentRow)
                    .where(DocumentRow.owner_id == owner_id, DocumentRow.status == "done")
                    .order_by(DocumentRow.created_at, DocumentRow.id)
                )
            )
        for r in rows:
            for item in self.sealer.open(owner_id, "facts", r.id, r.facts_enc) or []:
                out.append((r.id, r.kind, fact_from_json(item)))
        return out

    def pending_count(self, owner_id: str) -> int:
        """How many of the owner's documents are still queued or being read."""
        with self.db.session() as s:
            q = select(DocumentRow.id).where(
                DocumentRow.owner_id == owner_id, DocumentRow.status.in_(("queued", "processing"))
            )
            return len(list(s.scalars(q)))

    # ------------------------------------------------------------------ profile and corrections

    def profile(self, owner_id: str) -> Any:
        """The owner's merged profile with fact ids, conflicts, corrections and what is missing."""
        from onconav.records.facts_view import build_view

        done = any(d.status == "done" for d in self.list_documents(owner_id))
        return build_view(self.stored_facts(owner_id), self._corrections(owner_id), has_documents=done)

    def _corrections(self, owner_id: str) -> dict[str, tuple[str, Any, str]]:
        with self.db.session() as s:
            rows = list(
                s.scalars(
                    select(CorrectionRow)
                    .where(CorrectionRow.owner_id == owner_id)
                    .order_by(CorrectionRow.created_at, CorrectionRow.id)
                )
            )
        return {
            r.fact_id: (r.action, self.sealer.open(owner_id, "correction", r.id, r.value_enc), r.created_at)
            for r in rows
        }

    def set_fact(self, owner_id: str, fact_id: str, action: str, value: str | None = None) -> None:
        """Confirm, correct (the patient's value kept as their own fact), delete, or undo any of these."""
        from onconav.records.facts_view import coerce_value, fact_id_of

        if action not in store.CORRECTION_ACTIONS:
            raise InputError("action must be confirm, correct, delete or undo")
        if fact_id.startswith("p"):  # the patient's own value: only undo makes sense
            fact_id, action = fact_id[1:], "undo"
        found = [(d, f) for d, _k, f in self.stored_facts(owner_id) if fact_id_of(d, f) == fact_id]
        if not found:
            raise NotFoundError("That fact does not exist (or its document was deleted).")
        doc_id, fact = found[0]
        new_value = coerce_value(fact, value) if action == "correct" else None
        with self.db.session() as s:
            for old in s.scalars(
                select(CorrectionRow).where(
                    CorrectionRow.owner_id == owner_id, CorrectionRow.fact_id == fact_id
                )
            ):
                s.delete(old)
            if action == "undo":
                return
            cid = store.new_id()
            s.add(
                CorrectionRow(
                    id=cid,
                    owner_id=owner_id,
                    fact_id=fact_id,
                    document_id=doc_id,
                    action=action,
                    value_enc=self.sealer.seal(owner_id, "correction", cid, new_value),
                    created_at=store.now(),
                )
            )

    def delete_document(self, owner_id: str, doc_id: str) -> None:
        """Delete a document, its encrypted original, its facts, jobs and the corrections made to them."""
        row = self._row(owner_id, doc_id)
        if self.blobs.exists(owner_id, row.blob_id):
            self.blobs.delete(owner_id, row.blob_id)
        with self.db.session() as s:
            s.execute(delete(CorrectionRow).where(CorrectionRow.document_id == doc_id))
            s.execute(delete(JobRow).where(JobRow.document_id == doc_id))
            s.execute(delete(DocumentRow).where(DocumentRow.id == doc_id))

    # ------------------------------------------------------------------ export

    def export_profile_json(self, owner_id: str) -> dict[str, Any]:
        """The profile, every fact with its evidence and status, conflicts and gaps, as JSON."""
        view = self.profile(owner_id)
        out: dict[str, Any] = view.to_json()
        out["documents"] = [
            {k: v for k, v in d.to_json().items() if k not in ("warnings",)}
            for d in self.list_documents(owner_id)
        ]
        return out

    def export_fhir_bundle(self, owner_id: str) -> dict[str, Any]:
        """The profile as a FHIR R4 collection Bundle."""
        from onconav.records.fhir_export import profile_bundle

        view = self.profile(owner_id)
        return profile_bundle(
            view.profile, [v.fact for v in view.facts if v.status not in ("deleted", "corrected")]
        )

    def export_files(self, owner_id: str) -> dict[str, bytes]:
        """Everything for an account export: originals, profile JSON and the FHIR Bundle."""
        files: dict[str, bytes] = {}
        for info in self.list_documents(owner_id):
            try:
                name, _media, data = self.original(owner_id, info.id)
            except NotFoundError:
                continue
            files[f"originals/{info.id[:8]}-{name}"] = data
        files["profile.json"] = json.dumps(
            self.export_profile_json(owner_id), indent=2, ensure_ascii=False
        ).encode("utf-8")
        files["profile.fhir.json"] = json.dumps(
            self.export_fhir_bundle(owner_id), indent=2, ensure_ascii=False
        ).encode("utf-8")
        return files


def service_for(db: Database) -> RecordsService:
    """One RecordsService per Database (shares the Crypto data-key cache)."""
    svc: RecordsService | None = getattr(db, "_onconav_records", None)
    if svc is None:
        from onconav.storage.crypto import crypto_for

        crypto = crypto_for(db)
        svc = RecordsService(db.settings, db, crypto, BlobStore(db.settings, crypto))
        db._onconav_records = svc  # type: ignore[attr-defined]
    return svc
