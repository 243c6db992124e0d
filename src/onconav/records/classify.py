"""Guess what kind of record a document is from title, section and keyword cues, with scores.

The text is split once into lower-case words; cues are one- to three-word phrases looked up in a
set of n-grams, so classifying a report costs well under a millisecond.
"""

from __future__ import annotations

import re
from collections import Counter

from onconav.records.model import DOCUMENT_KINDS, ParsedDocument

# kind -> weight -> phrases. Heavy cues are titles and section headings typical of one kind of record.
_CUES: dict[str, dict[float, tuple[str, ...]]] = {
    "pathology_report": {
        4: (
            "surgical pathology",
            "pathology report",
            "cytopathology",
            "anatomic pathology",
            "anat path",
            "pathologic diagnosis",
            "pathological diagnosis",
        ),
        3: (
            "gross description",
            "microscopic description",
            "microscopic examination",
            "final diagnosis",
            "macroscopic description",
            "microscopy",
            "macroscopy",
            "gross examination",
        ),
        2.5: (
            "histologic type",
            "histological type",
            "histologic grade",
            "histological grade",
            "synoptic",
            "frozen section",
            "specimen type",
            "histological description",
            "histologic description",
            "specimen received",
            "tumor extent",
            "pathologic staging",
            "pathologic stage",
        ),
        1.5: (
            "margin",
            "margins",
            "lymphovascular",
            "perineural",
            "lymph nodes",
            "lymph node",
            "ptnm",
            "cassette",
            "cassettes",
            "h e",
            "specimen",
            "specimens",
            "histology",
            "tumor size",
        ),
        1: (
            "carcinoma",
            "adenocarcinoma",
            "neoplasm",
            "tumor site",
            "block",
            "blocks",
            "differentiated",
            "invasion",
            "diagnosis",
            "grade",
            "tumor",
            "tumour",
            "biopsy",
            "resection",
            "excision",
        ),
    },
    "imaging_report": {
        4: (
            "radiology report",
            "ct scan",
            "ct chest",
            "ct abdomen",
            "mri",
            "pet ct",
            "mammogram",
            "mammography",
            "ultrasound",
            "sonogram",
            "x ray",
            "chest radiograph",
            "bone scan",
        ),
        2.5: ("impression", "technique", "comparison", "findings", "exam", "indication"),
        2: (
            "birads",
            "bi rads",
            "suv",
            "suvmax",
            "fdg",
            "contrast",
            "axial",
            "sagittal",
            "coronal",
            "hounsfield",
        ),
        0.5: ("lesion", "nodule", "mass", "opacity", "lymphadenopathy", "enhancement"),
    },
    "lab_report": {
        4: (
            "laboratory report",
            "lab results",
            "laboratory results",
            "reference range",
            "reference interval",
            "ref range",
        ),
        2: (
            "cbc",
            "complete blood count",
            "metabolic panel",
            "hemoglobin",
            "platelets",
            "platelet",
            "wbc",
            "creatinine",
            "mg dl",
            "g dl",
            "u l",
            "mmol l",
            "hematocrit",
            "neutrophils",
        ),
        1: (
            "bilirubin",
            "alt",
            "ast",
            "cea",
            "psa",
            "ca 125",
            "ca 19 9",
            "collected",
            "glucose",
            "sodium",
            "potassium",
            "albumin",
            "flag",
            "units",
        ),
    },
    "genomic_report": {
        4: (
            "genomic report",
            "genomic profiling",
            "next generation sequencing",
            "ngs",
            "molecular profiling",
            "comprehensive genomic",
            "tumor profiling",
            "molecular pathology",
        ),
        3: (
            "variant allele frequency",
            "vaf",
            "tumor mutational burden",
            "tumor mutation burden",
            "tmb",
            "microsatellite",
            "msi",
        ),
        2: (
            "pathogenic",
            "unknown significance",
            "uncertain significance",
            "copy number",
            "fusion",
            "exon",
            "amplification",
            "variants",
            "genes",
        ),
        1.5: (
            "mutation",
            "mutations",
            "germline",
            "somatic",
            "gene",
            "allele",
            "kras",
            "egfr",
            "braf",
            "brca1",
            "brca2",
            "pik3ca",
            "tp53",
            "alk",
            "ros1",
        ),
    },
    "operative_note": {
        4: ("operative report", "operative note", "op note", "brief op note", "operation report"),
        3: (
            "preoperative diagnosis",
            "pre operative diagnosis",
            "postoperative diagnosis",
            "post operative diagnosis",
            "procedure performed",
            "procedures performed",
            "name of procedure",
        ),
        1.5: (
            "anesthesia",
            "estimated blood loss",
            "ebl",
            "incision",
            "surgeon",
            "assistant",
            "drains",
            "closure",
            "sutures",
            "complications",
        ),
    },
    "clinical_note": {
        4: (
            "progress note",
            "office visit",
            "clinic note",
            "clinic visit",
            "consultation",
            "visit summary",
            "new patient",
            "consult note",
            "after visit summary",
        ),
        3: (
            "history of present illness",
            "hpi",
            "chief complaint",
            "review of systems",
            "physical exam",
            "physical examination",
            "interval history",
        ),
        2: ("assessment and plan", "assessment plan", "subjective", "objective", "vital signs", "vitals"),
        0.5: ("follow up", "return to clinic", "ecog", "performance status", "allergies"),
    },
    "discharge_summary": {
        6: ("discharge summary",),
        3: (
            "admission date",
            "discharge date",
            "date of admission",
            "date of discharge",
            "hospital course",
            "admitted",
        ),
        2.5: (
            "discharge diagnosis",
            "discharge diagnoses",
            "discharge medications",
            "discharge instructions",
            "discharge disposition",
            "discharge condition",
        ),
    },
    "treatment_plan": {
        4: (
            "treatment plan",
            "treatment summary",
            "plan of care",
            "chemotherapy plan",
            "radiation plan",
            "radiation therapy plan",
            "care plan",
        ),
        2: (
            "regimen",
            "cycles",
            "cycle",
            "every 21 days",
            "every 14 days",
            "every 3 weeks",
            "every 2 weeks",
            "fractions",
            "gy",
        ),
        1.5: ("curative", "palliative", "adjuvant", "neoadjuvant", "survivorship", "goals of care"),
    },
    "medication_list": {
        4: (
            "medication list",
            "current medications",
            "active medications",
            "medication reconciliation",
            "list of medications",
        ),
        1.5: (
            "sig",
            "by mouth",
            "tablet",
            "tablets",
            "capsule",
            "capsules",
            "refills",
            "pharmacy",
            "prescriber",
        ),
        1: ("mg", "once daily", "twice daily", "bid", "tid", "qd", "as needed", "prn", "daily"),
    },
}
_INDEX: dict[str, list[tuple[str, float]]] = {}
for _kind, _levels in _CUES.items():
    for _weight, _phrases in _levels.items():
        for _phrase in _phrases:
            _INDEX.setdefault(_phrase, []).append((_kind, float(_weight)))

_WORD = re.compile(r"[a-z0-9]+")
_PTNM = re.compile(r"\b(?:y?p|c)T[0-4xis][a-d]?\b")
_HGVS = re.compile(r"\b(?:p\.[A-Z][a-z]{0,2}\d+|c\.\d+[ACGT_>+-])")
_TITLE_WORDS = 60
_MIN_SCORE = 3.0


def _grams(words: list[str]) -> Counter[str]:
    grams: Counter[str] = Counter(words)
    grams.update(f"{a} {b}" for a, b in zip(words, words[1:], strict=False))
    grams.update(f"{a} {b} {c}" for a, b, c in zip(words, words[1:], words[2:], strict=False))
    grams.update(" ".join(words[i : i + 4]) for i in range(len(words) - 3))
    return grams


def scores(text: str) -> dict[str, float]:
    """Score of each kind: a cue's weight (a little more when repeated), doubled in the title area."""
    text = text[:200_000]
    words = _WORD.findall(text.lower())
    grams = _grams(words)
    head = _grams(words[:_TITLE_WORDS])
    out = dict.fromkeys(_CUES, 0.0)
    for gram, count in grams.items():
        for kind, weight in _INDEX.get(gram, ()):
            out[kind] += weight * (1.0 + min(count - 1, 3) * 0.25) + (weight if gram in head else 0.0)
    if _PTNM.search(text):
        out["pathology_report"] += 2.0
    if _HGVS.search(text):
        out["genomic_report"] += 2.0
    return {k: round(v, 2) for k, v in out.items()}


def classify_text(text: str) -> str:
    """The most likely document kind for a text, or 'other' when no kind scores enough."""
    if not text.strip():
        return "other"
    ranked = sorted(scores(text).items(), key=lambda kv: kv[1], reverse=True)
    kind, best = ranked[0]
    return kind if best >= _MIN_SCORE else "other"


def classify(doc: ParsedDocument) -> str:
    """The kind of a parsed document (one of DOCUMENT_KINDS)."""
    if doc.fhir_resources:
        return "fhir_bundle"
    kind = classify_text(doc.text)
    return kind if kind in DOCUMENT_KINDS else "other"
