"""Trial-level checks from registry fields: condition studied, age, sex, study purpose and setting."""

from __future__ import annotations

import re
from functools import lru_cache

from onconav.trials import cancer_terms
from onconav.trials.eligibility import SETTLE, result_of
from onconav.trials.model import Criterion, CriterionResult, Trial, Verdict
from onconav.trials.patient import PatientFacts

_AFTER_ALLO = re.compile(
    r"(?:after|following|post[- ]?)\s*(?:an?\s+)?allogeneic|donor lymphocyte infusion|"
    r"relapse\w* after (?:an? )?(?:allogeneic |stem cell |bone marrow )?(?:hct|hsct|transplant)",
    re.I,
)
_PRETREATED = re.compile(
    r"relapsed|refractory|recurrent|previously treated|pre-?treated|progress\w+ (?:on|after)", re.I
)
_FIRST_LINE = re.compile(
    r"newly diagnosed|untreated|treatment[- ]na[iï]ve|first[- ]line|front[- ]?line|or\s+new", re.I
)


def trial_level(
    trial: Trial, families: set[str], p: PatientFacts, seeking_treatment: bool = True
) -> list[CriterionResult]:
    """Criteria implied by the registry fields: conditions, age range, sex, purpose and setting."""
    out = [_condition_match(trial, families, p)]
    if out[0].verdict == "not_met":
        return out  # a different cancer rules the study out; the other registry checks add nothing
    if trial.min_age is not None or trial.max_age is not None:
        out.append(_registry_age(trial.min_age, trial.max_age, p.age))
    if trial.sex in {"FEMALE", "MALE"}:
        c = Criterion(f"Sex: {trial.sex.lower()} only", "inclusion", "sex", {}, 0)
        verdict: Verdict = "unknown" if not p.sex else "met" if p.sex == trial.sex.lower() else "not_met"
        settle = "the patient's sex would settle this"
        out.append(result_of(c, (verdict, f"sex: {p.sex or 'not recorded'}", settle)))
    if seeking_treatment and not families and not trial.is_treatment():
        out.append(_purpose(trial))
    out.extend(_setting(trial, p))
    return out


@lru_cache(maxsize=4096)
def _registry_age(lo: float | None, hi: float | None, age: int | None) -> CriterionResult:
    """The registry's age range (no words to read, so no text rules); cached per range and age."""
    c = Criterion(f"Age {lo or 0:g} to {hi or 120:g} years", "inclusion", "age", {"min": lo, "max": hi}, 0)
    if age is None:
        return result_of(c, ("unknown", "age not recorded", SETTLE["age"]))
    inside = (lo is None or age >= lo) and (hi is None or age <= hi)
    return result_of(c, ("met" if inside else "not_met", f"age {age}", ""))


@lru_cache(maxsize=65_536)
def _title_flags(title: str) -> tuple[bool, bool]:
    """(after an allogeneic transplant, relapsed/refractory only) as named in a title."""
    return bool(_AFTER_ALLO.search(title)), bool(_PRETREATED.search(title) and not _FIRST_LINE.search(title))


def _purpose(trial: Trial) -> CriterionResult:
    """A study of something other than cancer that does not treat it, for a person seeking treatment."""
    purpose = (trial.primary_purpose or trial.study_type or "other").replace("_", " ").lower()
    c = Criterion(f"Study purpose: {purpose}", "inclusion", "purpose", {}, 0)
    evidence = (
        f"this {purpose} study is not about cancer and gives no cancer treatment; "
        "you are looking for a treatment trial"
    )
    return result_of(c, ("not_met", evidence, ""))


def _setting(trial: Trial, p: PatientFacts) -> list[CriterionResult]:
    """Settings named in the title: after an allogeneic transplant, or relapsed/refractory disease."""
    out: list[CriterionResult] = []
    title = trial.title or trial.official_title
    after_allo, pretreated = _title_flags(title)
    if after_allo:
        c = Criterion(f"Study setting (title): {title[:120]}", "inclusion", "prior_therapy", {}, 0)
        if "allo_sct" in p.therapy_classes:
            out.append(result_of(c, ("met", "history includes an allogeneic stem cell transplant", "")))
        elif p.treatments_known:
            ev = "the recorded treatment history has no allogeneic stem cell transplant"
            out.append(result_of(c, ("not_met", ev, "")))
        else:
            out.append(result_of(c, ("unknown", "treatment history not recorded", SETTLE["prior_therapy"])))
    if pretreated and p.treatment_naive:
        c = Criterion(f"Study setting (title): {title[:120]}", "inclusion", "prior_therapy", {}, 0)
        ev = p.evidence.get("naive") or "no previous treatment recorded"
        ev = f"the study is for cancer that came back or resisted treatment; {ev}"
        out.append(result_of(c, ("not_met", ev, "")))
    return out


def _condition_match(trial: Trial, families: set[str], p: PatientFacts) -> CriterionResult:
    conds = "; ".join(trial.conditions[:6]) or trial.title
    c = Criterion(f"Condition studied: {conds}", "inclusion", "cancer_type", {}, 0)
    if not p.families:
        return result_of(c, ("unknown", "cancer type not recorded", SETTLE["cancer_type"]))
    tier = condition_tier(families, p.families)
    ev = f"patient: {p.cancer_label()}"
    if tier >= 1:
        how = " (named by the trial)" if tier == 2 else " (trial is open to many types)"
        return result_of(c, ("met", ev + how, ""))
    if tier == -1:
        ev = f"{ev}; the listed conditions are not cancers"
        return result_of(c, ("unknown", ev, "ask the study team whether people with cancer can join"))
    theirs = cancer_terms.labels(cancer_terms.specific(families))
    if tier == 0 and _same_umbrella(families, p.families):
        ev = f"{ev}; the trial is for a related cancer ({theirs})"
        return result_of(c, ("unknown", ev, "the pathology report and the study team would settle this"))
    return result_of(c, ("not_met", f"{ev}; the trial is for {theirs}", ""))


def _same_umbrella(trial_families: set[str], patient_families: set[str]) -> bool:
    return _umbrella(frozenset(trial_families), frozenset(patient_families))


@lru_cache(maxsize=4096)
def _umbrella(trial_families: frozenset[str], patient_families: frozenset[str]) -> bool:
    umbrellas = {"gyn", "gu", "lymphoma"}
    theirs = cancer_terms.with_ancestors(cancer_terms.specific(trial_families)) & umbrellas
    return bool(theirs & cancer_terms.with_ancestors(patient_families))


def condition_tier(trial_families: set[str], patient_families: set[str]) -> int:
    """2 specific match, 1 generic match, 0 different cancer, -1 not a cancer study."""
    return _tier(frozenset(trial_families), frozenset(patient_families))


@lru_cache(maxsize=4096)
def _tier(trial_families: frozenset[str], patient_families: frozenset[str]) -> int:
    mine = cancer_terms.with_ancestors(patient_families)
    shared = trial_families & mine
    if cancer_terms.specific(shared) or "hpv" in shared:
        return 2
    if "any" in trial_families or shared:
        return 1
    return -1 if not trial_families else 0
