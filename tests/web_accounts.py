"""Shared test helpers: accounts through the real pages, CSRF tokens, uploads, and running record jobs.

Importable from every test folder (pytest puts tests/ on sys.path for the root conftest).
"""

from __future__ import annotations

import re

from fastapi import FastAPI
from fastapi.testclient import TestClient

PASSWORD = "correct horse battery staple"


def csrf_of(client: TestClient, path: str = "/records") -> str:
    """The CSRF token from a page's form."""
    m = re.search(r'name="csrf_token" value="([^"]*)"', client.get(path).text)
    assert m and m.group(1), f"no csrf token on {path}"
    return m.group(1)


def signup(client: TestClient, email: str) -> str:
    """Create an account through /signup (signed in afterwards); returns its id."""
    token = csrf_of(client, "/signup")
    r = client.post(
        "/signup",
        data={"email": email, "password": PASSWORD, "password2": PASSWORD, "csrf_token": token},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    return str(client.get("/api/me").json()["id"])


def upload(client: TestClient, files: list[tuple[str, bytes]]):  # type: ignore[no-untyped-def]
    """POST /records with several files and the page's CSRF token."""
    token = csrf_of(client)
    return client.post(
        "/records",
        data={"csrf_token": token},
        files=[("files", (name, data, "application/octet-stream")) for name, data in files],
    )


def run_jobs(app: FastAPI) -> dict[str, int]:
    """Read every queued document now, in this thread (the app's workers may take some too)."""
    from onconav.records.jobs import runner_for

    runner = runner_for(app.state.runtime.db)
    counts = runner.run_pending()
    assert runner.wait_idle(120), "records jobs did not finish"
    return counts
