"""One ASGI middleware for every request: who is signed in, CSRF, rate limits, body size, headers.

Order for each HTTP request:
1. authenticate: `Authorization: Bearer onc_...` API token, else the session cookie
   (`request.state.user`, a `User` or None);
2. issue the CSRF cookie and `request.state.csrf_token`;
3. refuse oversized bodies (413), apply rate limits (429);
4. for state-changing requests, check CSRF: forms send `csrf_token` (or the `X-CSRF-Token` header);
   cookie-authenticated /api calls send the header; Bearer-token and anonymous /api calls need none;
5. add security headers (and the CSRF cookie) to the response.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import parse_qs

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from onconav.config import Settings
from onconav.errors import AuthError, FileTooLargeError, OnconavError, RateLimitError
from onconav.runtime import Runtime
from onconav.security import csrf
from onconav.security.headers import security_headers
from onconav.security.models import User
from onconav.security.ratelimit import RateLimiter, bucket_for
from onconav.security.sessions import COOKIE as SESSION_COOKIE
from onconav.security.sessions import load_api_token, load_session, pending_user
from onconav.storage.crypto import crypto_for

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

CSRF_MESSAGE = "This form has expired or did not come from onconav. Please reload the page and try again."


def _replay(body: bytes) -> Receive:
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive


async def _read_body(receive: Receive, limit: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while True:
        msg = await receive()
        if msg["type"] == "http.disconnect":
            break
        chunk = msg.get("body", b"")
        size += len(chunk)
        if size > limit:
            raise FileTooLargeError(f"That upload is too large: the limit is {limit // (1024 * 1024)} MB.")
        chunks.append(chunk)
        if not msg.get("more_body"):
            break
    return b"".join(chunks)


async def _form_token(scope: Scope, body: bytes) -> str | None:
    ctype = dict(scope["headers"]).get(b"content-type", b"").decode("latin-1")
    if ctype.startswith("application/x-www-form-urlencoded"):
        values = parse_qs(body.decode("utf-8", "replace")).get(csrf.FIELD)
        return values[0] if values else None
    if ctype.startswith("multipart/form-data"):
        form = await Request(scope, _replay(body)).form()
        try:
            value = form.get(csrf.FIELD)
            return value if isinstance(value, str) else None
        finally:
            await form.close()
    return None


class SecurityMiddleware:
    """Authentication, CSRF, limits and headers around the whole app."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings
        self.limiter = RateLimiter()
        self.body_limit = (settings.max_upload_mb + 1) * 1024 * 1024

    @staticmethod
    def _runtime(request: Request) -> Runtime:
        rt: Runtime = request.app.state.runtime  # looked up per request: tests may swap it
        return rt

    def csrf_key(self, request: Request) -> bytes:
        """The server's CSRF HMAC key (a wrapped system key)."""
        return crypto_for(self._runtime(request).db).system_secret("csrf")

    def _authenticate(self, request: Request) -> tuple[User | None, str | None]:
        auth = request.headers.get("authorization", "")
        db = self._runtime(request).db
        if auth.lower().startswith("bearer "):
            user = load_api_token(db, auth[7:].strip())
            if user is None:
                raise AuthError("That API token is not valid (revoked or mistyped).")
            return user, None
        token = request.cookies.get(SESSION_COOKIE)
        user = load_session(db, token)
        valid = user is not None or pending_user(db, token) is not None
        return user, token if valid else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        if path.startswith("/static/"):
            await self.app(scope, receive, self._with_headers(scope, send, None))
            return
        request = Request(scope)
        state = scope.setdefault("state", {})
        new_cookie: str | None = None
        try:
            user, session_token = await run_in_threadpool(self._authenticate, request)
            state["user"], state["session_token"] = user, session_token
            browser = request.cookies.get(csrf.COOKIE) or ""
            if not browser or len(browser) > 100:
                browser = new_cookie = csrf.new_browser_secret()
            key = await run_in_threadpool(self.csrf_key, request)
            state["csrf_token"] = csrf.token_for(key, browser, session_token)
            receive = await self._guard(scope, receive, request, user, key, browser, session_token)
        except OnconavError as exc:
            state.setdefault("user", None)
            state.setdefault("csrf_token", "")
            await self._error(scope, exc)(scope, receive, self._with_headers(scope, send, new_cookie))
            return
        await self.app(scope, receive, self._with_headers(scope, send, new_cookie))

    async def _guard(
        self,
        scope: Scope,
        receive: Receive,
        request: Request,
        user: User | None,
        key: bytes,
        browser: str,
        session_token: str | None,
    ) -> Receive:
        """Size limit, rate limit and CSRF check; returns the receive to pass on (body replayed)."""
        method: str = scope["method"]
        if method in csrf.SAFE_METHODS:
            return receive
        length = request.headers.get("content-length", "")
        if length.isdigit() and int(length) > self.body_limit:
            raise FileTooLargeError(
                f"That upload is too large: the limit is {self.settings.max_upload_mb} MB."
            )
        ctype = request.headers.get("content-type", "")
        bucket = bucket_for(method, scope["path"], ctype)
        if bucket and self.settings.rate_limits_enabled:
            who = user.id if user else (request.client.host if request.client else "?")
            self.limiter.hit(bucket, who)
        if user is not None and user.via_token:
            return receive
        is_api = scope["path"].startswith("/api/")
        if is_api and session_token is None:
            return receive  # anonymous API call: no ambient credentials to abuse
        sent = request.headers.get(csrf.HEADER)
        if sent is None and not is_api:
            body = await _read_body(receive, self.body_limit)
            sent = await _form_token(scope, body)
            receive = _replay(body)
        if not csrf.check(key, browser, session_token, sent):
            raise CsrfError(CSRF_MESSAGE)
        return receive

    def _error(self, scope: Scope, exc: OnconavError) -> Response:
        request = Request(scope)
        headers = {"Retry-After": "60"} if isinstance(exc, RateLimitError) else None
        if scope["path"].startswith("/api/"):
            return JSONResponse(
                {"error": type(exc).__name__, "detail": str(exc)},
                status_code=exc.status_code,
                headers=headers,
            )
        from onconav.web.render import render_error

        response = render_error(request, exc.status_code, str(exc))
        if headers:
            response.headers.update(headers)
        return response

    def _with_headers(self, scope: Scope, send: Send, new_cookie: str | None) -> Send:
        extra = security_headers(scope["path"], self.settings.https)
        if new_cookie:
            secure = "; Secure" if self.settings.https else ""
            extra.append(
                (
                    b"set-cookie",
                    f"{csrf.COOKIE}={new_cookie}; Path=/; HttpOnly; SameSite=Lax{secure}".encode(),
                )
            )

        async def wrapped(message: Message) -> None:
            if message["type"] == "http.response.start":
                have = {k.lower() for k, _ in message.get("headers", [])}
                headers = list(message.get("headers", []))
                headers += [(k, v) for k, v in extra if k not in have or k == b"set-cookie"]
                message["headers"] = headers
            await send(message)

        return wrapped


class CsrfError(AuthError):
    """The CSRF token is missing or wrong."""

    status_code = 403
