"""Match a patient against stored trials: candidates by cancer family, judged criteria, ranking, sites."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from onconav.trials import cancer_terms
from onconav.trials.criteria import parse_eligibility
from onconav.trials.eligibility import judge
from onconav.trials.model import Criterion, CriterionResult, Eligibility, Trial, TrialMatch
from onconav.trials.patient import PatientFacts
from onconav.trials.setting import condition_tier, trial_level
from onconav.trials.sites import nearest_site, site_open

_TOKEN = re.compile(r"[a-z0-9][a-z0-9+*:-]*[a-z0-9+]|[a-z0-9]")
_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "of",
        "to",
        "in",
        "for",
        "with",
        "on",
        "at",
        "by",
        "is",
        "are",
        "be",
        "was",
        "were",
        "as",
        "from",
        "that",
        "this",
        "these",
        "those",
        "patients",
        "patient",
        "participants",
        "subjects",
        "must",
        "have",
        "has",
        "had",
        "not",
        "no",
        "any",
        "all",
        "other",
        "than",
        "who",
        "which",
        "will",
        "may",
        "can",
        "should",
        "study",
        "trial",
        "treatment",
        "years",
        "year",
    ]
)
_MET_WEIGHT = {"biomarker": 2.5, "cancer_type": 1.0, "stage": 1.0, "prior_therapy": 1.0, "measurable": 1.0}
KEY_KINDS = frozenset({"cancer_type", "biomarker", "stage", "prior_therapy", "measurable"})


def tokens(text: str) -> list[str]:
    """Lower-case word tokens without stop words (for BM25)."""
    return [t for t in _TOKEN.findall(text.lower()) if t not in _STOP]


def trial_families(trial: Trial) -> set[str]:
    """Cancer families a trial is for; 'any' when a condition is a generic cancer term."""
    fams: set[str] = set()
    for cond in trial.conditions:
        found = cancer_terms.detect(cond)
        fams |= found
        if not found and cancer_terms.GENERIC_ANY.search(cond):
            fams.add("any")
    title = cancer_terms.detect(trial.title)
    if not trial.conditions:
        fams |= title
    if cancer_terms.GENERIC_ANY.search(trial.title) and not cancer_terms.specific(title):
        fams |= (title & cancer_terms.TOP) or {"any"}
    return fams


@dataclass
class ParsedTrial:
    """A trial with its criteria parsed once (at import) and its cancer families."""

    trial: Trial
    criteria: list[Criterion]
    families: set[str] = field(default_factory=set)

    @classmethod
    def build(cls, trial: Trial, criteria: list[Criterion] | None = None) -> ParsedTrial:
        crit = criteria if criteria is not None else parse_eligibility(trial.eligibility_text)
        return cls(trial, crit, trial_families(trial))

    def search_text(self) -> str:
        t = self.trial
        inclusion = " ".join(c.text for c in self.criteria if c.section == "inclusion")[:4000]
        return " ".join(
            [t.title, t.title, " ".join(t.conditions) * 2, " ".join(t.keywords), t.summary[:1500], inclusion]
        )


class Bm25:
    """Thin wrapper over bm25s for scoring a case summary against every trial."""

    def __init__(self, docs: list[list[str]]) -> None:
        import bm25s

        self._model = bm25s.BM25()
        self._empty = not any(docs)
        if not self._empty:
            self._model.index([d or ["_"] for d in docs], show_progress=False)
        self._n = len(docs)

    def scores(self, query: list[str]) -> list[float]:
        """Normalised (0..1) BM25 scores for a query, one per document."""
        if self._empty or not query or not self._n:
            return [0.0] * self._n
        raw = self._model.get_scores(query)
        top = float(raw.max()) if len(raw) else 0.0
        return [float(x) / top if top > 0 else 0.0 for x in raw]


@dataclass
class MatchOptions:
    zip_code: str | None = None
    statuses: frozenset[str] | None = None  # None = every stored trial
    seeking_treatment: bool = True
    sort: str = "score"  # score | distance
    limit: int | None = None


class Matcher:
    """Holds pre-parsed trials in memory and matches patients against them."""

    def __init__(self, parsed: Iterable[ParsedTrial]) -> None:
        self.trials = list(parsed)
        self._by_family: dict[str, list[int]] = {}
        for i, pt in enumerate(self.trials):
            for fam in pt.families or {"none"}:
                self._by_family.setdefault(fam, []).append(i)
        self._bm25 = Bm25([tokens(pt.search_text()) for pt in self.trials])

    def candidates(self, patient: PatientFacts) -> set[int]:
        """Trials whose conditions name the patient's cancer (or any cancer, or an umbrella group)."""
        if not patient.families:
            return set(range(len(self.trials)))
        keys = cancer_terms.with_ancestors(patient.families) | {"any"}
        return {i for k in keys for i in self._by_family.get(k, [])}

    full_judge = 400

    def match(self, patient: PatientFacts, options: MatchOptions | None = None) -> list[TrialMatch]:
        """Every stored trial (within the status filter) judged and ranked, best first.

        Candidates (cancer family match) are ordered by a cheap pre-score and the best `full_judge`
        of them have every criterion judged; the rest are judged on registry fields only.
        """
        opts = options or MatchOptions()
        sim = self._bm25.scores(tokens(patient.text or _profile_query(patient)))
        keep = [
            i
            for i, pt in enumerate(self.trials)
            if opts.statuses is None or _status_ok(pt.trial, opts.statuses)
        ]
        cands = self.candidates(patient)
        tiers = {i: self._tier(i, patient) for i in cands}
        ordered = sorted((i for i in keep if i in cands), key=lambda i: (-tiers[i], -sim[i]))
        full = set(ordered[: self.full_judge])
        memo: dict[tuple[str, str, str], CriterionResult] = {}
        out = [self._judge(self.trials[i], patient, sim[i], i in full, opts, memo) for i in keep]
        return rank(out, opts)

    def _tier(self, i: int, patient: PatientFacts) -> int:
        return condition_tier(self.trials[i].families, patient.families) if patient.families else 1

    def _judge(
        self,
        pt: ParsedTrial,
        p: PatientFacts,
        sim: float,
        full: bool,
        opts: MatchOptions,
        memo: dict[tuple[str, str, str], CriterionResult],
    ) -> TrialMatch:
        results = trial_level(pt.trial, pt.families, p, opts.seeking_treatment)
        if full:
            results += [_judged(c, p, memo) for c in pt.criteria]
        elig, reasons = eligibility_of(pt.criteria, results)
        tier = condition_tier(pt.families, p.families) if p.families else 1
        score = _score(pt.trial, results, tier, sim, opts.seeking_treatment, elig)
        if tier == 2 and cancer_terms.specific(pt.families & p.families):
            score += 1.5  # the trial names the patient's own cancer, not only a broader group
        site = (
            nearest_site(pt.trial, opts.zip_code)
            if opts.zip_code is not None
            else nearest_site(pt.trial, None)
        )
        return TrialMatch(pt.trial, elig, score, results, site, reasons=reasons)


def _judged(
    c: Criterion, p: PatientFacts, memo: dict[tuple[str, str, str], CriterionResult]
) -> CriterionResult:
    """Judge a criterion once per text (boilerplate repeats across trials), keeping its own index."""
    key = (c.text, c.section, c.kind)
    hit = memo.get(key)
    if hit is None:
        hit = memo[key] = judge(c, p)
    return hit if hit.index == c.index else replace(hit, index=c.index)


def _status_ok(trial: Trial, statuses: frozenset[str]) -> bool:
    if trial.status in statuses:
        return not trial.sites or any(site_open(s, trial, statuses) for s in trial.sites)
    return False


def _profile_query(p: PatientFacts) -> str:
    prof = p.profile
    parts = [
        (prof.cancer_type or {}).get("name", ""),
        prof.histology or "",
        prof.primary_site or "",
        " ".join(f"{b.name} {b.result or ''}" for b in prof.biomarkers),
        " ".join(prof.metastatic_sites),
        cancer_terms.labels(p.families),
    ]
    return " ".join(parts)


def eligibility_of(
    criteria: list[Criterion], results: list[CriterionResult]
) -> tuple[Eligibility, list[str]]:
    """Ineligible when a criterion outside cohort groups fails, or every cohort group has a failure."""
    failing = [r for r in results if r.verdict == "not_met"]
    group_of = {c.index: c.params.get("group", "") for c in criteria} if failing else {}
    groups = {g for g in group_of.values() if g}
    failed_groups: set[str] = set()
    reasons: list[str] = []
    for r in results:
        if r.verdict != "not_met":
            continue
        g = group_of.get(r.index, "") if r.index else ""
        if g:
            failed_groups.add(g)
        else:
            reasons.append(f"{r.text[:160]} — {r.evidence}")
    if groups and failed_groups >= groups:
        reasons.append("every cohort of this study has a criterion that is not met")
    if reasons:
        return "ineligible", reasons
    key_unknown = any(
        r.verdict == "unknown" and r.kind in KEY_KINDS and r.section == "inclusion" for r in results
    )
    cancer_met = any(r.kind == "cancer_type" and r.verdict == "met" for r in results[:1])
    return ("likely" if cancer_met and not key_unknown else "uncertain"), []


def _score(
    trial: Trial, results: list[CriterionResult], tier: int, sim: float, seeking: bool, elig: Eligibility
) -> float:
    met = sum(_MET_WEIGHT.get(r.kind, 0.3) for r in results[1:] if r.verdict == "met")
    unknown = sum((0.3 if r.kind in KEY_KINDS else 0.03) for r in results if r.verdict == "unknown")
    score = {2: 4.0, 1: 1.5}.get(tier, 0.0) + 0.4 * met - unknown + 3.0 * sim
    if seeking and trial.is_treatment():
        score += 2.0
    if trial.status == "RECRUITING":
        score += 0.3
    return score - (100.0 if elig == "ineligible" else 0.0)


def rank(matches: list[TrialMatch], opts: MatchOptions) -> list[TrialMatch]:
    """Best first: ineligible last; optionally by distance to the nearest recruiting site."""

    def key(m: TrialMatch) -> tuple[Any, ...]:
        bad = m.eligibility == "ineligible"
        if opts.sort == "distance":
            dist = (
                m.nearest_site.distance_miles
                if m.nearest_site and m.nearest_site.distance_miles is not None
                else 1e9
            )
            return (bad, dist, -m.score)
        return (bad, -m.score, m.trial.nct_id)

    ordered = sorted(matches, key=key)
    for n, m in enumerate(ordered, 1):
        m.rank = n
    return ordered[: opts.limit] if opts.limit else ordered
