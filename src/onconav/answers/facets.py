"""Classify passage headings into facets and order them the way a good answer reads, per intent."""

from __future__ import annotations

import re

FACET_WORDS: dict[str, tuple[str, ...]] = {
    "questions": ("question",),
    "bottom_line": ("bottom line", "key points", "the takeaway"),
    "call_911": ("call 911", "emergency room", "go to the emergency"),
    "call_today": ("call your care team today", "call your team", "call today", "when to call"),
    "next_visit": ("next visit", "mention it"),
    "timing": ("time", "wait", "how long", "delay", "urgent", "how soon"),
    "how_to_ask": (
        "how to ask",
        "asking",
        "talk",
        "what to say",
        "wording",
        "script",
        "raise",
        "bring it up",
        "tell your",
    ),
    "records": ("bring", "records", "gather", "checklist", "copies", "request", "slides"),
    "where": ("where", "center", "find", "choose", "specialist", "expert", "remote", "virtual"),
    "costs": ("cost", "insurance", "pay", "coverage", "bill", "financial", "money"),
    "expect": ("expect", "visit", "during", "after the", "appointment", "prepare"),
    "differ": ("differ", "disagree", "different", "third opinion", "compare", "conflicting"),
    "symptoms": ("symptom", "signs"),
    "tests": ("test", "diagnos", "biopsy", "imaging", "scan", "exam"),
    "stages": ("stage", "staging", "tnm", "grade", "spread"),
    "biomarkers": ("biomarker", "molecular", "genetic", "genomic", "mutation", "marker"),
    "side_effects": ("side effect", "manage", "coping with"),
    "trials": ("clinical trial", "trial", "research"),
    "prognosis": ("prognosis", "outlook", "survival", "recovery", "chance"),
    "coping": ("cope", "coping", "feel", "emotion", "support", "distress"),
    "risk": ("risk", "cause", "prevent"),
    "treatment": ("treatment", "therapy", "surgery", "chemo", "radiation", "options", "transplant"),
    "why": ("why", "reasons", "when to get", "when to consider", "is it worth", "second opinion"),
    "overview": (
        "what it is",
        "what is",
        "what are",
        "about",
        "overview",
        "general information",
        "understanding",
    ),
}
_FACET_RE = {
    f: re.compile(r"\b(?:" + "|".join(re.escape(w) for w in ws) + ")", re.I) for f, ws in FACET_WORDS.items()
}

SPECIAL = ("questions", "bottom_line")

INTENT_ORDER: dict[str, tuple[str, ...]] = {
    "second_opinion": ("why", "timing", "how_to_ask", "records", "where", "costs", "expect", "differ"),
    "side_effects": ("call_911", "call_today", "side_effects", "next_visit", "treatment"),
    "emergency": ("call_911", "call_today", "side_effects", "next_visit"),
    "treatment": ("treatment", "overview", "stages", "biomarkers", "trials", "side_effects"),
    "staging": ("stages", "overview", "tests", "treatment"),
    "biomarkers": ("biomarkers", "tests", "treatment", "overview"),
    "tests": ("tests", "overview", "stages"),
    "symptoms": ("symptoms", "overview", "tests", "call_911", "call_today"),
    "clinical_trials": ("trials", "treatment", "where", "costs"),
    "prognosis": ("prognosis", "stages", "treatment"),
    "coping": ("coping", "overview", "where"),
    "costs": ("costs", "where", "overview"),
    "caregiving": ("overview", "coping", "how_to_ask"),
    "overview": ("overview", "risk", "symptoms", "tests", "stages", "treatment"),
}
GENERIC_ORDER = (
    "overview",
    "why",
    "risk",
    "symptoms",
    "tests",
    "stages",
    "biomarkers",
    "treatment",
    "timing",
    "how_to_ask",
    "records",
    "where",
    "costs",
    "expect",
    "differ",
    "trials",
    "side_effects",
    "call_911",
    "call_today",
    "next_visit",
    "prognosis",
    "coping",
)


def facet_of(heading: str) -> str:
    """The facet a heading belongs to ('other' when none fits)."""
    for facet, rx in _FACET_RE.items():
        if rx.search(heading):
            return facet
    return "other"


def facet_rank(intent: str, facet: str) -> int:
    """Position of a facet in the reading order for this intent (lower reads first)."""
    preferred = INTENT_ORDER.get(intent, ())
    if facet in preferred:
        return preferred.index(facet)
    if facet in GENERIC_ORDER:
        return len(preferred) + GENERIC_ORDER.index(facet)
    return len(preferred) + len(GENERIC_ORDER)
