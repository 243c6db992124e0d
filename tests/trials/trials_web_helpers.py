"""Helpers for the trials page tests: accounts through the real pages, CSRF tokens, a stored profile."""

from __future__ import annotations

import re

from fastapi import FastAPI
from fastapi.testclient import TestClient

PASSWORD = "correct horse battery staple"
REPORT = (
    "SURGICAL PATHOLOGY REPORT\n"
    "Specimen: right breast, core biopsy.\n"
    "Diagnosis: invasive ductal carcinoma of the breast, grade 3.\n"
    "HER2 positive (3+) by IHC. Estrogen receptor negative. Progesterone receptor negative.\n"
    "Stage IV with liver metastases.\n"
)


def csrf_of(client: TestClient, path: str) -> str:
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


def store_report(app: FastAPI, client: TestClient) -> None:
    """Upload the pathology report through /records and read it now, so the profile has a diagnosis."""
    from onconav.records.jobs import runner_for

    token = csrf_of(client, "/records")
    r = client.post(
        "/records",
        data={"csrf_token": token},
        files=[("files", ("report.txt", REPORT.encode(), "text/plain"))],
    )
    assert r.status_code == 202, r.text
    runner = runner_for(app.state.runtime.db)
    runner.run_pending()
    assert runner.wait_idle(120), "records jobs did not finish"
