"""Questions to ask, picked from the question bank for this patient (cancer type, stage, gaps, treatment)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from onconav.guidance.case import Case
from onconav.guidance.data import GuidanceData, Question
from onconav.guidance.gaps import GapReport

KIT_INTENTS = frozenset({"second_opinion", "biomarkers", "tests", "staging", "treatment", "clinical_trials"})
CATEGORY_ORDER = (
    "diagnosis",
    "staging",
    "biomarkers",
    "treatment",
    "second_opinion",
    "trials",
    "logistics",
    "costs",
    "side_effects",
    "opinions_differ",
)
CATEGORY_LABELS = {
    "diagnosis": "About the diagnosis",
    "staging": "About the stage",
    "biomarkers": "About biomarker testing",
    "treatment": "About the treatment plan",
    "second_opinion": "About the second opinion",
    "trials": "About clinical trials",
    "logistics": "Practical matters",
    "costs": "About costs",
    "side_effects": "About side effects",
    "opinions_differ": "When the opinions differ",
}
_POSITIVE = ("positive", "mutated", "detected", "high", "deficient", "amplified", "pathogenic", "fusion")
_NEGATED = re.compile(r"\b(not|no|non|negative|wild.?type|undetected|absent)\b", re.I)


@dataclass
class ChosenQuestion:
    """A question picked for the patient, with the reason it was picked."""

    id: str
    text: str
    category: str
    reason: str
    score: int


def _stage_matches(stages: list[str], roman: str | None) -> bool:
    return roman is not None and roman in {s.upper() for s in stages}


def _present(case: Case) -> set[str]:
    out = set()
    for b in case.profile.biomarkers:
        text = f"{b.result or ''} {b.value or ''}".lower()
        if _NEGATED.search(text):  # "not detected", "no mutation", "non-amplified" are not positives
            continue
        if any(re.search(rf"\b{w}\b", text) for w in _POSITIVE) or (b.value and not b.result):
            out.add(b.name.lower())
    return out


def _score(q: Question, case: Case, missing: set[str]) -> tuple[int, str] | None:
    """How well a question fits (None = does not fit), and why it was chosen."""
    t = q.triggers
    if t.opinions_differ:
        return None
    reasons: list[str] = []
    score = 0
    if t.cancer_types:
        if not set(t.cancer_types) & set(case.codes):
            return None
        score, reasons = score + 3, [*reasons, f"your cancer type ({case.cancer_name})"]
    if t.stages:
        if not _stage_matches(t.stages, case.stage_roman):
            return None
        score, reasons = score + 2, [*reasons, f"stage {case.stage_roman}"]
    if t.biomarker_missing:
        gaps = [n for n in t.biomarker_missing if n.lower() in missing]
        if not gaps:
            return None
        score, reasons = score + 4, [*reasons, f"{', '.join(gaps)} not found in your records"]
    if t.biomarker_present:
        hits = [n for n in t.biomarker_present if n.lower() in _present(case)]
        if not hits:
            return None
        score, reasons = score + 4, [*reasons, f"your {', '.join(hits)} result"]
    if t.treatments:
        hits = [x for x in t.treatments if x in case.treatment_categories]
        if not hits:
            return None
        score, reasons = score + 2, [*reasons, f"your treatment so far ({', '.join(hits)})"]
    if t.intents and not set(t.intents) & KIT_INTENTS:
        return None
    if "second_opinion" in t.intents:
        score += 1
    return score, ("; ".join(reasons) or "asked by most people getting a second opinion")


def choose_questions(
    case: Case, gaps: GapReport, data: GuidanceData, limit: int = 18
) -> list[ChosenQuestion]:
    """The best-fitting questions, grouped by category in a sensible order."""
    missing = {n.lower() for i in gaps.missing() for n in _names(data, case, i.test_id)}
    scored = []
    for q in data.questions:
        fit = _score(q, case, missing)
        if fit is not None:
            scored.append(ChosenQuestion(q.id, q.text, q.category, fit[1], fit[0]))
    scored.sort(key=lambda c: -c.score)
    picked = scored[:limit]
    picked.sort(
        key=lambda c: (CATEGORY_ORDER.index(c.category) if c.category in CATEGORY_ORDER else 99, -c.score)
    )
    return picked


def _names(data: GuidanceData, case: Case, test_id: str) -> list[str]:
    for test in data.tests_for(case.code, case.codes[1:]):
        if test.id == test_id:
            return list(test.profile_names)
    return []


def gap_questions(gaps: GapReport) -> list[ChosenQuestion]:
    """The gap check's own question for each test not found in the records."""
    return [
        ChosenQuestion(
            f"gap_{i.test_id}", i.question, "biomarkers", f"{i.name}: not found in your records", 5
        )
        for i in gaps.missing()
    ]


def merge_questions(bank: list[ChosenQuestion], extra: list[ChosenQuestion]) -> list[ChosenQuestion]:
    """Bank questions plus gap questions, without near-duplicates, kept in category order."""
    seen = {q.text.lower()[:40] for q in bank}
    out = list(bank)
    for q in extra:
        if q.text.lower()[:40] not in seen:
            out.append(q)
            seen.add(q.text.lower()[:40])
    out.sort(key=lambda c: CATEGORY_ORDER.index(c.category) if c.category in CATEGORY_ORDER else 99)
    return out
