"""Tolerant accessors for FHIR JSON: every field may be missing or of the wrong type."""

from __future__ import annotations

import re
from typing import Any

_SPACE = re.compile(r"\s+")
_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?")

SYSTEM_NAMES = (
    ("snomed", "SNOMED"),
    ("loinc", "LOINC"),
    ("rxnorm", "RxNorm"),
    ("icd-o", "ICD-O-3"),
    ("icd-10", "ICD-10"),
    ("icd10", "ICD-10"),
    ("genenames", "HGNC"),
    ("hgnc", "HGNC"),
    ("cancerstaging", "AJCC"),
    ("clinvar", "ClinVar"),
    ("hgvs", "HGVS"),
)


def as_dict(value: Any) -> dict[str, Any]:
    """The value if it is a JSON object, else an empty dict."""
    return value if isinstance(value, dict) else {}


def as_list(value: Any) -> list[Any]:
    """The value if it is a list, a one-item list for a lone object, else empty."""
    if isinstance(value, list):
        return value
    return [value] if isinstance(value, dict) else []


def as_str(value: Any) -> str:
    """A one-line string for scalars; empty for objects, lists and None."""
    if isinstance(value, bool) or value is None or isinstance(value, dict | list):
        return ""
    return _SPACE.sub(" ", str(value)).strip()


def codings(concept: Any) -> list[dict[str, str]]:
    """The codings of a CodeableConcept (or of a lone Coding) as {system, code, display} strings."""
    concept = as_dict(concept)
    items = as_list(concept.get("coding")) or ([concept] if "code" in concept or "display" in concept else [])
    out = []
    for item in items:
        item = as_dict(item)
        coding = {k: as_str(item.get(k)) for k in ("system", "code", "display")}
        if coding["code"] or coding["display"]:
            out.append(coding)
    return out


def system_name(system: str) -> str:
    """A short name for a code system URL (SNOMED, LOINC, ...)."""
    low = system.lower()
    for needle, name in SYSTEM_NAMES:
        if needle in low:
            return name
    return system.rstrip("/").rsplit("/", 1)[-1] or "code"


def concept_text(concept: Any) -> str:
    """The human text of a CodeableConcept: its text, else the first display, else the first code."""
    concept = as_dict(concept)
    text = as_str(concept.get("text"))
    if text:
        return text
    for coding in codings(concept):
        if coding["display"]:
            return coding["display"]
    codes = codings(concept)
    return codes[0]["code"] if codes else ""


def concept_codes(concept: Any, limit: int = 2) -> str:
    """' [SNOMED 254837009]' style suffix naming the first codes, or ''."""
    parts = [f"{system_name(c['system'])} {c['code']}" for c in codings(concept) if c["code"]][:limit]
    return f" [{'; '.join(parts)}]" if parts else ""


def has_code(concept: Any, *codes: str) -> bool:
    """True when any coding of the concept has one of the codes."""
    wanted = set(codes)
    return any(c["code"] in wanted for c in codings(concept))


def iso_date(value: Any) -> str | None:
    """The YYYY[-MM[-DD]] date at the start of a FHIR date or dateTime, else None."""
    match = _DATE.match(as_str(value))
    return match.group(0) if match else None


def first_date(resource: dict[str, Any], *keys: str) -> str | None:
    """The first valid date among the given fields (a Period counts by its start)."""
    for key in keys:
        value = resource.get(key)
        if isinstance(value, dict):
            value = value.get("start") or value.get("end")
        date = iso_date(value)
        if date:
            return date
    return None


def profiles(resource: dict[str, Any]) -> str:
    """All meta.profile URLs joined in one lower-case string (for substring tests)."""
    return " ".join(as_str(p) for p in as_list(as_dict(resource.get("meta")).get("profile"))).lower()


def _number(value: Any) -> str:
    """A quantity's number, with machine noise (7.838531385074318) rounded to two decimals."""
    if isinstance(value, float) and not value.is_integer() and len(repr(value)) > 8:
        return f"{value:.2f}"
    return as_str(value)


def value_text(holder: dict[str, Any]) -> str:
    """The value[x] of an Observation or component as short text."""
    for key, value in holder.items():
        if not key.startswith("value"):
            continue
        kind = key[5:]
        if kind == "CodeableConcept":
            return concept_text(value)
        if kind == "Quantity":
            q = as_dict(value)
            return " ".join(
                x
                for x in (
                    as_str(q.get("comparator")),
                    _number(q.get("value")),
                    as_str(q.get("unit") or q.get("code")),
                )
                if x
            )
        if kind == "Ratio":
            r = as_dict(value)
            top, bottom = as_dict(r.get("numerator")), as_dict(r.get("denominator"))
            return f"{as_str(top.get('value'))}/{as_str(bottom.get('value'))}"
        if kind == "Range":
            r = as_dict(value)
            return (
                f"{as_str(as_dict(r.get('low')).get('value'))}-{as_str(as_dict(r.get('high')).get('value'))}"
            )
        if kind == "Boolean" and isinstance(value, bool):
            return "yes" if value else "no"
        return as_str(value)
    return ""
