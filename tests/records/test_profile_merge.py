"""Merging facts from several documents: newer wins, pathology wins for histology, conflicts kept."""

from __future__ import annotations

from onconav.domain import Evidence, Fact
from onconav.records.profile import build_profile


def _f(field: str, value: object, doc: str, date: str | None = None, derived: bool = False) -> Fact:
    return Fact(
        field=field, value=value, evidence=[Evidence(doc, 1, 0, 3, "abc")], source_date=date, derived=derived
    )


def test_newer_beats_older_and_conflict_flagged() -> None:
    old = _f("stage_group", "Stage II", "a.pdf", "2022-01-01")
    new = _f("stage_group", "Stage III", "b.pdf", "2023-05-01")
    p = build_profile([old, new])
    assert p.stage_group == "Stage III"
    assert old.conflict and new.conflict


def test_pathology_beats_imaging_for_histology() -> None:
    img = _f("histology", "Adenocarcinoma", "ct.pdf", "2024-01-01")
    path = _f("histology", "Squamous cell carcinoma", "path.pdf", "2023-01-01")
    p = build_profile([img, path], {"ct.pdf": "imaging_report", "path.pdf": "pathology_report"})
    assert p.histology == "Squamous cell carcinoma"
    assert img.conflict and path.conflict


def test_stated_beats_derived() -> None:
    p = build_profile([_f("tnm.t", "T1c", "a", derived=True), _f("tnm.t", "T2", "a")])
    assert p.tnm.t == "T2"


def test_same_value_no_conflict_and_biomarkers_merge() -> None:
    a = _f("tnm.n", "N0", "a.pdf")
    b = _f("tnm.n", "N0", "b.pdf")
    er1 = _f(
        "biomarker",
        {"name": "ER", "result": "positive", "value": "90%", "method": "IHC"},
        "a.pdf",
        "2020-01-01",
    )
    er2 = _f(
        "biomarker",
        {"name": "ER", "result": "negative", "value": "0%", "method": "IHC"},
        "b.pdf",
        "2021-01-01",
    )
    p = build_profile([a, b, er1, er2])
    assert p.tnm.n == "N0" and not a.conflict
    assert [x.result for x in p.biomarkers] == ["negative"]
    assert er1.conflict and er2.conflict


def test_empty() -> None:
    assert build_profile([]).is_empty()


def test_conflicts_ignore_case_and_spacing() -> None:
    a = _f("primary_site", "breast", "a.pdf")
    b = _f("primary_site", "Breast", "b.pdf")
    c = _f("histology", "Invasive ductal carcinoma", "a.pdf")
    d = _f("histology", "invasive  ductal carcinoma.", "b.pdf")
    p = build_profile([a, b, c, d])
    assert p.primary_site in ("breast", "Breast")
    assert not any(f.conflict for f in (a, b, c, d))


def test_real_conflicts_still_flagged_and_biomarker_names_merge_across_case() -> None:
    a = _f("primary_site", "breast", "a.pdf")
    b = _f("primary_site", "lung", "b.pdf")
    k1 = _f("biomarker", {"name": "KRAS", "result": "Mutated", "value": "G12D", "method": None}, "a.pdf")
    k2 = _f("biomarker", {"name": "kras", "result": "mutated", "value": "G12D", "method": None}, "b.pdf")
    p = build_profile([a, b, k1, k2])
    assert a.conflict and b.conflict
    assert len([m for m in p.biomarkers if m.name.upper() == "KRAS"]) == 1
    assert not k1.conflict and not k2.conflict


def test_a_result_beats_a_newer_pending_test() -> None:
    done = _f(
        "biomarker",
        {"name": "EGFR", "result": "mutated", "value": "L858R", "method": "NGS"},
        "g.pdf",
        "2024-01-01",
    )
    pending = _f(
        "biomarker",
        {"name": "EGFR", "result": "pending", "value": None, "method": None},
        "n.pdf",
        "2024-03-01",
    )
    p = build_profile([done, pending])
    egfr = next(m for m in p.biomarkers if m.name == "EGFR")
    assert egfr.result == "mutated" and egfr.value == "L858R"


def test_hospital_age_sex_and_ecog_reach_the_profile() -> None:
    p = build_profile(
        [
            _f("hospital", "Lakeview Regional Medical Center", "path.txt"),
            _f("age", 64, "fhir.json"),
            _f("sex", "female", "fhir.json"),
            _f("ecog", 1, "fhir.json"),
        ]
    )
    assert p.hospital == "Lakeview Regional Medical Center"
    assert (p.age, p.sex, p.ecog) == (64, "female", 1)
