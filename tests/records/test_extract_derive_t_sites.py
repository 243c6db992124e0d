"""Derived T: uveal melanoma, cholangiocarcinoma, lung, liver, stomach, thyroid, bladder (synthetic)."""

from __future__ import annotations

import pytest

from onconav.records.extract.base import Source
from onconav.records.extract.derive_t import derive_t
from onconav.records.extract.derive_t_sites import uveal_size_category
from onconav.records.extract.size import tumor_size


def _t(text: str, site: str, edition: str | None = None) -> str | None:
    facts = derive_t(text, Source("r"), site, edition)
    assert all(f.derived and f.rule and f.confidence <= 0.6 for f in facts)
    return facts[0].value if facts else None


@pytest.mark.parametrize(
    ("lbd", "thickness", "category"),
    [
        (10.0, 2.5, 1),
        (8.0, 5.0, 1),
        (14.0, 2.0, 2),
        (14.0, 6.0, 2),
        (11.0, 8.0, 2),
        (16.8, 9.0, 3),
        (17.0, 5.0, 3),
        (10.0, 11.0, 3),
        (20.0, 4.0, 4),
        (16.5, 13.0, 4),
        (12.0, 16.0, 4),
    ],
)
def test_uveal_size_category_table(lbd: float, thickness: float, category: int) -> None:
    assert uveal_size_category(lbd, thickness) == category


def test_uveal_melanoma_from_pathologist_measurements() -> None:
    text = (
        "Right globe, enucleation: choroidal melanoma, mixed cell type. Clinical: tumour 13.4 x 13.4 mm "
        "(thickness 6.4 mm). Macroscopic: LBD 13 mm, height 6 mm. No extraocular extension."
    )
    assert _t(text, "eye") == "T2"  # the later (pathologist's) measurement is used: category 2
    big = "Left eye: ciliochoroidal melanoma with a 19 mm base and a height of 7 mm."
    assert _t(big, "eye") == "T4"


def test_uveal_melanoma_needs_both_measurements_and_a_posterior_uveal_site() -> None:
    assert _t("Choroidal melanoma, 14 mm base; thickness not recorded.", "eye") is None
    assert _t("Iris melanoma, base 5 mm, height 2 mm.", "eye") is None
    assert _t("Choroidal melanoma, base 14 mm, height 6 mm.", "eye", "AJCC 6th edition") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Liver, left lobectomy: intrahepatic cholangiocarcinoma, single mass 6 cm. "
            "Vascular invasion: not identified.",
            "T1",
        ),
        ("Liver: intrahepatic cholangiocarcinoma, 4 cm. Lymphovascular invasion: present.", "T2a"),
        (
            "Liver: intrahepatic cholangiocarcinoma. Multiple tumors, largest 3 cm. "
            "Vascular invasion: absent.",
            "T2b",
        ),
        (
            "Liver: intrahepatic cholangiocarcinoma, 5 cm, with tumor perforating the visceral peritoneum. "
            "Vascular invasion: absent.",
            "T3",
        ),
        ("Liver: intrahepatic cholangiocarcinoma, 5 cm, solitary.", None),  # vessels not addressed
        ("Common bile duct: adenocarcinoma, 2 cm. Vascular invasion: absent.", None),  # not intrahepatic
    ],
)
def test_intrahepatic_cholangiocarcinoma(text: str, expected: str | None) -> None:
    site = "bile duct" if "bile duct" in text.lower() else "liver"
    assert _t(text, site) == expected


def test_hepatocellular_portal_vein_invasion_without_branch_is_undecided() -> None:
    text = "Liver: hepatocellular carcinoma, 3 cm. Portal vein invasion: yes. Microvessel invasion: yes."
    assert _t(text, "liver") is None
    micro = "Liver: hepatocellular carcinoma, 3 cm. Portal vein invasion: no. Microvessel invasion: yes."
    assert _t(micro, "liver") == "T2"
    ocr = "Liver: hepatocellular carcinoma forming a 3 cm mass. No vascular. invasion seen."
    assert _t(ocr, "liver") == "T1"


def test_lung_separate_nodules_or_two_lobes_give_nothing() -> None:
    base = "Lung, right upper lobe, lobectomy: adenocarcinoma, tumor size 2.5 cm."
    assert _t(base, "lung") == "T1b"
    assert _t(base + " A separate tumor nodule is present in the same lobe.", "lung") is None
    assert _t(base + " Satellite nodules: not identified.", "lung") == "T1b"
    two = (
        "A) Lung, right upper lobe; wedge resection: squamous cell carcinoma, 1.5 cm. "
        "B) Lung, right lower lobe; lobectomy: squamous cell carcinoma, tumor size 3.5 cm."
    )
    assert _t(two, "lung") is None


def test_lung_pleura_involvement_of_unstated_type_gives_nothing() -> None:
    text = "Left lung, lobectomy: squamous carcinoma, tumor size 4 cm, involving the pleura."
    assert _t(text, "lung") is None
    visceral = "Left lung, lobectomy: squamous carcinoma, tumor size 2.5 cm, invading the visceral pleura."
    assert _t(visceral, "lung") == "T2a"


def test_stomach_serosa_depends_on_edition() -> None:
    text = (
        "Stomach, gastrectomy: adenocarcinoma. Tumor size: 5 cm. Tumor extent: serosa (visceral peritoneum)."
    )
    assert _t(text, "stomach") is None  # T3 in the 6th edition, T4a in the 7th: not stated
    assert _t(text + " Staging per AJCC 7th edition.", "stomach", "7th") == "T4a"
    adjacent = "Stomach: adenocarcinoma. Tumor extent: Adjacent. structures (specify) - spleen."
    assert _t(adjacent, "stomach") == "T4b"
    muscle = "Stomach: adenocarcinoma. Depth of invasion: muscularis propria."
    assert _t(muscle, "stomach") == "T2"


def test_thyroid_extension_wordings() -> None:
    assert _t("Thyroid: papillary carcinoma (1.8 cm) with extrathyroidal extension.", "thyroid") == "T3"
    focal = "Thyroid: papillary carcinoma, tumor size 1.1 cm. Extrathyroid extension: very focal, into fat."
    assert _t(focal, "thyroid") == "T3"
    none = "Thyroid: papillary carcinoma, tumor size 1.1 cm, without extrathyroidal extension."
    assert _t(none, "thyroid") == "T1b"
    unsure = "Thyroid: papillary carcinoma, tumor size 1.1 cm, suspicious for extrathyroidal extension."
    assert _t(unsure, "thyroid") == "T1b"


def test_bladder_ocr_broken_muscularis_propria() -> None:
    text = "Bladder: urothelial carcinoma with infiltration to the outer third of the muscular. propria."
    assert _t(text, "bladder") == "T2b"
    assert _t("Bladder biopsy: urothelial carcinoma. Muscularis propria: not present.", "bladder") is None


@pytest.mark.parametrize(
    ("text", "cm"),
    [
        ("Breast: frozen section. Tumor is 2.6 by 2.6 by 2.5 cm. Margins grossly free.", 2.6),
        ("Invasive tumor is in the upper outer quadrant and measures 1.5 cm in greatest. dimension.", 1.5),
        ("A mass is identified measuring 4.5 x 3.8 x 4.0. cm.", 4.5),
        ("Segmental mastectomy: firm mass, 2.0 by 2.0 by 1.5 cm.", 2.0),
    ],
)
def test_size_ocr_wordings(text: str, cm: float) -> None:
    found = tumor_size(text)
    assert found is not None and found[0] == cm


def test_size_is_not_a_distance() -> None:
    assert tumor_size("The tumor is 0.5 cm from the deep margin.") is None


def test_adrenal_size_only_when_confined() -> None:
    text = "Left adrenal gland, adrenalectomy: adrenal cortical carcinoma. Tumor size: 9 x 6 x 5 cm."
    assert _t(text, "adrenal") is None  # nothing said about spread beyond the gland
    assert _t(text + " The tumor is confined to the adrenal gland.", "adrenal") == "T2"
    assert _t(text + " Periadrenal fat invasion: present.", "adrenal") == "T3"
