"""Age statements in reports, and the thyroid stage group that needs them."""

from __future__ import annotations

import pytest

from onconav.records.extract import extract_facts, extract_profile_from_text


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("The patient is a 52-year-old woman with a thyroid nodule.", 52),
        ("History: 67 year old man, smoker.", 67),
        ("Age: 38  Sex: F", 38),
        ("Specimen from a patient aged 61.", 61),
        ("70 y/o male with hematuria.", 70),
    ],
)
def test_age_is_read(text: str, age: int) -> None:
    facts = [f for f in extract_facts(text + " Invasive carcinoma.", "doc") if f.field == "age"]
    assert [f.value for f in facts] == [age]
    assert str(age) in facts[0].evidence[0].text


@pytest.mark.parametrize(
    "text",
    [
        "Symptoms began 3 years ago. Tumor 2.5 cm.",
        "Ki-67 index: 40%. Age of the specimen: unknown.",
        "Estrogen receptor: 90% (age: 90%).",
        "Follow-up of 5 years showed no recurrence.",
    ],
)
def test_no_age_from_other_numbers(text: str) -> None:
    assert not [f for f in extract_facts(text + " Invasive carcinoma.", "doc") if f.field == "age"]


def test_thyroid_stage_group_uses_the_age() -> None:
    report = "Thyroid, total thyroidectomy: papillary thyroid carcinoma, 3.5 cm. pT3 pN1a. "
    older, _ = extract_profile_from_text(report + "The patient is a 52-year-old woman.")
    younger, _ = extract_profile_from_text(report + "The patient is a 38-year-old woman.")
    assert older.age == 52 and older.stage_group == "Stage III"
    assert younger.age == 38 and younger.stage_group == "Stage I"
