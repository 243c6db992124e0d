"""Helpers shared by the account pages."""

from __future__ import annotations

from fastapi import Request, Response

from onconav.config import Settings
from onconav.runtime import Runtime
from onconav.security.authz import client_ip
from onconav.security.sessions import COOKIE, LIFETIME
from onconav.storage.db import Database

__all__ = ["client_ip", "db", "safe_next", "set_session_cookie", "clear_session_cookie", "settings"]


def runtime(request: Request) -> Runtime:
    """The app's runtime."""
    rt: Runtime = request.app.state.runtime
    return rt


def db(request: Request) -> Database:
    """The app's database."""
    return runtime(request).db


def settings(request: Request) -> Settings:
    """The app's settings."""
    s: Settings = request.app.state.settings
    return s


def safe_next(target: str | None, default: str = "/account") -> str:
    """A local path to go to after sign-in (never another site)."""
    t = (target or "").strip()
    if not t.startswith("/") or t.startswith("//") or "\\" in t or any(ord(c) < 32 for c in t):
        return default
    return t


def set_session_cookie(request: Request, response: Response, token: str) -> None:
    """Set the session cookie: HttpOnly, SameSite=Lax, Secure when served over HTTPS."""
    response.set_cookie(
        COOKIE,
        token,
        max_age=int(LIFETIME.total_seconds()),
        httponly=True,
        samesite="lax",
        secure=settings(request).https,
        path="/",
    )


def clear_session_cookie(request: Request, response: Response) -> None:
    """Remove the session cookie."""
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="lax", secure=settings(request).https)


def session_token(request: Request) -> str | None:
    """The raw session cookie, if any."""
    return request.cookies.get(COOKIE)
