"""Sign-up, sign-in (with optional two-factor), sign-out, password reset and invitation links."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from onconav.errors import AuthError, InputError, NotFoundError
from onconav.security import audit, mail, sharing, totp
from onconav.security.accounts import (
    authenticate,
    check_reset,
    complete_reset,
    create_reset,
    create_user,
    get_invitation,
    mark_invitation_used,
)
from onconav.security.authz import current_user
from onconav.security.sessions import end_session, pending_user, start_session
from onconav.web.accounts.common import (
    clear_session_cookie,
    client_ip,
    db,
    safe_next,
    session_token,
    set_session_cookie,
    settings,
)
from onconav.web.render import render

router = APIRouter(include_in_schema=False)


def _signed_in(request: Request, user_id: str, target: str) -> Response:
    """Start a fresh session (new id: no fixation) and go on."""
    token = start_session(db(request), user_id, old_token=session_token(request))
    audit.record(db(request), user_id, "signin", owner_id=user_id, ip=client_ip(request))
    response = RedirectResponse(safe_next(target), status_code=303)
    set_session_cookie(request, response, token)
    return response


@router.get("/signup", response_class=HTMLResponse, name="signup_page")
def signup_page(request: Request) -> Response:
    """The sign-up form (or a note that sign-up is by invitation)."""
    return render(request, "account_signup.html", enabled=settings(request).signup_enabled, email="")


@router.post("/signup", name="signup")
def signup(
    request: Request, email: str = Form(""), password: str = Form(""), password2: str = Form("")
) -> Response:
    """Create an account and sign in."""
    if not settings(request).signup_enabled:
        return render(request, "account_signup.html", status_code=403, enabled=False, email="")
    try:
        if password != password2:
            raise InputError("The two passwords are not the same.")
        user = create_user(db(request), email, password)
    except InputError as exc:
        return render(
            request, "account_signup.html", status_code=400, enabled=True, email=email[:320], error=str(exc)
        )
    return _signed_in(request, user.id, "/account")


@router.get("/signin", response_class=HTMLResponse, name="signin_page")
def signin_page(request: Request, next: str = "") -> Response:  # noqa: A002 - the query parameter's name
    """The sign-in form."""
    return render(request, "signin.html", next=safe_next(next, "/"), email="")


@router.post("/signin", name="signin")
def signin(
    request: Request, email: str = Form(""), password: str = Form(""), next_: str = Form("", alias="next")
) -> Response:
    """Check the password; continue to two-factor if it is on."""
    target = safe_next(next_, "/")
    try:
        user = authenticate(db(request), email, password)
    except AuthError as exc:
        audit.record(db(request), None, "signin.failed", ip=client_ip(request))
        return render(request, "signin.html", status_code=401, next=target, email=email[:320], error=str(exc))
    if user.totp_enabled:
        token = start_session(db(request), user.id, old_token=session_token(request), mfa_pending=True)
        response = RedirectResponse(f"/signin/2fa?next={quote(target, safe='')}", status_code=303)
        set_session_cookie(request, response, token)
        return response
    return _signed_in(request, user.id, target)


@router.get("/signin/2fa", response_class=HTMLResponse, name="signin_2fa_page")
def signin_2fa_page(request: Request, next: str = "") -> Response:  # noqa: A002
    """Ask for the authenticator code."""
    if pending_user(db(request), session_token(request)) is None:
        return RedirectResponse("/signin", status_code=303)
    return render(request, "account_2fa.html", next=safe_next(next, "/"))


@router.post("/signin/2fa", name="signin_2fa")
def signin_2fa(request: Request, code: str = Form(""), next_: str = Form("", alias="next")) -> Response:
    """Finish signing in with a valid code."""
    user_id = pending_user(db(request), session_token(request))
    if user_id is None:
        return RedirectResponse("/signin", status_code=303)
    if not totp.check_code(db(request), user_id, code):
        audit.record(db(request), user_id, "signin.2fa_failed", owner_id=user_id, ip=client_ip(request))
        return render(
            request,
            "account_2fa.html",
            status_code=401,
            next=safe_next(next_, "/"),
            error="That code did not match. Try the newest code from your app.",
        )
    return _signed_in(request, user_id, next_)


@router.post("/signout", name="signout")
def signout(request: Request) -> Response:
    """End the session."""
    user = current_user(request)
    end_session(db(request), session_token(request))
    if user:
        audit.record(db(request), user.id, "signout", owner_id=user.id, ip=client_ip(request))
    response = RedirectResponse("/", status_code=303)
    clear_session_cookie(request, response)
    return response


@router.get("/reset", response_class=HTMLResponse, name="reset_page")
def reset_page(request: Request) -> Response:
    """Ask for a password-reset link."""
    return render(request, "account_reset.html", mail=mail.mail_enabled(settings(request)))


@router.post("/reset", name="reset_request")
def reset_request(request: Request, email: str = Form("")) -> Response:
    """Send a reset link if the account exists (the answer is the same either way)."""
    token = create_reset(db(request), email)
    if token and mail.mail_enabled(settings(request)):
        link = str(request.base_url).rstrip("/") + f"/reset/{token}"
        mail.send(
            settings(request),
            email.strip(),
            "Your onconav password reset link",
            f"Open this link within an hour to choose a new password:\n\n{link}\n\n"
            "If you did not ask for this, you can ignore this email.",
        )
    return render(request, "account_reset.html", sent=True, mail=mail.mail_enabled(settings(request)))


@router.get("/reset/{token}", response_class=HTMLResponse, name="reset_form")
def reset_form(request: Request, token: str) -> Response:
    """Choose a new password."""
    check_reset(db(request), token)
    return render(request, "account_reset_form.html", token=token)


@router.post("/reset/{token}", name="reset_complete")
def reset_complete(
    request: Request, token: str, password: str = Form(""), password2: str = Form("")
) -> Response:
    """Set the new password and sign out everywhere."""
    try:
        if password != password2:
            raise InputError("The two passwords are not the same.")
        complete_reset(db(request), token, password)
    except InputError as exc:
        return render(request, "account_reset_form.html", status_code=400, token=token, error=str(exc))
    return render(
        request,
        "account_message.html",
        title="Password changed",
        message="Your password is changed and you were signed out everywhere. Please sign in again.",
        link="/signin",
        link_text="Sign in",
    )


@router.get("/invite/{token}", response_class=HTMLResponse, name="invite_page")
def invite_page(request: Request, token: str) -> Response:
    """Show an invitation: accept it (signed in) or create an account."""
    inv = get_invitation(db(request), token)
    return render(
        request,
        "account_invite.html",
        inv=inv,
        token=token,
        scopes=inv.scopes.split(","),
        inviter=_inviter_email(request, inv.inviter_id),
        email=inv.email,
    )


def _inviter_email(request: Request, inviter_id: str | None) -> str:
    from onconav.security.accounts import get_user

    try:
        return get_user(db(request), inviter_id).email if inviter_id else ""
    except NotFoundError:
        return ""


@router.post("/invite/{token}", name="invite_accept")
def invite_accept(
    request: Request, token: str, email: str = Form(""), password: str = Form(""), password2: str = Form("")
) -> Response:
    """Accept an invitation (creating the account first if needed)."""
    inv = get_invitation(db(request), token)
    user = current_user(request)
    fresh = user is None
    try:
        if user is None:
            if password != password2:
                raise InputError("The two passwords are not the same.")
            role = "caregiver" if inv.kind == "caregiver" else inv.role
            user = create_user(db(request), email or inv.email, password, role=role)
        if inv.kind == "caregiver" and inv.inviter_id:
            sharing.grant(db(request), inv.inviter_id, user.id, inv.scopes.split(","))
    except InputError as exc:
        return render(
            request,
            "account_invite.html",
            status_code=400,
            inv=inv,
            token=token,
            scopes=inv.scopes.split(","),
            inviter=_inviter_email(request, inv.inviter_id),
            email=email[:320],
            error=str(exc),
        )
    mark_invitation_used(db(request), inv.id)
    return (
        _signed_in(request, user.id, "/account") if fresh else RedirectResponse("/account", status_code=303)
    )
