"""Blood cancers, ampullary and metastatic primaries, PSA from lab reports and the hospital name."""

from __future__ import annotations

import pytest

from onconav.records.extract import extract_facts, extract_profile_from_text

PAD = " Additional synthetic text follows here."


def _code(text: str) -> str | None:
    p, _ = extract_profile_from_text(text + PAD)
    return (p.cancer_type or {}).get("oncotree_code")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Bone marrow biopsy. DIAGNOSIS: Acute myeloid leukemia with 62% myeloblasts.", "AML"),
        ("Bone marrow: acute promyelocytic leukemia; PML-RARA fusion detected by FISH.", "APLPMLRARA"),
        ("Peripheral blood and marrow: B-lymphoblastic leukemia, CD19 positive.", "BLL"),
        ("Marrow: acute lymphoblastic leukemia, precursor B-cell phenotype.", "BLL"),
        ("Mediastinal mass: T-lymphoblastic lymphoma, CD3 positive.", "TLL"),
        ("Peripheral blood flow cytometry: chronic lymphocytic leukemia (CLL).", "CLLSLL"),
        ("Bone marrow: chronic myeloid leukemia, chronic phase. BCR-ABL1 positive.", "CML"),
        ("Bone marrow core: plasma cell myeloma, 40% clonal plasma cells.", "PCM"),
        ("Cervical lymph node, excision: classical Hodgkin lymphoma, nodular sclerosis type.", "CHL"),
        ("Lymph node: diffuse large B-cell lymphoma, germinal center type.", "DLBCLNOS"),
        ("Inguinal lymph node: follicular lymphoma, grade 1-2.", "FL"),
        ("Lymph node: mantle cell lymphoma, cyclin D1 positive.", "MCL"),
    ],
)
def test_blood_cancers_get_an_oncotree_code(text: str, code: str) -> None:
    assert _code(text) == code


def test_aml_report_gives_type_site_and_markers() -> None:
    p, _ = extract_profile_from_text(
        "BONE MARROW PATHOLOGY REPORT\nDIAGNOSIS: Acute myeloid leukemia with 62% myeloblasts.\n"
        "Molecular studies: FLT3-ITD positive. NPM1 mutated. IDH2 R140Q detected. TP53: no mutation detected."
    )
    assert p.primary_site == "bone marrow"
    bm = {b.name: b for b in p.biomarkers}
    assert bm["FLT3"].result == "positive" and bm["FLT3"].value == "ITD"
    assert bm["NPM1"].result == "mutated"
    assert bm["IDH2"].result == "mutated" and bm["IDH2"].value == "R140Q"
    assert bm["TP53"].result == "wild-type"


def test_cll_markers() -> None:
    p, _ = extract_profile_from_text(
        "Chronic lymphocytic leukemia. FISH: del(17p) detected in 35% of nuclei. IGHV: unmutated. "
        "BCR-ABL1: not applicable."
    )
    bm = {b.name: b for b in p.biomarkers}
    assert bm["del(17p)"].result == "positive" and bm["del(17p)"].value == "35%"
    assert bm["IGHV"].result == "unmutated"
    assert bm["BCR-ABL1"].result == "not tested"


def test_incidental_lymphoma_does_not_replace_the_solid_tumour() -> None:
    text = (
        "Sigmoid colon, resection: invasive adenocarcinoma, moderately differentiated, invading the "
        "muscularis propria. Adenocarcinoma is present at 3 cm from the margin. Lymph nodes: involved by "
        "small lymphocytic lymphoma; no metastatic carcinoma. pT2 pN0."
    )
    assert _code(text) == "COAD"


def test_negated_leukemia_is_not_a_diagnosis() -> None:
    assert _code("Bone marrow: normocellular marrow, negative for acute leukemia or lymphoma.") is None


def test_ampullary_adenocarcinoma_after_whipple() -> None:
    text = (
        "Specimen: Pancreaticoduodenectomy (Whipple), ampulla of Vater, duodenum and head of pancreas.\n"
        "FINAL DIAGNOSIS: Ampullary adenocarcinoma, pancreatobiliary type (G2).\n"
        "Tumor location: ampulla of Vater. Pancreatic parenchyma: uninvolved. pT3a pN1."
    )
    assert _code(text) == "AMPCA"


def test_pancreatic_ductal_adenocarcinoma_after_whipple_stays_pancreatic() -> None:
    text = (
        "Specimen: pancreaticoduodenectomy. Diagnosis: pancreatic ductal adenocarcinoma of the head of the "
        "pancreas, 3.1 cm. Ampulla: uninvolved. Bile duct margin negative. pT2 pN1."
    )
    assert _code(text) == "PAAD"


def test_metastasis_maps_to_the_stated_primary_and_the_biopsy_site() -> None:
    p, facts = extract_profile_from_text(
        "PATHOLOGY REPORT\nSpecimen: liver, segment 6, core biopsy.\n"
        "DIAGNOSIS: Metastatic adenocarcinoma, consistent with a pancreatic primary."
    )
    assert (p.cancer_type or {}).get("oncotree_code") == "PAAD" and p.primary_site == "pancreas"
    assert "liver" in p.metastatic_sites
    site = next(f for f in facts if f.field == "metastatic_site")
    assert site.derived and site.evidence[0].text.startswith("liver")


@pytest.mark.parametrize(
    ("text", "code", "met"),
    [
        ("Specimen: liver, needle biopsy. Diagnosis: metastatic colonic adenocarcinoma.", "COAD", "liver"),
        ("Specimen: lung, wedge. Diagnosis: metastatic breast carcinoma, ductal type.", "BRCA", "lung"),
        ("Specimen: brain, resection. Metastatic adenocarcinoma of lung origin.", "LUAD", "brain"),
    ],
)
def test_metastatic_x_in_an_organ(text: str, code: str, met: str) -> None:
    p, _ = extract_profile_from_text(text + PAD)
    assert (p.cancer_type or {}).get("oncotree_code") == code
    assert met in p.metastatic_sites


def test_primary_versus_another_is_not_taken_as_stated() -> None:
    p, _ = extract_profile_from_text(
        "Specimen: liver biopsy. Metastatic adenocarcinoma; pancreatic versus biliary primary." + PAD
    )
    assert "liver" not in p.metastatic_sites


@pytest.mark.parametrize(
    ("text", "result", "value"),
    [
        ("Prostate-specific antigen (PSA): 9.1 ng/mL (reference 0.0-4.0).", "high", "9.1 ng/mL"),
        ("PSA, total: 2.3 ng/mL   Reference range: 0.0 - 4.0", "normal", "2.3 ng/mL"),
        ("PSA 12.4 ng/mL H", "high", "12.4 ng/mL"),
        ("PSA: <0.1 ng/mL after prostatectomy.", "undetectable", "<0.1 ng/mL"),
        ("Pre-operative PSA: 6.2 ng/mL.", None, "6.2 ng/mL"),
    ],
)
def test_psa_from_a_lab_report(text: str, result: str | None, value: str) -> None:
    p, _ = extract_profile_from_text("LABORATORY REPORT\n" + text + "\nCreatinine: 0.9 mg/dL.")
    psa = next(b for b in p.biomarkers if b.name == "PSA")
    assert psa.result == result and psa.value == value


def test_psa_stain_and_density_are_not_a_blood_level() -> None:
    p, _ = extract_profile_from_text(
        "Immunostains: tumor cells are PSA immunostain positive. PSA density 0.15 ng/mL/cc." + PAD
    )
    assert not [b for b in p.biomarkers if b.name == "PSA"]


@pytest.mark.parametrize(
    ("text", "hospital"),
    [
        (
            "SURGICAL PATHOLOGY REPORT\nLakeview Regional Medical Center - Department of Pathology\n",
            "Lakeview Regional Medical Center",
        ),
        ("Facility: St. Mary's Hospital\nDiagnosis: benign.\n", "St. Mary's Hospital"),
        ("Institution: Riverside Cancer Center; Department of Pathology\n", "Riverside Cancer Center"),
        ("Department of Pathology, Mercy General Hospital\nReport follows.\n", "Mercy General Hospital"),
        ("MAYO CLINIC\nPATHOLOGY REPORT\n", "MAYO CLINIC"),
    ],
)
def test_hospital_from_labels_and_letterheads(text: str, hospital: str) -> None:
    p, facts = extract_profile_from_text(text + "Diagnosis: adenocarcinoma of the colon." + PAD)
    assert p.hospital == hospital
    ev = next(f for f in facts if f.field == "hospital").evidence[0]
    assert ev.text == hospital


@pytest.mark.parametrize(
    "text",
    [
        "ONCOLOGY CLINIC NOTE\nPatient seen for follow-up of colon cancer.",
        "Patient was referred to a cancer center for a second opinion about her breast cancer.",
        "The patient was admitted to the hospital for resection of the colon adenocarcinoma.",
        "Clinic visit summary\nThe patient has lung adenocarcinoma and is doing well.",
    ],
)
def test_no_hospital_from_generic_words_or_sentences(text: str) -> None:
    assert not [f for f in extract_facts(text + PAD, "x") if f.field == "hospital"]
