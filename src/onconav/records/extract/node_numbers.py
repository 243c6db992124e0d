"""Counts written in digits or words ("12", "twelve", "twenty-nine", "a single") for node statements."""

from __future__ import annotations

import re

_UNITS = {
    "zero": 0,
    "none": 0,
    "one": 1,
    "single": 1,
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
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60}
_UNIT_WORDS = "|".join(sorted(_UNITS, key=len, reverse=True))
_TEN_WORDS = "|".join(_TENS)

# A count: digits, or number words; "a single" is one.
NUM = (
    rf"(?=[\dzotfsenaZOTFSENA])(?:\d{{1,3}}|(?:{_TEN_WORDS})(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine))?|"
    rf"(?:a\s+)?single|{_UNIT_WORDS})"
)
_SPLIT = re.compile(r"[\s-]+")


def to_int(words: str | None) -> int | None:
    """The value of a count matched by NUM (None when it is not one)."""
    if not words:
        return None
    s = words.strip().lower()
    if s.isdigit():
        return int(s)
    parts = [p for p in _SPLIT.split(s) if p != "a"]
    total = 0
    for p in parts:
        if p in _TENS:
            total += _TENS[p]
        elif p in _UNITS:
            total += _UNITS[p]
        else:
            return None
    return total if parts else None
