"""Margins, lymphovascular invasion (LVI) and perineural invasion (PNI) with negation."""

from __future__ import annotations

import re

from onconav.domain import Fact
from onconav.records.extract.base import Source, fact
from onconav.records.extract.ocr_terms import INVASION, LYMPHOVASCULAR, VASCULAR

_VALUE = (
    r"(?P<v>present|absent|identified|not\s+identified|none\s+identified|not\s+seen|seen|positive|negative|"
    r"yes|no|indeterminate|cannot\s+be\s+(?:assessed|determined)|not\s+(?:specified|applicable|assessed)|"
    r"suspicious|focal(?:ly\s+present)?|extensive)"
)
_LVI = re.compile(
    r"(?P<neg>\bno\s+(?:evidence\s+of\s+)?)?(?:lympho-?\s?vascular|"
    + LYMPHOVASCULAR
    + r"|angio-?\s?lymphatic|lymphatic|vascular|"
    + VASCULAR
    + r"|LVI|LVSI)(?:\s+(?:space|channel|vessel|\(small\s+vessel\)))?\s*"
    + INVASION
    + r"(?:\s*\(.{0,25}?\))?\s*(?:is\s+|are\s+)?[:.\-]?\s*"
    + _VALUE
    + r"?",
    re.I,
)
_PNI = re.compile(
    r"(?P<neg>\bno\s+(?:evidence\s+of\s+)?)?peri-?\s?neural\s+(?:invasion|infiltration)"
    r"\s*(?:is\s+)?[:.\-]?\s*" + _VALUE + r"?",
    re.I,
)
_MARGIN = re.compile(
    r"(?:(?:surgical|resection|all|final|inked|closest)\s+)?margins?(?:\s+of\s+resection)?\s*(?:status)?"
    r"(?:\s*\(.{0,30}?\))?\s*(?:are\s+|is\s+)?[:.\-]?\s*(?P<v>negative|positive|free|clear|uninvolved|involved|"
    r"not\s+involved|close|free\s+of\s+(?:tumou?r|carcinoma|malignancy)|(?:widely\s+)?free|"
    r"negative\s+for|not\s+specified)|"
    r"(?P<pos>(?:carcinoma|tumou?r)\s+(?:\w+\s+){0,3}(?:extends?\s+to|present\s+at|involves?)\s+(?:the\s+)?"
    r"(?:\w+\s+){0,2}(?:surgical\s+|resection\s+|inked\s+)?margin)",
    re.I,
)


def _status(v: str | None, neg: bool) -> tuple[str, bool] | None:
    """(present|absent|indeterminate, uncertain) from a value word; None when not stated."""
    if neg:
        return "absent", False
    if not v:
        return None
    v = v.lower()
    if v.startswith(("not specified", "not applicable")):
        return None
    if v.startswith(("not assessed", "cannot", "indeterminate")):
        return "indeterminate", True
    if v == "suspicious":
        return "present", True
    if v.startswith(("not", "none", "absent", "negative", "no")):
        return "absent", False
    return "present", False


def _invasion(rx: re.Pattern[str], name: str, text: str, src: Source) -> list[Fact]:
    for mt in rx.finditer(text):
        st = _status(mt.group("v"), bool(mt.group("neg")))
        if st:
            return [
                fact(name, st[0], src, text, mt.start(), mt.end(), uncertain=st[1], negated=st[0] == "absent")
            ]
    return []


def extract_invasion(text: str, src: Source) -> list[Fact]:
    """Facts lvi, pni and margins."""
    facts = _invasion(_LVI, "lvi", text, src) + _invasion(_PNI, "pni", text, src)
    for mt in _MARGIN.finditer(text):
        if mt.group("pos"):
            before = text[max(0, mt.start() - 30) : mt.start()]
            if re.search(r"\b(?:no|not|without)\b[^.]*$", before, re.I) or re.search(
                r"\bnot\b", mt.group(0), re.I
            ):
                continue
            facts.append(fact("margins", "positive", src, text, mt.start(), mt.end()))
            break
        v = mt.group("v").lower()
        if v == "not specified":
            continue
        val = "positive" if v in ("positive", "involved") else "close" if v == "close" else "negative"
        facts.append(fact("margins", val, src, text, mt.start(), mt.end()))
        break
    return facts
