"""JSON API for accounts: POST /api/auth/token, GET /api/me, GET /api/me/export, DELETE /api/me.

Authenticate API calls with `Authorization: Bearer <token>` (no CSRF token needed). Calls made with
the browser's session cookie must send the page's CSRF token in `X-CSRF-Token`.
"""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from onconav.errors import AuthError
from onconav.runtime import Runtime
from onconav.security import audit, totp
from onconav.security.accounts import authenticate
from onconav.security.authz import client_ip, require_user
from onconav.security.deletion import delete_account
from onconav.security.export import build_export
from onconav.security.models import User
from onconav.security.sessions import create_api_token
from onconav.storage.crypto import crypto_for

router = APIRouter(prefix="/api", tags=["accounts"])


class TokenRequest(BaseModel):
    email: str = Field(..., max_length=320)
    password: str = Field(..., max_length=256)
    totp_code: str | None = Field(None, max_length=12, description="Needed when two-factor is on.")
    name: str = Field("API token", max_length=100, description="A label to recognise the token later.")


class TokenOut(BaseModel):
    token: str = Field(..., description="Send as `Authorization: Bearer <token>`. Shown only once.")
    token_id: str
    token_type: Literal["bearer"] = "bearer"


class MeOut(BaseModel):
    id: str
    email: str
    role: str
    two_factor: bool


def _rt(request: Request) -> Runtime:
    rt: Runtime = request.app.state.runtime
    return rt


@router.post("/auth/token", response_model=TokenOut, summary="Exchange email and password for an API token")
def api_token(body: TokenRequest, request: Request) -> TokenOut:
    """Create an API token (rate limited like sign-in)."""
    db = _rt(request).db
    try:
        user = authenticate(db, body.email, body.password)
    except AuthError:
        audit.record(db, None, "signin.failed", ip=client_ip(request))
        raise
    if user.totp_enabled and not totp.check_code(db, user.id, body.totp_code or ""):
        raise AuthError("This account uses two-factor sign-in: send the current code as totp_code.")
    tid, secret = create_api_token(db, user.id, body.name)
    audit.record(db, user.id, "api_token.created", owner_id=user.id, ip=client_ip(request))
    return TokenOut(token=secret, token_id=tid)


@router.get("/me", response_model=MeOut, summary="The signed-in account")
def api_me(user: User = Depends(require_user)) -> MeOut:
    """Who the token or session belongs to."""
    return MeOut(id=user.id, email=user.email, role=user.role, two_factor=user.totp_enabled)


@router.get(
    "/me/export",
    summary="Download everything of the account as a zip",
    responses={200: {"content": {"application/zip": {}}}},
)
def api_export(request: Request, user: User = Depends(require_user)) -> Response:
    """A zip with account.json, each part's files and the audit history."""
    db = _rt(request).db
    data = build_export(db, crypto_for(db), user.id)
    return Response(
        data,
        media_type="application/zip",
        headers={"Content-Disposition": 'attachment; filename="onconav-export.zip"'},
    )


@router.delete("/me", status_code=204, summary="Delete the account and all its data")
def api_delete_me(
    request: Request,
    confirm: Literal["yes"] = Query(..., description="Must be `yes`."),
    user: User = Depends(require_user),
) -> Response:
    """Remove the account, its data and its key (cannot be undone)."""
    db = _rt(request).db
    delete_account(db, crypto_for(db), user.id, ip=client_ip(request))
    return Response(status_code=204)
