"""Browser test: sign up, upload a scanned PDF and a FHIR bundle, watch them being read, open the profile
and follow a fact's evidence link to the highlighted words in its source document."""

from __future__ import annotations

import io
import json
import shutil
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from onconav.config import PROJECT_ROOT, Settings

CHROMIUM = Path("/usr/bin/chromium")
OUT = PROJECT_ROOT / "benchmarks" / "out"
PASSWORD = "correct horse battery staple"
SCAN_LINES = [
    "SURGICAL PATHOLOGY REPORT",
    "Specimen: left breast, lumpectomy.",
    "Diagnosis: invasive ductal carcinoma.",
    "Nottingham grade 2. Tumor size 2.1 cm.",
    "Margins negative. Lymph nodes 0/2 positive.",
    "Estrogen receptor positive (95%).",
    "pT2 pN0",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed"),
    pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract-ocr is needed to read the scan"),
]


def _scanned_pdf() -> bytes:
    """A synthetic report rendered to an image and saved as an image-only PDF (no text layer)."""
    from PIL import Image, ImageDraw, ImageFont

    img = Image.new("L", (1700, 2200), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.load_default(size=44)
    for i, line in enumerate(SCAN_LINES):
        draw.text((140, 220 + i * 100), line, fill=0, font=font)
    buf = io.BytesIO()
    img.save(buf, "PDF", resolution=200.0)
    return buf.getvalue()


def _fhir_bundle() -> bytes:
    """A small synthetic FHIR R4 bundle: a patient, a breast cancer condition and a HER2 result."""
    patient = {"resourceType": "Patient", "id": "p1", "gender": "female", "birthDate": "1970-03-02"}
    condition = {
        "resourceType": "Condition",
        "id": "c1",
        "subject": {"reference": "Patient/p1"},
        "code": {
            "coding": [
                {
                    "system": "http://snomed.info/sct",
                    "code": "254837009",
                    "display": "Malignant neoplasm of breast",
                }
            ],
            "text": "Breast cancer",
        },
        "onsetDateTime": "2024-01-15",
    }
    her2 = {
        "resourceType": "Observation",
        "id": "o1",
        "status": "final",
        "subject": {"reference": "Patient/p1"},
        "code": {
            "coding": [
                {
                    "system": "http://loinc.org",
                    "code": "48676-1",
                    "display": "HER2 [Interpretation] in Tissue",
                }
            ],
            "text": "HER2",
        },
        "valueCodeableConcept": {"text": "Negative"},
        "effectiveDateTime": "2024-01-20",
    }
    entries = [{"fullUrl": f"urn:uuid:{r['id']}", "resource": r} for r in (patient, condition, her2)]
    return json.dumps({"resourceType": "Bundle", "type": "collection", "entry": entries}).encode()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server(settings: Settings) -> Iterator[str]:
    """The real app served by uvicorn on a free loopback port, in a thread."""
    import uvicorn

    from onconav.app import create_app

    port = _free_port()
    srv = uvicorn.Server(
        uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    ready = threading.Event()
    while not srv.started and thread.is_alive():
        ready.wait(0.05)
    assert srv.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(30)


def test_upload_scan_and_fhir_then_follow_evidence_to_the_highlight(server: str, tmp_path: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = browser.new_page(viewport={"width": 1200, "height": 1400})
        page.goto(f"{server}/signup")
        page.get_by_label("Email").fill("pat@example.org")
        page.get_by_label("Password (at least 10 characters)").fill(PASSWORD)
        page.get_by_label("Password again").fill(PASSWORD)
        page.get_by_role("button", name="Create account").click()
        page.wait_for_url(f"{server}/account")

        page.goto(f"{server}/records")
        page.get_by_label("Choose one or more files").set_input_files(
            [
                {"name": "pathology-scan.pdf", "mimeType": "application/pdf", "buffer": _scanned_pdf()},
                {"name": "portal-export.json", "mimeType": "application/json", "buffer": _fhir_bundle()},
            ]
        )
        page.get_by_role("button", name="Upload").click()
        expect(page.get_by_role("status")).to_contain_text("2 documents received")
        # The list refreshes itself (htmx polling) until both documents have been read.
        expect(page.locator('tr[data-status="done"]')).to_have_count(2, timeout=180_000)
        expect(page.locator("#doc-list")).to_contain_text("scanned text recognised")
        page.screenshot(path=str(OUT / "browser_records_list.png"), full_page=True)

        page.goto(f"{server}/profile")
        expect(page.locator("#h-stage")).to_be_visible()
        t_row = page.locator("tr.fact", has=page.locator("th", has_text="T (tumour)")).first
        expect(t_row).to_contain_text("T2")
        expect(page.locator("section.fact-group", has_text="HER2")).to_be_visible()
        page.screenshot(path=str(OUT / "browser_records_profile.png"), full_page=True)
        t_row.locator("a.evidence").first.click()
        mark = page.locator("mark#evidence")
        expect(mark).to_be_visible()
        expect(mark).to_contain_text("T2")
        page.screenshot(path=str(OUT / "browser_records_evidence.png"), full_page=False)
        browser.close()
