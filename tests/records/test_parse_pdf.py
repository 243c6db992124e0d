"""PDF parsing: text layer with page numbers, OCR only for scanned pages, clear errors for bad PDFs."""

from __future__ import annotations

import pytest
from parse_builders import (
    REPORT_LINES,
    image_bytes,
    mixed_pdf,
    needs_tesseract,
    page_image,
    scanned_pdf,
    text_pdf,
)

from onconav.errors import CorruptFileError, FileTooLargeError, OnconavError, UnsupportedFileError
from onconav.records.limits import Limits
from onconav.records.parsers import parse_bytes, parse_file


def test_text_pdf_keeps_pages_and_offsets() -> None:
    data = text_pdf(
        ["SURGICAL PATHOLOGY REPORT\nFinal diagnosis: adenocarcinoma", "Margins: negative\npT3 pN1a"]
    )
    doc = parse_bytes(data, "report.pdf")
    assert doc.media_type == "application/pdf"
    assert [p.number for p in doc.pages] == [1, 2]
    assert not doc.ocr and all(p.ocr_confidence is None for p in doc.pages)
    assert "Final diagnosis: adenocarcinoma" in doc.pages[0].text
    page2 = doc.pages[1].text
    start = page2.index("pT3")
    assert page2[start : start + 8] == "pT3 pN1a"
    assert "\r" not in page2
    assert doc.kind == "pathology_report"


def test_parse_file_reads_from_disk(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "note.pdf"
    path.write_bytes(text_pdf(["Progress note\nChief complaint: fatigue"]))
    doc = parse_file(path)
    assert doc.file == "note.pdf" and doc.pages[0].text.startswith("Progress note")


@needs_tesseract
def test_scanned_pdf_is_ocred_with_confidence() -> None:
    doc = parse_bytes(scanned_pdf(), "scan.pdf")
    assert doc.ocr
    text = doc.pages[0].text
    assert "invasive ductal carcinoma" in text.lower()
    assert "pT2" in text
    assert doc.pages[0].ocr_confidence is not None and doc.pages[0].ocr_confidence > 0.7


@needs_tesseract
def test_only_the_page_without_text_layer_is_ocred() -> None:
    doc = parse_bytes(mixed_pdf(), "mixed.pdf")
    assert len(doc.pages) == 2
    assert doc.pages[0].ocr_confidence is None and "History of present illness" in doc.pages[0].text
    assert doc.pages[1].ocr_confidence is not None and "lumpectomy" in doc.pages[1].text.lower()
    assert doc.ocr


def test_password_protected_pdf_says_so() -> None:
    with pytest.raises(CorruptFileError, match="password"):
        parse_bytes(text_pdf(["secret"], encrypted=True), "locked.pdf")


@pytest.mark.parametrize("cut", [0.3, 0.6])
def test_truncated_pdf_is_a_clear_error(cut: float) -> None:
    data = text_pdf(["Final diagnosis: carcinoma"] * 3)
    try:
        doc = parse_bytes(data[: int(len(data) * cut)], "cut.pdf")
    except CorruptFileError as exc:
        assert "cut.pdf" in str(exc)
    else:  # PDFium may recover part of a damaged file: then it must still be a sane document
        assert doc.pages and all(p.number >= 1 for p in doc.pages)


def test_garbage_after_pdf_header_is_corrupt() -> None:
    with pytest.raises(CorruptFileError):
        parse_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 20, "junk.pdf")


def test_page_limit() -> None:
    with pytest.raises(FileTooLargeError, match="3 pages; the limit is 2"):
        parse_bytes(text_pdf(["a page of text"] * 3), "long.pdf", Limits(max_pages=2))


def test_size_limit_before_parsing() -> None:
    with pytest.raises(FileTooLargeError, match="MB"):
        parse_bytes(text_pdf(["x" * 200]), "big.pdf", Limits(max_bytes=100))


def test_text_named_pdf_is_refused() -> None:
    with pytest.raises(UnsupportedFileError, match="named like a PDF"):
        parse_bytes(b"Final diagnosis: carcinoma", "report.pdf")


@needs_tesseract
def test_image_named_pdf_is_read_from_content_with_a_warning() -> None:
    doc = parse_bytes(image_bytes(page_image(REPORT_LINES[:2]), "PNG"), "photo.pdf")
    assert doc.media_type == "image/png"
    assert any("named like another file type" in w for w in doc.warnings)


def test_errors_are_onconav_errors() -> None:
    assert issubclass(CorruptFileError, OnconavError)
