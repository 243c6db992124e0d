"""FHIR biomarker Observations: not done, pending, indeterminate or negative never become positive."""

from __future__ import annotations

import json
from typing import Any

import pytest

from onconav.records.fhir import fhir_facts
from onconav.records.parsers import parse_bytes

SCT, LOINC, HGNC = "http://snomed.info/sct", "http://loinc.org", "http://www.genenames.org"
POSITIVE = {"positive", "mutated", "detected", "amplified", "high"}


def _cc(system: str, code: str, display: str | None = None) -> dict[str, Any]:
    coding: dict[str, str] = {"system": system, "code": code}
    if display:
        coding["display"] = display
    return {"coding": [coding]}


def _biomarkers(*observations: dict[str, Any]) -> dict[str, dict[str, Any]]:
    bundle = {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [
            {"resource": {"resourceType": "Observation", "status": "final", **o}} for o in observations
        ],
    }
    doc = parse_bytes(json.dumps(bundle).encode(), "portal.json")
    return {f.value["name"]: f.value for f in fhir_facts(doc) if f.field == "biomarker"}


@pytest.mark.parametrize(
    ("obs", "name", "expected"),
    [
        ({"code": {"text": "BRAF V600E mutation"}, "valueString": "Not tested"}, "BRAF", "not tested"),
        (
            {"code": {"text": "KRAS mutation analysis"}, "valueString": "No mutation detected"},
            "KRAS",
            "wild-type",
        ),
        ({"code": {"text": "EGFR mutation"}, "valueString": "Pending"}, "EGFR", "pending"),
        ({"code": {"text": "ALK rearrangement by FISH"}, "valueString": "Not detected"}, "ALK", "negative"),
        ({"code": {"text": "EGFR mutation"}, "valueString": "Insufficient specimen"}, "EGFR", "insufficient"),
        (
            {"code": {"text": "BRAF mutation"}, "dataAbsentReason": _cc("x", "not-performed")},
            "BRAF",
            "not tested",
        ),
        ({"code": {"text": "KRAS mutation"}, "status": "registered"}, "KRAS", "pending"),
        (
            {
                "code": {"text": "KRAS mutation"},
                "valueCodeableConcept": _cc(SCT, "82334004", "Indeterminate"),
            },
            "KRAS",
            "indeterminate",
        ),
        (
            {
                "code": {"text": "BRAF mutation"},
                "valueCodeableConcept": _cc(SCT, "260415000", "Not detected"),
            },
            "BRAF",
            "wild-type",
        ),
        (
            {"code": _cc(LOINC, "48676-1", "HER2"), "valueString": "Equivocal (2+)"},
            "HER2",
            "equivocal",
        ),
    ],
)
def test_fhir_not_done_or_negative_is_never_positive(obs: dict[str, Any], name: str, expected: str) -> None:
    got = _biomarkers(obs)[name]
    assert got["result"] == expected and got["result"] not in POSITIVE


def test_fhir_variant_with_no_call_is_not_mutated() -> None:
    variant = {
        "code": _cc(LOINC, "69548-6", "Genetic variant assessment"),
        "valueString": "Test failed",
        "component": [
            {"code": _cc(LOINC, "48018-6"), "valueCodeableConcept": _cc(HGNC, "HGNC:1097", "BRAF")},
            {"code": _cc(LOINC, "48005-3"), "valueString": "p.V600E"},
        ],
    }
    got = _biomarkers(variant)["BRAF"]
    assert got["result"] == "failed" and got["value"] is None


def test_fhir_positive_results_still_read() -> None:
    got = _biomarkers(
        {
            "code": _cc(LOINC, "85337-4", "Estrogen receptor"),
            "valueCodeableConcept": _cc(SCT, "10828004", "Positive (qualifier value)"),
        },
        {"code": {"text": "KRAS mutation"}, "valueString": "G12D mutation detected"},
    )
    assert got["ER"]["result"] == "positive"
    assert got["KRAS"]["result"] == "mutated"
