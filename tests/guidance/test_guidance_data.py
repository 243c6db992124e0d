"""Guidance YAML: loader behaviour, schema errors, and quality gates over the real files."""

from __future__ import annotations

import csv
import os
import re
import shutil
from pathlib import Path

import pytest
import yaml

from onconav.config import PROJECT_ROOT
from onconav.errors import InputError
from onconav.guidance.data import CATEGORIES, GuidanceData, load_guidance

PACK = PROJECT_ROOT / "knowledge"
GUIDE = PACK / "guidance"
REQUIRED_TYPES = {
    "breast": {"BRCA", "IDC", "ILC"},
    "lung": {"NSCLC", "LUAD", "LUSC"},
    "colorectal": {"COAD", "READ", "COADREAD"},
    "pancreas": {"PAAD"},
    "ampullary": {"AMPCA"},
    "biliary": {"CHOL", "GBC"},
    "gastric": {"STAD", "ESCA", "EGC"},
    "ovarian": {"HGSOC", "OVT"},
    "endometrial": {"UCEC"},
    "prostate": {"PRAD"},
    "melanoma": {"MEL", "SKCM"},
    "bladder": {"BLCA"},
    "thyroid": {"THPA"},
    "glioma": {"GB", "ASTR", "ODG"},
    "aml": {"AML"},
    "cll": {"CLLSLL"},
    "cml": {"CML"},
    "gist": {"GIST"},
    "head_neck": {"HNSC", "OPHSC"},
    "cervical": {"CESC"},
    "kidney": {"CCRCC", "RCC"},
}


@pytest.fixture(scope="module")
def data() -> GuidanceData:
    return load_guidance(PACK)


def _copy_pack(tmp_path: Path) -> Path:
    dest = tmp_path / "pack" / "guidance"
    shutil.copytree(GUIDE, dest)
    return dest.parent


# ------------------------------------------------------------------ loader behaviour


def test_loads_every_table(data: GuidanceData) -> None:
    assert data.biomarkers and data.checklist and data.questions
    assert data.specialists and data.urgency and data.centers
    assert data.version


def test_tests_for_exact_code_then_fallback(data: GuidanceData) -> None:
    lung = {t.id for t in data.tests_for("LUAD")}
    assert {"egfr", "alk", "pd_l1"} <= lung
    assert data.tests_for("NOT_A_CODE") == []
    assert [t.id for t in data.tests_for("NOT_A_CODE", ["idc"])] == [t.id for t in data.tests_for("BRCA")]


def test_specialists_for_code_and_default(data: GuidanceData) -> None:
    roles = [s.role for s in data.specialists_for("PAAD").specialists]
    assert any("HPB" in r or "pancrea" in r.lower() for r in roles)
    assert data.specialists_for("ZZZ").cancer_types == ["default"]


def test_urgency_by_code_situation_and_default(data: GuidanceData) -> None:
    assert "acute_myeloid_leukemia" in [e.id for e in data.urgency_for("AML")]
    by_text = data.urgency_for("LUAD", ["sudden leg weakness from spinal cord compression"])
    assert by_text[0].id == "spinal_cord_compression"
    assert [e.id for e in data.urgency_for("LUAD", [])] == ["default"]
    assert [e.id for e in data.urgency_for(None, ["I have small questions"])] == ["default"]


def test_cache_reuses_then_reloads_after_change(tmp_path: Path) -> None:
    pack = _copy_pack(tmp_path)
    first = load_guidance(pack)
    assert load_guidance(pack) is first
    path = pack / "guidance" / "questions.yaml"
    path.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert load_guidance(pack) is not first


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    pack = _copy_pack(tmp_path)
    (pack / "guidance" / "urgency.yaml").unlink()
    with pytest.raises(InputError, match="urgency.yaml"):
        load_guidance(pack)


def test_broken_yaml_names_the_file(tmp_path: Path) -> None:
    pack = _copy_pack(tmp_path)
    (pack / "guidance" / "specialists.yaml").write_text("entries: [unclosed\n", encoding="utf-8")
    with pytest.raises(InputError, match="specialists.yaml"):
        load_guidance(pack)


def test_invalid_entry_names_file_and_entry(tmp_path: Path) -> None:
    pack = _copy_pack(tmp_path)
    path = pack / "guidance" / "questions.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    raw["questions"][3]["category"] = "gossip"
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    expected = r"questions\.yaml: questions\[3\] \(dx_pathology_review\).*category"
    with pytest.raises(InputError, match=expected):
        load_guidance(pack)


def test_non_canonical_biomarker_name_is_rejected(tmp_path: Path) -> None:
    pack = _copy_pack(tmp_path)
    path = pack / "guidance" / "biomarkers.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    raw["cancer_types"][0]["tests"][0]["profile_names"] = ["estrogen receptor"]
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    with pytest.raises(InputError, match=r"biomarkers\.yaml: cancer_types\[0\].*tests\[er_pr\]"):
        load_guidance(pack)


def test_entry_without_sources_is_rejected(tmp_path: Path) -> None:
    pack = _copy_pack(tmp_path)
    path = pack / "guidance" / "records_checklist.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    raw["items"][0]["sources"] = []
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    expected = r"records_checklist\.yaml: items\[0\] \(pathology_report\).*sources"
    with pytest.raises(InputError, match=expected):
        load_guidance(pack)


# ------------------------------------------------------------------ content gates


def test_required_cancer_types_have_biomarker_tests(data: GuidanceData) -> None:
    missing = {n: codes for n, codes in REQUIRED_TYPES.items() if not all(data.tests_for(c) for c in codes)}
    assert missing == {}


def test_checklist_covers_second_opinion_records(data: GuidanceData) -> None:
    ids = {i.id for i in data.checklist}
    wanted = {
        "pathology_report",
        "pathology_slides",
        "imaging_reports",
        "imaging_files",
        "operative_notes",
        "labs_tumor_markers",
        "genomic_reports",
        "treatment_plan",
        "medication_list",
        "visit_notes",
        "discharge_summaries",
        "radiation_summary",
        "insurance_referral",
        "history_and_questions",
    }
    assert wanted <= ids


def test_questions_volume_and_categories(data: GuidanceData) -> None:
    assert len(data.questions) >= 80
    assert {q.category for q in data.questions} == set(CATEGORIES)
    differ = [q for q in data.questions if q.triggers.opinions_differ]
    assert len(differ) >= 8
    texts = " ".join(q.text.lower() for q in data.questions)
    for phrase in ("tumor board", "third opinion", "guidelines", "review my case together", "read my"):
        assert phrase in texts, phrase


def test_acute_conditions_say_do_not_wait(data: GuidanceData) -> None:
    for code in ("AML", "APLPMLRARA", "BLL", "TLL", "BL"):
        entries = data.urgency_for(code)
        assert entries[0].id != "default" and entries[0].do_not_wait, code
        wording = entries[0].usual_wait.lower()
        assert re.search(r"do not|not wait|emergency|within days|should not", wording), code
    for situation in ("spinal cord compression", "superior vena cava syndrome", "bowel obstruction"):
        assert data.urgency_for(None, [situation])[0].id != "default", situation


def test_every_entry_has_a_named_source(data: GuidanceData) -> None:
    groups = [t for g in data.biomarkers for t in g.tests] + data.checklist + data.questions + data.urgency
    assert all(e.sources for e in groups) and all(e.sources for e in data.specialists)
    nccn = [s for t in groups for s in t.sources if "NCCN" in s.title]
    assert nccn and all(s.year >= 2024 for s in nccn)


@pytest.mark.shared_data
def test_every_code_is_an_oncotree_code(data: GuidanceData, shared_data: Path) -> None:
    with (shared_data / "terminology" / "oncotree_2025_10_03_flat.csv").open(encoding="utf-8") as fh:
        codes = {row["code"] for row in csv.DictReader(fh)}
    used = {c for g in data.biomarkers for c in g.codes}
    used |= {c for e in data.specialists for c in e.cancer_types if c != "default"}
    used |= {c for e in data.urgency for c in e.cancer_types}
    used |= {c for q in data.questions for c in q.triggers.cancer_types}
    used |= {c for i in data.checklist for c in i.essential_for.cancer_types if c != "all"}
    assert sorted(used - codes) == []
