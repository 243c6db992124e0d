"""AJCC 7th edition stage groups from T, N and M: the tables, open inputs and the assumptions."""

from __future__ import annotations

from typing import Any

import pytest

from onconav.domain import Evidence, Fact
from onconav.records.extract import stage_sites as sites
from onconav.records.extract.derive_m import ASSUMED_M0_RULE, CM0_ASSUMED
from onconav.records.extract.derive_stage import CN0_ASSUMED, _parse, derive_stage, stage_for
from onconav.records.profile import build_profile


def _cat(value: str | None, letter: str) -> tuple[int, str] | None:
    return _parse(value, letter) if value else None


@pytest.mark.parametrize(
    ("table", "t", "n", "m", "extras", "group"),
    [
        (sites.BREAST, "T1c", "N0", 0, {}, "IA"),
        (sites.BREAST, "T1c", "N1mi", 0, {"edition": "7th"}, "IB"),
        (sites.BREAST, "T1c", "N1mi", 0, {}, ""),  # the 6th edition made it IIA
        (sites.BREAST, "T2", "N3a", 0, {}, "IIIC"),
        (sites.LUNG, "T2a", "N0", 0, {}, "IB"),
        (sites.LUNG, "T2", "N0", 0, {}, ""),  # IB for T2a, IIA for T2b
        (sites.LUNG, "T2", "N1", 0, {}, "II"),  # IIA or IIB: the main group only
        (sites.LUNG, "T1b", None, 0, {}, ""),  # N unknown: I to III
        (sites.LUNG, "T4", "N0", 1, {}, "IV"),
        (sites.COLORECTAL, "T4", "N0", 0, {}, "II"),
        (sites.COLORECTAL, "T3", "N2a", 0, {}, "IIIB"),
        (sites.STOMACH, "T4a", "N1", 0, {"edition": "7th"}, "IIIA"),
        (sites.STOMACH, "T3", "N1", 0, {}, ""),  # IIB in the 7th, IIIA in the 6th
        (sites.STOMACH, "T1", "N0", 0, {}, "IA"),
        (sites.ESOPHAGUS, "T2", "N0", 0, {}, ""),  # needs histology, grade and location
        (sites.ESOPHAGUS, "T3", "N0", 0, {"histology": "adeno"}, "II"),
        (sites.ESOPHAGUS, "T2", "N0", 0, {"histology": "adeno", "grade": "3", "edition": "7th"}, "IIA"),
        (sites.ESOPHAGUS, "T3", "N1", 0, {}, "III"),
        (sites.KIDNEY, "T3a", None, 0, {}, "III"),  # the same group for every N
        (sites.KIDNEY, "T1b", "N0", 0, {}, "I"),
        (sites.BLADDER, "T4", "N0", 0, {}, ""),  # T4a III, T4b IV
        (sites.BLADDER, "T2b", "N0", 0, {}, "II"),
        (sites.PANCREAS, "T3", "N1", 0, {}, "IIB"),
        (sites.LIVER, "T3", "N0", 0, {"histology": "hcc"}, "III"),
        (sites.LIVER, "T2", "N1", 0, {"histology": "hcc"}, ""),  # IVA in the 7th, IIIC in the 6th
        (sites.LIVER, "T2", "N0", 0, {}, "II"),
        (sites.BILIARY, "T1", "N0", 0, {}, "I"),
        (sites.BILIARY, "T2", "N0", 0, {}, ""),  # distal bile duct: IB
        (sites.HEAD_NECK, "T2", "N0", 0, {}, "II"),
        (sites.HEAD_NECK, "T3", "N2b", 0, {}, "IVA"),
        (sites.HEAD_NECK, "T4", "N1", 0, {}, "IV"),
        (sites.HEAD_NECK, "T1", "N0", 1, {}, "IVC"),
        (sites.THYROID, "T1b", "N0", 0, {}, "I"),  # I at any age and for any histology
        (sites.THYROID, "T3", "N0", 0, {}, ""),  # I under 45, III from 45
        (sites.THYROID, "T3", "N0", 0, {"histology": "differentiated", "age": "45 or older"}, "III"),
        (sites.THYROID, "T3", "N1b", 0, {"histology": "differentiated", "age": "under 45"}, "I"),
        (sites.THYROID, "T4a", "N0", 0, {"histology": "anaplastic"}, "IVA"),
        (sites.MELANOMA, "T2", "N0", 0, {}, ""),  # IB or IIA
        (sites.MELANOMA, "T3b", "N0", 0, {}, "IIB"),
        (sites.MELANOMA, "T1a", "N1a", 0, {}, "IIIA"),
        (sites.UVEAL, "T4", "N0", 0, {}, "III"),
        (sites.UVEAL, "T1", "N0", 0, {}, ""),
        (sites.PROSTATE, "T2c", "N0", 0, {}, "IIB"),
        (sites.PROSTATE, "T2a", "N0", 0, {"gleason": "7"}, "II"),  # IIA, or IIB with PSA >= 20
        (sites.PROSTATE, "T2a", "N0", 0, {"gleason": "<=6"}, ""),  # PSA decides I or IIA
        (sites.PROSTATE, "T3b", "N0", 0, {}, "III"),
        (sites.CERVIX, "T1b1", "N0", 0, {}, "I"),
        (sites.CERVIX, "T2a", "N1", 0, {}, ""),  # AJCC IIIB, FIGO 2009 II
        (sites.ADRENAL, "T3", "N0", 0, {}, "III"),
        (sites.ADRENAL, "T4", "N0", 0, {}, ""),  # AJCC 7th IV, ENSAT III
        (sites.TESTIS, "T2", "N0", 0, {}, "I"),  # IA, IB or IS: stage I whatever the markers
        (sites.TESTIS, "T1", "N1", 0, {}, ""),  # II or III by the markers
        (sites.TESTIS, "T1", "N0", 1, {}, "III"),
        (sites.MESOTHELIOMA, "T3", "N0", 0, {}, "III"),
        (sites.OVARY, "T3c", "N0", 0, {}, "IIIC"),
        (sites.UTERUS, "T1", "N2", 0, {}, "IIIC2"),
    ],
)
def test_stage_tables(
    table: sites.Table, t: str, n: str | None, m: int, extras: dict[str, str], group: str
) -> None:
    assert stage_for(table, _cat(t, "T"), _cat(n, "N"), m, extras) == group


def _fact(field: str, value: Any, start: int, derived: bool = False, rule: str | None = None) -> Fact:
    ev = Evidence(document="d", page=None, start=start, end=start + 4, text=str(value))
    return Fact(field=field, value=value, evidence=[ev], derived=derived, rule=rule)


def _facts(t: str, n: str | None, m: str = "M0", assumed_m0: bool = True, **more: Any) -> list[Fact]:
    facts = [_fact("tnm.t", t, 10)]
    facts += [_fact("tnm.n", n, 20)] if n else []
    facts.append(_fact("tnm.m", m, 30, derived=assumed_m0, rule=ASSUMED_M0_RULE if assumed_m0 else None))
    facts += [_fact(k.replace("__", "."), v, 40 + i) for i, (k, v) in enumerate(more.items())]
    return facts


def test_assumed_m0_is_marked_and_keeps_the_evidence() -> None:
    (stage,) = derive_stage(_facts("T3", "N1b"), "colon")
    assert stage.value == "Stage IIIB" and stage.derived
    assert CM0_ASSUMED in (stage.rule or "") and "AJCC 7th edition" in (stage.rule or "")
    assert stage.confidence <= 0.4
    assert {e.start for e in stage.evidence} == {10, 20, 30}


def test_stated_m0_gives_a_more_confident_group_without_the_marker() -> None:
    (stage,) = derive_stage(_facts("T2", "N0", assumed_m0=False), "head neck")
    assert stage.value == "Stage II" and CM0_ASSUMED not in (stage.rule or "")
    assert stage.confidence == 0.6


def test_derived_t_lowers_confidence() -> None:
    facts = _facts("T2", "N0", assumed_m0=False)
    facts[0] = _fact("tnm.t", "T2", 10, derived=True, rule="AJCC 7th: size")
    (stage,) = derive_stage(facts, "kidney")
    assert stage.value == "Stage II" and stage.confidence == 0.5


def test_profile_drops_the_group_when_a_metastasis_is_named() -> None:
    facts = _facts("T2", "N0") + derive_stage(_facts("T2", "N0"), "kidney")
    assert build_profile(facts).stage_group == "Stage II"
    facts.append(_fact("metastatic_site", "lung", 90))
    assert build_profile(facts).stage_group is None


def test_no_nodes_examined_assumes_cn0_and_says_so() -> None:
    (stage,) = derive_stage(_facts("T2", "NX"), "bladder")
    assert stage.value == "Stage II" and CN0_ASSUMED in (stage.rule or "")


def test_positive_nodes_without_a_category_give_no_group() -> None:
    assert derive_stage(_facts("T2", None, lymph_nodes__positive=2), "bladder") == []


@pytest.mark.parametrize(
    ("facts", "site"),
    [
        (_facts("T2", "N0", tnm__edition="AJCC 8th"), "colon"),  # 8th edition groups are not here
        (_facts("Tis", "N0"), "breast"),
        (_facts("T0", "N1"), "breast"),
        (_facts("T2", "N0"), None),
        (_facts("T2", "N0"), "brain"),
        (_facts("T2", "N0", histology_code="8720/3"), "stomach"),  # melanoma: not the stomach table
        (_facts("T2", "N0", histology_code="8240/3"), "colon"),  # neuroendocrine tumours differ
        (_facts("T2", "N0", histology_code="8700/3"), "adrenal"),  # pheochromocytoma: no AJCC group
        (_facts("T2", "N0", histology_code="8140/3"), "pleura"),  # only mesothelioma here
        (_facts("T2", "N0", "MX", assumed_m0=False), "colon"),  # no usable M
    ],
)
def test_no_group(facts: list[Fact], site: str | None) -> None:
    assert derive_stage(facts, site) == []


def test_lung_t2_of_at_most_5_cm_is_t2a() -> None:
    (stage,) = derive_stage(_facts("T2", "N0", tumor_size_cm=4.2), "lung")
    assert stage.value == "Stage IB" and any(e.start == 40 for e in stage.evidence)
    assert derive_stage(_facts("T2", "N0", tumor_size_cm=6.0), "lung") == []


def test_a_category_of_one_edition_settles_it() -> None:
    (stage,) = derive_stage(_facts("T4b", "N1"), "stomach")  # T4b exists in the 7th edition only
    assert stage.value == "Stage IIIB"
    (stage,) = derive_stage(_facts("T3", "N1", tnm__edition="AJCC 6th"), "stomach")
    assert stage.value == "Stage IIIA" and "AJCC 6th edition" in (stage.rule or "")


def test_histology_and_grade_settle_esophagus() -> None:
    facts = _facts("T2", "N0", histology_code="8140/3", grade="G1", tnm__edition="AJCC 7th")
    (stage,) = derive_stage(facts, "esophagus")
    assert stage.value == "Stage IB" and any(e.start == 41 for e in stage.evidence)


def test_thyroid_age_fact_is_used() -> None:
    assert derive_stage(_facts("T3", "N0", histology_code="8260/3"), "thyroid") == []
    (stage,) = derive_stage(_facts("T3", "N0", histology_code="8260/3", age=62), "thyroid")
    assert stage.value == "Stage III"
    (stage,) = derive_stage(_facts("T3", "N1b", histology_code="8260/3", age=30), "thyroid")
    assert stage.value == "Stage I"


def test_distant_metastasis_alone_gives_stage_iv() -> None:
    facts = [_fact("tnm.m", "M1", 30, derived=True, rule="AJCC: distant metastasis named -> M1")]
    (stage,) = derive_stage(facts, "pancreas")
    assert stage.value == "Stage IV"
