"""Helpers for the security tests: sign up through the real pages, scrape CSRF tokens, API tokens."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient

from onconav.app import create_app
from onconav.config import Settings

PASSWORD = "correct horse battery staple"


def csrf_of(client: TestClient, path: str = "/") -> str:
    """The CSRF token from a page's form."""
    m = re.search(r'name="csrf_token" value="([^"]*)"', client.get(path).text)
    assert m and m.group(1), f"no csrf token on {path}"
    return m.group(1)


@dataclass
class Account:
    client: TestClient
    email: str
    id: str
    token: str = ""

    def csrf(self, path: str = "/account") -> str:
        return csrf_of(self.client, path)

    def post(self, path: str, data: dict[str, object] | None = None, **kw: object):  # type: ignore[no-untyped-def]
        return self.client.post(path, data={**(data or {}), "csrf_token": self.csrf()}, **kw)  # type: ignore[arg-type]


def signup(client: TestClient, email: str, password: str = PASSWORD) -> Account:
    """Create an account through /signup and return it signed in."""
    r = client.post(
        "/signup",
        data={
            "email": email,
            "password": password,
            "password2": password,
            "csrf_token": csrf_of(client, "/signup"),
        },
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    me = client.get("/api/me", headers={"X-CSRF-Token": csrf_of(client, "/")}).json()
    return Account(client, email, me["id"])


def api_token_for(client: TestClient, email: str, password: str = PASSWORD) -> str:
    """A Bearer token for the account (asked for by a program without the browser's cookies)."""
    with TestClient(client.app) as bare:
        r = bare.post("/api/auth/token", json={"email": email, "password": password, "name": "test"})
        assert r.status_code == 200, r.text
        return str(r.json()["token"])


@pytest.fixture
def app(settings: Settings):  # type: ignore[no-untyped-def]
    return create_app(settings)


@pytest.fixture
def two_users(app):  # type: ignore[no-untyped-def]
    """Two signed-in browsers on the same app: alice and bob."""
    with TestClient(app) as ca, TestClient(app) as cb:
        alice = signup(ca, "alice@example.org")
        bob = signup(cb, "bob@example.org")
        alice.token = api_token_for(ca, alice.email)
        bob.token = api_token_for(cb, bob.email)
        yield alice, bob
