"""End to end over the synthetic report sets: records extract -> kit; gaps, checklist, questions, timing."""

from __future__ import annotations

from functools import cache

import pytest
from guid_helpers import PACK, SETS, case_for, expected, extract_set

from onconav.guidance.data import load_guidance
from onconav.guidance.kit import Kit, build_kit


@cache
def kit_of(name: str) -> Kit:
    return build_kit(case_for(name), load_guidance(PACK), "02115")


def test_there_are_at_least_ten_report_sets() -> None:
    assert len(SETS) >= 10


@pytest.mark.parametrize("name", SETS)
def test_extracted_cancer_type(name: str) -> None:
    exp = expected(name)
    got = (extract_set(name)["profile"].get("cancer_type") or {}).get("oncotree_code")
    assert got == exp["code"]


@pytest.mark.parametrize("name", SETS)
def test_biomarker_gaps_are_right(name: str) -> None:
    kit = kit_of(name)
    assert kit.code == expected(name)["code"]
    assert {i.test_id: i.status for i in kit.gaps.items} == expected(name)["gaps"]


@pytest.mark.parametrize("name", SETS)
def test_records_checklist_have_and_missing(name: str) -> None:
    kit, exp = kit_of(name), expected(name)
    assert {c.id for c in kit.checklist if c.have} == set(exp["have"])
    assert set(exp["missing"]) <= set(kit.missing_records())
    for entry in kit.checklist:
        assert entry.status.startswith("in your uploads: " if entry.have else "not in your uploads")


@pytest.mark.parametrize("name", SETS)
def test_questions_and_timing(name: str) -> None:
    kit, exp = kit_of(name), expected(name)
    assert set(exp["questions"]) <= {q.id for q in kit.questions}
    assert kit.timing.urgent is exp["urgent"]
    assert 5 <= len(kit.questions) <= 30


@pytest.mark.parametrize("name", SETS)
def test_found_items_carry_result_and_evidence(name: str) -> None:
    overridden = set((expected(name).get("overrides") or {}).get("biomarkers") and ["biomarkers"] or [])
    for item in kit_of(name).gaps.items:
        if item.status == "found":
            assert item.result
            if not overridden:
                assert item.evidence and all(e.document.endswith(".txt") for e in item.evidence)
        if item.status == "not_found":
            assert item.why and item.question


@pytest.mark.parametrize("name", [n for n in SETS if n not in ("empty", "aml")])
def test_summary_items_trace_to_documents(name: str) -> None:
    kit = kit_of(name)
    traced = [s for s in kit.summary if s.evidence]
    assert traced, "the summary has no traceable item"
    files = {p.name for p in (PACK.parent / "tests" / "guidance" / "fixtures" / name).glob("*.txt")}
    assert all(e.document in files for s in traced for e in s.evidence)


def test_ampullary_missing_mmr_and_slides_from_the_hospital() -> None:
    kit = kit_of("ampullary_whipple")
    mmr = next(i for i in kit.gaps.items if i.test_id == "mmr_msi")
    assert mmr.status == "not_found" and "MMR" in mmr.question or "mismatch" in mmr.question.lower()
    slides = next(c for c in kit.checklist if c.id == "pathology_slides")
    assert not slides.have and slides.status.startswith("not in your uploads; ask the pathology department")
    assert any("whipple" in s.value.lower() or "pancreaticoduodenectomy" in s.value for s in kit.summary)
    assert kit.gaps.germline_vs_tumor and "germline" in kit.gaps.germline_vs_tumor.lower()


def test_aml_says_do_not_wait() -> None:
    kit = kit_of("aml")
    assert kit.timing.urgent and any("do not delay" in w.lower() for w in kit.timing.usual_wait)
    assert "acute_myeloid_leukemia" in kit.timing.matched


def test_lung_not_applicable_only_when_stage_says_so() -> None:
    colon = {i.test_id: i for i in kit_of("colon_stage3").gaps.items}
    assert colon["ras"].status == "not_applicable" and "locally advanced" in (colon["ras"].note or "")
    egfr = next(i for i in kit_of("lung_egfr").gaps.items if i.test_id == "egfr")
    assert egfr.result and "exon 19" in egfr.result


def test_empty_profile_gives_a_general_kit_that_asks_for_uploads() -> None:
    kit = kit_of("empty")
    assert not kit.personal and kit.cancer_type is None
    assert kit.uploads_that_help and any("pathology report" in u.lower() for u in kit.uploads_that_help)
    assert kit.gaps.message and "cancer type" in kit.gaps.message
    assert kit.letters and kit.centers and kit.questions
