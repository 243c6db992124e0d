"""Biomarker names in criteria and case histories, and reading a result next to a name."""

from __future__ import annotations

import re
from functools import lru_cache

# canonical name -> regex of its spellings
NAMES: dict[str, str] = {
    "HER2": r"her-?2(?:/neu)?|erbb2",
    "ER": r"\ber\b|estrogen receptor|oestrogen receptor",
    "PR": r"\bpr\b|\bpgr\b|progesterone receptor",
    "HR": r"hormone receptor|\bhr\b(?=[ -]?(?:\+|pos|neg|-))",
    "PD-L1": r"pd-?l1|\bcps\b|\btps\b",
    "EGFR": r"egfr",
    "ALK": r"\balk\b",
    "ROS1": r"ros-?1",
    "BRAF": r"braf",
    "KRAS": r"kras",
    "NRAS": r"nras",
    "MSI": r"\bmsi(?:-h|-high)?\b|\bmss\b|microsatellite|\bdmmr\b|\bpmmr\b|mismatch repair",
    "TMB": r"\btmb\b|tumou?r mutational burden",
    "BRCA": r"brca ?[12]?|germline",
    "HRD": r"\bhrd\b|homologous recombination",
    "PIK3CA": r"pik3ca",
    "NTRK": r"ntrk",
    "RET": r"\bret\b",
    "MET": r"\bmet (?:amplification|exon)|c-met",
    "FGFR": r"fgfr\d?",
    "IDH": r"idh[12]?",
    "HLA-A*02:01": r"hla-?a\*?\s?02:?01",
    "HLA-A*01:01": r"hla-?a\*?\s?01:?01",
    "CCR4": r"ccr-?4",
    "CD30": r"\bcd30\b",
    "CD20": r"\bcd20\b",
    "HPV": r"\bhpv(?:-?16)?\b|\bp16\b|papilloma ?virus",
    "KK-LC-1": r"kk-?lc-?1|\bct83\b",
    "NEO-201": r"neo-?201",
    "PSMA": r"\bpsma\b",
    "AR": r"androgen receptor",
    "p53": r"\bp53\b|tp53",
    "CLDN18.2": r"cldn18|claudin",
}
POSITIVE = re.compile(
    r"^\s*(?:\+|pos\b|positive|mutat\w*|amplif\w*|express\w*|overexpress\w*|high\b|"
    r"h\b|detected|fusion|rearrange\w*|[123]\+|deficient|dna\s?\+|-h\b)",
    re.I,
)
NEGATIVE = re.compile(
    r"^\s*(?:-(?!\d)|−|neg\b|negative|wild[- ]?type|wt\b|not detected|0\b|absent|"
    r"low\b|proficient|stable|no (?:\w+ )?mutation)",
    re.I,
)


@lru_cache(maxsize=1)
def _compiled() -> dict[str, re.Pattern[str]]:
    return {k: re.compile(rf"(?<![\w*])(?:{rx})", re.I) for k, rx in NAMES.items()}


def names_in(text: str) -> list[tuple[str, re.Match[str]]]:
    """(canonical name, match) for every biomarker named in the text."""
    out = []
    for name, rx in _compiled().items():
        for m in rx.finditer(text or ""):
            out.append((name, m))
    return out


def polarity_after(name: str, matched: str, following: str) -> str | None:
    """'positive', 'negative' or None from the words right after (or inside) a biomarker mention."""
    low = matched.lower()
    if name == "MSI":
        if "mss" in low or "pmmr" in low:
            return "negative"
        if "msi-h" in low or "dmmr" in low or "msi-high" in low:
            return "positive"
    window = re.sub(r"^[\s-]+(?=[a-z])", " ", following[:40], flags=re.I)
    window = re.sub(
        r"^\s*(?:status|expression|by ihc|ihc|on \w+|testing|test|\(.*?\)|is|was|:)\s*", " ", window
    )
    if POSITIVE.match(window):
        return "positive"
    if NEGATIVE.match(window):
        return "negative"
    return None


_PCT = re.compile(r"(\d+(?:\.\d+)?)\s*%")
_NUM = re.compile(r"(?:cps|tps|score)?\s*[:=]?\s*([<>]?=?)\s*(\d+(?:\.\d+)?)")


def number_after(following: str) -> float | None:
    """A percentage or score given within a few words after a biomarker mention."""
    window = following[:45]
    m = _PCT.search(window) or _NUM.match(window)
    if not m:
        return None
    try:
        return float(m.groups()[-1])
    except ValueError:
        return None
