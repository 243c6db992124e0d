"""FHIR R4 JSON (Bundle, single resource, array or NDJSON) and its readable text rendering."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from onconav.errors import InputError
from onconav.records.model import Page, ParsedDocument
from onconav.records.parsers.detect import JSON
from onconav.records.parsers.fhir_util import (
    as_dict,
    as_list,
    as_str,
    concept_codes,
    concept_text,
    first_date,
    iso_date,
    value_text,
)
from onconav.records.parsers.text import decode_text

LINES_PER_PAGE = 150
_MAX_LINE = 2000
_MAX_NESTING = 3
_DATE_KEYS = (
    "effectiveDateTime",
    "effectivePeriod",
    "onsetDateTime",
    "onsetPeriod",
    "recordedDate",
    "performedDateTime",
    "performedPeriod",
    "authoredOn",
    "issued",
    "dateAsserted",
)


@dataclass(frozen=True)
class Line:
    """One rendered line: which resource it shows, and where it sits in the pages."""

    index: int
    page: int
    start: int
    end: int
    text: str


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _MAX_LINE else text[: _MAX_LINE - 1] + "…"


def _coded(label: str, concept: Any) -> str:
    name = concept_text(concept)
    return f"{label}{name}{concept_codes(concept)}" if name else ""


def _join(*parts: str) -> str:
    return "; ".join(p for p in parts if p)


def _dated(label: str, resource: dict[str, Any], *keys: str) -> str:
    date = first_date(resource, *keys)
    return f"{label} {date}" if date else ""


def _patient(r: dict[str, Any]) -> list[str]:
    # Names, addresses and identifiers are never rendered: only what a profile needs.
    return [
        _join(
            "Patient: sex " + (as_str(r.get("gender")) or "unknown"),
            _dated("born", r, "birthDate"),
            _dated("died", r, "deceasedDateTime"),
        )
    ]


def _condition(r: dict[str, Any]) -> list[str]:
    ext = [
        _coded("histology ", as_dict(e).get("valueCodeableConcept"))
        for e in as_list(r.get("extension"))
        if "histology" in as_str(as_dict(e).get("url")).lower()
    ]
    sites = [_coded("", s) for s in as_list(r.get("bodySite"))]
    stages = [_coded("", as_dict(s).get("summary")) for s in as_list(r.get("stage"))]
    return [
        _join(
            "Condition: " + (concept_text(r.get("code")) or "unnamed") + concept_codes(r.get("code")),
            "body site " + ", ".join(s for s in sites if s) if any(sites) else "",
            *ext,
            "stage " + ", ".join(s for s in stages if s) if any(stages) else "",
            _dated("onset", r, "onsetDateTime", "onsetPeriod"),
            _dated("recorded", r, "recordedDate"),
            _coded("status ", r.get("clinicalStatus")),
        )
    ]


def _observation(r: dict[str, Any]) -> list[str]:
    comps = []
    for comp in as_list(r.get("component")):
        comp = as_dict(comp)
        name, value = concept_text(comp.get("code")), value_text(comp)
        if name or value:
            comps.append(f"{name or 'component'} = {value}" if value else name)
    interp = [concept_text(i) for i in as_list(r.get("interpretation"))]
    value = value_text(r)
    return [
        _join(
            "Observation: "
            + (concept_text(r.get("code")) or "unnamed")
            + concept_codes(r.get("code"))
            + (f" = {value}" if value else ""),
            *comps,
            _coded("method ", r.get("method")),
            "interpretation " + ", ".join(i for i in interp if i) if any(interp) else "",
            _coded("body site ", r.get("bodySite")),
            _dated("date", r, "effectiveDateTime", "effectivePeriod", "issued"),
        )
    ]


def _attachments(r: dict[str, Any], key: str) -> list[str]:
    lines: list[str] = []
    for item in as_list(r.get(key)):
        att = as_dict(as_dict(item).get("attachment")) or as_dict(item)
        if not as_str(att.get("contentType")).startswith("text/") or not isinstance(att.get("data"), str):
            continue
        try:
            raw = base64.b64decode(att["data"], validate=False)
        except (binascii.Error, ValueError):
            continue
        text, _ = decode_text(raw[:200_000])
        lines.extend(_clip(line) for line in text.splitlines() if line.strip())
    return lines


def _report(r: dict[str, Any]) -> list[str]:
    codes = [_coded("", c) for c in as_list(r.get("conclusionCode"))]
    head = _join(
        "Diagnostic report: " + (concept_text(r.get("code")) or "unnamed") + concept_codes(r.get("code")),
        _dated("date", r, "effectiveDateTime", "effectivePeriod", "issued"),
        "conclusion: " + as_str(r.get("conclusion")) if as_str(r.get("conclusion")) else "",
        "coded conclusion " + ", ".join(c for c in codes if c) if any(codes) else "",
    )
    return [head, *_attachments(r, "presentedForm")]


def _document(r: dict[str, Any]) -> list[str]:
    head = _join("Document: " + (concept_text(r.get("type")) or "unnamed"), _dated("date", r, "date"))
    return [head, *_attachments(r, "content")]


def _medication(r: dict[str, Any]) -> list[str]:
    concept = r.get("medicationCodeableConcept")
    name = concept_text(concept) or as_str(as_dict(r.get("medicationReference")).get("display"))
    period = as_dict(r.get("effectivePeriod"))
    return [
        _join(
            "Medication: " + (name or "unnamed") + concept_codes(concept),
            "status " + as_str(r.get("status")),
            _dated("date", r, "effectiveDateTime", "authoredOn", "dateAsserted"),
            f"start {iso_date(period.get('start'))}" if iso_date(period.get("start")) else "",
            f"end {iso_date(period.get('end'))}" if iso_date(period.get("end")) else "",
            "reason " + ", ".join(concept_text(c) for c in as_list(r.get("reasonCode")))
            if r.get("reasonCode")
            else "",
        )
    ]


def _procedure(r: dict[str, Any]) -> list[str]:
    sites = [_coded("", s) for s in as_list(r.get("bodySite"))]
    return [
        _join(
            "Procedure: " + (concept_text(r.get("code")) or "unnamed") + concept_codes(r.get("code")),
            "body site " + ", ".join(s for s in sites if s) if any(sites) else "",
            _dated("date", r, "performedDateTime", "performedPeriod"),
            "status " + as_str(r.get("status")),
        )
    ]


def _specimen(r: dict[str, Any]) -> list[str]:
    coll = as_dict(r.get("collection"))
    return [
        _join(
            "Specimen: " + (concept_text(r.get("type")) or "unnamed") + concept_codes(r.get("type")),
            _coded("body site ", coll.get("bodySite")),
            _dated("collected", coll, "collectedDateTime"),
        )
    ]


RENDERERS: dict[str, Callable[[dict[str, Any]], list[str]]] = {
    "Patient": _patient,
    "Condition": _condition,
    "Observation": _observation,
    "DiagnosticReport": _report,
    "DocumentReference": _document,
    "MedicationRequest": _medication,
    "MedicationStatement": _medication,
    "MedicationAdministration": _medication,
    "Procedure": _procedure,
    "Specimen": _specimen,
}


def render(resource: dict[str, Any]) -> list[str]:
    """Readable one-line renderings of a resource (more lines for attached text); [] for other types."""
    renderer = RENDERERS.get(as_str(resource.get("resourceType")))
    return [_clip(line) for line in renderer(resource) if line.strip()] if renderer else []


def layout(resources: list[dict[str, Any]]) -> list[Line]:
    """Where each resource's lines sit in the text pages (the parser and fhir_facts share this)."""
    lines: list[Line] = []
    page, offset, on_page = 1, 0, 0
    for index, resource in enumerate(resources):
        for text in render(resource):
            if on_page == LINES_PER_PAGE:
                page, offset, on_page = page + 1, 0, 0
            lines.append(Line(index, page, offset, offset + len(text), text))
            offset += len(text) + 1
            on_page += 1
    return lines


def pages_from(lines: list[Line]) -> list[Page]:
    """Text pages built from the layout."""
    by_page: dict[int, list[str]] = {}
    for line in lines:
        by_page.setdefault(line.page, []).append(line.text)
    return [Page(number=n, text="\n".join(texts)) for n, texts in sorted(by_page.items())] or [Page(1, "")]


def _load(data: bytes, filename: str) -> Any:
    text, _ = decode_text(data)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        items = _ndjson(text)
        if items is not None:
            return items
        raise InputError(f"'{filename}' is not valid JSON ({exc.msg} at line {exc.lineno}).") from exc
    except RecursionError as exc:
        raise InputError(f"'{filename}' is nested too deeply to be a FHIR record.") from exc


def _ndjson(text: str) -> list[Any] | None:
    rows = [line for line in text.splitlines() if line.strip()]
    if len(rows) < 2:
        return None
    try:
        items = [json.loads(row) for row in rows]
    except (json.JSONDecodeError, RecursionError):
        return None
    return items if all(isinstance(i, dict) and "resourceType" in i for i in items) else None


def _flatten(node: Any, out: list[dict[str, Any]], skipped: list[int], depth: int = 0) -> None:
    if not isinstance(node, dict) or not isinstance(node.get("resourceType"), str):
        skipped.append(1)
        return
    if node["resourceType"] != "Bundle":
        out.append(node)
        return
    if depth >= _MAX_NESTING:
        skipped.append(1)
        return
    for entry in as_list(node.get("entry")):
        _flatten(as_dict(entry).get("resource"), out, skipped, depth + 1)


def resources_from(payload: Any, filename: str) -> tuple[list[dict[str, Any]], int]:
    """The resources in a FHIR payload and how many entries were skipped; InputError if not FHIR."""
    items = payload if isinstance(payload, list) else [payload]
    if not items or not all(isinstance(i, dict) and isinstance(i.get("resourceType"), str) for i in items):
        raise InputError(
            f"'{filename}' is JSON but not FHIR: a FHIR record needs a \"resourceType\" "
            "(for example a Bundle exported from a patient portal)."
        )
    out: list[dict[str, Any]] = []
    skipped: list[int] = []
    for item in items:
        _flatten(item, out, skipped)
    return out, len(skipped)


def parse_fhir(data: bytes, filename: str) -> ParsedDocument:
    """Read FHIR JSON: resources kept as they are, plus a readable rendering for evidence."""
    payload = _load(data, filename)
    resources, skipped = resources_from(payload, filename)
    lines = layout(resources)
    doc = ParsedDocument(
        file=filename, media_type=JSON, pages=pages_from(lines), kind="fhir_bundle", fhir_resources=resources
    )
    if skipped:
        doc.warnings.append(f"{skipped} bundle entr{'y' if skipped == 1 else 'ies'} had no usable resource")
    if not resources:
        doc.warnings.append("the FHIR file contains no resources")
    dates = [d for r in resources if (d := first_date(r, *_DATE_KEYS))]
    bundle = payload if isinstance(payload, dict) else {}
    doc.document_date = iso_date(bundle.get("timestamp")) or (max(dates) if dates else None)
    return doc
