"""Blood tumour markers read from lab reports (PSA), with the result judged against the stated range."""

from __future__ import annotations

import re

from onconav.domain import Fact
from onconav.records.extract.base import Source, fact, to_float
from onconav.records.extract.bm_status import no_result_in

_PSA = re.compile(
    r"(?:prostate[\s-]+specific\s+antigen|\bPSA\b)(?:\s*\((?:PSA|total|serum)\))?(?:,?\s*(?:total|serum))?"
    r"(?P<gap>[^0-9\n<>]{0,25}?)(?P<cmp>[<>≤≥]\s*)?(?P<v>\d{1,4}(?:[.,]\d{1,3})?)\s*(?P<u>ng\s*/\s*m[lL]|"
    r"µg\s*/\s*L|ug\s*/\s*L|mcg\s*/\s*L)?(?P<rest>[^\n]{0,60})",
    re.I,
)
_NOT_LEVEL = re.compile(r"density|velocity|doubling|kinetics|immuno|stain|IHC|\bgleason\b|free\s+PSA|%", re.I)
_RANGE = re.compile(
    r"(?:ref(?:erence)?(?:\s+range)?|normal(?:\s+range)?|range)\s*[:=]?\s*(?:(?P<lo>\d+(?:[.,]\d+)?)\s*(?:-|–|to)\s*"
    r"(?P<hi>\d+(?:[.,]\d+)?)|[<≤]\s*(?P<lt>\d+(?:[.,]\d+)?))|\[\s*(?P<blo>\d+(?:[.,]\d+)?)\s*-\s*"
    r"(?P<bhi>\d+(?:[.,]\d+)?)\s*\]",
    re.I,
)
_FLAG = re.compile(r"^\s*(?:\(?\s*(?P<f>H|HIGH|L|LOW)\s*\)?)(?![A-Za-z])", re.I)


def _judge(value: float, below: bool, rest: str) -> tuple[str | None, str | None]:
    """("high" | "normal" | "low" | "undetectable" | None, the rule used)."""
    if below:
        return "undetectable", "reported below the detection limit"
    flag = _FLAG.match(rest)
    if flag:
        high = flag.group("f").upper().startswith("H")
        return ("high" if high else "low"), "flagged by the laboratory"
    rng = _RANGE.search(rest)
    if not rng:
        return None, None
    hi = to_float(rng.group("hi") or rng.group("lt") or rng.group("bhi") or "")
    lo = to_float(rng.group("lo") or rng.group("blo") or "0") or 0.0
    if hi is None:
        return None, None
    result = "high" if value > hi else "low" if value < lo else "normal"
    return result, f"compared with the stated reference range {lo:g}-{hi:g}"


def extract_labs(text: str, src: Source) -> list[Fact]:
    """A PSA biomarker fact (value with unit; high/normal only against a stated range or flag)."""
    for mt in _PSA.finditer(text):
        if _NOT_LEVEL.search(mt.group("gap")) or not mt.group("u") and ":" not in mt.group("gap"):
            continue
        if no_result_in(mt.group("gap")):
            val = {"name": "PSA", "result": no_result_in(mt.group("gap")), "value": None, "method": None}
            return [fact("biomarker", val, src, text, mt.start(), mt.end("gap"))]
        value = to_float(mt.group("v"))
        if value is None or value > 10000:
            continue
        cmp = (mt.group("cmp") or "").strip()
        unit = re.sub(r"\s+", "", mt.group("u") or "ng/mL").replace("ml", "mL").replace("ML", "mL")
        result, rule = _judge(value, cmp in ("<", "≤"), mt.group("rest"))
        val = {
            "name": "PSA",
            "result": result,
            "value": f"{cmp}{mt.group('v')} {unit}",
            "method": "blood test",
        }
        end = mt.end("u") if mt.group("u") else mt.end("v")
        return [fact("biomarker", val, src, text, mt.start(), end, rule=rule)]
    return []
