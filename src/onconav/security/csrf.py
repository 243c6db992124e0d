"""CSRF tokens: an HMAC of a random per-browser cookie and the current session.

Every page gets `request.state.csrf_token`; forms post it back as `csrf_token` and cookie-authenticated
API calls send it in the `X-CSRF-Token` header. Because the token is bound to the session, it changes
at sign-in. Requests authenticated with a Bearer API token need no CSRF token (browsers never add
that header on their own).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

COOKIE = "onconav_csrf"
FIELD = "csrf_token"
HEADER = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


def new_browser_secret() -> str:
    """A random value for the CSRF cookie."""
    return secrets.token_urlsafe(24)


def token_for(key: bytes, browser_secret: str, session_token: str | None) -> str:
    """The token forms must send back for this browser and session."""
    msg = f"{browser_secret}|{session_token or ''}".encode()
    return base64.urlsafe_b64encode(hmac.new(key, msg, hashlib.sha256).digest()).decode().rstrip("=")


def check(key: bytes, browser_secret: str | None, session_token: str | None, sent: str | None) -> bool:
    """Whether the sent token matches this browser and session (constant-time)."""
    if not browser_secret or not sent or len(sent) > 200:
        return False
    return hmac.compare_digest(token_for(key, browser_secret, session_token), sent)
