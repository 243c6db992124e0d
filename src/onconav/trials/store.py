"""Trial tables (on the shared SQLAlchemy Base) and a store that keeps criteria and the match index
pre-computed at import time, so a new process can match at once without rebuilding anything."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from itertools import islice
from typing import Any

from sqlalchemy import String, Text, delete, func, insert, select, text
from sqlalchemy.orm import Mapped, mapped_column

from onconav.errors import NotFoundError
from onconav.storage.db import Base, Database
from onconav.trials.index import IndexEntry, tokens
from onconav.trials.matcher import Matcher, ParsedTrial
from onconav.trials.model import Criterion, Trial

PARSER_VERSION = "3"
BATCH = 500


class TrialRow(Base):
    """One stored trial: registry fields as JSON plus its criteria parsed at import time."""

    __tablename__ = "trials"

    nct_id: Mapped[str] = mapped_column(String(16), primary_key=True)
    title: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(40), default="", index=True)
    last_update: Mapped[str] = mapped_column(String(20), default="")
    source: Mapped[str] = mapped_column(String(20), default="")
    data: Mapped[str] = mapped_column(Text)
    criteria: Mapped[str] = mapped_column(Text)
    parser_version: Mapped[str] = mapped_column(String(8), default=PARSER_VERSION)
    imported_at: Mapped[str] = mapped_column(String(32), default="")


class TrialIndexRow(Base):
    """The light part of a trial the matcher keeps in memory (families, registry fields, sites)."""

    __tablename__ = "trial_index"

    nct_id: Mapped[str] = mapped_column(String(16), primary_key=True)
    entry: Mapped[str] = mapped_column(Text)
    version: Mapped[str] = mapped_column(String(8), default=PARSER_VERSION)


def _rows(pt: ParsedTrial, now: str) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    t = pt.trial
    trial = {
        "nct_id": t.nct_id,
        "title": t.title,
        "status": t.status,
        "last_update": t.last_update,
        "source": t.source,
        "data": json.dumps(t.to_json()),
        "criteria": json.dumps([c.to_json() for c in pt.criteria]),
        "parser_version": PARSER_VERSION,
        "imported_at": now,
    }
    entry = {"nct_id": t.nct_id, "entry": json.dumps(pt.entry().to_json()), "version": PARSER_VERSION}
    fts = {"nct_id": t.nct_id, "body": " ".join(tokens(pt.search_text()))}
    return trial, entry, fts


def _parsed(row: TrialRow) -> ParsedTrial:
    trial = Trial.from_json(json.loads(row.data))
    if row.parser_version != PARSER_VERSION:
        return ParsedTrial.build(trial)
    return ParsedTrial.build(trial, [Criterion.from_json(c) for c in json.loads(row.criteria)])


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


class TrialStore:
    """Add, read and match stored trials; the matcher is cached until the store changes."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._matcher: Matcher | None = None
        self._stamp: tuple[int, str] | None = None
        self._cache: dict[str, ParsedTrial] = {}
        self.fts = db.engine.dialect.name == "sqlite" and self._create_fts()

    def _create_fts(self) -> bool:
        try:
            with self.db.engine.begin() as conn:
                conn.execute(
                    text("CREATE VIRTUAL TABLE IF NOT EXISTS trial_fts USING fts5(nct_id UNINDEXED, body)")
                )
        except Exception:  # noqa: BLE001 - SQLite built without FTS5: lexical scores are left out
            return False
        return True

    def upsert(self, trials: Iterable[Trial]) -> int:
        """Insert or replace trials in batches (criteria parsed, index built, once); returns the count."""
        n = 0
        now = datetime.now(UTC).isoformat(timespec="microseconds")
        for chunk in _chunks(trials, BATCH):
            by_id = {t.nct_id: t for t in chunk}  # the last copy of a repeated id wins
            rows = [_rows(ParsedTrial.build(t), now) for t in by_id.values()]
            ids = list(by_id)
            with self.db.session() as s:
                s.execute(delete(TrialRow).where(TrialRow.nct_id.in_(ids)))
                s.execute(delete(TrialIndexRow).where(TrialIndexRow.nct_id.in_(ids)))
                s.execute(insert(TrialRow), [r[0] for r in rows])
                s.execute(insert(TrialIndexRow), [r[1] for r in rows])
                if self.fts:
                    marks = ",".join(f":i{k}" for k in range(len(ids)))
                    s.execute(
                        text(f"DELETE FROM trial_fts WHERE nct_id IN ({marks})"),
                        {f"i{k}": v for k, v in enumerate(ids)},
                    )
                    add = text("INSERT INTO trial_fts (nct_id, body) VALUES (:nct_id, :body)")
                    s.execute(add, [r[2] for r in rows])
            n += len(rows)
        self._matcher = None
        return n

    def count(self) -> int:
        """Number of stored trials."""
        with self.db.session() as s:
            return int(s.scalar(select(func.count()).select_from(TrialRow)) or 0)

    def get(self, nct_id: str) -> ParsedTrial:
        """One stored trial; NotFoundError if absent."""
        with self.db.session() as s:
            row = s.get(TrialRow, nct_id.strip().upper())
            if row is None:
                raise NotFoundError(f"trial {nct_id} is not in the local store (import or sync it first)")
            return _parsed(row)

    def rows(self, status: str | None = None, limit: int = 100) -> list[TrialRow]:
        """Stored trials (id, title, status), newest update first."""
        with self.db.session() as s:
            q = select(TrialRow).order_by(TrialRow.last_update.desc(), TrialRow.nct_id).limit(limit)
            if status:
                q = q.where(TrialRow.status == status.upper())
            return list(s.scalars(q))

    def all_parsed(self) -> list[ParsedTrial]:
        """Every stored trial with its pre-parsed criteria."""
        with self.db.session() as s:
            return [_parsed(r) for r in s.scalars(select(TrialRow).order_by(TrialRow.nct_id))]

    def parsed(self, nct_ids: list[str]) -> dict[str, ParsedTrial]:
        """Full trials with criteria for these ids (read once per process, then kept)."""
        missing = [i for i in nct_ids if i not in self._cache]
        for chunk in _chunks(missing, BATCH):
            with self.db.session() as s:
                for row in s.scalars(select(TrialRow).where(TrialRow.nct_id.in_(chunk))):
                    self._cache[row.nct_id] = _parsed(row)
        return {i: self._cache[i] for i in nct_ids if i in self._cache}

    def lexical(self, query: list[str]) -> dict[str, float]:
        """BM25 scores (0..1, best = 1) of stored trials for the query words, from the full-text index."""
        words = list(dict.fromkeys(w for w in query if re.fullmatch(r"[a-z0-9][a-z0-9+*:-]*", w)))[:64]
        if not self.fts or not words:
            return {}
        expr = " OR ".join('"' + w.replace('"', "") + '"' for w in words)
        with self.db.session() as s:
            got = s.execute(
                text("SELECT nct_id, bm25(trial_fts) FROM trial_fts WHERE trial_fts MATCH :q"), {"q": expr}
            ).all()
        best = min((float(r[1]) for r in got), default=0.0)  # FTS5 bm25 is negative: lower is better
        return {str(r[0]): float(r[1]) / best for r in got} if best < 0 else {}

    def _entries(self) -> list[IndexEntry]:
        with self.db.session() as s:
            stale = s.scalars(
                select(TrialRow.nct_id)
                .outerjoin(TrialIndexRow, TrialIndexRow.nct_id == TrialRow.nct_id)
                .where((TrialIndexRow.nct_id.is_(None)) | (TrialIndexRow.version != PARSER_VERSION))
            ).all()
        if stale:  # older store or a new parser: rebuild those once, then they are kept
            self.upsert(pt.trial for pt in self.parsed(list(stale)).values())
            self._cache.clear()
        with self.db.session() as s:
            rows = s.scalars(select(TrialIndexRow.entry).order_by(TrialIndexRow.nct_id)).all()
        return [IndexEntry.from_json(json.loads(r)) for r in rows]

    def _current_stamp(self) -> tuple[int, str]:
        with self.db.session() as s:
            n, last = s.execute(select(func.count(), func.max(TrialRow.imported_at))).one()
        return int(n or 0), str(last or "")

    def matcher(self) -> Matcher:
        """The matcher over all stored trials (kept while the store is unchanged)."""
        stamp = self._current_stamp()
        if self._matcher is None or stamp != self._stamp:
            self._cache.clear()
            self._matcher = Matcher(self._entries(), self)
            self._stamp = self._current_stamp()
        return self._matcher
