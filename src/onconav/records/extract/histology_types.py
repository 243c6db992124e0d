"""The histologic types onconav recognises: name, ICD-O-3 morphology, family, pattern, specificity."""

from __future__ import annotations

import re
from dataclasses import dataclass

from onconav.records.extract.base import needles
from onconav.records.extract.heme import HEME_DEFS, HEME_WORDS


@dataclass(frozen=True)
class HistologyType:
    """One histologic type: display name, ICD-O-3 morphology code and a family used for mapping."""

    name: str
    code: str
    family: str
    pattern: re.Pattern[str]
    specificity: int
    words: tuple[str, ...] = ()


def _h(name: str, code: str, family: str, rx: str, spec: int, words: tuple[str, ...] = ()) -> HistologyType:
    # OCR text often breaks a phrase with a period at a line end ("squamous cell. carcinoma").
    return HistologyType(
        name, code, family, re.compile(rx.replace(r"\s+", r"(?:\s+|\.\s+)"), re.I), spec, words or needles(rx)
    )


# A generic family and the specific families that refine it when both are named.
REFINES = {
    "carcinoma": None,
    "rcc": {"clear_cell_rcc", "papillary_rcc", "chromophobe_rcc"},
    "adeno": {"mucinous", "ductal_adeno", "endometrioid", "serous", "cholangio"},
    "squamous": {"adenosquamous"},
    "glioma": {"gbm", "oligo", "oligoastro", "astro"},
}
# An invasive carcinoma outranks in-situ disease named in the same report, however often it is repeated.
INVASIVE_OVER_IN_SITU = {"dcis": {"ductal", "lobular", "ductal_lobular", "breast_invasive", "mucinous"}}


_CARC = r"(?:carcinoma|carcinoma|ca\b)"
TYPES: tuple[HistologyType, ...] = (
    _h(
        "Invasive ductal carcinoma",
        "8500/3",
        "ductal",
        r"\b(?:invasive|infiltrating)\s+(?:mammary\s+)?ductal\s+(?:adeno)?carcinoma|ductal\s+carcinoma,?\s+"
        r"(?:invasive|infiltrating)|carcinoma\s+ductale\s+invasivum|\bIDC\b|"
        r"invasive\s+(?:breast\s+)?carcinoma\s+of\s+no\s+special\s+type|\bNST\b",
        5,
    ),
    _h(
        "Invasive lobular carcinoma",
        "8520/3",
        "lobular",
        r"\b(?:invasive|infiltrating)\s+lobular\s+carcinoma|lobular\s+carcinoma,?\s+(?:invasive|infiltrating)|"
        r"carcinoma\s+lobulare\s+invasivum|\bILC\b",
        5,
    ),
    _h(
        "Invasive mixed ductal and lobular carcinoma",
        "8522/3",
        "ductal_lobular",
        r"(?:ductal\s+and\s+lobular|mixed\s+ductal.{0,5}lobular|lobular\s+and\s+ductal)\s+(?:features|carcinoma|type)",
        6,
    ),
    _h(
        "Invasive breast carcinoma",
        "8500/3",
        "breast_invasive",
        r"\b(?:invasive|infiltrating)\s+(?:mammary|breast)\s+carcinoma|breast\s+cancer,?\s+invasive",
        4,
    ),
    _h("Ductal carcinoma in situ", "8500/2", "dcis", r"ductal\s+carcinoma\s+in[\s-]situ|\bDCIS\b", 3),
    _h(
        "Clear cell renal cell carcinoma",
        "8310/3",
        "clear_cell_rcc",
        r"\(?clear[\s-]+cell\)?\s+(?:\(?conventional\)?\s+)?(?:type\s+)?(?:renal\s+(?:cell\s+|cortical\s+)?)?"
        r"(?:adeno)?(?:carc|rcc)|"
        r"renal\s+(?:cell\s+)?carcinoma[,\s-]+(?:\(?\w+\)?[,\s-]+){0,3}\(?clear[\s-]+cells?|"
        r"conventional\s+(?:\(clear\s+cell\)\s+)?renal|renal\s+cell\s+carcinoma,?\s+\(?conventional|\bccRCC\b",
        6,
    ),
    # Subtype words written apart from the generic name ("Renal cell carcinoma. Conventional (clear cell)
    # type", "... (9 cm), conventional type (90% clear cells)"): weak on their own, they only refine "rcc".
    _h(
        "Clear cell renal cell carcinoma",
        "8310/3",
        "clear_cell_rcc",
        r"conventional\s*[({]?\s*(?:clear[\s-]+cell[)}]?\s+)?type|\(?\d{1,3}\s?%\s+clear[\s-]+cells?|"
        r"conventional\s*[({]?\s*clear\b|clear[\s-]+cells?\s+(?:type|variant|subtype|\(conventional)",
        1,
    ),
    _h(
        "Papillary renal cell carcinoma",
        "8260/3",
        "papillary_rcc",
        r"papillary\s+(?:cell\s+carcinoma,?\s+)?(?:sub)?type\b|predominant(?:ly)?\s+papillary|chromophil",
        1,
    ),
    _h(
        "Papillary renal cell carcinoma",
        "8260/3",
        "papillary_rcc",
        r"papillary\s+(?:\(chromophil\)\s+)?renal\s+(?:cell\s+)?carcinoma|"
        r"renal\s+(?:cell\s+)?carcinoma[,\s-]+(?:\w+\s+){0,3}\(?(?:papillary|chromophil)|papillary\s+rcc",
        6,
    ),
    _h(
        "Chromophobe renal cell carcinoma",
        "8317/3",
        "chromophobe_rcc",
        r"chrom\w?\s?o?\s?phobe",
        6,
        ("phobe",),
    ),
    _h("Renal cell carcinoma", "8312/3", "rcc", r"renal\s+cell\s+(?:carcinoma|ca\b)|\bRCC\b", 3),
    _h(
        "Papillary thyroid carcinoma, follicular variant",
        "8340/3",
        "papillary_thyroid",
        r"papillary\s+(?:thyroid\s+)?carcinoma,?\s+follicular\s+variant|follicular\s+variant\s+of\s+papillary",
        7,
    ),
    _h(
        "Papillary thyroid carcinoma",
        "8260/3",
        "papillary_thyroid",
        r"papillary\s+(?:thyroid\s+)?carcinoma(?=[^.]{0,60}thyroid)|papillary\s+thyroid\s+carcinoma|"
        r"papillary\s+carcinoma(?:\s+of)?\s+(?:the\s+)?thyroid|papillary\s+micro\s?carcinoma",
        5,
    ),
    _h(
        "Follicular thyroid carcinoma",
        "8330/3",
        "follicular_thyroid",
        r"follicular\s+(?:thyroid\s+)?carcinoma",
        4,
    ),
    _h(
        "Medullary thyroid carcinoma",
        "8345/3",
        "medullary_thyroid",
        r"medullary\s+(?:thyroid\s+)?carcinoma",
        4,
    ),
    _h(
        "Anaplastic thyroid carcinoma",
        "8020/3",
        "anaplastic_thyroid",
        r"anaplastic\s+(?:thyroid\s+)?carcinoma",
        5,
    ),
    _h("Hepatocellular carcinoma", "8170/3", "hcc", r"hepatocellular\s+carcinoma|\bHCC\b", 6),
    _h(
        "Cholangiocarcinoma",
        "8160/3",
        "cholangio",
        r"cholangiocarcinoma|bile\s+duct\s+(?:adeno)?carcinoma",
        6,
    ),
    _h(
        "Urothelial carcinoma",
        "8120/3",
        "urothelial",
        r"urothelial\s+(?:cell\s+)?carcinoma|transitional[\s-]+cell\s+carcinoma",
        6,
    ),
    _h("Melanoma", "8720/3", "melanoma", r"\bmelanoma\b", 6),
    _h("Seminoma", "9061/3", "seminoma", r"\bseminoma\b", 6),
    _h(
        "Mixed germ cell tumor",
        "9085/3",
        "nsgct",
        r"mixed\s+(?:malignant\s+)?germ\s+cell\s+tumou?r|embryonal\s+carcinoma|yolk\s+sac\s+tumou?r|"
        r"non-?seminoma|teratoma",
        6,
    ),
    _h(
        "Adrenocortical carcinoma",
        "8370/3",
        "acc",
        r"adreno-?\s?cortical\s+(?:carcinoma|neoplasm)|"
        r"adrenal\s+cortical\s+(?:carcinoma|neoplasm)",
        6,
    ),
    _h("Pheochromocytoma", "8700/3", "pheo", r"pheochromocytoma|paraganglioma", 5),
    _h("Mesothelioma", "9050/3", "mesothelioma", r"mesothelioma", 6),
    _h(
        "Glioblastoma",
        "9440/3",
        "gbm",
        r"glioblastoma|gliosarcoma|\bGBM\b|astrocytoma,?\s+(?:WHO\s+)?grade\s+(?:IV|4)",
        6,
    ),
    _h("Oligoastrocytoma", "9382/3", "oligoastro", r"oligo-?\s?astr\w?c[yi]toma|mixed\s+glioma", 6),
    _h("Oligodendroglioma", "9450/3", "oligo", r"oligodendroglioma", 5),
    # A named lower-grade astrocytoma; a glioblastoma named as well still wins (the highest grade counts).
    _h(
        "Astrocytoma",
        "9400/3",
        "astro",
        r"(?:anaplastic|diffuse|gemistocytic|fibrillary)\s+(?:\w+\s+)?astr\w?c[yi]toma|"
        r"astr\w?c[yi]toma,?\s+\(?WHO\s+grade\s+(?:II|III|2|3)\b",
        5,
    ),
    _h("Astrocytoma", "9400/3", "astro", r"astr\w?c[yi]toma", 4, ("toma",)),
    # A glioma named without its type: diffuse glioma, refined by any named type.
    _h("Glioma", "9380/3", "glioma", r"(?<!mixed\s)\bglioma\b|\bglial\s+neoplasm", 2),
    _h("Serous carcinoma", "8441/3", "serous", r"serous\s+(?:papillary\s+)?(?:cyst)?(?:adeno)?carcinoma", 5),
    _h("Endometrioid carcinoma", "8380/3", "endometrioid", r"endometrioid\s+(?:adeno)?carcinoma", 5),
    _h(
        "Small cell carcinoma",
        "8041/3",
        "small_cell",
        r"(?<!non[\s-])(?<!non)small[\s-]cell\s+(?:neuroendocrine\s+)?carcinoma",
        5,
    ),
    _h("Large cell carcinoma", "8012/3", "large_cell", r"large[\s-]cell\s+carcinoma", 4),
    _h("Neuroendocrine tumor", "8240/3", "net", r"neuroendocrine\s+(?:tumou?r|neoplasm)|carcinoid", 4),
    _h("Signet ring cell carcinoma", "8490/3", "adeno", r"signet[\s-]ring\s+cell\s+carcinoma", 5),
    _h(
        "Mucinous adenocarcinoma",
        "8480/3",
        "mucinous",
        r"mucinous\s+(?:adeno)?carcinoma|colloid\s+carcinoma",
        4,
    ),
    _h(
        "Ductal adenocarcinoma",
        "8500/3",
        "ductal_adeno",
        r"(?:pancreatic\s+)?ductal\s+adenocarcinoma|adenocarcinoma,?\s+(?:of\s+)?ductal\s+type",
        4,
    ),
    _h(
        "Acinar adenocarcinoma",
        "8140/3",
        "adeno",
        r"acinar\s+(?:type\s+)?adenocarcinoma|prostatic\s+adenocarcinoma",
        4,
    ),
    _h("Adenosquamous carcinoma", "8560/3", "adenosquamous", r"adenosquamous\s+carcinoma", 5),
    _h("Basaloid squamous cell carcinoma", "8083/3", "squamous", r"basaloid\s+squamous", 5),
    _h(
        "Squamous cell carcinoma",
        "8070/3",
        "squamous",
        r"squamous[\s-]+(?:cell\s+)?carcinoma|squamous\s+cell\s+ca\b|epidermoid\s+carcinoma|\bSCC\b|"
        r"carcinoma\s+planoepitheliale",
        3,
    ),
    _h("Adenocarcinoma", "8140/3", "adeno", r"adeno-?\.?\s?carcinoma|adenoca\b", 2),
    _h("Ductal carcinoma", "8500/3", "ductal", r"ductal\s+carcinoma(?!\s+in[\s-]situ)", 2),
    _h("Lobular carcinoma", "8520/3", "lobular", r"lobular\s+carcinoma(?!\s+in[\s-]situ)", 2),
    _h("Carcinoma", "8010/3", "carcinoma", r"\bcarcinoma\b", 0),
    *(_h(*d, HEME_WORDS[d[2]]) for d in HEME_DEFS),
)
