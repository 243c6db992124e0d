"""Server-side sessions and API tokens: create, load, rotate and end them.

The cookie holds a random token; the database holds only its SHA-256. A new token is issued at
every sign-in (and after two-factor completes), so a session id planted before sign-in is useless
(session fixation). Sessions awaiting a TOTP code (`mfa_pending`) never authenticate a request.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, select

from onconav.errors import NotFoundError
from onconav.security.models import ApiTokenRow, SessionRow, User, UserRow
from onconav.security.tokens import API_TOKEN_PREFIX, expired, in_, iso, new_id, new_token, now, token_hash
from onconav.storage.db import Database

COOKIE = "onconav_session"
LIFETIME = timedelta(days=14)
PENDING_LIFETIME = timedelta(minutes=10)


def start_session(
    db: Database, user_id: str, *, old_token: str | None = None, mfa_pending: bool = False
) -> str:
    """Create a fresh session (ending `old_token` if given); returns the new cookie value."""
    token = new_token()
    with db.session() as s:
        if old_token:
            s.execute(delete(SessionRow).where(SessionRow.token_hash == token_hash(old_token)))
        s.add(
            SessionRow(
                token_hash=token_hash(token),
                user_id=user_id,
                created_at=iso(now()),
                expires_at=in_(PENDING_LIFETIME if mfa_pending else LIFETIME),
                mfa_pending=mfa_pending,
            )
        )
    return token


def _row(db: Database, token: str | None) -> tuple[SessionRow, UserRow] | None:
    if not token or len(token) > 200:
        return None
    with db.session() as s:
        row = s.get(SessionRow, token_hash(token))
        if row is None:
            return None
        if expired(row.expires_at):
            s.delete(row)
            return None
        user = s.get(UserRow, row.user_id)
        return (row, user) if user is not None else None


def load_session(db: Database, token: str | None) -> User | None:
    """The user of a valid, fully signed-in session, else None."""
    found = _row(db, token)
    if found is None or found[0].mfa_pending:
        return None
    return found[1].to_user()


def pending_user(db: Database, token: str | None) -> str | None:
    """The user id of a session waiting for its two-factor code."""
    found = _row(db, token)
    return found[1].id if found and found[0].mfa_pending else None


def end_session(db: Database, token: str | None) -> None:
    """Delete a session (sign-out)."""
    if token:
        with db.session() as s:
            s.execute(delete(SessionRow).where(SessionRow.token_hash == token_hash(token)))


def end_all_sessions(db: Database, user_id: str) -> None:
    """Sign a user out everywhere (after a password reset)."""
    with db.session() as s:
        s.execute(delete(SessionRow).where(SessionRow.user_id == user_id))


def create_api_token(db: Database, user_id: str, name: str) -> tuple[str, str]:
    """A new API token for a user: (token id, secret shown once)."""
    secret = API_TOKEN_PREFIX + new_token()
    tid = new_id()
    with db.session() as s:
        s.add(
            ApiTokenRow(
                id=tid,
                user_id=user_id,
                name=(name.strip() or "API token")[:100],
                token_hash=token_hash(secret),
                created_at=iso(now()),
            )
        )
    return tid, secret


def load_api_token(db: Database, secret: str) -> User | None:
    """The user an API token belongs to (and note its use), else None."""
    if not secret.startswith(API_TOKEN_PREFIX) or len(secret) > 200:
        return None
    with db.session() as s:
        row = s.scalars(select(ApiTokenRow).where(ApiTokenRow.token_hash == token_hash(secret))).first()
        if row is None:
            return None
        user = s.get(UserRow, row.user_id)
        if user is None:
            return None
        stamp = iso(now())[:13]  # write at most once an hour per token
        if (row.last_used_at or "")[:13] != stamp:
            row.last_used_at = iso(now())
        return user.to_user(via_token=True)


def list_api_tokens(db: Database, user_id: str) -> list[dict[str, str | None]]:
    """A user's tokens (never the secrets)."""
    with db.session() as s:
        rows = s.scalars(
            select(ApiTokenRow).where(ApiTokenRow.user_id == user_id).order_by(ApiTokenRow.created_at)
        )
        return [
            {"id": r.id, "name": r.name, "created_at": r.created_at, "last_used_at": r.last_used_at}
            for r in rows
        ]


def revoke_api_token(db: Database, user_id: str, token_id: str) -> None:
    """Delete one of the user's tokens (NotFoundError if it is not theirs)."""
    with db.session() as s:
        row = s.get(ApiTokenRow, token_id)
        if row is None or row.user_id != user_id:
            raise NotFoundError("no such token")
        s.delete(row)
