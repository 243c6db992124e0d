"""JSON API for records: upload, list, read, delete, profile and fact actions, with clear errors."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from parse_builders import text_pdf
from records_web_helpers import REPORT, api_token, run_jobs, signup

from onconav.app import create_app
from onconav.config import Settings


@pytest.fixture
def app(settings: Settings) -> FastAPI:
    return create_app(settings)


@pytest.fixture
def api(app: FastAPI):  # type: ignore[no-untyped-def]
    """A client with alice's and bob's API tokens."""
    with TestClient(app) as c:
        signup(c, "alice@example.org")
        signup(c, "bob@example.org")
        c.cookies.clear()
        yield c, api_token(c, "alice@example.org"), api_token(c, "bob@example.org")


def _post(c: TestClient, auth: dict[str, str], files: list[tuple[str, bytes]]):  # type: ignore[no-untyped-def]
    return c.post(
        "/api/records", headers=auth, files=[("files", (n, d, "application/octet-stream")) for n, d in files]
    )


def test_upload_list_read_profile_and_delete(app: FastAPI, api) -> None:  # type: ignore[no-untyped-def]
    c, alice, _bob = api
    r = _post(c, alice, [("report.txt", REPORT.encode())])
    assert r.status_code == 202
    doc = r.json()["documents"][0]
    assert doc["status"] == "queued" and doc["name"] == "report.txt" and r.json()["errors"] == []
    run_jobs(app)
    listed = c.get("/api/records", headers=alice).json()
    assert [d["id"] for d in listed] == [doc["id"]] and listed[0]["status"] == "done"
    detail = c.get(f"/api/records/{doc['id']}", headers=alice).json()
    assert detail["kind"] == "pathology_report" and detail["text_pages"][0]["text"] == REPORT
    prof = c.get("/api/profile", headers=alice).json()
    assert prof["profile"]["tnm"]["t"] == "T1c"
    for f in prof["facts"]:
        for ev in f["evidence"]:
            assert REPORT[ev["start"] : ev["end"]] == ev["text"] and ev["document"] == doc["id"]
    assert c.delete(f"/api/records/{doc['id']}", headers=alice).status_code == 204
    assert c.get(f"/api/records/{doc['id']}", headers=alice).status_code == 404
    assert c.get("/api/profile", headers=alice).json()["facts"] == []


def test_fact_actions(app: FastAPI, api) -> None:  # type: ignore[no-untyped-def]
    c, alice, bob = api
    _post(c, alice, [("report.txt", REPORT.encode())])
    run_jobs(app)
    facts = c.get("/api/profile", headers=alice).json()["facts"]
    t = next(f for f in facts if f["field"] == "tnm.t")
    r = c.post(f"/api/profile/facts/{t['id']}", headers=alice, json={"action": "correct", "value": "T2"})
    assert r.status_code == 200 and r.json()["profile"]["tnm"]["t"] == "T2"
    mine = next(f for f in r.json()["facts"] if f["status"] == "patient")
    assert mine["corrects"] == t["id"] and mine["value"] == "T2"
    r = c.post(f"/api/profile/facts/{t['id']}", headers=alice, json={"action": "undo"})
    assert r.json()["profile"]["tnm"]["t"] == "T1c"
    r = c.post(f"/api/profile/facts/{t['id']}", headers=alice, json={"action": "explode"})
    assert r.status_code == 422
    r = c.post(f"/api/profile/facts/{t['id']}", headers=bob, json={"action": "delete"})
    assert r.status_code == 404
    r = c.post("/api/profile/facts/0123456789abcdef01234567", headers=alice, json={"action": "confirm"})
    assert r.status_code == 404 and r.json()["error"] == "NotFoundError"


@pytest.mark.parametrize(
    ("name", "data", "status", "words"),
    [
        ("junk.bin", bytes(range(256)) * 20, 415, "not a supported record"),
        ("scan.pdf", b"plain words, not a PDF", 415, "named like a PDF"),
        ("empty.txt", b"   ", 400, "empty"),
    ],
)
def test_refused_uploads_say_why(api, name: str, data: bytes, status: int, words: str) -> None:  # type: ignore[no-untyped-def]
    c, alice, _ = api
    r = _post(c, alice, [(name, data)])
    assert r.status_code == status
    assert words in r.json()["detail"] and r.json()["errors"][0]["file"] == name
    assert c.get("/api/records", headers=alice).json() == []


def test_too_large_upload_is_413(settings: Settings) -> None:
    app = create_app(settings.with_(max_upload_mb=1))
    with TestClient(app) as c:
        signup(c, "carol@example.org")
        c.cookies.clear()
        r = _post(c, api_token(c, "carol@example.org"), [("big.txt", b"a" * (1024 * 1024 + 100))])
        assert r.status_code == 413 and "limit is 1 MB" in r.json()["detail"]


def test_mixed_batch_keeps_the_good_files_and_reports_job_errors(app: FastAPI, api) -> None:  # type: ignore[no-untyped-def]
    c, alice, _ = api
    r = _post(
        c,
        alice,
        [
            ("good.txt", REPORT.encode()),
            ("junk.bin", bytes(range(256)) * 10),
            ("locked.pdf", text_pdf(["secret"], encrypted=True)),
            ("portal.json", b'{"resourceType": "Nonsense", "x": 1}'),
            ("notes.txt", "Biopsy: adenocarcinoma \xe9\xe8 of the colon".encode("latin-1")),
        ],
    )
    assert r.status_code == 202
    assert len(r.json()["documents"]) == 4 and r.json()["errors"][0]["file"] == "junk.bin"
    run_jobs(app)
    docs = {d["name"]: d for d in c.get("/api/records", headers=alice).json()}
    assert docs["good.txt"]["status"] == docs["notes.txt"]["status"] == "done"
    assert docs["locked.pdf"]["status"] == "error" and "password" in docs["locked.pdf"]["error"].lower()
    assert docs["portal.json"]["status"] in ("done", "error")
    if docs["portal.json"]["status"] == "error":
        assert docs["portal.json"]["error"]


def test_no_token_no_access_and_other_accounts_see_404(app: FastAPI, api) -> None:  # type: ignore[no-untyped-def]
    c, alice, bob = api
    doc_id = _post(c, alice, [("report.txt", REPORT.encode())]).json()["documents"][0]["id"]
    anon = TestClient(app)
    assert anon.get("/api/records").status_code == 401
    assert anon.get("/api/profile").status_code == 401
    assert c.get(f"/api/records/{doc_id}", headers=bob).status_code == 404
    assert c.delete(f"/api/records/{doc_id}", headers=bob).status_code == 404
    assert c.get("/api/records", headers=bob).json() == []
    assert c.get(f"/api/records/{doc_id}", headers=alice).status_code == 200
