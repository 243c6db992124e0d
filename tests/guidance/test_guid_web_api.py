"""Kit, gap and compare pages and the JSON API: forms with CSRF, edits reach the PDF, clear errors."""

from __future__ import annotations

import io
import json
import re

import pypdfium2 as pdfium
import pytest
from fastapi.testclient import TestClient
from guid_helpers import FIXTURES, corrected

PLANS = FIXTURES / "plans"


def token(client: TestClient, path: str = "/kit") -> str:
    m = re.search(r'name="csrf_token" value="([^"]*)"', client.get(path).text)
    assert m, "the page has no CSRF field"
    return m.group(1)


def pdf_text(data: bytes) -> str:
    doc = pdfium.PdfDocument(io.BytesIO(data))
    try:
        return "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    finally:
        doc.close()


@pytest.fixture(scope="module")
def ampullary() -> str:
    return json.dumps(corrected("ampullary_whipple"))


def test_kit_page_without_records_is_a_general_kit(client: TestClient) -> None:
    html = client.get("/kit").text
    assert "Second-opinion kit" in html and "Make this kit personal" in html
    assert "A pathology report" in html and "Records to bring" in html
    assert 'name="csrf_token"' in html
    head = html.split("</head>", 1)[0]
    assert '<link rel="stylesheet" href="/static/guidance.css">' in head
    assert " style=" not in html and "<style" not in html  # the site's CSP allows no inline styles
    css = client.get("/static/guidance.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    assert ".kit" in css.text


def test_kit_form_makes_a_personal_editable_kit(client: TestClient, ampullary: str) -> None:
    r = client.post("/kit", data={"profile_json": ampullary, "zip": "02115", "csrf_token": token(client)})
    assert r.status_code == 200
    html = r.text
    assert "Ampullary Carcinoma" in html and "Dana-Farber" in html
    assert "Mismatch repair" in html and "Not found in your records" in html
    assert '<textarea id="questions-text" name="questions" form="kit-edits"' in html
    assert 'name="letter_records"' in html and "HIPAA" in html
    assert "pathology_report.txt p.1" in html  # summary lines point at their document


def test_kit_pdf_uses_the_patients_edits(client: TestClient, ampullary: str) -> None:
    form = {
        "profile_json": ampullary,
        "zip": "02115",
        "csrf_token": token(client),
        "source": "pasted",
        "questions": "Who will read my slides again?\nCan we meet the surgeon together?",
        "letter_referral": "Dear Dr. Rivera, please send my referral to the center. Thank you.",
    }
    r = client.post("/kit/pdf", data=form)
    assert r.status_code == 200 and r.headers["content-type"] == "application/pdf"
    text = pdf_text(r.content)
    assert "Who will read my slides again?" in text and "Dear Dr. Rivera" in text
    assert "Ampullary Carcinoma" in text and "Dana-Farber" in text


def test_kit_form_bad_json_keeps_the_input_and_explains(client: TestClient) -> None:
    r = client.post("/kit", data={"profile_json": '{"cancer_type": ', "csrf_token": token(client)})
    assert r.status_code == 400 and "not valid JSON" in r.text and "{&#34;cancer_type&#34;: " in r.text


def test_kit_form_without_csrf_is_refused(client: TestClient) -> None:
    client.get("/kit")
    assert client.post("/kit", data={"profile_json": "{}"}).status_code in (401, 403)


def test_kit_with_unknown_zip_shows_a_message(client: TestClient) -> None:
    r = client.post("/kit", data={"profile_json": "", "zip": "00000", "csrf_token": token(client)})
    assert r.status_code == 200 and "unknown ZIP code 00000" in r.text


def test_kit_pdf_get_general(client: TestClient) -> None:
    r = client.get("/kit/pdf?zip=10065")
    assert r.status_code == 200 and r.content.startswith(b"%PDF")
    assert "Memorial Sloan Kettering" in pdf_text(r.content)


def test_gaps_page_with_upload(client: TestClient, ampullary: str) -> None:
    files = {"profile_file": ("extract.json", ampullary.encode(), "application/json")}
    r = client.post("/gaps", data={"csrf_token": token(client, "/gaps")}, files=files)
    assert r.status_code == 200
    assert "Mismatch repair" in r.text and "Tumor or inherited testing?" in r.text


def test_compare_page_with_files(client: TestClient) -> None:
    files = {
        "file_a": ("a.txt", (PLANS / "plan_a.txt").read_bytes(), "text/plain"),
        "file_b": ("b.json", (PLANS / "plan_b.json").read_bytes(), "application/json"),
    }
    r = client.post("/compare", data={"csrf_token": token(client, "/compare")}, files=files)
    assert r.status_code == 200 and "They differ" in r.text and "Questions for both doctors" in r.text
    bad = client.post(
        "/compare", data={"plan_a": "Plan: surgery.", "plan_b": "", "csrf_token": token(client)}
    )
    assert bad.status_code == 400 and "empty" in bad.text and "Plan: surgery." in bad.text


def test_api_kit_and_gaps(client: TestClient, ampullary: str) -> None:
    body = {"profile": json.loads(ampullary), "zip": "02115"}
    kit = client.post("/api/kit", json=body).json()
    assert kit["code"] == "AMPCA" and kit["centers"][0]["name"].startswith("Dana-Farber")
    assert {"pathology_slides", "imaging_reports"} <= {c["id"] for c in kit["checklist"] if not c["have"]}
    gaps = client.post("/api/gaps", json={"profile": json.loads(ampullary)["profile"]}).json()
    assert {i["test_id"]: i["status"] for i in gaps["items"]}["mmr_msi"] == "not_found"


def test_api_kit_pdf_and_errors(client: TestClient) -> None:
    r = client.post("/api/kit", json={"profile": None, "pdf": True})
    assert (
        r.status_code == 200 and r.json()["personal"] is False and r.json()["pdf_base64"].startswith("JVBER")
    )
    bad_zip = client.post("/api/kit", json={"zip": "00000"})
    assert bad_zip.status_code == 400 and "00000" in bad_zip.json()["detail"]
    bad_type = client.post("/api/gaps", json={"profile": {"cancer_type": "colon"}})
    assert bad_type.status_code == 400 and "cancer_type" in bad_type.json()["detail"]
    assert client.post("/api/kit/pdf", json={}).content.startswith(b"%PDF")


def test_api_compare(client: TestClient) -> None:
    body = {
        "plan_a": (PLANS / "plan_a.txt").read_text(),
        "plan_b": json.loads((PLANS / "plan_b.json").read_text()),
    }
    out = client.post("/api/compare", json=body).json()
    assert {r["topic"]: r["agreement"] for r in out["rows"]}["radiation"] == "differ"
    assert client.post("/api/compare", json={"plan_a": "", "plan_b": "x"}).status_code == 400


def test_openapi_lists_the_guidance_routes(client: TestClient) -> None:
    paths = client.get("/api/openapi.json").json()["paths"]
    assert {"/api/kit", "/api/gaps", "/api/compare"} <= set(paths)
