from __future__ import annotations

from pathlib import Path

import pytest

from onconav.trials.importers import load_trials
from onconav.trials.matcher import Matcher, ParsedTrial
from onconav.trials.patient import patient_from

pytestmark = pytest.mark.shared_data


def test_real_registry_records_import_and_parse(shared_data: Path) -> None:
    trials, problems = load_trials(
        [shared_data / "trials" / "ctgov_v2", shared_data / "trials" / "nih_trialbench_nci" / "trials"]
    )
    assert problems == [] and len(trials) >= 110
    parsed = [ParsedTrial.build(t) for t in trials]
    assert all(pt.criteria for pt in parsed if pt.trial.eligibility_text)
    big = next(pt for pt in parsed if pt.trial.nct_id == "NCT02513394")
    assert len(big.trial.sites) > 400


def test_t_cell_case_finds_the_ccr4_trial(shared_data: Path) -> None:
    trials, _ = load_trials([shared_data / "trials" / "nih_trialbench_nci" / "trials"])
    matcher = Matcher.from_parsed(ParsedTrial.build(t) for t in trials)
    text = (
        "54-year-old man with relapsed anaplastic large cell lymphoma, ALK-negative, "
        "CCR4 positive (25% by IHC), "
        "after BV-CHP and GDP, ECOG 1, no CNS disease, adequate organ function."
    )
    ids = [m.trial.nct_id for m in matcher.match(patient_from(None, text))[:5]]
    assert "NCT07055477" in ids
