"""Append-only, hash-chained audit log.

Contract:

    record(db, actor_id, action, owner_id=None, record_id=None, ip=None)
    verify(db) -> (ok, first_bad_id)
    entries_for_owner(db, owner_id)

Each entry's hash is an HMAC (key kept as a wrapped system key, so someone with write access to the
database but not the master key cannot forge a consistent chain) over the previous hash and the
entry's fields. Entries hold ids, an action name, a time and an IP address: never health data,
question text or email addresses.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from onconav.security.models import AuditRow
from onconav.storage.crypto import crypto_for
from onconav.storage.db import Database

GENESIS = "0" * 64
_LOCK = threading.Lock()


def _key(db: Database) -> bytes:
    return crypto_for(db).system_secret("audit")


def _digest(key: bytes, prev: str, row: AuditRow) -> str:
    payload = json.dumps(
        [row.id, row.ts, row.actor_id, row.action, row.owner_id, row.record_id, row.ip, row.detail],
        separators=(",", ":"),
    )
    return hmac.new(key, (prev + "|" + payload).encode(), hashlib.sha256).hexdigest()


def record(
    db: Database,
    actor_id: str | None,
    action: str,
    owner_id: str | None = None,
    record_id: str | None = None,
    ip: str | None = None,
    detail: str = "",
) -> int:
    """Append an audit entry (who, what, whose, which record, from where); returns its id."""
    key = _key(db)
    with _LOCK, db.session() as s:
        last = s.scalars(select(AuditRow).order_by(AuditRow.id.desc()).limit(1)).first()
        prev = last.hash if last else GENESIS
        row = AuditRow(
            id=(last.id + 1) if last else 1,
            ts=datetime.now(UTC).isoformat(timespec="seconds"),
            actor_id=actor_id,
            action=action[:60],
            owner_id=owner_id,
            record_id=(record_id or None) and record_id[:100],
            ip=(ip or None) and ip[:64],
            detail=detail[:500],
            prev_hash=prev,
            hash="",
        )
        row.hash = _digest(key, prev, row)
        s.add(row)
        s.flush()
        return row.id


def verify(db: Database) -> tuple[bool, int | None]:
    """Walk the chain; returns (True, None) or (False, id of the first entry that does not check)."""
    key = _key(db)
    prev = GENESIS
    expected_id = 1
    with db.session() as s:
        for row in s.scalars(select(AuditRow).order_by(AuditRow.id)).yield_per(500):
            if (
                row.id != expected_id
                or row.prev_hash != prev
                or not hmac.compare_digest(row.hash, _digest(key, prev, row))
            ):
                return False, row.id
            prev = row.hash
            expected_id += 1
    return True, None


def _as_dict(row: AuditRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "ts": row.ts,
        "actor_id": row.actor_id,
        "action": row.action,
        "owner_id": row.owner_id,
        "record_id": row.record_id,
        "ip": row.ip,
    }


def entries_for_owner(db: Database, owner_id: str, limit: int = 500) -> list[dict[str, Any]]:
    """Entries about one person's data (newest first), for the "who accessed my data" view."""
    with db.session() as s:
        rows = s.scalars(
            select(AuditRow).where(AuditRow.owner_id == owner_id).order_by(AuditRow.id.desc()).limit(limit)
        )
        return [_as_dict(r) for r in rows]


def recent(db: Database, limit: int = 50) -> list[dict[str, Any]]:
    """The newest entries (operator view)."""
    with db.session() as s:
        rows = s.scalars(select(AuditRow).order_by(AuditRow.id.desc()).limit(limit))
        return [_as_dict(r) for r in rows]
