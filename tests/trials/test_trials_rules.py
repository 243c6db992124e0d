"""Rules added for clinician-style ineligibility, and the saved match index."""

from __future__ import annotations

from onconav.config import Settings
from onconav.storage.db import Database
from onconav.trials.criteria import _biomarker_params, parse_eligibility
from onconav.trials.model import Trial
from onconav.trials.patient import patient_from
from onconav.trials.setting import trial_level
from onconav.trials.store import TrialStore


def test_drug_targets_are_not_biomarker_requirements() -> None:
    assert _biomarker_params("prior anti-PD-1/PD-L1 therapy") == []
    assert _biomarker_params("previous PD-L1 inhibitor treatment") == []
    assert _biomarker_params("PD-L1 CPS >= 1")[0]["polarity"] == "positive"


def test_second_cancer_exclusion_is_not_judged_as_a_biomarker() -> None:
    text = "Exclusion Criteria:\n- History of non-HPV associated second malignancy within 3 years"
    (crit,) = parse_eligibility(text)
    assert crit.kind == "comorbidity" and crit.params["conditions"] == ["second_cancer"]


def test_non_cancer_non_treatment_study_is_ruled_out_for_treatment_seekers() -> None:
    mri = Trial("NCT00000001", "Cardiac MRI methods", conditions=["Coronary artery disease"],
                primary_purpose="DIAGNOSTIC")  # fmt: skip
    p = patient_from(None, "60-year-old man with metastatic colon cancer after FOLFOX.")
    purpose = [r for r in trial_level(mri, set(), p) if r.kind == "purpose"]
    assert purpose and purpose[0].verdict == "not_met"
    assert not [r for r in trial_level(mri, set(), p, seeking_treatment=False) if r.kind == "purpose"]


def test_after_allogeneic_transplant_setting_needs_that_transplant() -> None:
    dli = Trial(
        "NCT00000002", "Donor Lymphocyte Infusion After Allogeneic Transplantation", conditions=["Lymphoma"]
    )
    treated = patient_from(None, "55-year-old woman with T-cell lymphoma, refractory to CHOP and ICE.")
    after_allo = patient_from(None, "55-year-old woman with T-cell lymphoma, relapsed after allogeneic HSCT.")
    verdicts = [r.verdict for r in trial_level(dli, {"t_cell"}, treated) if r.kind == "prior_therapy"]
    assert verdicts == ["not_met"]
    verdicts = [r.verdict for r in trial_level(dli, {"t_cell"}, after_allo) if r.kind == "prior_therapy"]
    assert verdicts == ["met"]


def test_relapsed_only_study_rules_out_a_new_diagnosis() -> None:
    rr = Trial("NCT00000003", "Drug X in Relapsed/Refractory B-cell Lymphoma", conditions=["B-cell lymphoma"])
    new = patient_from(None, "72-year-old man, newly diagnosed aggressive B-cell lymphoma.")
    assert [r.verdict for r in trial_level(rr, {"b_cell"}, new) if r.kind == "prior_therapy"] == ["not_met"]


def test_a_new_store_object_reuses_the_saved_index(settings: Settings, store: TrialStore) -> None:
    fresh = TrialStore(Database(settings))
    ids = sorted(e.trial.nct_id for e in fresh.matcher().entries)
    assert ids == ["NCT90000001", "NCT90000002", "NCT90000003", "NCT90000004"]
    assert all(e.trial.eligibility_text == "" for e in fresh.matcher().entries)  # criteria stay in the DB
    assert fresh.lexical(["her2"]).get("NCT90000001") == 1.0
