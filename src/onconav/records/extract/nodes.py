"""Lymph nodes examined and positive, and distant metastatic sites."""

from __future__ import annotations

import re
from typing import Any

from onconav.domain import Fact
from onconav.records.extract.base import Source, fact, is_negated

_WORDS = {
    "no": 0,
    "none": 0,
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
_N = r"(\d{1,3}|" + "|".join(_WORDS) + r")"
_POS_LABEL = re.compile(
    r"(?:number\s+of\s+)?(?:positive\s+(?:lymph\s+)?nodes|lymph\s+nodes?\s+positive|"
    r"nodes?\s+(?:with\s+)?(?:metastas[ie]s|metastatic\s+(?:disease|carcinoma|tumou?r)|involved|positive))\s*(?:\(.{0,20}\))?\s*[:=]\s*"
    + _N,
    re.I,
)
_EXAM_LABEL = re.compile(
    r"(?:(?:number\s+of\s+)?(?:lymph\s+)?nodes\s+(?:examined|sampled|identified|retrieved|"
    r"recovered)|total\s+(?:number\s+of\s+)?(?:lymph\s+)?nodes(?:\s+(?:examined|sampled))?)"
    r"\s*(?:\(.{0,20}\))?\s*[:=]\s*" + _N,
    re.I,
)
_FRACTION = re.compile(r"\(?\b(?P<p>\d{1,2})\s*/\s*(?P<e>\d{1,3})\b\)?")
_OF = re.compile(r"\b" + _N + r"\s+(?:out\s+)?of\s+" + _N + r"\s+(?:\w+\s+){0,3}?(?:lymph\s+)?nodes?", re.I)
_NODE_CTX = re.compile(r"lymph|node|\bLN\b|nodal|\bp?N[0-3]", re.I)
_MET = re.compile(
    r"metasta\w+\s+(?:\w+\s+){0,3}?(?:to|in|involving)\s+(?:the\s+)?(?P<site>liver|lungs?|bones?|brain|"
    r"peritoneum|omentum|adrenal(?:\s+gland)?|pleura|ovary|skin|spine)\b",
    re.I,
)


def _num(s: str) -> int:
    return _WORDS[s.lower()] if s.lower() in _WORDS else int(s)


def extract_nodes(text: str, src: Source) -> list[Fact]:
    """Facts lymph_nodes.examined / lymph_nodes.positive (labelled totals, else summed x/y counts)."""
    pos, exam = _POS_LABEL.search(text), _EXAM_LABEL.search(text)
    facts: list[Fact] = []
    if pos:
        facts.append(fact("lymph_nodes.positive", _num(pos.group(1)), src, text, pos.start(), pos.end()))
    if exam:
        facts.append(fact("lymph_nodes.examined", _num(exam.group(1)), src, text, exam.start(), exam.end()))
    if pos and exam:
        return facts
    p_sum = e_sum = 0
    first: tuple[int, int] | None = None
    seen: set[tuple[int, int]] = set()
    for mt in list(_FRACTION.finditer(text)) + list(_OF.finditer(text)):
        ctx = text[max(0, mt.start() - 60) : mt.end() + 40]
        if not _NODE_CTX.search(ctx) or mt.start() in {s for s, _ in seen}:
            continue
        p, e = (
            (int(mt.group("p")), int(mt.group("e")))
            if mt.re is _FRACTION
            else (_num(mt.group(1)), _num(mt.group(2)))
        )
        if p > e or e == 0:
            continue
        seen.add((mt.start(), mt.end()))
        p_sum, e_sum = p_sum + p, e_sum + e
        first = first or (mt.start(), mt.end())
    if first:
        kw: dict[str, Any] = {"derived": True, "rule": "sum of node counts per specimen", "confidence": 0.7}
        if not pos:
            facts.append(fact("lymph_nodes.positive", p_sum, src, text, first[0], first[1], **kw))
        if not exam:
            facts.append(fact("lymph_nodes.examined", e_sum, src, text, first[0], first[1], **kw))
    return facts


def extract_metastases(text: str, src: Source) -> list[Fact]:
    """metastatic_site facts for distant organs named as sites of metastasis (not negated)."""
    out: list[Fact] = []
    for mt in _MET.finditer(text):
        if is_negated(text, mt.start(), mt.end()):
            continue
        site = mt.group("site").lower().rstrip("s") if mt.group("site").lower() != "lungs" else "lung"
        out.append(fact("metastatic_site", site, src, text, mt.start(), mt.end(), confidence=0.7))
    return out
