"""CSRF on forms and cookie-authenticated API calls; security headers; templates without inline code."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from conftest import csrf_of, signup
from onconav.config import Settings
from onconav.web.render import TEMPLATE_DIR


def test_form_posts_without_or_with_a_wrong_token_are_refused(client: TestClient) -> None:
    client.get("/")
    for data in ({"question": "What is a biopsy?"}, {"question": "x", "csrf_token": "forged"}):
        r = client.post("/ask", data=data)
        assert r.status_code == 403 and "reload the page" in r.text
    r = client.post("/signin", data={"email": "a@example.org", "password": "whatever12"})
    assert r.status_code == 403


def test_token_from_another_browser_is_refused(client: TestClient) -> None:
    token = csrf_of(client)
    with TestClient(client.app) as other:
        other.get("/")
        assert other.post("/ask", data={"question": "x", "csrf_token": token}).status_code == 403


def test_token_changes_at_signin(client: TestClient) -> None:
    before = csrf_of(client)
    signup(client, "pat@example.org")
    after = csrf_of(client)
    assert before != after
    r = client.post("/account/tokens", data={"name": "n", "csrf_token": before})
    assert r.status_code == 403


def test_cookie_authenticated_api_calls_need_the_header(client: TestClient) -> None:
    signup(client, "pat@example.org")
    assert client.post("/api/ask", json={"question": "What is a biopsy?"}).status_code == 403
    assert client.delete("/api/me", params={"confirm": "yes"}).status_code == 403
    ok = client.post("/api/ask", json={"question": ""}, headers={"X-CSRF-Token": csrf_of(client)})
    assert ok.status_code == 400  # passed the CSRF check, then refused the empty question


def test_anonymous_api_calls_need_no_token(client: TestClient) -> None:
    with TestClient(client.app) as bare:
        assert bare.post("/api/ask", json={"question": ""}).status_code == 400


def test_security_headers_on_pages_api_and_errors(client: TestClient) -> None:
    for path in ("/", "/api/openapi.json", "/answers/nope", "/signin"):
        h = client.get(path).headers
        csp = h["content-security-policy"]
        assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
        assert h["x-content-type-options"] == "nosniff" and h["referrer-policy"] == "no-referrer"
        assert h["x-frame-options"] == "DENY"
    assert "strict-transport-security" not in client.get("/").headers  # only when served over HTTPS


def test_templates_have_no_inline_scripts_or_styles() -> None:
    for path in TEMPLATE_DIR.rglob("*.html"):
        text = path.read_text()
        assert not re.search(r"<script(?![^>]*\bsrc=)", text), path
        assert not re.search(r"\sstyle=|<style|\son[a-z]+=", text), path
        assert not re.search(r"\{\{\s*[A-Za-z_][^}]*\|\s*safe\b", text), path  # only literals may be |safe


def test_oversized_bodies_are_refused_before_reading(settings: Settings) -> None:
    from onconav.app import create_app

    with TestClient(create_app(settings.with_(max_upload_mb=1))) as c:
        token = csrf_of(c)
        r = c.post("/ask", data={"question": "x" * (3 * 1024 * 1024), "csrf_token": token})
        assert r.status_code == 413 and "too large" in r.text
