"""Plain-text records: detect the encoding, never crash on bytes that are not UTF-8."""

from __future__ import annotations

import codecs

from onconav.errors import FileTooLargeError, UnsupportedFileError
from onconav.records.model import Page, ParsedDocument
from onconav.records.parsers.detect import TEXT, looks_like_text, utf16_without_bom

_BOM_CODECS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode_text(data: bytes) -> tuple[str, list[str]]:
    """Decode bytes to text and say (in warnings) when a fallback encoding was used."""
    for bom, codec in _BOM_CODECS:
        if data.startswith(bom):
            return data[len(bom) :].decode(codec, errors="replace"), _replaced(data, codec)
    utf16 = utf16_without_bom(data)
    if utf16:
        return data.decode(utf16, errors="replace"), [f"text had no byte-order mark; read as {utf16.upper()}"]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), ["text is not UTF-8; read as Windows-1252 (check accented letters)"]
    except UnicodeDecodeError:
        return data.decode("latin-1"), ["text is not UTF-8; read as Latin-1 (check accented letters)"]


def _replaced(data: bytes, codec: str) -> list[str]:
    try:
        data.decode(codec)
    except UnicodeDecodeError:
        return [f"some bytes were not valid {codec.upper()} and were replaced"]
    return []


def normalize(text: str) -> str:
    """Unify line endings and drop NUL characters so offsets are stable."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")


def split_pages(text: str) -> list[Page]:
    """Split at form feeds (page breaks in exported text); always at least one page."""
    parts = text.split("\f")
    return [Page(number=i + 1, text=part) for i, part in enumerate(parts)]


def parse_text(data: bytes, filename: str, max_pages: int) -> ParsedDocument:
    """Read a plain-text record; pages come from form feeds."""
    if not looks_like_text(data):
        raise UnsupportedFileError(f"'{filename}' is not text and not a supported document type.")
    text, warnings = decode_text(data)
    pages = split_pages(normalize(text))
    if len(pages) > max_pages:
        raise FileTooLargeError(f"'{filename}' has {len(pages)} pages; the limit is {max_pages}.")
    return ParsedDocument(file=filename, media_type=TEXT, pages=pages, warnings=warnings)
