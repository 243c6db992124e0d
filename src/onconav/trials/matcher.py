"""Match a patient against stored trials: candidates by cancer family, judged criteria, ranking, sites.

Only the light index (families and registry fields) of every trial is held in memory; criteria are read
and judged for the best candidates alone, and each distinct criterion text is judged once per patient.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from onconav.trials import cancer_terms
from onconav.trials.criteria import parse_eligibility
from onconav.trials.eligibility import judge
from onconav.trials.index import IndexEntry, light, search_text, tokens, trial_families
from onconav.trials.model import Criterion, CriterionResult, Eligibility, Trial, TrialMatch
from onconav.trials.patient import PatientFacts
from onconav.trials.setting import condition_tier, trial_level
from onconav.trials.sites import nearest_site, site_open

__all__ = ["Matcher", "MatchOptions", "ParsedTrial", "TrialSource", "tokens"]
_MET_WEIGHT = {"biomarker": 2.5, "cancer_type": 1.0, "stage": 1.0, "prior_therapy": 1.0, "measurable": 1.0}
KEY_KINDS = frozenset({"cancer_type", "biomarker", "stage", "prior_therapy", "measurable"})


@dataclass
class ParsedTrial:
    """A trial with its criteria parsed once (at import) and its cancer families."""

    trial: Trial
    criteria: list[Criterion]
    families: set[str] = field(default_factory=set)

    @classmethod
    def build(cls, trial: Trial, criteria: list[Criterion] | None = None) -> ParsedTrial:
        """Parse (unless given) the criteria and find the cancer families of a trial."""
        crit = criteria if criteria is not None else parse_eligibility(trial.eligibility_text)
        return cls(trial, crit, trial_families(trial))

    def entry(self) -> IndexEntry:
        """The light index entry for this trial."""
        return IndexEntry(light(self.trial), frozenset(self.families))

    def search_text(self) -> str:
        """Words used for lexical scoring."""
        return search_text(self.trial, self.criteria)


class TrialSource(Protocol):
    """Where the matcher reads full trials and lexical scores from (memory or the database)."""

    def parsed(self, nct_ids: list[str]) -> dict[str, ParsedTrial]: ...

    def lexical(self, query: list[str]) -> dict[str, float]: ...


class MemorySource:
    """Trials held in memory with a BM25 index (benchmarks and tests)."""

    def __init__(self, parsed: list[ParsedTrial]) -> None:
        import bm25s

        self._by_id = {pt.trial.nct_id: pt for pt in parsed}
        self._ids = list(self._by_id)
        docs = [tokens(pt.search_text()) or ["_"] for pt in parsed]
        self._model = bm25s.BM25()
        if docs:
            self._model.index(docs, show_progress=False)

    def parsed(self, nct_ids: list[str]) -> dict[str, ParsedTrial]:
        return {i: self._by_id[i] for i in nct_ids if i in self._by_id}

    def lexical(self, query: list[str]) -> dict[str, float]:
        if not query or not self._ids:
            return {}
        raw = self._model.get_scores(query)
        top = float(raw.max())
        return {i: float(x) / top for i, x in zip(self._ids, raw, strict=True) if x > 0} if top > 0 else {}


@dataclass
class MatchOptions:
    zip_code: str | None = None
    statuses: frozenset[str] | None = None  # None = every stored trial
    seeking_treatment: bool = True
    sort: str = "score"  # score | distance
    limit: int | None = None


class Matcher:
    """Light entries of every trial in memory; full trials come from the source for the best candidates."""

    full_judge = 250

    def __init__(self, entries: Iterable[IndexEntry], source: TrialSource) -> None:
        self.entries = list(entries)
        self.source = source

    @classmethod
    def from_parsed(cls, parsed: Iterable[ParsedTrial]) -> Matcher:
        """A matcher over trials already in memory."""
        items = list(parsed)
        return cls([pt.entry() for pt in items], MemorySource(items))

    @property
    def trials(self) -> list[IndexEntry]:
        return self.entries

    def match(self, patient: PatientFacts, options: MatchOptions | None = None) -> list[TrialMatch]:
        """Every trial (within the status filter) judged and ranked, best first.

        Candidates (cancer family match) are ordered by a cheap pre-score and the best `full_judge`
        of them have every criterion judged; the rest are judged on registry fields only.
        """
        opts = options or MatchOptions()
        enabled = gc.isenabled()
        gc.disable()  # matching allocates many short-lived objects and no cycles: skip collector passes
        try:
            return self._match(patient, opts)
        finally:
            if enabled:
                gc.enable()

    def _match(self, patient: PatientFacts, opts: MatchOptions) -> list[TrialMatch]:
        sim = self.source.lexical(tokens(patient.text or _profile_query(patient)))
        keep = [e for e in self.entries if opts.statuses is None or _status_ok(e.trial, opts.statuses)]
        tiers = {e.trial.nct_id: _tier_of(e, patient) for e in keep}
        cands = sorted(
            (e.trial.nct_id for e in keep if tiers[e.trial.nct_id] >= 1),
            key=lambda i: (-tiers[i], -sim.get(i, 0.0)),
        )
        full = self.source.parsed(cands[: self.full_judge])
        memo: dict[tuple[str, str, str], CriterionResult] = {}
        out = []
        for e in keep:
            nct = e.trial.nct_id
            pt = full.get(nct)
            out.append(_judge(pt or e, pt is not None, patient, sim.get(nct, 0.0), tiers[nct], opts, memo))
        return rank(out, opts)


def _tier_of(e: IndexEntry, patient: PatientFacts) -> int:
    return condition_tier(set(e.families), patient.families) if patient.families else 1


def _judge(
    item: ParsedTrial | IndexEntry,
    full: bool,
    p: PatientFacts,
    sim: float,
    tier: int,
    opts: MatchOptions,
    memo: dict[tuple[str, str, str], CriterionResult],
) -> TrialMatch:
    trial, families = item.trial, set(item.families)
    criteria = item.criteria if isinstance(item, ParsedTrial) else []
    results = trial_level(trial, families, p, opts.seeking_treatment)
    if full:
        results += [_judged(c, p, memo) for c in criteria]
    elig, reasons = eligibility_of(criteria, results)
    score = _score(trial, results, tier, sim, opts.seeking_treatment, elig)
    if tier == 2 and cancer_terms.specific(families & p.families):
        score += 1.5  # the trial names the patient's own cancer, not only a broader group
    return TrialMatch(trial, elig, score, results, nearest_site(trial, opts.zip_code), reasons=reasons)


def _judged(
    c: Criterion, p: PatientFacts, memo: dict[tuple[str, str, str], CriterionResult]
) -> CriterionResult:
    """Judge a criterion once per text (boilerplate repeats across trials), keeping its own index."""
    key = (c.text, c.section, c.kind)
    hit = memo.get(key)
    if hit is None:
        hit = memo[key] = judge(c, p)
    if hit.index == c.index:
        return hit
    return CriterionResult(hit.text, hit.kind, hit.section, hit.verdict, hit.evidence, hit.settle, c.index)


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
