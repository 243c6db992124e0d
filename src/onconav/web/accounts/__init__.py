"""Accounts on the web: `install(app)` adds the security middleware; `router` has the account pages.

Pages: /signup, /signin (name `signin_page`), /signin/2fa, /signout, /reset, /reset/{token},
/invite/{token}, /account (name `account_page`: two-factor, API tokens, caregivers, who accessed my
data, export, delete account).
"""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from onconav.errors import AuthError
from onconav.security import logging_filter
from onconav.web.accounts.account_pages import router as _account_router
from onconav.web.accounts.auth_pages import router as _auth_router
from onconav.web.accounts.middleware import SecurityMiddleware

router = APIRouter(include_in_schema=False)
router.include_router(_auth_router)
router.include_router(_account_router)


async def _auth_error(request: Request, exc: Exception) -> Response:
    """401 for the API; a redirect to sign-in for pages opened with GET."""
    status = getattr(exc, "status_code", 401)
    if request.url.path.startswith("/api/"):
        return JSONResponse(
            {"error": type(exc).__name__, "detail": str(exc)},
            status_code=status,
            headers={"WWW-Authenticate": "Bearer"} if status == 401 else None,
        )
    if request.method in ("GET", "HEAD") and status == 401:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/signin?next={quote(target, safe='')}", status_code=303)
    from onconav.web.render import render_error

    return render_error(request, status, str(exc))


def install(app: FastAPI) -> None:
    """Add the security middleware, the sign-in redirect and the logging filter to the app."""
    logging_filter.install()
    app.add_middleware(SecurityMiddleware, settings=app.state.settings)
    app.add_exception_handler(AuthError, _auth_error)
