"""Helpers for the records web/API tests: accounts via the real pages, CSRF tokens, waiting for jobs."""

from __future__ import annotations

import re

from fastapi import FastAPI
from fastapi.testclient import TestClient

PASSWORD = "correct horse battery staple"
REPORT = (
    "SURGICAL PATHOLOGY REPORT\n"
    "Specimen: left breast, lumpectomy.\n"
    "Diagnosis: invasive ductal carcinoma, Nottingham grade 2.\n"
    "Tumor size 1.8 cm. Margins negative. No lymphovascular invasion identified.\n"
    "Lymph nodes: 0/3 positive. pT1c pN0.\n"
    "Estrogen receptor positive (90%). Progesterone receptor negative. HER2 negative (1+) by IHC.\n"
)


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
    me = client.get("/api/me").json()
    return str(me["id"])


def api_token(client: TestClient, email: str) -> dict[str, str]:
    """Authorization headers with a fresh API token for an account."""
    fresh = TestClient(client.app)  # no session cookie: a pure API client needs no CSRF token
    r = fresh.post("/api/auth/token", json={"email": email, "password": PASSWORD, "name": "tests"})
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['token']}"}


def run_jobs(app: FastAPI) -> dict[str, int]:
    """Read every queued document now, in this thread (the app's workers may take some too)."""
    from onconav.records.jobs import runner_for

    runner = runner_for(app.state.runtime.db)
    counts = runner.run_pending()
    assert runner.wait_idle(120), "records jobs did not finish"
    return counts


def upload(client: TestClient, files: list[tuple[str, bytes]]):  # type: ignore[no-untyped-def]
    """POST /records with several files and the page's CSRF token."""
    token = csrf_of(client)
    return client.post(
        "/records",
        data={"csrf_token": token},
        files=[("files", (name, data, "application/octet-stream")) for name, data in files],
    )
