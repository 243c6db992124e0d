"""Stated stage groups: real stage statements are read; look-alikes are not."""

from __future__ import annotations

import pytest

from onconav.records.extract import extract_facts


def _stated_stage(text: str) -> str | None:
    facts = [f for f in extract_facts(text, "doc") if f.field == "stage_group" and not f.derived]
    return str(facts[0].value) if facts else None


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        ("Invasive ductal carcinoma of the breast. Pathologic stage: IIA (AJCC 7th).", "Stage IIA"),
        ("Colon adenocarcinoma. Stage group: III B.", "Stage IIIB"),
        ("Testis, orchiectomy: seminoma. Stage IS (markers elevated).", "Stage IS"),
    ],
)
def test_stated_stage_is_read(text: str, stage: str) -> None:
    assert _stated_stage(text) == stage


@pytest.mark.parametrize(
    "text",
    [
        "Lung adenocarcinoma, 3.5 cm. THE PATHOLOGIC STAGE IS T2 N0 MX.",  # "is" is a verb here
        "Hepatocellular carcinoma. Background liver: chronic hepatitis C, grade 2/4, stage 4/4.",
        "Hepatocellular carcinoma. Trichrome highlights stage 3 fibrosis in the background liver.",
        "Breast carcinoma. Grade: 2. T Stage: 2 N Stage: 2a M Stage: 0.",  # N stage field, not a group
        "Invasive carcinoma, 1.2 cm, pT1c. The assay is validated for stage II, node-positive disease.",
        "Clinical history: bladder cancer, stage 3. Diagnosis: urothelial carcinoma invading muscle, pT2a.",
    ],
)
def test_look_alikes_are_not_a_stated_stage(text: str) -> None:
    assert _stated_stage(text) is None


def test_clinical_stage_kept_when_the_report_has_no_pathologic_staging() -> None:
    text = "Clinical history: left breast cancer, clinical stage IIB. Core biopsy."
    assert _stated_stage(text) == "Stage IIB"
