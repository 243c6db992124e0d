"""Helpers for the trials page tests: a stored profile (accounts come from web_accounts)."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient

from web_accounts import csrf_of, run_jobs, signup

__all__ = ["REPORT", "csrf_of", "signup", "store_report"]

REPORT = (
    "SURGICAL PATHOLOGY REPORT\n"
    "Specimen: right breast, core biopsy.\n"
    "Diagnosis: invasive ductal carcinoma of the breast, grade 3.\n"
    "HER2 positive (3+) by IHC. Estrogen receptor negative. Progesterone receptor negative.\n"
    "Stage IV with liver metastases.\n"
)


def store_report(app: FastAPI, client: TestClient) -> None:
    """Upload the pathology report through /records and read it now, so the profile has a diagnosis."""
    token = csrf_of(client, "/records")
    r = client.post(
        "/records",
        data={"csrf_token": token},
        files=[("files", ("report.txt", REPORT.encode(), "text/plain"))],
    )
    assert r.status_code == 202, r.text
    run_jobs(app)
