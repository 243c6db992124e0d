"""Biomarker result words: positive, negative, equivocal, uncertain significance, or a test not done.

Shared by the text extractor and the FHIR reader so that "not tested", "pending", "failed" or
"no mutation detected" is never read as a positive result.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Results meaning the test gave no usable answer (the guidance treats them as "not found yet").
NO_RESULT_VALUES = ("not tested", "pending", "insufficient", "failed", "indeterminate", "unknown")
NEGATIVE_VALUES = ("negative", "wild-type", "not amplified", "intact", "stable", "proficient", "low")

# Order matters: at one position the first alternative listed wins, so longer phrases come first.
_CATEGORIES: tuple[tuple[str, str], ...] = (
    (
        "vus",
        r"variants?\s+of\s+(?:uncertain|unknown|undetermined)\s+(?:clinical\s+)?significance|\bVUS\b|"
        r"(?:uncertain|unknown)\s+(?:clinical\s+)?significance",
    ),
    ("lowpos", r"low[\s-]+positive|weak(?:ly)?[\s-]+positive"),
    (
        "insufficient",
        r"insufficient|inadequate|(?:quantity|tissue|sample|material|DNA|RNA)\s+not\s+sufficient|"
        r"\bQNS\b|too\s+(?:few|little|scant)|low\s+tumou?r\s+(?:content|cellularity|fraction)",
    ),
    (
        "failed",
        r"fail(?:ed|ure|s)?|unsuccessful|no\s+(?:valid\s+)?results?\b|did\s+not\s+pass|"
        r"could\s+not\s+be\s+(?:performed|completed|sequenced|analy[sz]ed|run)|"
        r"unable\s+to\s+(?:perform|complete|sequence|analy[sz]e|obtain\s+a\s+result)",
    ),
    (
        "indeterminate",
        r"indeterminate|inconclusive|uninterpretable|non-?diagnostic|undetermined|"
        r"not\s+(?:evaluable|interpretable|assessable|determinable)|un(?:evaluable|assessable)|"
        r"(?:cannot|could\s+not)\s+be\s+(?:determined|assessed|evaluated|interpreted)",
    ),
    (
        "pending",
        r"pending|in\s+progress|to\s+follow|will\s+follow|(?:results?\s+)?awaited|sent\s+(?:out|to)\b|"
        r"not\s+(?:yet\s+)?(?:available|resulted|reported|back)|(?:has\s+been\s+|have\s+been\s+|was\s+|were\s+)"
        r"(?:ordered|requested|sent)|to\s+be\s+(?:reported|performed|done|sent)|will\s+be\s+(?:reported|"
        r"performed|sent|issued|done)|addendum\s+will",
    ),
    (
        "negative",
        r"not\s+amplified|non-?amplified|negative|wild[\s-]?type|\bWT\b|"
        r"no\s+(?:\w+\s+){0,3}?(?:mutations?|variants?|alterations?|rearrangements?|fusions?|amplification|"
        r"deletion|translocation|abnormalit(?:y|ies)|aberrations?)\s+(?:was\s+|were\s+|is\s+|are\s+)?"
        r"(?:detected|identified|found|seen|present|noted)|not\s+(?:detected|identified|present|found|seen|"
        r"mutated)|none\s+(?:detected|identified|found)|undetected|absence\s+of|lack\s+of|no\s+loss|without\s+loss|"
        r"intact|retained|preserved|proficient|\bpMMR\b|\bMSS\b|\bMSI-L\b|(?:microsatellite\s+)?stable|"
        r"\blow\b(?![\s-]+grade)|non-?mutated|unmutated|benign",
    ),
    (
        "not_tested",
        r"not\s+(?:been\s+)?(?:tested|performed|done|assessed|evaluated|ordered|requested|"
        r"submitted|analy[sz]ed|examined|sent|run)|(?:no|without)\s+(?:\w+[\s-]+){0,3}?(?:testing|tests?|analys[ie]s|"
        r"studies|assays?)\b(?!\s+(?:detected|identified|showed|shows|revealed|reveals|demonstrat))|"
        r"cancel+ed|withdrawn|declined|deferred|not\s+applicable|\bN/A\b|(?:is|are)\s+recommended|"
        r"(?:should|may|could)\s+be\s+(?:considered|performed|tested)|consider\s+(?:\w+\s+){0,3}?testing|"
        r"not\s+reported",
    ),
    ("unknown", r"unknown"),
    ("equivocal", r"equivocal|borderline"),
    (
        "positive",
        r"positive|amplified|(?:mutations?|variants?|alterations?|fusions?|rearrangements?)\s+(?:was\s+|"
        r"were\s+|is\s+|are\s+)?(?:detected|identified|present|found)|mutated|mutant|detected|identified|"
        r"rearranged|\bMSI-H\b|\bdMMR\b|high(?![\s-]+grade)|deficient|loss|lost|absent|present|(?:likely\s+)?pathogenic",
    ),
    ("noun", r"amplification|rearrangement|fusion"),
    ("score", r"\b[0-3]\s?\+|score\s*[:=]?\s*[0-3]\b"),
)
_STATUS = re.compile("|".join(f"(?P<{k}>{v})" for k, v in _CATEGORIES), re.I)
_NO_RESULT = re.compile(
    "|".join(
        f"(?:{v})"
        for k, v in _CATEGORIES
        if k in ("insufficient", "failed", "indeterminate", "pending", "not_tested")
    ),
    re.I,
)
_NO_RESULT_VALUE = {
    "insufficient": "insufficient",
    "failed": "failed",
    "indeterminate": "indeterminate",
    "pending": "pending",
    "not_tested": "not tested",
    "unknown": "unknown",
}
_HEDGE = re.compile(
    r"(?:suspicious\s+for|possible|possibly|probable|probably|suggestive\s+of|questionable|cannot\s+(?:be\s+)?"
    r"(?:excluded|ruled\s+out)|may\s+(?:have|harbor|represent)|likely)\s+(?:\w+\s+){0,2}$",
    re.I,
)
# Genes whose "positive" finding is a fusion or a presence, not a mutation.
PRESENCE = {"ALK", "ROS1", "RET", "NTRK", "BCR-ABL1", "del(17p)", "PML-RARA"}
MMR_PROTEINS = {"MLH1", "MSH2", "MSH6", "PMS2"}
RECEPTORS = {"ER", "PR", "HER2", "PD-L1", "Ki-67", "TMB", "HRD", "AR"}


@dataclass(frozen=True)
class Status:
    """A result word found in text: its category, the words and where they end."""

    category: str  # positive | negative | equivocal | vus | noun | score | no_result
    words: str
    start: int
    end: int
    no_result: str | None = None


def find_status(window: str, name: str = "") -> Status | None:
    """The first result word in a window, skipping nouns ("fusion") when a real result follows."""
    noun: Status | None = None
    for mt in _STATUS.finditer(window):
        cat = mt.lastgroup or ""
        if cat == "score" and name not in ("HER2", "") and not (name in ("ER", "PR") and "+" in mt.group(0)):
            continue  # "score 2" is a HER2 scale; for ER/PR only an intensity ("2+") says staining is there
        st = _status(cat, mt)
        if cat != "noun":
            return st
        noun = noun or st
    return noun


def _status(cat: str, mt: re.Match[str]) -> Status:
    if cat in _NO_RESULT_VALUE:
        return Status("no_result", mt.group(0), mt.start(), mt.end(), _NO_RESULT_VALUE[cat])
    return Status(cat, mt.group(0), mt.start(), mt.end())


def after_last_result(before: str) -> str:
    """The part of a before-context after the last result word that belongs to an earlier marker.

    In "HER2 not amplified, ER positive" the "not" is HER2's, not ER's; but "Negative for BRAF" and
    "Not detected: KRAS" are labels for what follows, so they are kept.
    """
    last = None
    for mt in _STATUS.finditer(before):
        if mt.lastgroup in ("positive", "negative", "equivocal", "lowpos", "score", "vus"):
            last = mt
    if last is None or re.match(r"\s*(?:for\b|:\s*$)", before[last.end() :], re.I):
        return before
    return before[last.end() :]


def no_result_in(text: str) -> str | None:
    """The no-result label ("not tested", "pending", ...) named in a text, if any."""
    mt = _NO_RESULT.search(text)
    if not mt:
        return None
    st = find_status(mt.group(0))
    return st.no_result if st else None


def hedged(before: str) -> bool:
    """True when the words just before a marker hedge it ("possible", "suspicious for")."""
    return bool(_HEDGE.search(before))


def negative_word(name: str) -> str:
    """How a negative result is written for this marker."""
    if name in MMR_PROTEINS:
        return "intact"
    if name == "MSI":
        return "stable"
    if name == "MMR":
        return "proficient"
    if name in PRESENCE or name in RECEPTORS or name in {"FLT3", "PSA"}:
        return "negative"
    return "wild-type"


def normalize(name: str, st: Status) -> str:
    """The profile's result word for a status found next to a marker name."""
    w = re.sub(r"\s+", " ", st.words.lower())
    if st.category == "no_result":
        return st.no_result or "not tested"
    if st.category == "vus":
        return "uncertain significance"
    if st.category == "equivocal":
        return "equivocal"
    if st.category == "lowpos":
        return "low positive" if name in ("ER", "PR") else "positive"
    if st.category == "score" and name in ("ER", "PR"):
        return "negative" if w.startswith("0") else "positive"  # any stained nuclei (1+ to 3+)
    if st.category == "score":
        digit = re.search(r"[0-3]", w)
        return {"3": "positive", "2": "equivocal"}.get(digit.group(0) if digit else "0", "negative")
    if name in MMR_PROTEINS:
        return (
            "lost" if st.category in ("positive", "noun") and w not in ("present", "positive") else "intact"
        )
    if name == "IGHV" and w in ("unmutated", "non-mutated", "nonmutated", "mutated"):
        return "unmutated" if w != "mutated" else "mutated"
    if st.category == "negative":
        return _negative(name, w)
    if w == "absent" or (w in ("loss", "lost") and name in RECEPTORS):
        return negative_word(name)  # "ER: absent"; loss means an abnormal result only for MMR proteins
    return _positive(name, w)


def _negative(name: str, w: str) -> str:
    if w in ("not amplified", "non-amplified", "nonamplified"):
        return "not amplified"
    if w == "low" and name in ("TMB", "MSI", "PD-L1", "Ki-67", "HRD", "HER2"):
        return "low"
    if name == "MSI" or w in ("mss", "msi-l", "stable", "microsatellite stable"):
        return "stable" if name in ("MSI", "MMR") else negative_word(name)
    if name == "MMR" or w in ("pmmr", "proficient", "intact", "retained", "preserved"):
        return "proficient" if name == "MMR" else negative_word(name)
    return negative_word(name)


def _positive(name: str, w: str) -> str:
    if name == "MSI":
        return "high"
    if name == "MMR":
        return "deficient"
    if w in ("amplified", "amplification"):
        return "amplified"
    if w == "high" or name in ("TMB", "HRD"):
        return "high" if w == "high" else "positive"
    if name in RECEPTORS or name in PRESENCE or name in ("FLT3", "PSA"):
        return "positive"
    return "mutated"
