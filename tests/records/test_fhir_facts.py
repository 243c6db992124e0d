"""FHIR to facts: synthetic mCODE-style resources, every Synthea bundle and the mCODE samples."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from onconav.domain import Fact
from onconav.records.fhir import fhir_facts
from onconav.records.model import ParsedDocument
from onconav.records.parsers import parse_bytes, parse_file

SCT, LOINC = "http://snomed.info/sct", "http://loinc.org"


def _cc(system: str, code: str, display: str | None = None) -> dict[str, object]:
    coding: dict[str, str] = {"system": system, "code": code}
    if display:
        coding["display"] = display
    return {"coding": [coding]}


RESOURCES = [
    {"resourceType": "Patient", "gender": "female", "birthDate": "1960-01-01", "name": [{"family": "Doe"}]},
    {
        "resourceType": "Condition",
        "id": "ca",
        "code": _cc(SCT, "408643008", "Infiltrating duct carcinoma of breast"),
        "bodySite": [{"text": "Left breast"}],
        "onsetDateTime": "2022-03-04",
        "extension": [
            {
                "url": "http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-histology-morphology-behavior",
                "valueCodeableConcept": _cc(
                    SCT, "82711006", "Infiltrating duct carcinoma (morphologic abnormality)"
                ),
            }
        ],
    },
    {
        "resourceType": "Condition",
        "meta": {"profile": ["http://x/mcode-secondary-cancer-condition"]},
        "code": _cc(SCT, "94381002", "Secondary malignant neoplasm of liver (disorder)"),
    },
    {"resourceType": "Condition", "code": _cc(SCT, "38341003", "Hypertension")},
    {
        "resourceType": "Observation",
        "code": _cc(SCT, "384625004", "pT category"),
        "valueCodeableConcept": _cc(SCT, "x", "American Joint Committee on Cancer pT2 (qualifier value)"),
    },
    {"resourceType": "Observation", "code": _cc(LOINC, "21900-6"), "valueCodeableConcept": {"text": "pN1a"}},
    {
        "resourceType": "Observation",
        "code": _cc(LOINC, "21902-2"),
        "valueCodeableConcept": _cc(SCT, "x", "Stage 2B"),
    },
    {
        "resourceType": "Observation",
        "code": _cc(LOINC, "85337-4", "Estrogen receptor Ag by Immune stain"),
        "valueCodeableConcept": _cc(SCT, "10828004", "Positive (qualifier value)"),
        "effectiveDateTime": "2022-03-10",
    },
    {"resourceType": "Observation", "code": {"text": "HER2 by FISH"}, "valueString": "not amplified"},
    {
        "resourceType": "Observation",
        "code": _cc(LOINC, "69548-6"),
        "valueCodeableConcept": _cc(LOINC, "LA9633-4"),
        "component": [
            {
                "code": _cc(LOINC, "48018-6"),
                "valueCodeableConcept": _cc("http://www.genenames.org", "HGNC:8975"),
            },
            {"code": _cc(LOINC, "48005-3"), "valueCodeableConcept": {"text": "p.H1047R"}},
        ],
    },
    {"resourceType": "Observation", "code": _cc(LOINC, "89247-1"), "valueInteger": 1},
    {"resourceType": "Observation", "code": _cc(LOINC, "89247-1"), "valueInteger": 9},
    {
        "resourceType": "MedicationStatement",
        "medicationCodeableConcept": {"text": "Letrozole 2.5 MG Oral Tablet"},
        "effectivePeriod": {"start": "2022-05-01", "end": "2023-05-01"},
    },
    {"resourceType": "MedicationRequest", "medicationCodeableConcept": {"text": "Amoxicillin 250 MG"}},
    {
        "resourceType": "Procedure",
        "code": _cc(SCT, "392021009", "Lumpectomy of breast (procedure)"),
        "performedDateTime": "2022-04-01",
    },
    {
        "resourceType": "Procedure",
        "code": {"text": "Radiation therapy to breast"},
        "performedPeriod": {"start": "2022-06-01", "end": "2022-07-01"},
    },
]


def _facts(resources: list[object]) -> tuple[ParsedDocument, list[Fact]]:
    data = json.dumps({"resourceType": "Bundle", "entry": [{"resource": r} for r in resources]}).encode()
    doc = parse_bytes(data, "portal.json")
    return doc, fhir_facts(doc)


def _values(facts: list[Fact], field: str) -> list[object]:
    return [f.value for f in facts if f.field == field]


def test_synthetic_bundle_maps_every_kind_of_resource() -> None:
    doc, facts = _facts(RESOURCES)
    assert _values(facts, "cancer_type") == [
        {"name": "Breast Invasive Ductal Carcinoma", "oncotree_code": "IDC"}
    ]
    assert _values(facts, "primary_site") == ["Left breast"] and _values(facts, "laterality") == ["left"]
    assert _values(facts, "histology") == ["Infiltrating duct carcinoma"]
    assert _values(facts, "metastatic_site") == ["liver"]
    assert _values(facts, "tnm.t") == ["T2"] and _values(facts, "tnm.n") == ["N1a"]
    assert _values(facts, "tnm.prefix") == ["p"]
    assert _values(facts, "stage_group") == ["IIB"]
    biomarkers = {b["name"]: b for b in _values(facts, "biomarker")}  # type: ignore[index]
    assert biomarkers["ER"] == {"name": "ER", "result": "positive", "value": None, "method": "IHC"}
    assert biomarkers["HER2"]["result"] == "not amplified" and biomarkers["HER2"]["method"] == "FISH"
    assert biomarkers["PIK3CA"] == {
        "name": "PIK3CA",
        "result": "mutated",
        "value": "p.H1047R",
        "method": None,
    }
    assert _values(facts, "ecog") == [1]  # the invalid score 9 gives no fact
    treatments = {t["name"]: t for t in _values(facts, "treatment")}  # type: ignore[index]
    assert treatments["letrozole"] == {
        "type": "hormone",
        "name": "letrozole",
        "start": "2022-05-01",
        "end": "2023-05-01",
    }
    assert treatments["Lumpectomy of breast"]["type"] == "surgery"
    assert treatments["Radiation therapy to breast"]["type"] == "radiation"
    assert "Amoxicillin 250 MG" not in treatments
    assert _values(facts, "sex") == ["female"]
    assert _values(facts, "age") == [
        date.today().year - 1960 - (date.today() < date(date.today().year, 1, 1))
    ]
    assert {"event": "diagnosis", "date": "2022-03-04"} in _values(facts, "date")


def test_evidence_points_at_the_rendered_line() -> None:
    doc, facts = _facts(RESOURCES)
    for fact in facts:
        assert fact.evidence, fact.field
        for ev in fact.evidence:
            page = doc.pages[(ev.page or 1) - 1]
            assert page.text[ev.start : ev.end] == ev.text
            assert ev.document == "portal.json"
    names = " ".join(e.text for f in facts for e in f.evidence)
    assert "Doe" not in names


def test_repeated_medications_merge_into_one_treatment() -> None:
    meds = [
        {
            "resourceType": "MedicationRequest",
            "medicationCodeableConcept": {"text": "Paclitaxel 100 MG Injection"},
            "authoredOn": d,
        }
        for d in ("2021-01-05", "2021-01-26", "2021-02-16")
    ]
    _, facts = _facts(meds)
    (treatment,) = [f for f in facts if f.field == "treatment"]
    assert treatment.value == {
        "type": "chemotherapy",
        "name": "paclitaxel",
        "start": "2021-01-05",
        "end": "2021-02-16",
    }
    assert len(treatment.evidence) == 3


def test_garbage_fields_are_tolerated() -> None:
    junk = [
        {"resourceType": "Condition", "code": "breast cancer", "onsetDateTime": {"x": 1}},
        {"resourceType": "Observation", "code": {"coding": "HER2"}, "valueInteger": True},
        {"resourceType": "Patient", "birthDate": "not a date", "gender": 7},
        {"resourceType": "Procedure", "code": {"coding": [None, 3, {"display": None}]}},
        {"resourceType": "MedicationStatement", "medicationCodeableConcept": []},
    ]
    _, facts = _facts(junk)
    assert facts == []


def test_document_without_resources_has_no_facts() -> None:
    assert fhir_facts(ParsedDocument(file="x.txt", media_type="text/plain")) == []


@pytest.fixture(scope="module")
def synthea(shared_data: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in (shared_data / "fhir/synthea/index.jsonl").read_text().splitlines()]


_EXPECTED = {"prostate": "PRAD", "colon": "COAD"}


def test_every_synthea_bundle_gives_its_cancer_type(
    shared_data: Path, synthea: list[dict[str, object]]
) -> None:
    agree = 0
    for entry in synthea:
        doc = parse_file(shared_data / "fhir/synthea" / str(entry["file"]))
        facts = fhir_facts(doc)
        found = {f.value["oncotree_code"] for f in facts if f.field == "cancer_type"}
        displays = " ".join(c["display"] for c in entry["cancer_conditions"]).lower()  # type: ignore[attr-defined]
        expected = {code for word, code in _EXPECTED.items() if word in displays}
        assert found == expected, entry["file"]
        agree += 1
        assert doc.kind == "fhir_bundle" and any(f.field == "sex" for f in facts)
    assert agree == len(synthea) == 12


@pytest.mark.parametrize(
    ("name", "cancer"),
    [
        ("app_TrialMatching_Patient01.json", "IDC"),
        ("app_TrialMatching_Patient02.json", "IDC"),
        ("service_spec_patient_data.json", "BRCA"),
        ("service_spec_eom_patient_1.json", "BRCA"),
        ("service_spec_patient_data_missing_histology_morph.json", "BRCA"),
        ("service_spec_patient_data_missing_birthdate_invalid_ecog_karnofsky.json", "BRCA"),
        ("bct_spec_patient_data.json", "BRCA"),
        ("app_query.json", "BRCA"),
    ],
)
def test_mcode_patients(shared_data: Path, name: str, cancer: str) -> None:
    facts = fhir_facts(parse_file(shared_data / "fhir/mcode" / name))
    assert {f.value["oncotree_code"] for f in facts if f.field == "cancer_type"} == {cancer}
    for f in facts:
        if f.field == "ecog":
            assert 0 <= f.value <= 5


def test_mcode_staging_and_biomarkers(shared_data: Path) -> None:
    facts = fhir_facts(parse_file(shared_data / "fhir/mcode/service_spec_eom_patient_1.json"))
    assert (
        _values(facts, "tnm.t") == ["T3"]
        and _values(facts, "tnm.n") == ["N3"]
        and _values(facts, "tnm.m") == ["M0"]
    )
    assert _values(facts, "stage_group") == ["IV"] and _values(facts, "ecog") == [3]
    assert "lung" in _values(facts, "metastatic_site")
    ers = {
        (b["result"], f.source_date)
        for f in facts
        if f.field == "biomarker" and (b := f.value)["name"] == "ER"
    }
    assert ers == {("positive", "2018-03-10"), ("negative", "2022-01-02")}


def test_mcode_broken_files(shared_data: Path) -> None:
    broken = parse_file(
        shared_data / "fhir/mcode/service_spec_patient_data_missing_birthdate_invalid_ecog_karnofsky.json"
    )
    facts = fhir_facts(broken)
    assert not _values(facts, "age") and not _values(facts, "ecog") and not _values(facts, "karnofsky")
    empty = parse_file(shared_data / "fhir/mcode/service_spec_patient_data_empty-cgv.json")
    assert empty.warnings and [b["name"] for b in _values(fhir_facts(empty), "biomarker")] == ["STK11"]  # type: ignore[index]


def test_mcode_value_sets_are_not_fhir(shared_data: Path) -> None:
    from onconav.errors import InputError

    with pytest.raises(InputError, match="not FHIR"):
        parse_file(shared_data / "fhir/mcode/app_elements_biomarkers.json")
