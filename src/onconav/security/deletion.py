"""Account deletion: remove the data, shred the keys, keep one audit entry without health data.

Contract: other packages register a deleter at import time:

    register_deleter(fn)   # fn(db, owner_id) -> None; removes that part's rows and files

`delete_account` runs every deleter, removes encrypted blobs, sessions, tokens, grants, invitations
and the account row, then deletes the account's data key (crypto-shredding: any copy left in a
backup or a free database page cannot be decrypted), and compacts an SQLite database so deleted
rows do not linger in free pages.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import delete, or_, text

from onconav.security import audit
from onconav.security.export import load_known_parts
from onconav.security.models import (
    ApiTokenRow,
    GrantRow,
    InvitationRow,
    PasswordResetRow,
    SessionRow,
    UserRow,
)
from onconav.storage.crypto import Crypto
from onconav.storage.db import Database

Deleter = Callable[[Database, str], None]
_DELETERS: list[Deleter] = []


def register_deleter(fn: Deleter) -> None:
    """Add a deleter (idempotent for the same function)."""
    if fn not in _DELETERS:
        _DELETERS.append(fn)


def _answers(db: Database, owner_id: str) -> None:
    from onconav.answers.store import delete_answers_of

    delete_answers_of(db, owner_id)


register_deleter(_answers)


def _security_rows(db: Database, owner_id: str) -> None:
    with db.session() as s:
        for table in (SessionRow, ApiTokenRow, PasswordResetRow):
            s.execute(delete(table).where(table.user_id == owner_id))
        s.execute(delete(GrantRow).where(or_(GrantRow.owner_id == owner_id, GrantRow.grantee_id == owner_id)))
        s.execute(delete(InvitationRow).where(InvitationRow.inviter_id == owner_id))
        s.execute(delete(UserRow).where(UserRow.id == owner_id))


def compact(db: Database) -> None:
    """Rewrite an SQLite database so deleted rows are gone from its file and its WAL."""
    if db.engine.dialect.name != "sqlite":
        return
    with db.engine.connect() as conn:
        conn.execution_options(isolation_level="AUTOCOMMIT")
        conn.execute(text("VACUUM"))
        conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))


def delete_account(db: Database, crypto: Crypto, owner_id: str, ip: str | None = None) -> None:
    """Remove an account and everything it owns; only an audit entry (ids, no health data) remains."""
    from onconav.storage.files import BlobStore

    load_known_parts()
    for fn in list(_DELETERS):
        fn(db, owner_id)
    BlobStore(db.settings, crypto).delete_all(owner_id)
    _security_rows(db, owner_id)
    crypto.shred(owner_id)
    audit.record(db, owner_id, "account.deleted", owner_id=owner_id, ip=ip)
    compact(db)
