"""Tumour size (greatest dimension, cm), depth of invasion and Breslow thickness from report text."""

from __future__ import annotations

import re
from functools import lru_cache

from onconav.domain import Fact
from onconav.records.extract.base import Source, fact, is_negated, to_float
from onconav.records.extract.size_patterns import NUM, is_mm, number_value
from onconav.records.extract.size_tumour import (
    BEFORE_NOUN,
    DIAGNOSIS_BRACKET,
    DIMS_THEN_LABEL,
    DISTANCE_AFTER,
    FIELD_CTX,
    GREATEST_BAD,
    GREATEST_CTX,
    GREATEST_MEASURE,
    LABEL_GAP_BAD,
    LABELLED,
    LEGEND_BEFORE,
    METASTASIS_BEFORE,
    NEAR_TUMOR,
    SIZE_BEFORE_LABEL,
    SIZE_FIELD,
    SKIP,
    SPECIMEN_WORD,
    TUMOUR_IN_SPECIMEN,
    TUMOUR_WORD,
)

_NUM = r"\d{1,3}(?:[.,]\d{1,2})?"
_BRESLOW = re.compile(
    r"(?:breslow(?:'?s)?(?:\s+(?:thickness|depth))?|tumou?r\s+thickness)[^0-9]{0,30}?"
    r"(?P<n>" + _NUM + r")\s*(?P<u>mm|cm)",
    re.I,
)
_DOI = re.compile(
    r"depth\s+of\s+(?:tumou?r\s+)?invasion[^0-9]{0,25}?(?P<n>" + _NUM + r")\s*(?P<u>mm|cm)", re.I
)
_CLAUSE_END = re.compile(r"[.;]\s|\n|\s-\s")
Size = tuple[float, int, int]  # (cm, start, end)


def _greatest_cm(dims: str, unit: str) -> float | None:
    nums = [number_value(x) for x in re.findall(NUM, dims)]
    vals = [n for n in nums if n is not None]
    if not vals:
        return None
    val = round(max(vals) * (0.1 if is_mm(unit) else 1.0), 2)
    return val if 0 < val <= 30 else None  # a larger figure is a specimen or a lost decimal point


def _size(mt: re.Match[str]) -> Size | None:
    if LEGEND_BEFORE.search(mt.string[max(0, mt.start("dims") - 70) : mt.start("dims")]):
        return None
    cm = _greatest_cm(mt.group("dims"), mt.group("unit"))
    return (cm, mt.start("dims"), mt.end("unit")) if cm is not None else None


def _specimen_context(text: str, start: int) -> bool:
    """True when the nearest noun before `start` names the specimen (or a node) rather than a tumour."""
    before = text[max(0, start - 120) : start]
    spec = [m.end() for m in SPECIMEN_WORD.finditer(before)]
    tum = [m.end() for m in TUMOUR_WORD.finditer(before)]
    return bool(spec) and (not tum or spec[-1] > tum[-1])


def _clause(text: str, start: int) -> str:
    return _CLAUSE_END.split(text[max(0, start - 120) : start])[-1]


def _labelled(text: str) -> Size | None:
    found = []
    for mt in LABELLED.finditer(text):
        if LABEL_GAP_BAD.search(mt.group("gap")):
            continue
        owned = SIZE_BEFORE_LABEL.search(text[max(0, mt.start() - 12) : mt.start()])
        if mt.group("generic") and (owned or _specimen_context(text, mt.start())):
            continue
        size = _size(mt)
        if size and not is_negated(text, mt.start(), mt.end()):
            found.append(size)
    return max(found) if found else None


def _secondary(text: str) -> Size | None:
    """Sizes in a bare "Size:" field of a tumour section or "measures 2 cm in greatest dimension"."""
    fields = []
    for mt in SIZE_FIELD.finditer(text):
        unit = mt.group("unit") or mt.group("u0")
        before = text[max(0, mt.start() - 120) : mt.start()]
        if not unit or not FIELD_CTX.search(before) or GREATEST_BAD.search(before[-35:]):
            continue
        cm = _greatest_cm(mt.group("dims"), unit)
        if cm is not None:
            fields.append((cm, mt.start("dims"), mt.end()))
    if fields:
        return max(fields)
    for mt in GREATEST_MEASURE.finditer(text):
        clause = TUMOUR_IN_SPECIMEN.sub("tumour", _clause(text, mt.start()))
        if GREATEST_CTX.search(clause) and not GREATEST_BAD.search(clause):
            size = _size(mt)
            if size:
                return size
    for mt in DIMS_THEN_LABEL.finditer(text):
        clause = _clause(text, mt.start())
        tumour = TUMOUR_WORD.search(clause) and not GREATEST_BAD.search(clause)
        if tumour and not _specimen_context(text, mt.start()):
            size = _size(mt)
            if size:
                return size
    return None


def _beside_tumour(text: str) -> Size | None:
    """A size before a tumour word ("a 3 cm mass") or just after one ("tumor measuring 3 cm")."""
    for mt in BEFORE_NOUN.finditer(text):
        if not SKIP.search(text[max(0, mt.start() - 40) : mt.start("dims")]):
            size = _size(mt)
            if size:
                return size
    for mt in NEAR_TUMOR.finditer(text):
        if (
            SKIP.search(text[max(0, mt.start() - 40) : mt.start("dims")])
            or DISTANCE_AFTER.match(text, mt.end())
            or METASTASIS_BEFORE.search(text[max(0, mt.start() - 60) : mt.start()])
        ):
            continue
        size = _size(mt)
        if size:
            return size
    return None


def _after_diagnosis(text: str) -> Size | None:
    """The largest size given alone in brackets after a diagnosis of carcinoma (not a metastasis)."""
    found = []
    for mt in DIAGNOSIS_BRACKET.finditer(text):
        if METASTASIS_BEFORE.search(text[max(0, mt.start() - 60) : mt.start("dims")]) or SPECIMEN_WORD.search(
            mt.group(0)
        ):
            continue
        size = _size(mt)
        if size:
            found.append(size)
    return max(found) if found else None


@lru_cache(maxsize=8)
def tumor_size(text: str) -> Size | None:
    """Greatest tumour dimension (cm) with its span: labelled sizes first, else one beside a tumour word."""
    return _labelled(text) or _secondary(text) or _beside_tumour(text) or _after_diagnosis(text)


def _mm(mt: re.Match[str]) -> float | None:
    n = to_float(mt.group("n"))
    if n is None:
        return None
    return n * 10 if mt.group("u").lower() == "cm" else n


def breslow_mm(text: str) -> tuple[float, int, int] | None:
    """Breslow thickness in mm with its span."""
    mt = _BRESLOW.search(text)
    val = _mm(mt) if mt else None
    return (val, mt.start(), mt.end()) if mt and val is not None and val < 100 else None


def depth_of_invasion_mm(text: str) -> tuple[float, int, int] | None:
    """Depth of invasion in mm (oral cavity and cervix reports) with its span."""
    mt = _DOI.search(text)
    val = _mm(mt) if mt else None
    return (val, mt.start(), mt.end()) if mt and val is not None and val < 100 else None


def extract_size(text: str, src: Source) -> list[Fact]:
    """Facts tumor_size_cm and depth (Breslow or depth of invasion, in mm)."""
    facts: list[Fact] = []
    size = tumor_size(text)
    if size:
        facts.append(fact("tumor_size_cm", size[0], src, text, size[1], size[2], confidence=0.8))
    for name, found in (
        ("Breslow thickness", breslow_mm(text)),
        ("depth of invasion", depth_of_invasion_mm(text)),
    ):
        if found:
            facts.append(
                fact("depth", {"measure": name, "mm": round(found[0], 2)}, src, text, found[1], found[2])
            )
    return facts
