"""Shared helpers for extractors: building facts with evidence, negation and uncertainty cues."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from onconav.domain import Evidence, Fact

# OCR often reads 0 as O/o and 1 as l/I/|; these classes accept them where a digit is expected.
D0 = "[0Oo]"
D1 = "[1lI|]"
DIGIT = r"[0-4OolI|]"

_NEG_BEFORE = re.compile(
    r"(?:\bno\b|\bnot\b|\bnegative\s+for\b|\bwithout\b|\bfree\s+of\b|\babsence\s+of\b|\bnone\b|"
    r"\bneg\.?\s+for\b|\bruled?\s+out\b)[^.;:]{0,40}$",
    re.I,
)
_NEG_AFTER = re.compile(
    r"^[^.;]{0,25}?\b(?:not\s+(?:identified|seen|present|detected|found)|absent|negative|"
    r"is\s+not\s+identified|are\s+not\s+identified|none\s+identified)\b",
    re.I,
)
_UNCERTAIN_BEFORE = re.compile(
    r"(?:suspicious\s+for|suspicious\s+of|cannot\s+(?:be\s+)?(?:excluded?|ruled?\s+out)|possible|possibly|"
    r"probable|probably|consistent\s+with\s+possible|suggestive\s+of|questionable|equivocal\s+for|"
    r"favou?r(?:ed)?)[^.;]{0,30}$",
    re.I,
)
_UNCERTAIN_AFTER = re.compile(
    r"^[^.;]{0,30}?\b(?:cannot\s+be\s+(?:assessed|determined|excluded|evaluated)|not\s+assessed|"
    r"indeterminate|not\s+evaluable)\b",
    re.I,
)


@dataclass
class Source:
    """Where the text being read came from (the document name and page number)."""

    document: str
    page: int | None = None


def fact(
    field: str,
    value: Any,
    src: Source,
    text: str,
    start: int,
    end: int,
    **kw: Any,
) -> Fact:
    """A Fact whose evidence is text[start:end] of the given source."""
    ev = Evidence(document=src.document, page=src.page, start=start, end=end, text=text[start:end])
    return Fact(field=field, value=value, evidence=[ev], **kw)


def is_negated(text: str, start: int, end: int) -> bool:
    """True when a negation cue sits just before or just after the span (same sentence)."""
    before = text[max(0, start - 60) : start]
    after = text[end : end + 40]
    return bool(_NEG_BEFORE.search(before) or _NEG_AFTER.search(after))


def is_uncertain(text: str, start: int, end: int) -> bool:
    """True when the span is hedged ("suspicious for", "cannot be assessed")."""
    before = text[max(0, start - 50) : start]
    after = text[end : end + 45]
    return bool(_UNCERTAIN_BEFORE.search(before) or _UNCERTAIN_AFTER.search(after))


def ocr_digit(ch: str) -> str:
    """Map OCR look-alikes to the digit they stand for."""
    return {"O": "0", "o": "0", "l": "1", "I": "1", "|": "1", "i": "1"}.get(ch, ch)


def to_float(s: str) -> float | None:
    """Parse a number that may use a comma as decimal separator or OCR look-alikes."""
    s = s.replace(",", ".").replace("O", "0").replace("o", "0").replace("l", "1").strip(".")
    try:
        return float(s)
    except ValueError:
        return None


def needles(pattern: str) -> tuple[str, ...]:
    """Lower-case letter runs (3+) of a regex: if none occurs in a text, the regex cannot match it.

    Only valid for patterns whose every alternative contains such a run; used to skip slow scans.
    """
    return tuple(sorted(set(re.findall(r"[a-z0-9]{3,}", re.sub(r"\\[a-zA-Z]", " ", pattern).lower()))))


def may_match(low: str, words: tuple[str, ...]) -> bool:
    """True when any needle occurs in the lower-cased text."""
    return any(w in low for w in words)
