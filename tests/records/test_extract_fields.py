"""Histology, cancer type, biomarkers, invasion, nodes, treatments and negation on synthetic snippets."""

from __future__ import annotations

import pytest

from onconav.records.extract import extract_facts, extract_profile_from_text

REPORT = (
    "SURGICAL PATHOLOGY REPORT. Surgeon: Dr. Ada Lovelace. Date of surgery: 03/14/2023. "
    "Specimen: left breast, mastectomy. Histologic type: invasive ductal carcinoma. Nottingham grade 2. "
    "Tumor size: 2.4 x 2.0 x 1.5 cm. Margins: negative. No lymphovascular invasion identified. "
    "Perineural invasion: present. Lymph nodes: 1/12 positive. "
    "Estrogen receptor: positive (95%, Allred 8). Progesterone receptor: negative (0%). "
    "HER2 (IHC): 2+, equivocal; FISH: not amplified. Ki-67: 20%. pT2 pN1a. Stage IIB."
)


def test_breast_report_profile() -> None:
    p, facts = extract_profile_from_text(REPORT, "path.txt")
    assert p.cancer_type == {"name": "Breast Invasive Ductal Carcinoma", "oncotree_code": "IDC"}
    assert p.histology == "Invasive ductal carcinoma"
    assert p.laterality == "left" and p.primary_site == "breast"
    assert p.grade == "G2 (Nottingham)"
    assert p.tumor_size_cm == 2.4
    assert p.margins == "negative" and p.lvi == "absent" and p.pni == "present"
    assert p.lymph_nodes == {"examined": 12, "positive": 1}
    bm = {b.name: b for b in p.biomarkers}
    assert bm["ER"].result == "positive" and bm["ER"].value == "95%, Allred 8"
    assert bm["PR"].result == "negative"
    assert bm["HER2"].result == "negative" and "2+" in (bm["HER2"].value or "")
    assert bm["Ki-67"].value == "20%"
    assert p.care_team == [{"role": "surgeon", "name": "Dr. Ada Lovelace"}]
    assert {"event": "date of surgery", "date": "2023-03-14"} in p.dates
    codes = [f for f in facts if f.field == "histology_code"]
    assert codes[0].value == "8500/3"
    for f in facts:
        for ev in f.evidence:
            assert REPORT[ev.start : ev.end] == ev.text


def test_negation_and_uncertainty() -> None:
    facts = extract_facts(
        "Lymph node: negative for malignancy. Lymphovascular invasion: cannot be assessed. "
        "Lung, biopsy: suspicious for adenocarcinoma.",
        "x",
    )
    lvi = [f for f in facts if f.field == "lvi"][0]
    assert lvi.value == "indeterminate" and lvi.uncertain
    hist = [f for f in facts if f.field == "histology"][0]
    assert hist.uncertain


def test_negated_histology_is_not_taken() -> None:
    facts = extract_facts("Prostate, needle biopsy: benign prostatic tissue, negative for carcinoma.", "x")
    assert not [f for f in facts if f.field == "histology"]


def test_genomic_markers() -> None:
    p, _ = extract_profile_from_text(
        "Colon adenocarcinoma. KRAS: G12D mutation detected by NGS. No BRAF mutation identified. "
        "MLH1: loss of expression. MSI-H. PD-L1 (22C3): TPS 60%. TMB: 12 mut/Mb."
    )
    bm = {b.name: b for b in p.biomarkers}
    assert bm["KRAS"].result == "mutated" and bm["KRAS"].value == "G12D" and bm["KRAS"].method == "NGS"
    assert bm["BRAF"].result == "wild-type"
    assert bm["MLH1"].result == "lost"
    assert bm["MSI"].result == "high"
    assert bm["PD-L1"].value == "TPS 60%"
    assert bm["TMB"].value == "12 mut/Mb"


def test_treatments_and_not_specified() -> None:
    p, _ = extract_profile_from_text(
        "Rectal adenocarcinoma after neoadjuvant chemotherapy with FOLFOX. "
        "Low anterior resection. Radiation therapy: not given."
    )
    names = {t["name"] for t in p.treatments}
    assert "folfox" in names and "low anterior resection" in names
    assert not any(t["type"] == "radiation" for t in p.treatments)


def test_care_team_only_from_labels() -> None:
    p, _ = extract_profile_from_text(
        "Invasive ductal carcinoma of the breast reviewed with Dr. Smith in clinic."
    )
    assert p.care_team == []


def test_cancer_types() -> None:
    cases = {
        "Lung, left upper lobe, lobectomy: adenocarcinoma, acinar predominant.": "LUAD",
        "Right kidney, nephrectomy: renal cell carcinoma, clear cell type.": "CCRCC",
        "Thyroid, total thyroidectomy: papillary thyroid carcinoma, classic type.": "THPA",
        "Liver, segment 6 resection: hepatocellular carcinoma, moderately differentiated.": "HCC",
        "Urinary bladder, radical cystectomy: high grade urothelial carcinoma.": "BLCA",
        "Left testis, radical orchiectomy: seminoma, classic type.": "SEM",
    }
    for text, code in cases.items():
        p, _ = extract_profile_from_text(text)
        assert p.cancer_type and p.cancer_type["oncotree_code"] == code, text


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Kidney, nephrectomy: Renal cell carcinoma. Conventional (clear cell) type, grade 2.", "CCRCC"),
        ("KIDNEY: RENAL CELL CARCINOMA (6 CM), CONVENTIONAL TYPE (85% CLEAR CELLS).", "CCRCC"),
        ("Kidney: renal cell carcinoma (4.1 cm), papillary type 2, nuclear grade 3.", "PRCC"),
        ("Kidney, partial nephrectomy: renal cell carcinoma, 3 cm.", "RCC"),
    ],
)
def test_renal_subtype_written_apart_from_the_name(text: str, code: str) -> None:
    profile, _ = extract_profile_from_text(text)
    assert (profile.cancer_type or {}).get("oncotree_code") == code


def test_invasive_breast_carcinoma_outranks_repeated_dcis() -> None:
    text = (
        "Breast, left, excision: invasive mammary carcinoma, 2.1 cm. DCIS, solid type, with necrosis. "
        "DCIS involves the lumpectomy cavity wall. Margins for DCIS: negative. DCIS extent 3 cm."
    )
    profile, _ = extract_profile_from_text(text)
    assert (profile.cancer_type or {}).get("oncotree_code") == "BRCA"
    assert profile.histology == "Invasive breast carcinoma"
    only_dcis, _ = extract_profile_from_text("Breast, right, excision: ductal carcinoma in situ, 1.2 cm.")
    assert (only_dcis.cancer_type or {}).get("oncotree_code") == "DCIS"


def test_conventional_type_elsewhere_is_not_kidney_cancer() -> None:
    profile, _ = extract_profile_from_text(
        "Prostate, radical prostatectomy: acinar adenocarcinoma, conventional type, Gleason 3+4=7."
    )
    assert (profile.cancer_type or {}).get("oncotree_code") == "PRAD"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Brain, left temporal, resection: anaplastic astrocytoma, WHO grade III.", "ASTR"),
        ("Brain, right frontal: gliosarcoma, WHO grade IV.", "GB"),
        ("Brain biopsy A: anaplastic astrocytoma. Brain biopsy B: glioblastoma, WHO grade IV.", "GB"),
        ("Kidney: clear cell (conventional) renal carcinoma, Fuhrman grade 2.", "CCRCC"),
        ("Kidney: papillary (chromophil) renal cell carcinoma, 3 cm.", "PRCC"),
        ("Large bowel segment: invasive adenocarcinoma (rectal carcinoma, G2), colon margins free.", "READ"),
    ],
)
def test_more_specific_types_from_report_wording(text: str, code: str) -> None:
    profile, _ = extract_profile_from_text(text)
    assert (profile.cancer_type or {}).get("oncotree_code") == code
