"""The account page: two-factor, API tokens, caregivers, who accessed my data, export, delete."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from onconav.errors import AuthError, InputError
from onconav.security import audit, mail, sharing, totp
from onconav.security.accounts import authenticate, create_invitation
from onconav.security.authz import require_user
from onconav.security.deletion import delete_account
from onconav.security.export import build_export
from onconav.security.models import GRANTABLE_SCOPES, User
from onconav.security.sessions import create_api_token, list_api_tokens, revoke_api_token
from onconav.storage.crypto import crypto_for
from onconav.web.accounts.common import clear_session_cookie, client_ip, db, settings
from onconav.web.render import render

router = APIRouter(include_in_schema=False)


def _page(request: Request, user: User, status_code: int = 200, **extra: Any) -> Response:
    d = db(request)
    return render(
        request,
        "account.html",
        status_code=status_code,
        user=user,
        tokens=list_api_tokens(d, user.id),
        given=sharing.grants_given(d, user.id),
        received=sharing.grants_received(d, user.id),
        entries=audit.entries_for_owner(d, user.id, 100),
        scopes=GRANTABLE_SCOPES,
        mail=mail.mail_enabled(settings(request)),
        **extra,
    )


def _back() -> Response:
    return RedirectResponse("/account", status_code=303)


@router.get("/account", response_class=HTMLResponse, name="account_page")
def account_page(request: Request, user: User = Depends(require_user)) -> Response:
    """Everything about the account in one page."""
    return _page(request, user)


@router.post("/account/2fa/start", name="totp_start")
def totp_start(request: Request, user: User = Depends(require_user)) -> Response:
    """Create a two-factor secret and show it once."""
    secret, uri = totp.start_setup(db(request), user.id)
    return _page(request, user, totp_secret=secret, totp_uri=uri)


@router.post("/account/2fa/confirm", name="totp_confirm")
def totp_confirm(request: Request, code: str = Form(""), user: User = Depends(require_user)) -> Response:
    """Turn two-factor on with a first code."""
    try:
        totp.confirm_setup(db(request), user.id, code)
    except InputError as exc:
        return _page(request, user, status_code=400, totp_error=str(exc))
    audit.record(db(request), user.id, "2fa.enabled", owner_id=user.id, ip=client_ip(request))
    return _back()


@router.post("/account/2fa/disable", name="totp_disable")
def totp_disable(request: Request, code: str = Form(""), user: User = Depends(require_user)) -> Response:
    """Turn two-factor off with a current code."""
    try:
        totp.disable(db(request), user.id, code)
    except AuthError as exc:
        return _page(request, user, status_code=400, totp_error=str(exc))
    audit.record(db(request), user.id, "2fa.disabled", owner_id=user.id, ip=client_ip(request))
    return _back()


@router.post("/account/tokens", name="token_create")
def token_create(request: Request, name: str = Form(""), user: User = Depends(require_user)) -> Response:
    """Create an API token and show its secret once."""
    _, secret = create_api_token(db(request), user.id, name)
    audit.record(db(request), user.id, "api_token.created", owner_id=user.id, ip=client_ip(request))
    return _page(request, user, new_token=secret)


@router.post("/account/tokens/{token_id}/revoke", name="token_revoke")
def token_revoke(request: Request, token_id: str, user: User = Depends(require_user)) -> Response:
    """Revoke one of your API tokens."""
    revoke_api_token(db(request), user.id, token_id)
    audit.record(db(request), user.id, "api_token.revoked", owner_id=user.id, record_id=token_id)
    return _back()


@router.post("/account/caregivers", name="caregiver_invite")
def caregiver_invite(
    request: Request, email: str = Form(""), scopes: list[str] = Form([]), user: User = Depends(require_user)
) -> Response:
    """Make an invitation link for a caregiver with the chosen scopes."""
    try:
        token = create_invitation(
            db(request), kind="caregiver", inviter_id=user.id, email=email, scopes=scopes
        )
    except InputError as exc:
        return _page(request, user, status_code=400, invite_error=str(exc))
    link = str(request.base_url).rstrip("/") + f"/invite/{token}"
    emailed = False
    if email.strip() and mail.mail_enabled(settings(request)):
        mail.send(
            settings(request),
            email.strip(),
            "You are invited to onconav",
            f"{user.email} invites you to see part of their onconav information.\n\nOpen: {link}\n",
        )
        emailed = True
    return _page(request, user, invite_link=link, invite_emailed=emailed)


@router.post("/account/caregivers/{grant_id}/revoke", name="caregiver_revoke")
def caregiver_revoke(request: Request, grant_id: str, user: User = Depends(require_user)) -> Response:
    """Stop a caregiver's access now."""
    sharing.revoke(db(request), user.id, grant_id)
    return _back()


@router.get("/account/export", name="account_export")
def account_export(request: Request, user: User = Depends(require_user)) -> Response:
    """Download everything as a zip."""
    data = build_export(db(request), crypto_for(db(request)), user.id)
    return Response(
        data,
        media_type="application/zip",
        headers={"Content-Disposition": 'attachment; filename="onconav-export.zip"'},
    )


@router.post("/account/delete", name="account_delete")
def account_delete(
    request: Request, password: str = Form(""), confirm: str = Form(""), user: User = Depends(require_user)
) -> Response:
    """Delete the account and all its data (asks for the password and the word DELETE)."""
    try:
        if confirm.strip().upper() != "DELETE":
            raise InputError("Type DELETE to confirm.")
        authenticate(db(request), user.email, password)
    except (InputError, AuthError) as exc:
        return _page(request, user, status_code=400, delete_error=str(exc))
    delete_account(db(request), crypto_for(db(request)), user.id, ip=client_ip(request))
    request.state.user = None
    response = render(
        request,
        "account_message.html",
        title="Account deleted",
        message="Your account, your records and your keys are deleted. Thank you for using onconav.",
        link="/",
        link_text="Back to the start",
    )
    clear_session_cookie(request, response)
    return response
