"""Signed-in kit and gap pages: the stored profile, evidence links, the PDF, and who may see them."""

from __future__ import annotations

import html
import io
import re
from collections.abc import Iterator

import pypdfium2 as pdfium
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from guid_helpers import FIXTURES

from onconav.app import create_app
from onconav.config import Settings
from web_accounts import csrf_of, run_jobs, signup, upload

BREAST = FIXTURES / "breast_her2"
LINK = re.compile(
    r'class="evidence"[^>]* href="(/records/[0-9a-f]{32}\?page=\d+&amp;start=(\d+)&amp;end=(\d+)#evidence)">'
    r"[^<:]+: “([^<]*)”</a>"
)


def _upload_breast_reports(app: FastAPI, client: TestClient) -> None:
    files = [(p.name, p.read_bytes()) for p in sorted(BREAST.glob("*.txt"))]
    r = upload(client, files)
    assert r.status_code == 202, r.text
    run_jobs(app)


def _pdf_text(data: bytes) -> str:
    doc = pdfium.PdfDocument(io.BytesIO(data))
    try:
        return "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    finally:
        doc.close()


def _grant_kit(app: FastAPI, owner_id: str, grantee_id: str) -> None:
    """A caregiver grant covering the kit (written directly: the sharing form does not offer 'kit' yet)."""
    from onconav.security.models import GrantRow
    from onconav.security.tokens import iso, new_id, now

    with app.state.runtime.db.session() as s:
        s.add(
            GrantRow(
                id=new_id(), owner_id=owner_id, grantee_id=grantee_id, created_at=iso(now()), scopes="kit"
            )
        )


@pytest.fixture
def app(settings: Settings) -> FastAPI:
    return create_app(settings)


@pytest.fixture
def alice(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as c:
        c.alice_id = signup(c, "alice@example.org")  # type: ignore[attr-defined]
        _upload_breast_reports(app, c)
        yield c


@pytest.fixture
def bob(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as c:
        c.bob_id = signup(c, "bob@example.org")  # type: ignore[attr-defined]
        yield c


def test_signed_in_kit_uses_the_stored_profile_with_evidence_links(alice: TestClient) -> None:
    page = alice.get("/kit").text
    assert "Made from the records in your account" in page
    assert "Breast Invasive Ductal Carcinoma" in page and "Stage IIA" in page
    assert "pathology_report.txt p.1" in page  # evidence names the file, not the stored id
    assert '<link rel="stylesheet" href="/static/guidance.css">' in page and " style=" not in page
    links = LINK.findall(page)
    assert len(links) >= 5
    for url, start, end, quote in links[:6]:
        shown = alice.get(html.unescape(url).split("#")[0])
        assert shown.status_code == 200
        marked = re.findall(r"<mark[^>]*>(.*?)</mark>", shown.text, re.S)
        assert len(marked) == 1 and int(end) > int(start), (url, marked)
        assert html.unescape(marked[0]).startswith(html.unescape(quote).removesuffix("...")), (url, quote)
    # the stored kit keeps what was uploaded: pathology report in the checklist, not missing
    assert re.search(r"Pathology report[^<]*</b>: in your uploads: pathology_report.txt", page)


def test_signed_in_gaps_use_the_stored_profile(alice: TestClient) -> None:
    page = alice.get("/gaps").text
    assert "Checked against the records in your account" in page
    assert "HER2" in page and "Found in your records" in page
    assert LINK.search(page), "found results link to their evidence"


def test_signed_in_kit_pdf_is_made_from_the_stored_profile(alice: TestClient) -> None:
    r = alice.get("/kit/pdf?zip=10065")
    assert r.status_code == 200 and r.headers["content-type"] == "application/pdf"
    text = _pdf_text(r.content)
    assert "Breast Invasive Ductal Carcinoma" in text and "pathology_report.txt p.1" in text
    assert "Memorial Sloan Kettering" in text and "/records/" not in text
    form = {
        "csrf_token": csrf_of(alice, "/kit"),
        "source": "stored",
        "zip": "",
        "questions": "Can my slides be reviewed again?",
        "letter_slides": "To the pathology department: please send my slides. Thank you.",
    }
    edited = alice.post("/kit/pdf", data=form)
    assert edited.status_code == 200
    text = _pdf_text(edited.content)
    assert "Can my slides be reviewed again?" in text and "please send my slides" in text
    assert "Breast Invasive Ductal Carcinoma" in text


def test_another_user_gets_404_for_someone_elses_kit(alice: TestClient, bob: TestClient) -> None:
    owner = alice.alice_id  # type: ignore[attr-defined]
    for path in (f"/kit?owner={owner}", f"/kit/pdf?owner={owner}", f"/gaps?owner={owner}"):
        r = bob.get(path)
        assert r.status_code == 404, path
        assert "Breast" not in r.text
    form = {"csrf_token": csrf_of(bob, "/kit"), "source": "stored", "owner": owner}
    assert bob.post("/kit/pdf", data=form).status_code == 404
    own = bob.get("/kit").text  # Bob's own kit: general, and it says how to make it personal
    assert "has no records that have been read yet" in own and "Breast" not in own
    assert "has no records" in bob.get("/gaps").text


def test_a_caregiver_with_a_kit_grant_can_view_but_not_edit(
    app: FastAPI, alice: TestClient, bob: TestClient
) -> None:
    owner = alice.alice_id  # type: ignore[attr-defined]
    _grant_kit(app, owner, bob.bob_id)  # type: ignore[attr-defined]
    page = bob.get(f"/kit?owner={owner}").text
    assert "Made from records that were shared with you" in page
    assert "Breast Invasive Ductal Carcinoma" in page
    assert f'name="owner" value="{owner}"' in page  # the PDF form and the ZIP form keep the owner
    assert 'action="/kit" enctype' not in page  # no paste form on someone else's kit
    assert bob.get(f"/kit/pdf?owner={owner}").content.startswith(b"%PDF")
    assert "HER2" in bob.get(f"/gaps?owner={owner}").text


def test_asking_for_an_owner_without_signing_in_goes_to_sign_in(app: FastAPI) -> None:
    with TestClient(app) as anon:
        r = anon.get("/kit?owner=abc", follow_redirects=False)
        assert r.status_code in (303, 401) and "Breast" not in r.text
        general = anon.get("/kit")
        assert general.status_code == 200 and "Make this kit personal" in general.text
