"""A signed-in patient with records gets a personalised answer that stays private."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from onconav.app import create_app
from onconav.config import Settings
from web_accounts import csrf_of, run_jobs, signup, upload

REPORT = (
    "SURGICAL PATHOLOGY REPORT\n"
    "Diagnosis: invasive ductal carcinoma of the left breast, grade 2. pT1c pN0.\n"
    "HER2 negative (1+) by IHC. Estrogen receptor positive (90%).\n"
)


@pytest.fixture
def app(settings: Settings, pack_dir: Path):  # type: ignore[no-untyped-def]
    application = create_app(settings)
    with TestClient(application):
        application.state.runtime.kb.import_paths([pack_dir / "articles"])
    return application


def test_signed_in_patient_gets_private_personal_answer(app) -> None:  # type: ignore[no-untyped-def]
    with TestClient(app) as alice:
        signup(alice, "alice@example.org")
        assert upload(alice, [("report.txt", REPORT.encode())]).status_code in (200, 202, 303)
        run_jobs(app)
        home = alice.get("/").text
        assert 'name="use_records"' in home
        r = alice.post(
            "/ask",
            data={
                "question": "What treatments are there for me?",
                "use_records": "1",
                "csrf_token": csrf_of(alice, "/"),
            },
            follow_redirects=False,
        )
        assert r.status_code == 303
        page = alice.get(r.headers["location"]).text
        assert "Because your records show" in page and "Private to your account" in page
        url = r.headers["location"]
    with TestClient(app) as bob:
        signup(bob, "bob@example.org")
        assert bob.get(url).status_code == 404
    with TestClient(app) as anonymous:
        assert anonymous.get(url).status_code == 404
