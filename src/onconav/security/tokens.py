"""Random secrets and their stored hashes (session, API, invitation and reset tokens)."""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta

API_TOKEN_PREFIX = "onc_"


def new_token(nbytes: int = 32) -> str:
    """A URL-safe random secret."""
    return secrets.token_urlsafe(nbytes)


def token_hash(token: str) -> str:
    """What is stored instead of the token (SHA-256 hex)."""
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def new_id() -> str:
    """A random 32-hex-character id."""
    return secrets.token_hex(16)


def now() -> datetime:
    """The current UTC time."""
    return datetime.now(UTC)


def iso(dt: datetime) -> str:
    """ISO text of a time (seconds precision)."""
    return dt.isoformat(timespec="seconds")


def in_(delta: timedelta) -> str:
    """ISO text of now + delta."""
    return iso(now() + delta)


def expired(ts: str) -> bool:
    """Whether an ISO time is in the past."""
    try:
        return datetime.fromisoformat(ts) <= now()
    except ValueError:
        return True
