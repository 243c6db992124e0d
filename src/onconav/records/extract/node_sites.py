"""Where a positive lymph node was: the words naming its station, level or side (AJCC 7th edition groups)."""

from __future__ import annotations

import re

_I = re.I
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}
_ROMAN |= {"xi": 11, "xii": 12, "xiii": 13, "xiv": 14}
_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
_WORDS |= {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14}
_STATION = re.compile(
    r"\b(?:levels?|stations?|stn|LN|zone)\s*#?\s*(?P<n>1[0-4]|[1-9]|[ivx]{1,4}|"
    + "|".join(sorted(_WORDS, key=len, reverse=True))
    + r")\s*(?:[RL]\b|[ab]\b)?|\b(?P<m>1[0-4]|[2-9])\s*[RL]\b|\b[RL]\s*(?P<k>1[0-4]|[2-9])\b",
    _I,
)

# Lung and pleura (AJCC 7th): N1 intrapulmonary/hilar (stations 10-14), N2 ipsilateral mediastinal or
# subcarinal (stations 2-9), N3 contralateral, scalene or supraclavicular (and station 1).
_LUNG_N3 = re.compile(r"contralateral|supraclavicular|scalene", _I)
_LUNG_N2 = re.compile(
    r"mediastin|subcarinal|sub-carinal|carina|paratracheal|para-tracheal|pretracheal|aorto-?pulmonary|"
    r"\bAP\s+window|subaortic|sub-aortic|para-?aortic|para-?esophageal|pulmonary\s+ligament|prevascular|"
    r"retrotracheal|internal\s+mammary|peridiaphragm|azygo",
    _I,
)
_LUNG_N1 = re.compile(
    r"hil(?:ar|um)|peribronch|intrapulmonary|interlobar|\blobar|segmental|bronchopulmonary|"
    r"intraparenchymal|parenchymal|peri-?bronch",
    _I,
)

# Thyroid (AJCC 7th): N1a central (level VI, pretracheal, paratracheal, prelaryngeal, and VII superior
# mediastinal); N1b lateral neck (levels I-V), retropharyngeal.
_THYROID_CENTRAL = re.compile(
    r"central|pretracheal|paratracheal|prelaryngeal|delphian|perithyroid|recurrent\s+laryngeal|"
    r"superior\s+mediastin|paraesophageal|peri-?thyroid",
    _I,
)
_THYROID_LATERAL = re.compile(
    r"lateral\s+neck|jugular|posterior\s+triangle|supraclavicular|retropharyngeal|submandibular|"
    r"modified\s+radical|radical\s+neck|spinal\s+accessory",
    _I,
)
_BILATERAL = re.compile(r"bilateral|contralateral|\bboth\s+sides|left\s+and\s+right|right\s+and\s+left", _I)
_COMMON_ILIAC = re.compile(r"comm?on\s+iliac", _I)


def stations(words: str) -> set[int]:
    """Station or level numbers named in the words ("level 7", "station 4R", "level XI", "10L")."""
    out: set[int] = set()
    for mt in _STATION.finditer(words):
        raw = (mt.group("n") or mt.group("m") or mt.group("k") or "").lower()
        value = int(raw) if raw.isdigit() else _ROMAN.get(raw) or _WORDS.get(raw)
        if value:
            out.add(value)
    return out


def lung_group(words: str) -> str | None:
    """N1, N2 or N3 for the node group named in the words, or None when none or several groups are named."""
    groups: set[str] = set()
    if _LUNG_N3.search(words):
        groups.add("N3")
    if _LUNG_N2.search(words):
        groups.add("N2")
    if _LUNG_N1.search(words):
        groups.add("N1")
    for n in stations(words):
        groups.add("N3" if n == 1 else "N2" if n <= 9 else "N1")
    return groups.pop() if len(groups) == 1 else None


def thyroid_group(words: str) -> str | None:
    """N1a (central compartment) or N1b (lateral neck) for the words, or None when unclear."""
    groups: set[str] = set()
    if _THYROID_CENTRAL.search(words):
        groups.add("N1a")
    if _THYROID_LATERAL.search(words):
        groups.add("N1b")
    for n in stations(words):
        groups.add("N1a" if n in (6, 7) else "N1b")
    return groups.pop() if len(groups) == 1 else None


def names_both_sides(words: str) -> bool:
    """True when the words say the nodes are on both sides or the opposite side."""
    return bool(_BILATERAL.search(words))


def names_common_iliac(words: str) -> bool:
    return bool(_COMMON_ILIAC.search(words))
