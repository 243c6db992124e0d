"""Plain text: any common encoding, form-feed pages, junk and empty files refused clearly."""

from __future__ import annotations

import codecs

import pytest

from onconav.config import Settings
from onconav.errors import FileTooLargeError, InputError, UnsupportedFileError
from onconav.records.limits import Limits
from onconav.records.parsers import parse_bytes

REPORT = "Final diagnosis: invasive carcinoma of the résected colon, pT3 N0"


@pytest.mark.parametrize(
    "data",
    [
        REPORT.encode("utf-8"),
        codecs.BOM_UTF8 + REPORT.encode("utf-8"),
        codecs.BOM_UTF16_LE + REPORT.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + REPORT.encode("utf-16-be"),
        REPORT.encode("utf-16-le"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf16le-no-bom"],
)
def test_unicode_encodings(data: bytes) -> None:
    doc = parse_bytes(data, "report.txt")
    assert doc.pages[0].text == REPORT
    assert doc.media_type == "text/plain"


def test_windows_1252_falls_back_with_warning() -> None:
    doc = parse_bytes("Patient’s tumour: 2 cm – résection".encode("cp1252"), "old.txt")
    assert doc.pages[0].text == "Patient’s tumour: 2 cm – résection"
    assert any("Windows-1252" in w for w in doc.warnings)


def test_bytes_undefined_in_cp1252_fall_back_to_latin1() -> None:
    doc = parse_bytes(b"Grade 2 \x81 tumour \xe9", "odd.txt")
    assert doc.pages[0].text.endswith("tumour é")
    assert any("Latin-1" in w for w in doc.warnings)


def test_line_endings_and_form_feeds() -> None:
    doc = parse_bytes(b"Page one\r\nline two\fPage two\rend", "two.txt")
    assert [p.text for p in doc.pages] == ["Page one\nline two", "Page two\nend"]
    assert [p.number for p in doc.pages] == [1, 2]


def test_binary_junk_is_unsupported() -> None:
    with pytest.raises(UnsupportedFileError, match="not a supported record"):
        parse_bytes(bytes(range(256)) * 8, "mystery.bin")


def test_executable_is_unsupported() -> None:
    with pytest.raises(UnsupportedFileError):
        parse_bytes(b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" * 50, "report.txt")


def test_empty_file() -> None:
    with pytest.raises(InputError, match="empty"):
        parse_bytes(b"  \n ", "blank.txt")


def test_text_starting_with_bracket_is_still_text() -> None:
    doc = parse_bytes(b"[Pathology] Final diagnosis: carcinoma", "notes.txt")
    assert doc.pages[0].text.startswith("[Pathology]")


def test_text_page_limit() -> None:
    with pytest.raises(FileTooLargeError):
        parse_bytes(b"page\f" * 5, "many.txt", Limits(max_pages=3))


def test_limits_from_settings(settings: Settings) -> None:
    limits = Limits.from_settings(settings.with_(max_upload_mb=2, max_pages=7, max_pixels=1234))
    assert (limits.max_bytes, limits.max_pages, limits.max_pixels) == (2 * 1024 * 1024, 7, 1234)


def test_folder_names_are_dropped_from_file_name() -> None:
    assert parse_bytes(b"Lab results", "C:\\Users\\me\\labs.txt").file == "labs.txt"
