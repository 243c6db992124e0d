"""Rate limits on sign-in and asking answer 429 with a clear message."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from conftest import csrf_of
from onconav.app import create_app
from onconav.config import Settings
from onconav.errors import RateLimitError
from onconav.security.ratelimit import Limit, RateLimiter, bucket_for


def test_signin_is_limited(settings: Settings) -> None:
    with TestClient(create_app(settings.with_(rate_limits_enabled=True))) as c:
        token = csrf_of(c, "/signin")
        codes = [
            c.post(
                "/signin", data={"email": "a@example.org", "password": "wrong password", "csrf_token": token}
            ).status_code
            for _ in range(11)
        ]
        assert codes[:10] == [401] * 10
        assert codes[10] == 429
        r = c.post("/signin", data={"email": "a@example.org", "password": "x", "csrf_token": token})
        assert r.status_code == 429 and "wait a minute" in r.text and r.headers["retry-after"] == "60"


def test_api_ask_is_limited_with_json(settings: Settings) -> None:
    with TestClient(create_app(settings.with_(rate_limits_enabled=True))) as c:
        codes = [c.post("/api/ask", json={}).status_code for _ in range(31)]
        assert codes[:30] == [422] * 30 and codes[30] == 429
        assert "wait a minute" in c.post("/api/ask", json={}).json()["detail"]


def test_limiter_window_slides() -> None:
    now = [0.0]
    lim = RateLimiter({"signin": Limit(2, 60, "slow down")}, clock=lambda: now[0])
    lim.hit("signin", "ip")
    lim.hit("signin", "ip")
    with pytest.raises(RateLimitError):
        lim.hit("signin", "ip")
    lim.hit("signin", "other-ip")
    now[0] = 61
    lim.hit("signin", "ip")


def test_buckets() -> None:
    assert bucket_for("POST", "/api/ask", "application/json") == "ask"
    assert bucket_for("POST", "/records", "multipart/form-data; boundary=x") == "upload"
    assert bucket_for("POST", "/api/auth/token", "application/json") == "signin"
    assert bucket_for("GET", "/ask", "") is None
