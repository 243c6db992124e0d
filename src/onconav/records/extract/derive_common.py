"""Shared helpers for the derived-T rules: extent words, synoptic yes/no answers, size cut-offs, edition."""

from __future__ import annotations

import re

from onconav.records.extract.base import is_negated, is_uncertain
from onconav.records.extract.clauses import clause_start, question_answer
from onconav.records.extract.size import tumor_size

Found = tuple[str, int, int]  # (T value, start, end)


class Edition(int):
    """An AJCC edition number that also records whether it was assumed (the report did not state it)."""

    assumed: bool

    def __new__(cls, number: int, assumed: bool = False) -> Edition:
        obj = super().__new__(cls, number)
        obj.assumed = assumed
        return obj


def assumed(edition: int) -> bool:
    """True when the edition was not stated, so a rule that differs between editions cannot decide."""
    return isinstance(edition, Edition) and edition.assumed


# An invasion word (not the noun phrase "invasive carcinoma") in the clause before a structure.
_INVADE = re.compile(
    r"(?<![a-z])(?:invad|invasion|invasive(?!\s+(?:\w+\s+)?(?:carcinoma|tumou?r|cancer|component|focus))|"
    r"extend(?!\w*\s+from)|extension|extent|infiltrat|penetrat|perforat|involv|grows?\s+in|reach|"
    r"tumou?r\s+thromb)",
    re.I,
)
# A clause that denies or only approaches the structure, or speaks of tumour in vessels, is no extension.
# OCR glues words: "isno invasion", "noinvasion".
_CLAUSE_NEG = re.compile(
    r"\b(?:no(?!\.?\s*\d)|not|without|negative|free\s+of|absent|nor|confined|rather\s+than|cannot|abut\w*|push\w*|bulg\w*|approach\w*|"
    r"close\s+to|spar\w*|lymphatic|lymphovascular|angiolymphatic|vascular\s+space|"
    r"(?:does|do|did|is|are|was|were|has|have|could|can)\s?n'?t|lymphoma|adjacent\s+to|questionabl\w*|equivocal\w*|"
    r"(?:to\s+)?within\s+(?:less\s+than\s+|about\s+|approximately\s+)?[\d.]|"
    r"(?:is|are|was|were)no|no(?:invasion|evidence|extension|tumou?r|direct))\b",
    re.I,
)
# A structure that names a margin ("parametrial soft tissue margin") is not invaded tissue.
_MARGIN_AFTER = re.compile(
    r"(?:[ \t]+|[ \t]*\n(?=(?-i:[a-z])))?"
    r"(?:(?:soft\s+tissue|fat|adipose(?:\s+tissue)?|resection|surgical|deep|radial)[ \t]+)*margins?\b",
    re.I,
)
_MARGIN_BEFORE = re.compile(r"margins?\s+(?:of\s+(?:the\s+)?)?$", re.I)
_YES = re.compile(
    r"^\s*[:=\-]?\s*(?:\(?[a-z ]{0,12}\)?\s*[:=]\s*)?(?:(?:very|only)\s+)?(?:present|identified|yes|invades|"
    r"involved|positive|extensive|focal|minimal|microscopic|gross|multifocal|seen)\b",
    re.I,
)
_NO = re.compile(
    r"^\s*[:=\-]?\s*(?:\(?[a-z ]{0,12}\)?\s*[:=]\s*)?(?:not\s+(?:identified|present|seen|involved)|"
    r"absent|no\b|none|negative|uninvolved|free)",
    re.I,
)
# A printed AJCC definition list ("pT4: Tumor(s) with direct invasion of adjacent organs") is no finding.
_LEGEND = re.compile(r"\b[py]?T(?:[0-4][a-d]?\d?|d|is|X)\s*[:=][^.;]{0,150}$")
_LABEL = re.compile(r"(?:extent|invasion|depth|extension)[^.:\n]{0,20}:\s*(?:[-•*]\s*)?$", re.I)
_YEAR = re.compile(r"\b(?:19[89]\d|20[0-4]\d)\b")


def extent(text: str, levels: list[tuple[str, str]]) -> Found | None:
    """The deepest level (listed deepest first) named after an invasion word and not negated."""
    for tval, rx in levels:
        for mt in re.finditer(rx, text, re.I):
            if _invaded_here(text, mt.start(), mt.end()):
                return tval, mt.start(), mt.end()
    return None


def _invaded_here(text: str, start: int, end: int) -> bool:
    """True when the structure at text[start:end] is said to be invaded (plainly, not negated)."""
    if _MARGIN_AFTER.match(text, end) or _MARGIN_BEFORE.search(text[max(0, start - 30) : start]):
        return False
    asked = question_answer(text, start, end)
    if asked is not None:
        return asked and not is_uncertain(text, start, end)
    before = text[max(0, start - 80) : start]
    opening = clause_start(text, start)
    clause = text[opening:start]
    label = _LABEL.search(before) or _LABEL.search(text[max(0, opening - 60) : opening])
    invaded = _INVADE.search(clause)
    if not (label or invaded) or is_negated(text, start, end):
        return False
    if _LEGEND.search(text[max(0, start - 160) : start]) or is_uncertain(text, start, end):
        return False
    return not _CLAUSE_NEG.search(clause)


def answer(text: str, label: str) -> tuple[bool, int, int] | None:
    """A synoptic or narrative yes/no about `label` ("Extraprostatic extension: present" -> True)."""
    rx = re.compile(
        r"(?:\b(?P<neg>no|without)(?:[ \t]+|[ \t]*\n(?=(?-i:[a-z])))(?:evidence\s+of\s+)?|"
        r"\b(?P<pos>with)\.?\s+(?:(?:focal|minimal|extensive|"
        r"gross|microscopic)\s+)?)?(?P<l>" + label + r")",
        re.I,
    )
    verdict: tuple[bool, int, int] | None = None
    for mt in rx.finditer(text):
        after = text[mt.end() : mt.end() + 40]
        after = re.sub(r"^\s*(?:is|are|was|were)\s+", " ", after, flags=re.I)
        if mt.group("neg") or _NO.match(after):
            verdict = verdict or (False, mt.start(), mt.end())
        elif _YES.match(after) or (mt.group("pos") and not is_uncertain(text, mt.start(), mt.end())):
            return True, mt.start("l"), mt.end()
    return verdict


def by_size(text: str, cuts: list[tuple[float, str]], above: str) -> Found | None:
    """The T value for the tumour size: the first cut-off (cm, inclusive) the size does not exceed."""
    size = tumor_size(text)
    if not size:
        return None
    cm, s, e = size
    for limit, tval in cuts:
        if cm <= limit:
            return tval, s, e
    return above, s, e


def deeper(a: Found | None, b: Found | None) -> Found | None:
    """The higher of two T values (either may be missing)."""
    if not a or not b:
        return a or b
    return a if a[0] >= b[0] else b


def edition_for(text: str, stated: str | None) -> tuple[int, bool]:
    """The AJCC edition to apply and whether it was assumed.

    A stated edition wins; else a report year from 2018 on implies the 8th edition. Otherwise the 7th
    edition is assumed: reports that state no T category at all are mostly archival (before 2018),
    and the rule text says the edition was assumed.
    """
    if stated:
        num = re.search(r"[5-8]", stated)
        if num:
            return int(num.group(0)), False
    years = [int(y) for y in _YEAR.findall(text)]
    if years and max(years) >= 2018:
        return 8, True
    return 7, True
