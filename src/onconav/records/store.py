"""Tables for uploaded records: documents, jobs and the patient's corrections (patient content encrypted).

Only what the app needs to schedule work and draw a status list is plaintext (status, kind, page
count, media type, size, dates). The file name, the extracted text, the facts and error messages
(which may quote the file name) are encrypted with the owner's data key; the original file lives in
the encrypted BlobStore.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Boolean, Integer, LargeBinary, String, delete
from sqlalchemy.orm import Mapped, mapped_column

from onconav.security.deletion import register_deleter
from onconav.security.export import register_exporter
from onconav.storage.crypto import Crypto
from onconav.storage.db import Base, Database

STATUSES = ("queued", "processing", "done", "error")
JOB_STATUSES = ("pending", "running", "done", "error")
CORRECTION_ACTIONS = ("confirm", "correct", "delete", "undo")


def new_id() -> str:
    """A random 32-hex-character id (unguessable, so ids never reveal how many records exist)."""
    return secrets.token_hex(16)


def now() -> str:
    """The current UTC time as ISO text."""
    return datetime.now(UTC).isoformat(timespec="seconds")


class DocumentRow(Base):
    """One uploaded record and the encrypted results of reading it."""

    __tablename__ = "records_documents"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    owner_id: Mapped[str] = mapped_column(String(80), index=True)
    status: Mapped[str] = mapped_column(String(12), default="queued")
    kind: Mapped[str | None] = mapped_column(String(40), nullable=True)
    pages: Mapped[int] = mapped_column(Integer, default=0)
    ocr: Mapped[bool] = mapped_column(Boolean, default=False)
    media_type: Mapped[str] = mapped_column(String(80), default="")
    size: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[str] = mapped_column(String(40))
    updated_at: Mapped[str] = mapped_column(String(40))
    blob_id: Mapped[str] = mapped_column(String(32))
    name_enc: Mapped[bytes] = mapped_column(LargeBinary)
    error_enc: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    text_enc: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    facts_enc: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)


class JobRow(Base):
    """A unit of background work (read one document); survives restarts."""

    __tablename__ = "records_jobs"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    document_id: Mapped[str] = mapped_column(String(32), index=True)
    owner_id: Mapped[str] = mapped_column(String(80), index=True)
    status: Mapped[str] = mapped_column(String(12), default="pending", index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[str] = mapped_column(String(40))
    updated_at: Mapped[str] = mapped_column(String(40))


class CorrectionRow(Base):
    """The patient's word on one extracted fact: confirmed, corrected (new value kept) or deleted."""

    __tablename__ = "records_corrections"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    owner_id: Mapped[str] = mapped_column(String(80), index=True)
    fact_id: Mapped[str] = mapped_column(String(40), index=True)
    document_id: Mapped[str] = mapped_column(String(32), index=True)
    action: Mapped[str] = mapped_column(String(10))
    value_enc: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    created_at: Mapped[str] = mapped_column(String(40))


@dataclass
class DocumentInfo:
    """What a document list shows (decrypted for its owner)."""

    id: str
    owner_id: str
    name: str
    status: str
    kind: str | None
    pages: int
    ocr: bool
    media_type: str
    size: int
    created_at: str
    updated_at: str
    error: str | None = None
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """JSON for the API."""
        return {k: getattr(self, k) for k in self.__dataclass_fields__ if k != "owner_id"}


@dataclass
class DocumentText:
    """A processed document's text by page."""

    info: DocumentInfo
    pages: list[dict[str, Any]]


class Sealer:
    """Encrypts and decrypts one owner's record fields, each bound to its row and column."""

    def __init__(self, crypto: Crypto) -> None:
        self.crypto = crypto

    def seal(self, owner_id: str, what: str, row_id: str, value: Any) -> bytes:
        """Encrypt a JSON-serialisable value for (owner, column, row)."""
        data = json.dumps(value, ensure_ascii=False, default=str).encode("utf-8")
        return self.crypto.encrypt_for(owner_id, data, f"records:{what}:{row_id}")

    def open(self, owner_id: str, what: str, row_id: str, blob: bytes | None) -> Any:
        """Decrypt what `seal` produced (None stays None)."""
        if blob is None:
            return None
        return json.loads(self.crypto.decrypt_for(owner_id, blob, f"records:{what}:{row_id}"))


def delete_owner_rows(db: Database, owner_id: str) -> None:
    """Remove every records row of an owner (their blobs are removed by the caller or BlobStore)."""
    with db.session() as s:
        for table in (CorrectionRow, JobRow, DocumentRow):
            s.execute(delete(table).where(table.owner_id == owner_id))


def _delete_everything(db: Database, owner_id: str) -> None:
    from onconav.storage.crypto import crypto_for
    from onconav.storage.files import BlobStore

    blobs = BlobStore(db.settings, crypto_for(db))
    with db.session() as s:
        ids = [r.blob_id for r in s.query(DocumentRow).filter(DocumentRow.owner_id == owner_id)]
    for blob_id in ids:
        if blobs.exists(owner_id, blob_id):
            blobs.delete(owner_id, blob_id)
    delete_owner_rows(db, owner_id)


def _export(db: Database, crypto: Crypto, owner_id: str) -> dict[str, bytes]:
    from onconav.records.service import RecordsService
    from onconav.storage.files import BlobStore

    service = RecordsService(db.settings, db, crypto, BlobStore(db.settings, crypto))
    return service.export_files(owner_id)


register_deleter(_delete_everything)
register_exporter("records", _export)
