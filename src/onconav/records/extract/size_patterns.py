"""Regex pieces for sizes that tolerate scanning (OCR) damage.

Scanned reports misread units ("4.5 em", "3.0 crn", "2 c m"), digits ("O.5", "S.8", "l.2", "2,5") and
split numbers and words with stray spaces ("2 .8 cm", "5. 8 cm", "GREATEST DIME NSION"). These pieces
accept those forms; `number_value` reads a matched number back.
"""

from __future__ import annotations

import re

# A number: up to 3 digits (a leading O/o/l/I/S read for a digit when a decimal part follows), with a
# decimal part after "." (spaces allowed around the point) or "," (no space: "2, 5" is a list).
INT = r"(?:\d{1,3}|[OolIS](?=\s?[.,]\s?\d))"
NUM = INT + r"(?:,\d{1,2}(?!\d)|\s?\.\s?[\dOo]{1,2}(?![\d]))?"
# Units: cm and mm as printed and as OCR misreads them ("em", "ern", "crn", "c m", "mrn").
CM = r"(?:cm|em|ern|crn|cnn|c\s?m)"
MM = r"(?:mm|mrn|rnm)"
UNIT = r"(?P<unit>" + CM + r"|" + MM + r"|centimet(?:er|re)s?|millimet(?:er|re)s?)\b"
_BY = r"(?:x|X|×|\*|by)"
DIMS = (
    r"(?P<dims>"
    + NUM
    + r"(?:\s*(?:"
    + CM
    + r"|"
    + MM
    + r")\b)?(?:\.?\s*"
    + _BY
    + r"\.?\s*"
    + NUM
    + r"(?:\s*(?:"
    + CM
    + r"|"
    + MM
    + r")\b)?){0,2})\.?\s*"
    + UNIT
)
# Label words, damaged: "GREATgST", "larg est", "maxim~.~m"; "DIMENSION", "dime nsion", "PNMFNSION",
# "dlfllenslon", "DIAt·fETER" (a 5-12 letter word ending like dimension or diameter; not "invasion").
GREATEST = r"(?:gr\w?[ea]\w?t\w?st|larg\s?\w?st|maxim\S{0,3}m|maximal)"
DIMENSION = (
    r"(?:dimension|diameter|(?!\S*\s?\S*(?:vas|cis|tens|pth|ect|thick))[a-z0-9|~·'`]{1,8}(?:\s[a-z|]{1,5})?"
    r"(?:s[il1|]on|eter)\b)"
)
TUMOUR = r"(?:t\s?u\s?(?:m|rn)\s?o\s?u?\s?r)"
SIZE = r"(?:s[i1lj|!]\s?z\s?[e3c])"

_DIGIT_LIKE = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1", "S": "5", ",": "."})


def number_value(s: str) -> float | None:
    """The value of a number matched by NUM ("2 .8" -> 2.8, "S.8" -> 5.8, "2,5" -> 2.5)."""
    try:
        return float(re.sub(r"\s", "", s).translate(_DIGIT_LIKE).strip("."))
    except ValueError:
        return None


def is_mm(unit: str) -> bool:
    """True for a millimetre unit (as printed or misread)."""
    return re.match(r"m|rnm", unit, re.I) is not None
