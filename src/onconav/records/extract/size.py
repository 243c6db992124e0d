"""Tumour size (greatest dimension, cm), depth of invasion and Breslow thickness from report text."""

from __future__ import annotations

import re
from functools import lru_cache

from onconav.domain import Fact
from onconav.records.extract.base import Source, fact, is_negated, to_float

_NUM = r"\d{1,3}(?:[.,]\d{1,2})?"
_DIMS = (
    r"(?P<dims>"
    + _NUM
    + r"(?:\s*(?:cm|mm))?(?:\.?\s*(?:x|X|×|\*|by)\.?\s*"
    + _NUM
    + r"(?:\s*(?:cm|mm))?){0,2})"
    r"\.?\s*(?P<unit>cm|mm|centimet(?:er|re)s?|millimet(?:er|re)s?)\b"
)
_LABELLED = re.compile(
    r"(?:tumou?r\s+size|size\s+of\s+(?:the\s+)?(?:tumou?r|carcinoma|invasive\s+(?:component|carcinoma))|"
    r"greatest\s+(?:tumou?r\s+|gross\s+)?(?:dimension|diameter)|largest\s+(?:tumou?r\s+|gross\s+)?(?:dimension|diameter)|"
    r"maximum\s+(?:tumou?r\s+|gross\s+)?(?:dimension|diameter)|tumou?r\s+sized|size\s+of\s+(?:the\s+)?largest\s+"
    r"(?:invasive\s+)?(?:tumou?r|focus)|invasive\s+(?:tumou?r|carcinoma)\s+size|tumou?r\s+size\s*\(cm\))"
    r"[^0-9.;]{0,40}?" + _DIMS,
    re.I,
)
_NEAR_TUMOR = re.compile(
    r"(?:carcinoma|tumou?r|mass|neoplasm|lesion|nodule)[^.;]{0,30}?(?:measur\w*|sized?|of|spanning|is|"
    r"\(|,)\s*(?:up\s+to\s+|approximately\s+|about\s+)?" + _DIMS,
    re.I,
)
_GREATEST = re.compile(
    r"(?:measur\w*|is|of)\s+(?:up\s+to\s+|approximately\s+|about\s+)?"
    + _DIMS
    + r"\s*(?:\([^)]{0,30}\)\s*)?\.?\s*in\s+(?:greatest|largest|maximum|maximal)\.?\s+(?:\w+\s+)?"
    r"(?:dimension|diameter|extent)",
    re.I,
)
_GREATEST_CTX = re.compile(r"carcinoma|tumou?r|mass|neoplasm|lesion|melanoma|seminoma", re.I)
_GREATEST_BAD = re.compile(
    r"lymph|node|metasta|leiomyoma|cyst|polyp|fragment|specimen|aggregate|ovary|uterus|stone|focus\s+(?:of|measur)",
    re.I,
)
# "(10.0 cm maximum dimension)": a size followed at once by its label, in a tumour clause
_DIMS_THEN_LABEL = re.compile(
    _DIMS + r"\s*(?:in\s+)?(?:greatest|largest|maximum|maximal)\.?\s+(?:dimension|diameter)", re.I
)
# A generic label ("maximum diameter of 7 cm") whose nearest noun is the specimen, not the tumour.
_SPECIMEN_WORD = re.compile(
    r"specimen|weigh\w*|\bgrams?\b|consists?\s+of|ellipse|lymph|\bnodes?\b|fragment|aggregate|"
    r"gallbladder|stone|cyst|polyp|received|portion\s+of|\bskin\b|axillary\s+tail",
    re.I,
)
_TUMOUR_WORD = re.compile(r"carcinoma|tumou?r|mass|neoplasm|lesion|melanoma|seminoma|sarcoma", re.I)
_GENERIC_LABEL = re.compile(r"^(?:greatest|largest|maximum)", re.I)

_BEFORE_NOUN = re.compile(
    r"(?:\ba|\ban)\s+(?:[a-z-]+\s+){0,2}?"
    + _DIMS
    + r"\.?\s+(?:[a-z-]+\s+){0,2}?(?:mass|tumou?r|lesion|nodule|neoplasm)\b",
    re.I,
)
_SIZE_FIELD = re.compile(
    r"\bsize\s*(?:\((?:in\s+)?(?P<u0>cm|mm)\)\s*)?[:=]\s*(?:greatest\s+(?:dimension|diameter)\s*(?:is\s*)?[:=]?\s*)?"
    r"(?P<dims>" + _NUM + r"(?:\s*(?:x|X|×|\*|by)\.?\s*" + _NUM + r"){0,2})\s*(?P<unit>cm|mm)?\b",
    re.I,
)
_FIELD_CTX = re.compile(r"tumou?r|lesion|carcinoma|mass|dominant|neoplasm", re.I)
_SKIP = re.compile(
    r"(?:lymph\s+nodes?|node|margin|from\s+the|distance|specimen|fragment|gallbladder|weight|"
    r"cassette|aggregate|skin\s+ellipse|segment(?!al)|portion)[^.;]{0,25}$",
    re.I,
)
# A size followed by these words is a distance ("0.5 cm from the margin"), not the tumour's size.
_DISTANCE_AFTER = re.compile(
    r"\s*(?:\([^)]{0,30}\)\s*)?(?:from|away|to\s+the|beyond|deep\s+to|of\s+the\s+\w+)", re.I
)
_BRESLOW = re.compile(
    r"(?:breslow(?:'?s)?(?:\s+(?:thickness|depth))?|tumou?r\s+thickness)[^0-9]{0,30}?"
    r"(?P<n>" + _NUM + r")\s*(?P<u>mm|cm)",
    re.I,
)
_DOI = re.compile(
    r"depth\s+of\s+(?:tumou?r\s+)?invasion[^0-9]{0,25}?(?P<n>" + _NUM + r")\s*(?P<u>mm|cm)", re.I
)


def _greatest_cm(dims: str, unit: str) -> float | None:
    nums = [to_float(x) for x in re.findall(_NUM, dims)]
    vals = [n for n in nums if n is not None]
    if not vals:
        return None
    factor = 0.1 if unit.lower().startswith(("mm", "milli")) else 1.0
    val = round(max(vals) * factor, 2)
    return val if 0 < val < 60 else None


def _specimen_context(text: str, start: int) -> bool:
    """True when the nearest noun before `start` names the specimen (or a node) rather than a tumour."""
    before = text[max(0, start - 120) : start]
    spec = [m.end() for m in _SPECIMEN_WORD.finditer(before)]
    tum = [m.end() for m in _TUMOUR_WORD.finditer(before)]
    return bool(spec) and (not tum or spec[-1] > tum[-1])


def _secondary(text: str) -> tuple[float, int, int] | None:
    """Sizes in a bare "Size:" field of a tumour section or "measures 2 cm in greatest dimension"."""
    fields = []
    for mt in _SIZE_FIELD.finditer(text):
        unit = mt.group("unit") or mt.group("u0")
        before = text[max(0, mt.start() - 120) : mt.start()]
        if not unit or not _FIELD_CTX.search(before) or _GREATEST_BAD.search(before[-35:]):
            continue
        cm = _greatest_cm(mt.group("dims"), unit)
        if cm is not None:
            fields.append((cm, mt.start("dims"), mt.end()))
    if fields:
        return max(fields)
    for mt in _GREATEST.finditer(text):
        before = text[max(0, mt.start() - 120) : mt.start()]
        clause = re.split(r"[.;]\s|\n|\s-\s", before)[-1]
        if not _GREATEST_CTX.search(clause) or _GREATEST_BAD.search(clause):
            continue
        cm = _greatest_cm(mt.group("dims"), mt.group("unit"))
        if cm is not None:
            return cm, mt.start("dims"), mt.end("unit")
    for mt in _DIMS_THEN_LABEL.finditer(text):
        before = text[max(0, mt.start() - 120) : mt.start()]
        clause = re.split(r"[.;]\s|\n|\s-\s", before)[-1]
        if not _TUMOUR_WORD.search(clause) or _specimen_context(text, mt.start()):
            continue
        cm = _greatest_cm(mt.group("dims"), mt.group("unit"))
        if cm is not None:
            return cm, mt.start("dims"), mt.end("unit")
    return None


@lru_cache(maxsize=8)
def tumor_size(text: str) -> tuple[float, int, int] | None:
    """Greatest tumour dimension (cm) with its span: labelled sizes first, else one beside a tumour word."""
    labelled = []
    for mt in _LABELLED.finditer(text):
        cm = _greatest_cm(mt.group("dims"), mt.group("unit"))
        generic = _GENERIC_LABEL.match(mt.group(0))
        if generic and _specimen_context(text, mt.start()):
            continue
        if cm is not None and not is_negated(text, mt.start(), mt.end()):
            labelled.append((cm, mt.start("dims"), mt.end("unit")))
    if labelled:
        return max(labelled)
    second = _secondary(text)
    if second:
        return second
    for mt in _BEFORE_NOUN.finditer(text):
        if _SKIP.search(text[max(0, mt.start() - 40) : mt.start("dims")]):
            continue
        cm = _greatest_cm(mt.group("dims"), mt.group("unit"))
        if cm is not None:
            return cm, mt.start("dims"), mt.end("unit")
    for mt in _NEAR_TUMOR.finditer(text):
        if _SKIP.search(text[max(0, mt.start() - 40) : mt.start("dims")]) or _DISTANCE_AFTER.match(
            text, mt.end()
        ):
            continue
        cm = _greatest_cm(mt.group("dims"), mt.group("unit"))
        if cm is not None:
            return cm, mt.start("dims"), mt.end("unit")
    return None


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
