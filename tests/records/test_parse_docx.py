"""Word documents: paragraphs and tables in reading order; zip bombs and damaged archives refused."""

from __future__ import annotations

import io
import zipfile

import pytest
from parse_builders import docx_bytes

from onconav.errors import CorruptFileError, FileTooLargeError, UnsupportedFileError
from onconav.records.limits import Limits
from onconav.records.parsers import parse_bytes


def test_paragraphs_and_tables_in_order() -> None:
    data = docx_bytes(
        ["Treatment plan", "Regimen: weekly paclitaxel"],
        table=[["Cycle", "Date"], ["1", "2024-03-01"]],
        after=["Intent: curative"],
    )
    doc = parse_bytes(data, "plan.docx")
    text = doc.pages[0].text
    assert doc.media_type.endswith("wordprocessingml.document")
    order = [text.index(s) for s in ("Treatment plan", "Cycle | Date", "1 | 2024-03-01", "Intent: curative")]
    assert order == sorted(order)
    assert doc.kind == "treatment_plan"


def test_docx_with_wrong_extension_is_read_from_content() -> None:
    doc = parse_bytes(docx_bytes(["Current medications: letrozole"]), "meds.pdf")
    assert "letrozole" in doc.pages[0].text


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_zip_bomb_is_refused() -> None:
    data = _zip({"word/document.xml": b"<w:document/>", "word/media/bomb.bin": b"\x00" * 30_000_000})
    assert len(data) < 100_000
    with pytest.raises(FileTooLargeError):
        parse_bytes(data, "bomb.docx", Limits(max_bytes=1_000_000))


def test_truncated_docx_is_corrupt() -> None:
    data = docx_bytes(["Final diagnosis: carcinoma"] * 50)
    with pytest.raises((CorruptFileError, UnsupportedFileError)):
        parse_bytes(data[: len(data) // 2], "cut.docx")


def test_docx_with_broken_xml_is_corrupt() -> None:
    with pytest.raises(CorruptFileError):
        parse_bytes(_zip({"[Content_Types].xml": b"<nope", "word/document.xml": b"<<<"}), "broken.docx")


def test_plain_zip_is_unsupported() -> None:
    with pytest.raises(UnsupportedFileError, match="zip archive"):
        parse_bytes(_zip({"a.txt": b"hello"}), "records.zip")
