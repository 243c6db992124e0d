"""Trial tables (on the shared SQLAlchemy Base) and a store that keeps criteria pre-parsed."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy import String, Text, func, select
from sqlalchemy.orm import Mapped, mapped_column

from onconav.errors import NotFoundError
from onconav.storage.db import Base, Database
from onconav.trials.matcher import Matcher, ParsedTrial
from onconav.trials.model import Criterion, Trial

PARSER_VERSION = "2"


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


def _row(pt: ParsedTrial) -> TrialRow:
    t = pt.trial
    return TrialRow(
        nct_id=t.nct_id,
        title=t.title,
        status=t.status,
        last_update=t.last_update,
        source=t.source,
        data=json.dumps(t.to_json()),
        criteria=json.dumps([c.to_json() for c in pt.criteria]),
        parser_version=PARSER_VERSION,
        imported_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )


def _parsed(row: TrialRow) -> ParsedTrial:
    trial = Trial.from_json(json.loads(row.data))
    if row.parser_version != PARSER_VERSION:
        return ParsedTrial.build(trial)
    return ParsedTrial.build(trial, [Criterion.from_json(c) for c in json.loads(row.criteria)])


class TrialStore:
    """Add, read and match stored trials; the matcher is built once and reused until the store changes."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._matcher: Matcher | None = None

    def upsert(self, trials: Iterable[Trial]) -> int:
        """Insert or replace trials (criteria are parsed here, once); returns how many were written."""
        n = 0
        with self.db.session() as s:
            for trial in trials:
                s.merge(_row(ParsedTrial.build(trial)))
                n += 1
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

    def matcher(self) -> Matcher:
        """The in-memory matcher over all stored trials (cached)."""
        if self._matcher is None:
            self._matcher = Matcher(self.all_parsed())
        return self._matcher
