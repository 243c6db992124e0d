"""Regexes for key words as scanned reports print them: look-alike letters and stray spaces tolerated.

OCR reads "i" and "l" as "1", "|" or "!" ("muscularls proprla"), "m" as "rn" ("lyrnphovascular"),
"o" as "0", and breaks words with spaces ("Vascu lar invas ion"). `tolerant("muscularis propria")`
gives a pattern accepting those forms (one optional space between letters, any white space between
words); it is meant for long words, where such a match cannot be another word.
"""

from __future__ import annotations

import re

_LOOKALIKES = {
    "i": "[il1|!]",
    "l": "[il1|I!]",
    "m": "(?:m|rn)",
    "o": "[o0]",
    "s": "[s5]",
    "e": "[ec]",
    "c": "[ce]",
    "u": "[uv]",
    "n": "(?:n|ri)",
}


def tolerant(phrase: str) -> str:
    """A regex (use with re.I) for the phrase with OCR look-alikes and split words accepted."""
    words = []
    for word in phrase.split():
        parts = []
        for ch in word:
            if ch == "-":
                parts.append("-?")
            else:
                parts.append(_LOOKALIKES.get(ch.lower(), re.escape(ch)))
        words.append("[ ]?".join(parts))
    return r"\s+".join(words)


MUSCULARIS_PROPRIA = tolerant("muscularis") + r"\.?\s*" + tolerant("propria")
PERINEPHRIC = r"(?:" + tolerant("peri-nephric") + r"|" + tolerant("peri-renal") + r"|\W?eri-?\s?nephric)"
RENAL_SINUS = tolerant("renal sinus")
LYMPHOVASCULAR = tolerant("lympho-vascular")
VASCULAR = tolerant("vascular")
INVASION = tolerant("invasion")
