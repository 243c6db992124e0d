from __future__ import annotations

import json
from pathlib import Path

import pytest

from onconav.domain import Biomarker, Profile
from onconav.errors import InputError
from onconav.trials import service
from onconav.trials.eligibility import judge
from onconav.trials.model import Criterion
from onconav.trials.patient import patient_from
from onconav.trials.store import TrialStore


def _profile(fixtures: Path) -> dict[str, object]:
    return json.loads((fixtures / "profile_her2_breast.json").read_text())


def test_her2_breast_profile_ranks_the_her2_trial_first(store: TrialStore, fixtures: Path) -> None:
    matches = service.match_profile(store, _profile(fixtures), service.options())
    first = matches[0]
    assert first.trial.nct_id == "NCT90000001" and first.eligibility in {"likely", "uncertain"}
    verdicts = {c.kind: c.verdict for c in first.criteria if c.index}
    assert (
        verdicts["biomarker"] == "met"
        and verdicts["performance"] == "met"
        and verdicts["pregnancy"] == "unknown"
    )
    her2 = next(c for c in first.criteria if c.kind == "biomarker")
    assert "HER2" in her2.evidence


def test_other_cancer_is_marked_ineligible_and_ranked_last(store: TrialStore, fixtures: Path) -> None:
    matches = service.match_profile(store, _profile(fixtures), service.options())
    lung = next(m for m in matches if m.trial.nct_id == "NCT90000002")
    assert lung.eligibility == "ineligible" and lung.rank == len(matches)
    assert any("lung" in r for r in lung.reasons)


def test_treatment_trials_rank_above_diagnostic_ones(store: TrialStore, fixtures: Path) -> None:
    ids = [m.trial.nct_id for m in service.match_profile(store, _profile(fixtures), service.options())]
    assert ids.index("NCT90000003") < ids.index("NCT90000004")


def test_recruiting_filter_excludes_not_yet_recruiting(store: TrialStore, fixtures: Path) -> None:
    ids = {
        m.trial.nct_id
        for m in service.match_profile(store, _profile(fixtures), service.options(status="recruiting"))
    }
    assert "NCT90000003" not in ids and "NCT90000001" in ids
    opened = {
        m.trial.nct_id
        for m in service.match_profile(store, _profile(fixtures), service.options(status="open"))
    }
    assert "NCT90000003" in opened


def test_nearest_site_uses_the_sites_own_status(store: TrialStore, fixtures: Path) -> None:
    # Boston (closest to 02115) is not yet recruiting, so the nearest recruiting site is Bethesda
    matches = service.match_profile(store, _profile(fixtures), service.options(zip_code="02115"))
    site = next(m for m in matches if m.trial.nct_id == "NCT90000001").nearest_site
    assert site is not None and site.city == "Bethesda" and 350 < (site.distance_miles or 0) < 450


def test_sort_by_distance(store: TrialStore, fixtures: Path) -> None:
    matches = service.match_profile(
        store, _profile(fixtures), service.options(zip_code="90033", sort="distance")
    )
    eligible = [m for m in matches if m.eligibility != "ineligible" and m.nearest_site]
    dists = [m.nearest_site.distance_miles for m in eligible if m.nearest_site]
    assert dists == sorted(d for d in dists if d is not None)


def test_unknown_criterion_says_what_would_settle_it() -> None:
    crit = Criterion(
        "PD-L1 TPS >= 50%",
        "inclusion",
        "biomarker",
        {"markers": [{"name": "PD-L1", "polarity": "positive", "threshold": (">=", 50.0)}]},
        4,
    )
    res = judge(
        crit, patient_from(Profile(cancer_type={"name": "lung adenocarcinoma", "oncotree_code": "LUAD"}))
    )
    assert res.verdict == "unknown" and res.settle == "a PD-L1 test result would settle this"
    high = patient_from(
        Profile(
            cancer_type={"name": "NSCLC", "oncotree_code": "NSCLC"},
            biomarkers=[Biomarker("PD-L1", "positive", "TPS 80%")],
        )
    )
    assert judge(crit, high).verdict == "met"


def test_text_case_summary_is_read(store: TrialStore) -> None:
    text = (
        "66-year-old man with stage IV non-small cell lung cancer, PD-L1 TPS 80%, ECOG 1, no prior treatment."
    )
    matches = service.match_text(store, text, service.options())
    assert matches[0].trial.nct_id == "NCT90000002"
    tps = next(c for c in matches[0].criteria if c.kind == "biomarker")
    assert tps.verdict == "met"


def test_empty_profile_and_bad_options_are_clear_errors(store: TrialStore) -> None:
    with pytest.raises(InputError, match="profile is empty"):
        service.match_profile(store, {}, service.options())
    with pytest.raises(InputError, match="ZIP"):
        service.options(zip_code="00000")
    with pytest.raises(InputError, match="status"):
        service.options(status="sometimes")
    with pytest.raises(InputError, match="needs a ZIP"):
        service.options(sort="distance")
    with pytest.raises(InputError, match="empty"):
        service.match_text(store, "  ", service.options())


def test_store_roundtrip_keeps_parsed_criteria(store: TrialStore) -> None:
    pt = store.get("nct90000001")
    assert pt.trial.title.startswith("Testumab") and any(c.kind == "biomarker" for c in pt.criteria)
    assert store.count() == 4 and {r.nct_id for r in store.rows("RECRUITING")} == {
        "NCT90000001",
        "NCT90000002",
        "NCT90000004",
    }
