"""FHIR JSON parsing: bundles, single resources, arrays and NDJSON; JSON that is not FHIR refused."""

from __future__ import annotations

import json

import pytest

from onconav.errors import InputError
from onconav.records.parsers import parse_bytes

PATIENT = {
    "resourceType": "Patient",
    "id": "p1",
    "gender": "female",
    "birthDate": "1970-05-02",
    "name": [{"family": "Example", "given": ["Jane"]}],
    "address": [{"city": "Springfield"}],
}
CONDITION = {
    "resourceType": "Condition",
    "id": "c1",
    "code": {
        "coding": [
            {
                "system": "http://snomed.info/sct",
                "code": "254837009",
                "display": "Malignant neoplasm of breast (disorder)",
            }
        ]
    },
    "onsetDateTime": "2023-02-01",
}


def _bundle(*resources: object) -> bytes:
    return json.dumps(
        {"resourceType": "Bundle", "type": "collection", "entry": [{"resource": r} for r in resources]}
    ).encode()


def test_bundle_is_rendered_without_names() -> None:
    doc = parse_bytes(_bundle(PATIENT, CONDITION), "export.json")
    assert doc.kind == "fhir_bundle" and len(doc.fhir_resources) == 2
    text = doc.pages[0].text
    assert "Patient: sex female; born 1970-05-02" in text
    assert "Malignant neoplasm of breast (disorder) [SNOMED 254837009]" in text
    assert "Example" not in text and "Jane" not in text and "Springfield" not in text
    assert doc.document_date == "2023-02-01"


def test_single_resource_array_and_ndjson() -> None:
    assert len(parse_bytes(json.dumps(CONDITION).encode(), "c.json").fhir_resources) == 1
    assert len(parse_bytes(json.dumps([PATIENT, CONDITION]).encode(), "a.json").fhir_resources) == 2
    ndjson = (json.dumps(PATIENT) + "\n" + json.dumps(CONDITION) + "\n").encode()
    assert len(parse_bytes(ndjson, "export.ndjson").fhir_resources) == 2


def test_long_bundles_are_split_into_pages() -> None:
    observations = [
        {"resourceType": "Observation", "code": {"text": f"Test {i}"}, "valueString": "ok"}
        for i in range(400)
    ]
    doc = parse_bytes(_bundle(*observations), "many.json")
    assert len(doc.pages) == 3 and doc.pages[2].number == 3


def test_entries_without_resources_are_counted_not_fatal() -> None:
    data = json.dumps(
        {"resourceType": "Bundle", "entry": [{"fullUrl": "x"}, {"resource": CONDITION}, 5]}
    ).encode()
    doc = parse_bytes(data, "partial.json")
    assert len(doc.fhir_resources) == 1
    assert any("2 bundle entries" in w for w in doc.warnings)


def test_wrong_types_everywhere_do_not_crash() -> None:
    weird = {
        "resourceType": "Observation",
        "code": ["not", "a", "concept"],
        "valueQuantity": "12",
        "component": {"code": 5},
        "effectiveDateTime": 20200101,
        "interpretation": "POS",
    }
    doc = parse_bytes(
        _bundle(weird, {"resourceType": "Condition", "code": None, "bodySite": "left"}), "odd.json"
    )
    assert "Observation: unnamed" in doc.pages[0].text


@pytest.mark.parametrize(
    "payload",
    [{"name": "not fhir"}, [1, 2, 3], [{"code": "x"}], "just a string", 42],
)
def test_json_that_is_not_fhir(payload: object) -> None:
    with pytest.raises(InputError, match="not FHIR"):
        parse_bytes(json.dumps(payload).encode(), "data.json")


def test_invalid_json_named_json() -> None:
    with pytest.raises(InputError, match="not valid JSON"):
        parse_bytes(b'{"resourceType": "Bundle", ', "broken.json")


def test_deeply_nested_json() -> None:
    with pytest.raises(InputError):
        parse_bytes(b"[" * 100_000 + b"]" * 100_000, "deep.json")
