"""Helpers for the records web/API tests: a synthetic report and API tokens (accounts: web_accounts)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from web_accounts import PASSWORD, csrf_of, run_jobs, signup, upload

__all__ = ["PASSWORD", "REPORT", "api_token", "csrf_of", "run_jobs", "signup", "upload"]

REPORT = (
    "SURGICAL PATHOLOGY REPORT\n"
    "Specimen: left breast, lumpectomy.\n"
    "Diagnosis: invasive ductal carcinoma, Nottingham grade 2.\n"
    "Tumor size 1.8 cm. Margins negative. No lymphovascular invasion identified.\n"
    "Lymph nodes: 0/3 positive. pT1c pN0.\n"
    "Estrogen receptor positive (90%). Progesterone receptor negative. HER2 negative (1+) by IHC.\n"
)


def api_token(client: TestClient, email: str) -> dict[str, str]:
    """Authorization headers with a fresh API token for an account."""
    fresh = TestClient(client.app)  # no session cookie: a pure API client needs no CSRF token
    r = fresh.post("/api/auth/token", json={"email": email, "password": PASSWORD, "name": "tests"})
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['token']}"}
