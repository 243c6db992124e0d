from __future__ import annotations

import json
from pathlib import Path

import pytest

from onconav.errors import CorruptFileError, InputError
from onconav.trials.importers import load_trials, parse_age, trials_from_json


def test_single_study_keeps_registry_fields(fixtures: Path) -> None:
    [t] = trials_from_json(json.loads((fixtures / "study_her2.json").read_text()))
    assert t.nct_id == "NCT90000001" and t.status == "RECRUITING" and t.phases == ["PHASE2"]
    assert t.min_age == 18 and t.max_age == 90 and t.primary_purpose == "TREATMENT"
    assert [s.status for s in t.sites] == ["NOT_YET_RECRUITING", "RECRUITING", "RECRUITING"]
    assert t.sites[1].contact.startswith("Study Desk") and t.last_update == "2025-01-15"


def test_search_page_and_trialbench_record(fixtures: Path) -> None:
    trials, problems = load_trials([fixtures / "search_page1.json", fixtures / "trialbench_record.json"])
    assert problems == []
    assert {t.nct_id for t in trials} == {"NCT90000001", "NCT90000002", "NCT90000005"}


def test_bad_files_are_reported_not_fatal(fixtures: Path) -> None:
    trials, problems = load_trials(
        [fixtures / "bad_no_nct.json", fixtures / "bad_truncated.json", fixtures / "study_pdl1.json"]
    )
    assert [t.nct_id for t in trials] == ["NCT90000002"]
    assert any("no valid NCT number" in p for p in problems)
    assert any("not valid JSON" in p for p in problems)


def test_unrecognised_json_and_missing_file() -> None:
    with pytest.raises(CorruptFileError, match="not a recognised trial format"):
        trials_from_json({"hello": "world"})
    with pytest.raises(CorruptFileError):
        trials_from_json(["not an object"])
    with pytest.raises(InputError, match="file not found"):
        load_trials([Path("/nonexistent/trials.json")])


def test_partial_study_gets_empty_fields() -> None:
    [t] = trials_from_json(
        {"protocolSection": {"identificationModule": {"nctId": "NCT12345678"}, "eligibilityModule": "oops"}}
    )
    assert t.title == "" and t.eligibility_text == "" and t.sites == []


@pytest.mark.parametrize(
    ("raw", "years"), [("18 Years", 18.0), ("6 Months", 0.5), ("N/A", None), (None, None)]
)
def test_parse_age(raw: str | None, years: float | None) -> None:
    assert parse_age(raw) == years
