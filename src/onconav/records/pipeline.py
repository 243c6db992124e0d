"""Parse files, extract facts page by page and merge them into one profile (the `records extract` output)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from onconav.domain import Fact
from onconav.errors import CorruptFileError, OnconavError, UnsupportedFileError
from onconav.records.extract import extract_facts
from onconav.records.model import Page, ParsedDocument
from onconav.records.profile import build_profile

_TEXT_SUFFIXES = {".txt", ".text", ".md"}


def _parse(path: Path, limits: Any) -> ParsedDocument:
    """Parse with the records parsers; plain text still works when they are not installed yet."""
    try:
        from onconav.records.parsers import parse_file
    except ImportError:
        if path.suffix.lower() not in _TEXT_SUFFIXES:
            raise UnsupportedFileError(f"{path.name}: no parser available for this file type") from None
        try:
            text = path.read_bytes().decode("utf-8", errors="replace")
        except OSError as exc:
            raise CorruptFileError(f"{path.name}: cannot be read ({exc.strerror})") from exc
        return ParsedDocument(file=str(path), media_type="text/plain", pages=[Page(1, text)])
    result: ParsedDocument = parse_file(path, limits=limits) if limits is not None else parse_file(path)
    return result


def _kind(doc: ParsedDocument) -> str:
    try:
        from onconav.records.classify import classify
    except ImportError:
        return doc.kind
    try:
        return str(classify(doc))
    except Exception:  # a classifier bug must not lose the document
        return doc.kind


def _structured(doc: ParsedDocument) -> list[Fact]:
    if not doc.fhir_resources:
        return []
    try:
        from onconav.records.fhir import fhir_facts
    except ImportError:
        return []
    return list(fhir_facts(doc))


def document_facts(doc: ParsedDocument, name: str) -> list[Fact]:
    """Facts of every page of a parsed document (plus FHIR facts), dated with the document date."""
    facts = _structured(doc)
    for page in doc.pages:
        facts += extract_facts(page.text, name, page.number)
    for f in facts:
        f.source_date = f.source_date or doc.document_date
    return facts


def extract_files(paths: list[Path], limits: Any = None) -> dict[str, Any]:
    """The `records extract --json` document: per-document status, merged profile and all facts."""
    documents: list[dict[str, Any]] = []
    facts: list[Fact] = []
    kinds: dict[str, str] = {}
    for path in paths:
        entry: dict[str, Any] = {"file": str(path), "kind": None, "pages": 0, "ocr": False}
        try:
            if not path.is_file():
                raise UnsupportedFileError(f"{path}: file not found")
            doc = _parse(path, limits)
            kind = _kind(doc)
            entry.update(kind=kind, pages=len(doc.pages), ocr=bool(doc.ocr))
            if doc.warnings:
                entry["warnings"] = list(doc.warnings)
            doc_facts = document_facts(doc, path.name)
            kinds[path.name] = kind
            facts += doc_facts
        except OnconavError as exc:
            entry["error"] = str(exc)
        except Exception as exc:  # noqa: BLE001 - one bad file must not stop the others
            entry["error"] = f"{path.name}: could not be processed ({type(exc).__name__})"
        documents.append(entry)
    profile = build_profile(facts, kinds)
    return {"documents": documents, "profile": profile.to_json(), "facts": [f.to_json() for f in facts]}
