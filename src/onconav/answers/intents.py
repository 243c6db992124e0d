"""Detect what kind of answer a question wants (overview, treatment, second opinion ...)."""

from __future__ import annotations

import re

INTENTS = (
    "emergency",
    "second_opinion",
    "clinical_trials",
    "biomarkers",
    "side_effects",
    "staging",
    "prognosis",
    "treatment",
    "tests",
    "symptoms",
    "coping",
    "costs",
    "caregiving",
    "overview",
    "other",
)

# Order matters: the first pattern family with the highest score wins ties.
_PATTERNS: dict[str, tuple[str, ...]] = {
    "second_opinion": (
        r"second opinion",
        r"another (doctor|oncologist|opinion)",
        r"third opinion",
        r"different (treatments?|opinions?|recommendations?)",
        r"opinions? (differ|disagree)",
        r"offend",
        r"disagree",
        r"records? (should|to) (i )?bring",
        r"what records",
        r"(two|2) (doctors|oncologists)",
        r"medical records",
        r"slides",
    ),
    "clinical_trials": (r"clinical trials?", r"\btrials?\b", r"research stud", r"experimental"),
    "biomarkers": (
        r"biomarker",
        r"molecular",
        r"genomic",
        r"mutation",
        r"\b(egfr|alk|ros1|kras|braf|her2|brca\d?|"
        r"msi|mmr|pd-?l1|ntrk|ret|met|tmb|hrd|ki-?67|er|pr)\b",
        r"genetic test",
        r"tumor test",
        r"next.generation sequencing|\bngs\b",
    ),
    "side_effects": (
        r"side effects?",
        r"nausea|vomit|diarrh|constipat|mouth sores?|fatigue|tired|neuropathy"
        r"|numb|tingl|hair loss|rash|appetite",
        r"after (chemo|radiation|infusion)",
        r"toxicit",
    ),
    "staging": (
        r"\bstages?\b",
        r"\bstaging\b",
        r"\btnm\b",
        r"\bgrade\b",
        r"\bt[0-4]\b",
        r"spread to",
        r"metasta",
        r"what does .* mean",
    ),
    "prognosis": (
        r"prognos",
        r"surviv(al|e)",
        r"life expectancy",
        r"how long (do|will|can)",
        r"outlook",
        r"cure rate",
        r"chances",
        r"curable",
    ),
    "treatment": (
        r"treat",
        r"therap",
        r"chemo",
        r"radiation",
        r"surgery|operation|whipple|resection",
        r"immunotherapy",
        r"options",
        r"transplant",
        r"drug|medication",
    ),
    "tests": (
        r"\btests?\b",
        r"diagnos",
        r"biopsy",
        r"scan|mri|\bct\b|\bpet\b|x-ray|ultrasound",
        r"blood work",
        r"screen",
        r"pathology report",
    ),
    "symptoms": (r"symptom", r"signs?\b", r"feel(ing)?", r"pain", r"lump", r"bleed"),
    "coping": (
        r"cope|coping",
        r"anxi|depress|scared|afraid|worr|stress|emotion|lonely",
        r"support group",
        r"talk to my (kids|children|family)",
    ),
    "costs": (r"cost|afford|insurance|medicare|medicaid|bill|financ|money|pay for|copay",),
    "caregiving": (
        r"caregiver|caring for|take care of my|my (mom|mother|dad|father|husband|wife|partner|son|"
        r"daughter|child)",
    ),
    "overview": (
        r"^what (is|are)\b",
        r"what('s| is) (a|an)\b",
        r"tell me about",
        r"explain",
        r"cause",
        r"risk factor",
        r"who (gets|is at risk)",
    ),
}
_COMPILED = {k: [re.compile(p, re.I) for p in v] for k, v in _PATTERNS.items()}
_PRIORITY = {
    "second_opinion": 3.0,
    "clinical_trials": 2.5,
    "biomarkers": 2.0,
    "side_effects": 1.8,
    "prognosis": 1.6,
    "staging": 1.5,
    "costs": 1.5,
    "caregiving": 1.2,
    "coping": 1.3,
    "tests": 1.1,
    "treatment": 1.0,
    "symptoms": 0.9,
    "overview": 0.6,
}


def detect_intent(question: str) -> str:
    """The most likely intent of a question (one of INTENTS)."""
    scores: dict[str, float] = {}
    for intent, patterns in _COMPILED.items():
        hits = sum(1 for p in patterns if p.search(question))
        if hits:
            scores[intent] = hits * _PRIORITY[intent]
    if not scores:
        return "other"
    return max(scores, key=lambda k: scores[k])
