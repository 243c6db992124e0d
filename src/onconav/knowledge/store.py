"""The knowledge base: documents in the database, passages in the search index, and a version."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import String, Text, func, select
from sqlalchemy.orm import Mapped, mapped_column

from onconav.config import Settings
from onconav.domain import Document, Passage
from onconav.errors import NotFoundError, OnconavError
from onconav.knowledge.importers import documents_from_path
from onconav.knowledge.sections import content_hash
from onconav.search.bm25 import Bm25Index
from onconav.storage.db import Base, Database

log = logging.getLogger(__name__)
IMPORTABLE = {".md", ".markdown", ".jsonl", ".ndjson", ".pdf", ".html", ".htm"}


class KbDocument(Base):
    __tablename__ = "kb_documents"
    doc_id: Mapped[str] = mapped_column(String(300), primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(Text)
    cancer_types: Mapped[str] = mapped_column(Text, default="")
    payload: Mapped[str] = mapped_column(Text)  # JSON of the Document with passages
    imported_at: Mapped[str] = mapped_column(String(40))


class KbMeta(Base):
    __tablename__ = "kb_meta"
    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


@dataclass
class ImportReport:
    """What an import did: counts and the files that failed (with why)."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    version: str = ""


def document_from_json(data: dict[str, Any]) -> Document:
    """Rebuild a Document (with passages) from its stored JSON."""
    passages = [Passage(**p) for p in data.pop("passages", [])]
    return Document(**data, passages=passages)


class KnowledgeStore:
    """Documents + index + version. Importing is idempotent."""

    def __init__(self, settings: Settings, db: Database | None = None) -> None:
        self.settings = settings
        self.db = db or Database(settings)
        self.index = Bm25Index(settings.index_dir / "bm25", tags_for=_tag_terms())
        self._version: str | None = None
        self._stamp = settings.index_dir / "bm25" / "KB_VERSION"
        stamped = self._stamp.read_text().strip() if self._stamp.exists() else ""
        if self.index.was_reset or stamped != self.version:
            self.reindex()
            self._stamp.write_text(self.version)

    def reindex(self) -> int:
        """Rebuild the search index from the stored documents (after a schema change or a lost index)."""
        self.index.clear()
        batch: list[Document] = []
        count = 0
        with self.db.session() as s:
            for row in s.scalars(select(KbDocument)):
                batch.append(document_from_json(json.loads(row.payload)))
                if len(batch) >= 200:
                    self.index.add(batch)
                    count += len(batch)
                    batch = []
        self.index.add(batch)
        return count + len(batch)

    # ----------------------------------------------------------------- import

    def import_paths(
        self, paths: Iterable[Path], progress: Callable[[str], None] | None = None
    ) -> ImportReport:
        """Import files or folders; bad files are reported and skipped, the rest imported."""
        report = ImportReport()
        batch: list[Document] = []
        for path in expand_paths(paths):
            if progress:  # one tick per file, whether it imports or fails
                progress(str(path))
            if not path.exists():
                report.failed.append((str(path), "file not found"))
                continue
            try:
                docs = list(documents_from_path(path))
            except OnconavError as exc:
                report.failed.append((str(path), str(exc)))
                continue
            except Exception as exc:  # an importer bug must not lose the rest of the import
                log.warning("import failed for a file: %s", type(exc).__name__)
                report.failed.append((str(path), f"could not import: {type(exc).__name__}"))
                continue
            batch.extend(docs)
            if len(batch) >= 200:
                self._store(batch, report)
                batch = []
        self._store(batch, report)
        report.version = self.refresh_version()
        return report

    def add_documents(self, docs: list[Document]) -> ImportReport:
        """Add already-built documents (used by tests and programmatic loaders)."""
        report = ImportReport()
        self._store(docs, report)
        report.version = self.refresh_version()
        return report

    def _store(self, docs: list[Document], report: ImportReport) -> None:
        if not docs:
            return
        now = datetime.now(UTC).isoformat(timespec="seconds")
        changed: list[Document] = []
        with self.db.session() as s:
            existing = {
                row.doc_id: row.content_hash
                for row in s.execute(
                    select(KbDocument.doc_id, KbDocument.content_hash).where(
                        KbDocument.doc_id.in_([d.doc_id for d in docs])
                    )
                )
            }
            for doc in docs:
                old = existing.get(doc.doc_id)
                if old == doc.content_hash:
                    report.unchanged += 1
                    continue
                report.updated += old is not None
                report.added += old is None
                changed.append(doc)
                s.merge(
                    KbDocument(
                        doc_id=doc.doc_id,
                        content_hash=doc.content_hash,
                        title=doc.title,
                        cancer_types=" ".join(doc.cancer_types),
                        payload=json.dumps(asdict(doc)),
                        imported_at=now,
                    )
                )
        if changed:
            self.index.add(changed)

    def remove(self, doc_ids: list[str]) -> int:
        """Delete documents from the knowledge base."""
        with self.db.session() as s:
            rows = s.scalars(select(KbDocument).where(KbDocument.doc_id.in_(doc_ids))).all()
            for row in rows:
                s.delete(row)
        self.index.delete(doc_ids)
        self.refresh_version()
        return len(rows)

    # ----------------------------------------------------------------- reading

    def refresh_version(self) -> str:
        """Recompute the version from every document's content hash."""
        with self.db.session() as s:
            hashes = s.execute(select(KbDocument.doc_id, KbDocument.content_hash).order_by(KbDocument.doc_id))
            version = content_hash(*(f"{d}={h}" for d, h in hashes))[:12]
            s.merge(KbMeta(key="version", value=version))
        self._version = version
        self._stamp.write_text(version)
        return version

    @property
    def version(self) -> str:
        """The knowledge base version (changes when any content changes)."""
        if self._version is None:
            with self.db.session() as s:
                row = s.get(KbMeta, "version")
                self._version = row.value if row else self.refresh_version()
        return self._version

    def get_document(self, doc_id: str) -> Document:
        """A stored document with its passages, or NotFoundError."""
        with self.db.session() as s:
            row = s.get(KbDocument, doc_id)
            if row is None:
                raise NotFoundError(f"no document {doc_id!r} in the knowledge base")
            return document_from_json(json.loads(row.payload))

    def list_documents(self) -> list[tuple[str, str, str]]:
        """(doc_id, title, cancer types) of every document."""
        with self.db.session() as s:
            return [(r.doc_id, r.title, r.cancer_types) for r in s.scalars(select(KbDocument))]

    def document_count(self) -> int:
        """Number of documents (a single COUNT query; cheap enough for every page view)."""
        with self.db.session() as s:
            return int(s.scalar(select(func.count()).select_from(KbDocument)) or 0)

    def stats(self) -> dict[str, Any]:
        """Counts for `kb stats`."""
        with self.db.session() as s:
            docs = s.scalars(select(KbDocument)).all()
            kinds: dict[str, int] = {}
            for row in docs:
                kind = json.loads(row.payload).get("kind", "article")
                kinds[kind] = kinds.get(kind, 0) + 1
        return {
            "documents": len(docs),
            "passages": self.index.count(),
            "by_kind": kinds,
            "version": self.version,
        }

    def is_empty(self) -> bool:
        """True when nothing has been imported."""
        return self.index.count() == 0


def expand_paths(paths: Iterable[Path]) -> Iterable[Path]:
    """Files to import: the given files, and the importable files inside given folders."""
    for path in paths:
        if path.is_dir():
            yield from sorted(
                p
                for p in path.rglob("*")
                if p.suffix.lower() in IMPORTABLE
                and p.name.lower() != "readme.md"
                and "guidance" not in p.parts
            )
        else:
            yield path


def _tag_terms() -> dict[str, list[str]]:
    """OncoTree code -> words to index with documents tagged with that code."""
    try:
        from onconav.knowledge.vocabulary import Vocabulary

        vocab = Vocabulary.load()
        return {code: vocab.expansion_terms(code) for code in vocab.codes()}
    except Exception:  # vocabulary not available: index without tags
        return {}
