"""Blood cancers (leukemias, myeloma, lymphomas): histologic types and their OncoTree codes."""

from __future__ import annotations

import re

_LEUK = r"leuka?emia"
# (display name, ICD-O-3 code, family, pattern, specificity)
HEME_DEFS: tuple[tuple[str, str, str, str, int], ...] = (
    (
        "Acute promyelocytic leukemia",
        "9866/3",
        "apl",
        rf"acute\s+promyelocytic\s+{_LEUK}|(?-i:\bAPL\b)(?=[^.]{{0,40}}(?:PML|RARA|t\(15;\s?17\)))",
        7,
    ),
    (
        "Acute myeloid leukemia",
        "9861/3",
        "aml",
        rf"acute\s+(?:myeloid|myelogenous|myeloblastic|non-?lymphocytic)\s+{_LEUK}|(?-i:\bAML\b)",
        6,
    ),
    (
        "T-lymphoblastic leukemia/lymphoma",
        "9837/3",
        "t_all",
        rf"T[\s-]+(?:cell\s+)?(?:acute\s+)?lymphoblastic\s+(?:{_LEUK}|lymphoma)|(?-i:\bT-ALL\b)",
        7,
    ),
    (
        "B-lymphoblastic leukemia/lymphoma",
        "9811/3",
        "b_all",
        rf"(?:B[\s-]+(?:cell\s+)?|precursor\s+B[\s-]+(?:cell\s+)?)(?:acute\s+)?lymphoblastic\s+(?:{_LEUK}|lymphoma)|"
        r"(?-i:\bB-ALL\b)",
        7,
    ),
    (
        "Acute lymphoblastic leukemia",
        "9835/3",
        "all",
        rf"acute\s+lymphoblastic\s+{_LEUK}|acute\s+lymphocytic\s+"
        rf"{_LEUK}",
        6,
    ),
    (
        "Chronic lymphocytic leukemia/small lymphocytic lymphoma",
        "9823/3",
        "cll",
        rf"chronic\s+lymphocytic\s+{_LEUK}|small\s+lymphocytic\s+lymphoma|(?-i:\bCLL\b)|(?-i:\bSLL\b)",
        6,
    ),
    (
        "Chronic myeloid leukemia",
        "9875/3",
        "cml",
        rf"chronic\s+(?:myeloid|myelogenous|granulocytic)\s+{_LEUK}|(?-i:\bCML\b)",
        6,
    ),
    ("Plasma cell myeloma", "9732/3", "myeloma", r"(?:multiple|plasma[\s-]+cell)\s+myeloma|myelomatosis", 6),
    (
        "Classical Hodgkin lymphoma",
        "9650/3",
        "chl",
        r"classic(?:al)?\s+hodgkin'?s?\s+(?:lymphoma|disease)|nodular\s+sclerosis\s+(?:classical\s+)?hodgkin",
        7,
    ),
    ("Hodgkin lymphoma", "9650/3", "hodgkin", r"(?<!non-)(?<!non\s)\bhodgkin'?s?\s+(?:lymphoma|disease)", 6),
    (
        "Diffuse large B-cell lymphoma",
        "9680/3",
        "dlbcl",
        r"diffuse\s+large\s+B[\s-]*cell\s+lymphoma|(?-i:\bDLBCL\b)",
        7,
    ),
    ("Follicular lymphoma", "9690/3", "fl", r"follicular\s+lymphoma", 6),
    ("Mantle cell lymphoma", "9673/3", "mcl", r"mantle[\s-]+cell\s+lymphoma", 6),
    ("Burkitt lymphoma", "9687/3", "bl", r"burkitt'?s?\s+lymphoma", 6),
    (
        "Marginal zone lymphoma",
        "9699/3",
        "mzl",
        r"marginal\s+zone\s+(?:B[\s-]*cell\s+)?lymphoma|MALT\s+lymphoma",
        6,
    ),
    ("Non-Hodgkin lymphoma", "9591/3", "nhl", r"non[\s-]*hodgkin'?s?\s+lymphoma|(?-i:\bNHL\b)", 5),
    ("Lymphoma", "9590/3", "lymphoma", r"\b(?:malignant\s+)?lymphoma\b", 2),
)
# Lower-case words one of which every match contains (a fast pre-check before running a pattern).
HEME_WORDS: dict[str, tuple[str, ...]] = {
    "apl": ("promyelocytic", "apl"),
    "aml": ("leuk", "aml"),
    "t_all": ("lymphoblastic", "t-all"),
    "b_all": ("lymphoblastic", "b-all"),
    "all": ("leuk",),
    "cll": ("leuk", "lymphoma", "cll", "sll"),
    "cml": ("leuk", "cml"),
    "myeloma": ("myeloma",),
    "chl": ("hodgkin",),
    "hodgkin": ("hodgkin",),
    "dlbcl": ("lymphoma", "dlbcl"),
    "fl": ("lymphoma",),
    "mcl": ("lymphoma",),
    "bl": ("lymphoma",),
    "mzl": ("lymphoma",),
    "nhl": ("lymphoma", "nhl"),
    "lymphoma": ("lymphoma",),
}
# family -> (OncoTree code, OncoTree name, primary site)
HEME_ONCOTREE: dict[str, tuple[str, str, str]] = {
    "apl": ("APLPMLRARA", "APL with PML-RARA", "bone marrow"),
    "aml": ("AML", "Acute Myeloid Leukemia", "bone marrow"),
    "t_all": ("TLL", "T-Lymphoblastic Leukemia/Lymphoma", "bone marrow"),
    "b_all": ("BLL", "B-Lymphoblastic Leukemia/Lymphoma", "bone marrow"),
    # OncoTree lists the retired code ALL as a precursor of BLL.
    "all": ("BLL", "B-Lymphoblastic Leukemia/Lymphoma", "bone marrow"),
    "cll": ("CLLSLL", "Chronic Lymphocytic Leukemia/Small Lymphocytic Lymphoma", "blood"),
    "cml": ("CML", "Chronic Myelogenous Leukemia", "bone marrow"),
    "myeloma": ("PCM", "Plasma Cell Myeloma", "bone marrow"),
    "chl": ("CHL", "Classical Hodgkin Lymphoma", "lymph node"),
    "hodgkin": ("HL", "Hodgkin Lymphoma", "lymph node"),
    "dlbcl": ("DLBCLNOS", "Diffuse Large B-Cell Lymphoma, NOS", "lymph node"),
    "fl": ("FL", "Follicular Lymphoma", "lymph node"),
    "mcl": ("MCL", "Mantle Cell Lymphoma", "lymph node"),
    "bl": ("BL", "Burkitt Lymphoma", "lymph node"),
    "mzl": ("MZL", "Marginal Zone Lymphoma", "lymph node"),
    "nhl": ("NHL", "Non-Hodgkin Lymphoma", "lymph node"),
    "lymphoma": ("LNM", "Lymphoid Neoplasm", "lymph node"),
}
HEME_FAMILIES = frozenset(HEME_ONCOTREE)
_T_CELL = re.compile(r"\bT[\s-]+(?:cell|lineage)|(?-i:\bT-ALL\b)|CD3\b|\bCD7\b", re.I)
_B_CELL = re.compile(r"\bB[\s-]+(?:cell|lineage)|precursor\s+B|CD19\b|CD79a|(?-i:\bB-ALL\b)", re.I)
_APL = re.compile(r"PML\s*(?:-|::|/)\s*RARA|t\(15;\s?17\)|promyelocytic", re.I)


def heme_oncotree(family: str, text: str) -> tuple[str, str] | None:
    """OncoTree code and name for a blood-cancer family, refined by the report (APL, T- or B-lineage)."""
    if family == "aml" and _APL.search(text):
        family = "apl"
    if family == "all" and _T_CELL.search(text) and not _B_CELL.search(text):
        family = "t_all"
    got = HEME_ONCOTREE.get(family)
    return (got[0], got[1]) if got else None


def heme_site(family: str) -> str | None:
    """Where a blood cancer is usually sampled (bone marrow, blood or lymph node)."""
    got = HEME_ONCOTREE.get(family)
    return got[2] if got else None
