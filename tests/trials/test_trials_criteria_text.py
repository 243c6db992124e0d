from __future__ import annotations

from onconav.trials.criteria import parse_eligibility
from onconav.trials.criteria_text import clean_text, split_criteria


def test_escapes_and_signs_are_normalised() -> None:
    assert (
        clean_text(r"ANC \>= 1500 and bilirubin =\< 1.5 \[ULN\] 2\^3")
        == "ANC >= 1500 and bilirubin <= 1.5 [ULN] 2^3"
    )
    assert clean_text("age ≥ 18, ≤ 75") == "age >= 18, <= 75"


def test_sections_nested_lists_and_notes() -> None:
    text = (
        "Inclusion Criteria:\n\n1. Age \\>= 18 years\n2. Adequate organ function:\n   * ANC >= 1500/mcL\n"
        "   * Platelets >= 100,000/mcL\nNOTE: transfusions allowed.\n\nExclusion Criteria:\n\n- Pregnancy\n"
    )
    items = split_criteria(text)
    assert [(i.section, i.text) for i in items][:2] == [
        ("inclusion", "Age >= 18 years"),
        ("inclusion", "Adequate organ function:"),
    ]
    assert items[2].parent == "Adequate organ function:"
    assert items[3].text.endswith("NOTE: transfusions allowed.")
    assert items[-1].section == "exclusion" and items[-1].text == "Pregnancy"


def test_any_of_the_following_lists_stay_one_criterion() -> None:
    text = (
        "Inclusion Criteria:\n* Diagnosis of one of the following:\n  * cervical cancer\n"
        "  * anal cancer\n* ECOG 0-1\n"
    )
    items = split_criteria(text)
    assert len(items) == 2 and "anal cancer" in items[0].text


def test_tables_become_rows() -> None:
    text = "Inclusion Criteria:\n| Test | Limit |\n|---|---|\n| ANC | >= 1.5 |\n| Platelets | >= 100 |\n"
    rows = [i.text for i in split_criteria(text)]
    assert rows == ["Test; Limit", "ANC; >= 1.5", "Platelets; >= 100"]


def test_cohort_groups_are_recorded() -> None:
    text = (
        "Inclusion Criteria for Healthy Volunteers:\n* Currently healthy\n"
        "Inclusion Criteria for the Cancer Cohort:\n* Known breast cancer\n"
    )
    crit = parse_eligibility(text)
    assert crit[0].params["group"] != crit[1].params["group"]


def test_kinds_and_numbers() -> None:
    crit = parse_eligibility(
        "Inclusion Criteria:\n* Age \\>= 18 years\n* ECOG performance status 0-1\n* PD-L1 TPS \\>= 50%\n"
        "* Histologically confirmed non-small cell lung cancer\n* Measurable disease per RECIST 1.1\n"
        "Exclusion Criteria:\n* Untreated brain metastases\n* Prior anti-PD-1 therapy\n"
        "* Pregnant or nursing\n"
    )
    kinds = [(c.section[:3], c.kind) for c in crit]
    assert kinds == [
        ("inc", "age"),
        ("inc", "performance"),
        ("inc", "biomarker"),
        ("inc", "cancer_type"),
        ("inc", "measurable"),
        ("exc", "brain_mets"),
        ("exc", "prior_therapy"),
        ("exc", "pregnancy"),
    ]
    assert crit[0].params == {"min": 18} and crit[1].params["ecog_max"] == 1
    assert crit[2].params["markers"][0] == {
        "name": "PD-L1",
        "polarity": "positive",
        "threshold": (">=", 50.0),
    }


def test_odd_text_never_crashes() -> None:
    for text in ["", "   ", "\\\\\\", "* * *", "|||", "Inclusion Criteria:", "1.\n2.\n- \n", "x" * 5000]:
        assert isinstance(parse_eligibility(text), list)
