"""Records pages: upload, live status, evidence highlights, profile actions, deletion, downloads."""

from __future__ import annotations

import html
import json
import re

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from parse_builders import text_pdf
from records_web_helpers import REPORT, csrf_of, run_jobs, signup, upload

from onconav.app import create_app
from onconav.config import Settings


@pytest.fixture
def app(settings: Settings) -> FastAPI:
    return create_app(settings)


@pytest.fixture
def alice(app: FastAPI):  # type: ignore[no-untyped-def]
    with TestClient(app) as c:
        signup(c, "alice@example.org")
        yield c


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)")


def _links(page: str) -> list[str]:
    return [html.unescape(h) for h in re.findall(r'class="evidence" href="([^"]+)"', page)]


def test_records_pages_need_sign_in(app: FastAPI) -> None:
    with TestClient(app) as c:
        for path in ("/records", "/profile", "/profile.json"):
            r = c.get(path, follow_redirects=False)
            assert r.status_code == 303 and r.headers["location"].startswith("/signin")


def test_upload_form_is_labelled_and_protected(alice: TestClient) -> None:
    page = alice.get("/records").text
    assert 'enctype="multipart/form-data"' in page and "multiple" in page
    assert '<label for="files">' in page and 'name="csrf_token"' in page
    r = alice.post("/records", files=[("files", ("r.txt", REPORT.encode(), "text/plain"))])
    assert r.status_code == 403  # no CSRF token


def test_upload_returns_at_once_and_the_list_polls_until_done(app: FastAPI, alice: TestClient) -> None:
    from onconav.records.jobs import runner_for

    runner = runner_for(app.state.runtime.db)
    runner.stop()  # keep the job queued so the page is seen before reading finishes
    runner.workers = 0
    r = upload(alice, [("report.txt", REPORT.encode()), ("locked.pdf", text_pdf(["x"], encrypted=True))])
    assert r.status_code == 202
    assert "2 documents received" in r.text
    status = alice.get("/records/status").text
    assert 'hx-get="/records/status"' in status and 'hx-trigger="every 2s"' in status
    assert "Waiting to be read" in status and "<script" not in status
    run_jobs(app)
    status = alice.get("/records/status").text
    assert "hx-trigger" not in status  # polling stops once everything is read
    assert status.count('data-status="done"') == 1 and status.count('data-status="error"') == 1
    assert "password" in status.lower()


def test_bad_files_get_clear_per_file_messages_and_good_ones_are_kept(
    app: FastAPI, alice: TestClient
) -> None:
    r = upload(
        alice,
        [
            ("scan.pdf", b"this is not a pdf at all"),
            ("junk.bin", bytes(range(256)) * 10),
            ("empty.txt", b""),
            ("good.txt", REPORT.encode()),
        ],
    )
    assert r.status_code == 202
    errors = [
        html.unescape(e) for e in re.findall(r"<li>(.*?)</li>", r.text.split('class="upload-errors"')[1])
    ]
    assert len(errors) == 3
    assert "named like a PDF" in errors[0] and "not a supported record" in errors[1]
    run_jobs(app)
    assert alice.get("/profile").text.count("pT1c") >= 1
    r = upload(alice, [("junk.bin", b"\x00\x01\x02" * 500)])
    assert r.status_code == 400 and "not a supported record" in r.text


def test_profile_groups_facts_and_links_to_highlighted_evidence(app: FastAPI, alice: TestClient) -> None:
    upload(alice, [("report.txt", REPORT.encode())])
    run_jobs(app)
    page = alice.get("/profile").text
    for heading in ("Diagnosis", "Stage", "Biomarkers", "Treatments", "Timeline", "What we could not find"):
        assert f">{heading}</h2>" in page
    assert 'name="csrf_token"' in page and not INLINE_SCRIPT.search(page)
    links = _links(page)
    assert links
    for link in links[:8]:
        q = dict(re.findall(r"[?&](\w+)=(\d+)", link))
        shown = alice.get(link.split("#")[0])
        assert shown.status_code == 200
        marked = re.findall(r"<mark[^>]*>(.*?)</mark>", shown.text, re.S)
        assert marked == [html.escape(REPORT[int(q["start"]) : int(q["end"])], quote=True)]


def test_document_page_ignores_out_of_range_spans_and_escapes_text(app: FastAPI, alice: TestClient) -> None:
    upload(alice, [("x.txt", b"Pathology: <script>alert(1)</script> invasive ductal carcinoma, pT2.")])
    run_jobs(app)
    doc_id = re.search(r'href="/records/([0-9a-f]{32})"', alice.get("/records").text).group(1)  # type: ignore[union-attr]
    page = alice.get(f"/records/{doc_id}?page=1&start=5&end=99999").text
    assert "<mark" not in page and "<script>alert" not in page and "&lt;script&gt;" in page
    assert alice.get(f"/records/{doc_id}/original").content.startswith(b"Pathology")


def test_correct_confirm_delete_through_forms(app: FastAPI, alice: TestClient) -> None:
    upload(alice, [("report.txt", REPORT.encode())])
    run_jobs(app)
    page = alice.get("/profile").text
    t_id = re.search(
        r'id="fact-([0-9a-f]{24})" class="fact fact-extracted">\s*<th scope="row">T \(tumour\)', page
    )
    assert t_id
    token = csrf_of(alice, "/profile")
    r = alice.post(
        f"/profile/facts/{t_id.group(1)}",
        data={"action": "correct", "value": "T2", "csrf_token": token},
        follow_redirects=False,
    )
    assert r.status_code == 303
    data = alice.get("/profile.json").json()
    assert data["profile"]["tnm"]["t"] == "T2"
    assert {f["status"] for f in data["facts"] if f["field"] == "tnm.t"} == {"corrected", "patient"}
    page = alice.get("/profile").text
    assert "your value" in page and "<del>T1c</del>" in page
    r = alice.post(
        f"/profile/facts/{t_id.group(1)}", data={"action": "correct", "value": "", "csrf_token": token}
    )
    assert r.status_code == 400 and "Type the correct value" in r.text
    r = alice.post(f"/profile/facts/{t_id.group(1)}", data={"action": "delete", "csrf_token": token})
    assert "Facts you deleted" in r.text and "Restore" in r.text
    assert alice.get("/profile.json").json()["profile"]["tnm"]["t"] is None
    bundle = alice.get("/profile.fhir.json")
    assert bundle.headers["content-type"].startswith("application/fhir+json")
    assert json.loads(bundle.text)["resourceType"] == "Bundle"


def test_delete_a_document_from_the_list(app: FastAPI, alice: TestClient) -> None:
    upload(alice, [("report.txt", REPORT.encode())])
    run_jobs(app)
    doc_id = re.search(r'href="/records/([0-9a-f]{32})"', alice.get("/records").text).group(1)  # type: ignore[union-attr]
    r = alice.post(f"/records/{doc_id}/delete", data={"csrf_token": csrf_of(alice)}, follow_redirects=False)
    assert r.status_code == 303
    assert alice.get(f"/records/{doc_id}").status_code == 404
    assert "No records have been read yet" in alice.get("/profile").text


def test_another_account_sees_nothing(app: FastAPI, alice: TestClient) -> None:
    upload(alice, [("report.txt", REPORT.encode())])
    run_jobs(app)
    doc_id = re.search(r'href="/records/([0-9a-f]{32})"', alice.get("/records").text).group(1)  # type: ignore[union-attr]
    fact_id = re.search(r'id="fact-([0-9a-f]{24})"', alice.get("/profile").text).group(1)  # type: ignore[union-attr]
    with TestClient(app) as bob:
        signup(bob, "bob@example.org")
        assert bob.get(f"/records/{doc_id}").status_code == 404
        assert bob.get(f"/records/{doc_id}/original").status_code == 404
        token = csrf_of(bob)
        assert bob.post(f"/records/{doc_id}/delete", data={"csrf_token": token}).status_code == 404
        r = bob.post(f"/profile/facts/{fact_id}", data={"action": "delete", "csrf_token": token})
        assert r.status_code == 404
        assert "report.txt" not in bob.get("/records").text
        assert bob.get("/profile.json").json()["facts"] == []
    assert alice.get(f"/records/{doc_id}").status_code == 200
