"""Biomarker names as reports write them (solid tumours and blood cancers)."""

from __future__ import annotations

import re

from onconav.records.extract.base import needles

NAMES: dict[str, str] = {
    # OCR misspells the noun ("recepter", "receptos"); "estrogen and progesterone receptors" names both.
    "ER": r"(?i:o?estrogen\s+rece\w{0,6}|o?estrogen(?=\s*(?:and|&|/|,)\s*progesterone\s+rece))"
    r"|\bER(?![A-Za-z])",
    # not the "-PR" (pathology report) suffix of a TCGA sample code such as "01A-PR"
    "PR": r"(?i:progesterone\s+rece\w{0,6})|(?<![0-9a-z][A-Z]-)(?<![0-9a-z][A-Z]\s-)\bPg?R(?![A-Za-z])",
    "HER2": r"\bHER-?\s?2(?:\s*[/-]?\s*neu)?|c-?erb-?B-?2",
    "Ki-67": r"Ki-?\s?67|MIB-?1",
    "MLH1": r"\bMLH-?1\b",
    "MSH2": r"\bMSH-?2\b",
    "MSH6": r"\bMSH-?6\b",
    "PMS2": r"\bPMS-?2\b",
    "MMR": r"mismatch[\s-]+repair(?:\s+(?:proteins?|status|deficiency|deficient|proficient))?|\b[dp]?MMR\b",
    "MSI": r"microsatellite\s+(?:instability|status)|\bMSI(?:-H|-L)?\b|\bMSS\b",
    "KRAS": r"\bKRAS\b",
    "NRAS": r"\bNRAS\b",
    "BRAF": r"\bBRAF\b",
    "EGFR": r"\bEGFR\b",
    "ALK": r"\bALK\b|(?i:anaplastic\s+lymphoma\s+kinase)",
    "ROS1": r"\bROS-?1\b",
    "RET": r"\bRET\b",
    "MET": r"\bMET\b",
    "NTRK": r"\bNTRK[123]?\b",
    "BRCA1": r"\bBRCA1\b",
    "BRCA2": r"\bBRCA2\b",
    "PALB2": r"\bPALB2\b",
    "PIK3CA": r"\bPIK3CA\b",
    "IDH1": r"\bIDH-?1\b",
    "IDH2": r"\bIDH-?2\b",
    "FGFR2": r"\bFGFR-?2\b",
    "TP53": r"\bTP53\b",
    "FLT3": r"\bFLT-?3\b",
    "NPM1": r"\bNPM-?1\b",
    "CEBPA": r"\bCEBPA\b",
    "BCR-ABL1": r"\bBCR\s*(?:-|::|/|\s)\s*ABL-?1?\b|Philadelphia\s+chromosome|\bPh\+|\bt\(9;\s?22\)",
    "PML-RARA": r"\bPML\s*(?:-|::|/)\s*RARA?\b|\bt\(15;\s?17\)",
    "del(17p)": r"\bdel\s?\(?17p\)?|17p\s*(?:-|deletion)|deletion\s+(?:of\s+)?(?:chromosome\s+)?17p",
    "IGHV": r"\bIGHV\b|immunoglobulin\s+heavy[\s-]+chain\s+variable",
    "PD-L1": r"PD-?L1|\b22C3\b|\bSP263\b",
    "TMB": r"tumou?r\s+mutational\s+burden|\bTMB\b",
    "HRD": r"homologous\s+recombination\s+deficiency|\bHRD\b",
}
# Short upper-case names that are also words or abbreviations in lower case.
CASE_SENSITIVE = {"ER", "PR", "RET", "MET", "ALK"}
NAME_RX = {k: re.compile(v, re.I if k not in CASE_SENSITIVE else 0) for k, v in NAMES.items()}
ANY_NAME = re.compile(
    "|".join(
        f"(?P<g{i}>{v})" if k not in CASE_SENSITIVE else f"(?P<g{i}>(?-i:{v}))"
        for i, (k, v) in enumerate(NAMES.items())
    ),
    re.I,
)
GROUP_NAME = {f"g{i}": k for i, k in enumerate(NAMES)}
_EXTRA_WORDS = {
    "ER": ("er",),
    "PR": ("pr", "pgr"),
    "Ki-67": ("ki",),
    "PD-L1": ("pd",),
    "BCR-ABL1": ("bcr", "ph+", "9;22", "9; 22"),
    "PML-RARA": ("pml", "15;17", "15; 17"),
    "del(17p)": ("17p",),
    "FLT3": ("flt",),
    "NPM1": ("npm",),
    "IDH1": ("idh",),
    "IDH2": ("idh",),
}
WORDS = {k: needles(v) + _EXTRA_WORDS.get(k, ()) for k, v in NAMES.items()}
# A run of names joined by list separators, e.g. "KRAS, NRAS and BRAF" (stripped from before-context).
LIST_TAIL = re.compile(r"(?:(?:" + ANY_NAME.pattern + r")\s*(?:,|/|&|\band\b|\bor\b)?\s*)+$", re.I)
