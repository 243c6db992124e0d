"""Work out a file's type from its first bytes, never from its name."""

from __future__ import annotations

import io
import zipfile
from pathlib import PurePath

from onconav.errors import UnsupportedFileError

PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"
TIFF = "image/tiff"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
JSON = "application/fhir+json"
TEXT = "text/plain"

# What each extension claims, so a mismatch can be reported in plain words.
_CLAIMS = {
    ".pdf": PDF,
    ".jpg": JPEG,
    ".jpeg": JPEG,
    ".png": PNG,
    ".tif": TIFF,
    ".tiff": TIFF,
    ".docx": DOCX,
    ".json": JSON,
    ".txt": TEXT,
}
_BINARY_CLAIMS = {PDF, JPEG, PNG, TIFF, DOCX}
_NAMES = {
    PDF: "a PDF",
    JPEG: "a JPEG image",
    PNG: "a PNG image",
    TIFF: "a TIFF image",
    DOCX: "a Word .docx file",
}

_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
# Control bytes that never occur in real text (tab, newline, carriage return and form feed excluded).
_CONTROL = frozenset(set(range(0x00, 0x09)) | {0x0B} | set(range(0x0E, 0x20)) | {0x7F})


def claimed_type(filename: str) -> str | None:
    """The media type the file name claims, if its extension is one we know."""
    return _CLAIMS.get(PurePath(filename).suffix.lower())


def sniff(data: bytes) -> str:
    """The media type read from the content's magic bytes (text when it looks like text)."""
    head = data[:1024]
    if b"%PDF-" in head:
        return PDF
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data[:4] in (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+"):
        return TIFF
    if data.startswith(b"PK\x03\x04"):
        return DOCX if _is_docx(data) else "application/zip"
    if looks_like_text(data):
        stripped = data.lstrip(b"\xef\xbb\xbf \t\r\n")
        if stripped[:1] in (b"{", b"["):
            return JSON
        return TEXT
    return "application/octet-stream"


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return "word/document.xml" in zf.namelist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError):
        return False


def utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when the bytes look like BOM-less UTF-16 text, else None."""
    sample = data[:4096]
    if len(sample) < 8:
        return None
    even_zero = sample[0::2].count(0) / max(1, len(sample[0::2]))
    odd_zero = sample[1::2].count(0) / max(1, len(sample[1::2]))
    if odd_zero > 0.6 and even_zero < 0.05:
        return "utf-16-le"
    if even_zero > 0.6 and odd_zero < 0.05:
        return "utf-16-be"
    return None


def looks_like_text(data: bytes) -> bool:
    """True when the bytes are plausibly text in some common encoding (not binary junk)."""
    if not data:
        return True
    if data.startswith(_BOMS) or utf16_without_bom(data):
        return True
    sample = data[:65536]
    controls = sum(1 for b in sample if b in _CONTROL)
    return controls <= max(2, len(sample) // 200)


def check_claim(filename: str, actual: str) -> str | None:
    """A warning when the name claims another type; an error when it claims a binary type for junk."""
    claim = claimed_type(filename)
    if claim is None or claim == actual:
        return None
    if actual in {TEXT, JSON} and claim == TEXT:
        return None
    if claim in _BINARY_CLAIMS and actual in {TEXT, JSON, "application/zip", "application/octet-stream"}:
        raise UnsupportedFileError(
            f"'{filename}' is named like {_NAMES[claim]} but its content is not; "
            "check that the right file was chosen."
        )
    return f"'{filename}' is named like another file type; it was read as {actual} from its content."
