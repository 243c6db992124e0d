"""Shared helpers for the derived-T rules: extent words, synoptic yes/no answers, size cut-offs, edition."""

from __future__ import annotations

import re

from onconav.records.extract.base import is_negated, is_uncertain
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


_INVADE = re.compile(
    r"(?:invad|invasion|invasive|extend|extension|extent|infiltrat|penetrat|perforat|involv|grows?\s+in|reach)"
    r"[^.;]{0,70}$",
    re.I,
)
_SENTENCE = re.compile(r"[.;:]\s+(?=[A-Z(-])|\n|\b(?:but|BUT|But)\b|\s-\s?(?=[A-Za-z])")
# A clause that denies or only approaches the structure, or speaks of tumour in vessels, is no extension.
_CLAUSE_NEG = re.compile(
    r"\b(?:no|not|without|negative|free\s+of|absent|nor|confined|abut\w*|push\w*|bulg\w*|approach\w*|"
    r"close\s+to|spar\w*|lymphatic|lymphovascular|angiolymphatic|vascular\s+space)\b",
    re.I,
)
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
_BUT = re.compile(r"\bbut\b", re.I)
_YEAR = re.compile(r"\b(?:19[89]\d|20[0-4]\d)\b")


def extent(text: str, levels: list[tuple[str, str]]) -> Found | None:
    """The deepest level (listed deepest first) named after an invasion word and not negated."""
    for tval, rx in levels:
        for mt in re.finditer(rx, text, re.I):
            before = text[max(0, mt.start() - 80) : mt.start()]
            label = re.search(r"(?:extent|invasion|depth|extension)[^.:]{0,20}:\s*$", before, re.I)
            invaded = _INVADE.search(before)
            if not (label or invaded) or is_negated(text, mt.start(), mt.end()):
                continue
            if not label and invaded and _BUT.search(before, invaded.start()):
                continue  # "the capsule is involved, but adjacent organs spared"
            legend = _LEGEND.search(text[max(0, mt.start() - 160) : mt.start()])
            if legend or is_uncertain(text, mt.start(), mt.end()):
                continue
            clause = _SENTENCE.split(before)[-1]
            if _CLAUSE_NEG.search(clause):
                continue
            return tval, mt.start(), mt.end()
    return None


def answer(text: str, label: str) -> tuple[bool, int, int] | None:
    """A synoptic or narrative yes/no about `label` ("Extraprostatic extension: present" -> True)."""
    rx = re.compile(
        r"(?:\b(?P<neg>no|without)\s+(?:evidence\s+of\s+)?|\b(?P<pos>with)\.?\s+(?:(?:focal|minimal|extensive|"
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
