"""Record parsers: bytes in, a ParsedDocument (text by page) out, the type read from the content.

Every failure is an OnconavError subclass with a message a patient can act on:
UnsupportedFileError (unknown type, junk, a name that lies), CorruptFileError (damaged, truncated,
password-protected), FileTooLargeError (bytes, pages, pixels, zip bombs), InputError (JSON that is not FHIR).
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from onconav.errors import CorruptFileError, FileTooLargeError, InputError, OnconavError, UnsupportedFileError
from onconav.records.limits import Limits
from onconav.records.model import ParsedDocument
from onconav.records.parsers import detect
from onconav.records.parsers.fhir_json import parse_fhir
from onconav.records.parsers.image import parse_image
from onconav.records.parsers.office import parse_docx
from onconav.records.parsers.pdf import parse_pdf
from onconav.records.parsers.text import parse_text

__all__ = ["Limits", "RecordParser", "parse_bytes", "parse_file", "parse_unguarded"]


class RecordParser(Protocol):
    """Anything that turns an uploaded file's bytes into a ParsedDocument."""

    def __call__(self, data: bytes, filename: str, limits: Limits | None = None) -> ParsedDocument: ...


def display_name(filename: str) -> str:
    """The file's base name (no folders), used in messages and as the evidence document name."""
    name = filename.replace("\\", "/").rsplit("/", 1)[-1].strip()
    return name or "upload"


def _json_or_text(data: bytes, name: str, limits: Limits) -> ParsedDocument:
    try:
        return parse_fhir(data, name)
    except InputError as exc:
        # Text that merely starts with a bracket is still text, unless the name says JSON.
        if detect.claimed_type(name) == detect.JSON or "not FHIR" in str(exc) or "nested" in str(exc):
            raise
        return parse_text(data, name, limits.max_pages)


def parse_unguarded(data: bytes, filename: str, limits: Limits | None = None) -> ParsedDocument:
    """parse_bytes without the last-resort guard (fuzz tests call this to find real crashers)."""
    limits = limits or Limits()
    name = display_name(filename)
    if len(data) > limits.max_bytes:
        raise FileTooLargeError(
            f"'{name}' is {len(data) / 1e6:.1f} MB; the limit is {limits.max_bytes / 1e6:.0f} MB."
        )
    if not data.strip():
        raise InputError(f"'{name}' is empty.")
    media = detect.sniff(data)
    warning = detect.check_claim(name, media)
    if media == detect.PDF:
        doc = parse_pdf(data, name, limits)
    elif media in (detect.JPEG, detect.PNG, detect.TIFF):
        doc = parse_image(data, name, media, limits)
    elif media == detect.DOCX:
        doc = parse_docx(data, name, limits)
    elif media == detect.JSON or (media == detect.TEXT and detect.claimed_type(name) == detect.JSON):
        doc = _json_or_text(data, name, limits)
    elif media == detect.TEXT:
        doc = parse_text(data, name, limits.max_pages)
    elif media == "application/zip":
        raise UnsupportedFileError(
            f"'{name}' is a zip archive; please upload the documents inside it instead."
        )
    else:
        raise UnsupportedFileError(
            f"'{name}' is not a supported record: upload a PDF, a photo or scan (JPEG, PNG, TIFF), "
            "a text or Word (.docx) file, or FHIR JSON."
        )
    if warning:
        doc.warnings.insert(0, warning)
    if doc.kind == "other" and not doc.fhir_resources:
        from onconav.records.classify import classify

        doc.kind = classify(doc)
    return doc


def parse_bytes(data: bytes, filename: str, limits: Limits | None = None) -> ParsedDocument:
    """Parse an uploaded record; the type comes from the content, never from the name."""
    try:
        return parse_unguarded(data, filename, limits)
    except OnconavError:
        raise
    except RecursionError as exc:
        raise CorruptFileError(f"'{display_name(filename)}' is nested too deeply to read.") from exc
    except MemoryError as exc:
        raise FileTooLargeError(f"'{display_name(filename)}' needs too much memory to read.") from exc
    except Exception as exc:  # noqa: BLE001 - last resort: one bad file must never crash a batch
        raise CorruptFileError(
            f"'{display_name(filename)}' could not be read ({type(exc).__name__}); the file may be damaged."
        ) from exc


def parse_file(path: Path, limits: Limits | None = None) -> ParsedDocument:
    """Parse a record from disk, refusing files over the size limit before reading them."""
    limits = limits or Limits()
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(f"'{path.name}' cannot be opened: {exc.strerror or exc}.") from exc
    if not path.is_file():
        raise InputError(f"'{path.name}' is not a file.")
    if size > limits.max_bytes:
        raise FileTooLargeError(
            f"'{path.name}' is {size / 1e6:.1f} MB; the limit is {limits.max_bytes / 1e6:.0f} MB."
        )
    return parse_bytes(path.read_bytes(), path.name, limits)
