"""Derived T on scanned (OCR) text: damaged sizes and words, form questions, line breaks, precision."""

from __future__ import annotations

import pytest

from onconav.records.extract.base import Source
from onconav.records.extract.derive_common import answer
from onconav.records.extract.derive_t import derive_t
from onconav.records.extract.invasion import extract_invasion
from onconav.records.extract.size import tumor_size


def _t(text: str, site: str, edition: str | None = None) -> str | None:
    facts = derive_t(text, Source("r"), site, edition)
    assert all(f.derived and f.rule and f.confidence <= 0.6 for f in facts)
    return facts[0].value if facts else None


@pytest.mark.parametrize(
    ("text", "cm"),
    [
        ("Tumor size: 4.5 em in greatest dimension.", 4.5),  # "em" read for "cm"
        ("Tumor size: 3.0 crn.", 3.0),
        ("Tumor sjze: approximately S.8 x 4.0 x 2.9 em", 5.8),  # S for 5, damaged "size"
        ("TUMOR SIZE: 2 .8 cm", 2.8),  # a space before the decimal point
        ("The kidney holds a 6 x 5. 8 x 5. 0 em mass in the upper pole.", 6.0),
        ("GREATEST PNMFNSION 4.5 CM", 4.5),  # a damaged label word
        ("greatest dime nsion: 3.2 cm", 3.2),  # a label word split by a space
        ("Tumor size: 2,5 cm", 2.5),  # decimal comma
        ("RENAL CELL CARCINOMA, CLEAR CELL TYPE, FUHRMAN\nNUCLEAR GRADE 3 (6.0 CM).\nTUMOR CONFINED", 6.0),
    ],
)
def test_ocr_damaged_sizes_are_read(text: str, cm: float) -> None:
    size = tumor_size(text)
    assert size is not None and size[0] == cm


@pytest.mark.parametrize(
    "text",
    [
        # the label belongs to the size before it; the next number is a depth
        "Tumor features:\nSize: 3 cm in largest dimension\nInvasion: Present, depth 1.5 cm",
        "Squamous carcinoma of the floor of mouth, 7 mm in thickness.",  # a thickness
        "Metastatic squamous cell carcinoma (3.5 cm greatest dimension) in a neck node.",  # a node
        "The tumor abuts the capsule, 0.1 cm to ink.",  # a distance
        "THE TUMOR GREATEST DIAMETER IS 50 CM",  # a lost decimal point, not a 50 cm tumour
    ],
)
def test_sizes_that_are_not_the_tumours_are_not_read_as_it(text: str) -> None:
    size = tumor_size(text)
    assert size is None or size[0] == 3.0  # the first one may read its own 3 cm, never the depth


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Radical nephrectomy: renal cell carcinoma. Tumor size: 5.7 cm.\n"
         "Perirenal adipose tissue: tumor does not grossly involve\nRenal vein: not identified", "T1b"),
        ("Radical nephrectomy: renal cell carcinoma, 3.2 cm.\n"
         "Capsular invasion/perirenal adipose tissue: The capsule over the tumor is thin.", "T1a"),
        ("Nephrectomy: renal cell carcinoma, 3.0 cm. The mass does not\n"
         "infiltrate beyond the renal capsule into the perinephric adipose tissue.", "T1a"),
        ("Nephrectomy: renal cell carcinoma, 4 cm. Perinephric fat: involved by tumor.", "T3a"),
        ("Nephrectomy: renal cell carcinoma, 4 cm. Carcinoma invades into peri-nephric fat.", "T3a"),
        ("Nephrectomy: renal cell carcinoma, 5.5 cm. A tumor thrombus is present in the renal vein.", "T3a"),
        ("Nephrectomy: renal cell carcinoma, 5 cm. The tumor extends beyond the kidney to within\n"
         "less than 0.2 cm of Gerota's fascia.", "T1b"),
        ("Nephrectomy: renal cell carcinoma, 4 cm. Renal sinus: questionably involved.", "T1a"),
        ("Nephrectomy: renal cell carcinoma, 6 cm. Extending from the renal pelvis is a ureter, renal\n"
         "vein and artery.", "T1b"),
    ],
)  # fmt: skip
def test_kidney_extent_questions_and_line_breaks(text: str, expected: str) -> None:
    assert _t(text, "kidney") == expected


def test_structure_named_as_a_margin_is_not_invaded() -> None:
    text = (
        "Radical hysterectomy: invasive carcinoma of the cervix, 2 cm. Distance of invasive carcinoma "
        "from closest margin: 2 mm (right parametrial soft tissue margin)."
    )
    assert _t(text, "cervix") == "T1b1"
    beyond = "Hysterectomy: cervical carcinoma, 3 cm. Tumor extent: invasion beyond uterus."
    assert _t(beyond, "cervix") == "T2"


def test_a_label_answer_is_a_finding_not_a_question() -> None:
    text = "Colectomy: adenocarcinoma of the colon. Tumor extent:  Pericolonic tissuesLymph nodes:  0/12"
    assert _t(text, "colon") == "T3"
    bullet = "Cystectomy: urothelial carcinoma.\nMICROSCOPIC TUMOR EXTENSION:\n- Perivesical fat."
    assert _t(bullet, "bladder") == "T3"


def test_a_negative_answer_on_the_line_above_does_not_negate_the_next_question() -> None:
    text = "Serosal invasion: No\nPortal vein invasion: Yes\nBile duct invasion: No"
    found = answer(text, r"portal\s+vein\s+invasion")
    assert found is not None and found[0] is True


def test_liver_multiple_tumours_and_branch_unknown() -> None:
    several = (
        "Liver, resection: hepatocellular carcinoma forming a mass (15.3 x 13.2 x 7.6 cm) with vascular "
        "invasion. There are multiple (7) satellite nodules."
    )
    assert _t(several, "liver") == "T3a"
    portal = (
        "Hepatocellular carcinoma, 3 cm.\nSerosal invasion: No\nPortal vein invasion: Yes\n"
        "Vascular invasion: Yes"
    )
    assert _t(portal, "liver") is None  # which branch of the portal vein is not said


def test_thyroid_lobe_removed_with_a_laryngeal_carcinoma_gets_no_thyroid_t() -> None:
    text = "Total laryngectomy and right thyroidectomy: squamous cell carcinoma of subglottis (2.0 cm)."
    assert _t(text, "thyroid") is None
    assert _t("Thyroidectomy: papillary carcinoma, 1.5 cm.", "thyroid") == "T1b"


def test_head_and_neck_bone_involved_and_department_names() -> None:
    bone = (
        "Floor of mouth and mandible: squamous cell carcinoma. Tumor size: 5.0 cm. "
        "Osseous tissue involved by carcinoma."
    )
    assert _t(bone, "head neck") is None  # bone involved, cortex not said: T4a undecided
    dept = "Department of Otolaryngology. Tongue, glossectomy: squamous cell carcinoma. Tumor size: 4.5 cm."
    assert _t(dept, "head neck") == "T3"  # the department name is no laryngeal tumour


def test_pancreas_size_needs_the_tumour_limited_to_the_pancreas_in_the_7th_edition() -> None:
    base = "Whipple: ductal adenocarcinoma of the pancreas, tumor size 3 cm."
    assert _t(base, "pancreas", "7th") is None
    assert _t(base + " The tumor is limited to the pancreas.", "pancreas", "7th") == "T2"
    assert _t(base + " The tumor is not confined to the pancreas.", "pancreas", "7th") is None


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Lymphovasc ular invasion: present", "present"),
        ("Iymphovascular invasion: not identified", "absent"),
        ("VASCU LAR INVASION: absent", "absent"),
    ],
)
def test_ocr_damaged_lymphovascular_invasion(text: str, status: str) -> None:
    facts = [f for f in extract_invasion(text, Source("r")) if f.field == "lvi"]
    assert facts and facts[0].value == status
