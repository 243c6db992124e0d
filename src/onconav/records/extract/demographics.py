"""The patient's age as a report states it ("a 52-year-old woman", "Age: 38", "aged 61", "70 y/o")."""

from __future__ import annotations

import re

from onconav.domain import Fact
from onconav.records.extract.base import Source, fact

_AGE = re.compile(
    r"\b(?P<a>\d{1,3})\s?(?:-|\s)?\s?(?:years?|yrs?|y)\.?\s?(?:-|\s)?\s?old\b|"
    r"\b(?P<b>\d{1,3})\s?(?:y/o|yo)\b|"
    r"\baged\s+(?P<c>\d{1,3})\b|"
    r"\bage(?:\s+at\s+(?:diagnosis|surgery|procedure|collection))?\s*[:=]\s*(?P<d>\d{1,3})\b(?!\s*(?:%|cm|mm))",
    re.I,
)
_MAX_AGE = 110


def extract_age(text: str, src: Source) -> list[Fact]:
    """An age fact (whole years) from the first plausible statement, or nothing."""
    for mt in _AGE.finditer(text):
        value = int(next(v for v in mt.groups() if v))
        if 0 < value <= _MAX_AGE:
            return [fact("age", value, src, text, mt.start(), mt.end(), confidence=0.8)]
    return []
