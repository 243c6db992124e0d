"""Derived M: assumed cM0 for a described cancer, M1 from named distant sites, nothing otherwise."""

from __future__ import annotations

import pytest

from onconav.domain import Evidence, Fact
from onconav.records.extract import extract_profile_from_text
from onconav.records.extract.derive_m import CM0_ASSUMED
from onconav.records.profile import build_profile


def _m_facts(text: str) -> list[Fact]:
    _, facts = extract_profile_from_text(text)
    return [f for f in facts if f.field == "tnm.m"]


def test_no_m_stated_assumes_cm0_and_says_so() -> None:
    profile, facts = extract_profile_from_text(
        "Colon, sigmoid, resection: invasive adenocarcinoma, moderately differentiated. pT3 pN0."
    )
    m = [f for f in facts if f.field == "tnm.m"]
    assert profile.tnm.m == "M0"
    assert m[0].derived and CM0_ASSUMED in (m[0].rule or "")
    assert m[0].confidence < 0.5
    assert m[0].evidence and m[0].evidence[0].text  # points at the words naming the cancer


def test_pmx_is_not_assessable_so_cm0_is_used_but_the_stated_words_are_kept() -> None:
    profile, facts = extract_profile_from_text("Invasive ductal carcinoma of the breast. pT2 pN1a pMX.")
    m = [f for f in facts if f.field == "tnm.m"]
    assert {f.value for f in m if not f.derived} == {"MX"}
    assert profile.tnm.m == "M0"


def test_stated_m_is_never_overridden() -> None:
    for stated in ("M0", "M1"):
        facts = _m_facts(f"Adenocarcinoma of the lung. pT2a pN0 {stated}.")
        assert [f.value for f in facts] == [stated]
        assert not facts[0].derived


def test_named_distant_metastasis_gives_m1() -> None:
    facts = _m_facts("Adenocarcinoma of the colon with metastases to the liver. pT3 pN1.")
    assert [f.value for f in facts] == ["M1"]
    assert facts[0].derived and "liver" in (facts[0].rule or "")


def test_no_cancer_no_m() -> None:
    assert _m_facts("Skin, left arm, shave biopsy: seborrheic keratosis. No malignancy identified.") == []
    assert _m_facts("") == []


def test_assumption_is_dropped_when_another_document_shows_metastasis() -> None:
    def ev(doc: str) -> list[Evidence]:
        return [Evidence(document=doc, page=1, start=0, end=3, text="abc")]

    assumed = Fact("tnm.m", "M0", ev("path.pdf"), derived=True, rule=f"AJCC: {CM0_ASSUMED}")
    stage = Fact("stage_group", "Stage II", ev("path.pdf"), derived=True, rule=f"from T, N ({CM0_ASSUMED})")
    site = Fact("metastatic_site", "liver", ev("ct.pdf"))
    profile = build_profile([assumed, stage, site])
    assert profile.tnm.m is None and profile.stage_group is None
    assert profile.metastatic_sites == ["liver"]
    kept = build_profile([assumed, stage])
    assert kept.tnm.m == "M0" and kept.stage_group == "Stage II"


def test_cn0_assumption_is_dropped_when_another_document_shows_nodes() -> None:
    def ev(doc: str) -> list[Evidence]:
        return [Evidence(document=doc, page=1, start=0, end=3, text="abc")]

    from onconav.records.extract.derive_stage import CN0_ASSUMED

    stage = Fact("stage_group", "Stage I", ev("path.pdf"), derived=True, rule=f"T1 ({CN0_ASSUMED})")
    nodes = Fact("tnm.n", "N1", ev("nodes.pdf"))
    assert build_profile([stage, nodes]).stage_group is None
    assert build_profile([stage, Fact("tnm.n", "N0", ev("nodes.pdf"))]).stage_group == "Stage I"


def test_profile_lists_values_that_rest_on_an_assumption() -> None:
    profile, _ = extract_profile_from_text(
        "Breast, left, mastectomy: invasive ductal carcinoma, 1.5 cm. pT1c pN0 (0/3 sentinel nodes)."
    )
    assert profile.tnm.m == "M0"
    assert "tnm.m" in profile.assumed
    stated, _ = extract_profile_from_text("Invasive ductal carcinoma of the breast. pT1c pN0 M0.")
    assert "tnm.m" not in stated.assumed


def test_assumed_m0_does_not_tell_trials_or_guidance_the_cancer_is_not_metastatic() -> None:
    from onconav.guidance.case import possible_settings, stage_roman
    from onconav.trials.patient import PatientFacts, _from_profile

    profile, _ = extract_profile_from_text(
        "Breast, left, mastectomy: invasive ductal carcinoma, 1.5 cm. pT1c pN0 (0/3 sentinel nodes)."
    )
    facts = PatientFacts(profile)
    _from_profile(profile, facts)
    assert facts.metastatic is None
    assert possible_settings(profile, stage_roman(profile.stage_group)) == {"early", "locally_advanced"}
    profile.assumed = []
    facts = PatientFacts(profile)
    _from_profile(profile, facts)
    assert facts.metastatic is False


def _n_facts(text: str) -> list[Fact]:
    _, facts = extract_profile_from_text(text)
    return [f for f in facts if f.field == "tnm.n"]


def test_no_nodes_examined_assumes_cn0_and_says_so() -> None:
    from onconav.records.extract.assumptions import CN0_ASSUMED

    profile, facts = extract_profile_from_text(
        "Kidney, partial nephrectomy: clear cell renal cell carcinoma, 3.2 cm, confined to the kidney. pT1a."
    )
    n = [f for f in facts if f.field == "tnm.n"]
    assert profile.tnm.n == "N0" and "tnm.n" in profile.assumed
    assert n[0].derived and CN0_ASSUMED in (n[0].rule or "")
    assert profile.stage_group == "Stage I" and CN0_ASSUMED in str(
        next(f.rule for f in facts if f.field == "stage_group")
    )


def test_stated_nx_keeps_its_words_and_staging_uses_cn0() -> None:
    profile, facts = extract_profile_from_text("Clear cell renal cell carcinoma, 5 cm. pT1b pNX.")
    assert {f.value for f in facts if f.field == "tnm.n" and not f.derived} == {"NX"}
    assert profile.tnm.n == "N0"


@pytest.mark.parametrize(
    "text",
    [
        "Invasive ductal carcinoma, 2.2 cm. Metastatic carcinoma in axillary lymph nodes. pT2.",
        "Colon adenocarcinoma, pT3. Lymph nodes: 2 of 15 involved by carcinoma.",
        "Colon adenocarcinoma, pT3 pN1b (2/15).",
        "Skin, left arm, shave biopsy: seborrheic keratosis. Negative for malignancy.",
    ],
)
def test_no_cn0_when_nodes_are_involved_or_no_cancer(text: str) -> None:
    assert not any(f.derived and "cN0" in (f.rule or "") for f in _n_facts(text))
