"""Cancer type from OCR-damaged text: repaired key words, renal subtypes, organ plausibility, gliomas."""

from __future__ import annotations

from onconav.records.extract.base import Source
from onconav.records.extract.cancer_type import extract_cancer_type
from onconav.records.extract.ocr_repair import find_damaged_words, repair

SRC = Source("report.pdf")


def _code(text: str) -> str | None:
    facts = extract_cancer_type(text, SRC)
    return next((f.value["oncotree_code"] for f in facts if f.field == "cancer_type"), None)


def test_split_and_misread_words_are_repaired() -> None:
    found = {f.word for f in find_damaged_words("Liver mass: Hepato cellu lar carcinorna, trabecular")}
    assert {"hepatocellular", "carcinoma"} <= found


def test_clean_words_and_ordinary_words_are_left_alone() -> None:
    assert repair("Left adrenal gland and renal vein, no tumour.") is None
    assert repair("The intestin was opened.") is None  # not 'testis': one letter off is too much


def test_repaired_hepatocellular_gives_hcc_with_evidence_in_original_text() -> None:
    text = "DIAGNOSIS: Liver, segment 6, resection:\nHepatoce llular carc inoma, moderately differentiated."
    facts = extract_cancer_type(text, SRC)
    ct = next(f for f in facts if f.field == "cancer_type")
    assert ct.value["oncotree_code"] == "HCC"
    ev = ct.evidence[0]
    assert text[ev.start : ev.end] == ev.text
    assert "Hepatoce" in ev.text
    assert ct.confidence <= 0.6


def test_digit_lookalikes_in_site_word() -> None:
    assert _code("Final diagnosis: invasive squamous cell carcinoma of the cerv1x, keratinizing.") == "CESC"


def test_garbage_text_gives_no_cancer_type() -> None:
    assert _code("x7 .. ;; q1 zzkv rrtp 0o0 ll|| mnbv " * 5) is None


def test_negated_damaged_word_gives_nothing() -> None:
    assert _code("Liver biopsy: no hepato cellular carcinoma identified. Benign liver parenchyma.") is None


def test_conventional_type_without_parentheses_refines_rcc() -> None:
    text = "KIDNEY, LEFT, NEPHRECTOMY: RENAL CELL CARCINOMA, CONVENTIONAL CLEAR CELL TYPE, 4 CM."
    assert _code(text) == "CCRCC"


def test_subtype_written_once_refines_repeated_generic_name() -> None:
    text = (
        "Kidney, right, partial nephrectomy. Tumor type: Renal cell carcinoma - Conventional(clear cell) "
        "type. "
        "Staging for renal cell carcinoma: pT1a. Renal cell carcinoma confined to the kidney."
    )
    assert _code(text) == "CCRCC"


def test_thyroid_papillary_label_is_not_renal() -> None:
    text = "Thyroid, total thyroidectomy. Histologic type: Papillary carcinoma, classical. Capsule intact."
    assert _code(text) == "THPA"


def test_serous_carcinoma_seeding_colon_is_ovarian() -> None:
    text = (
        "A. Right ovary: high-grade serous carcinoma. B. Sigmoid colon, resection: serous carcinoma "
        "metastatic to colon, involving the colonic wall and pericolic fat; colon margins free."
    )
    assert _code(text) == "HGSOC"


def test_squamous_carcinoma_in_hysterectomy_is_cervical_not_ovarian() -> None:
    text = (
        "Uterus, cervix, bilateral ovaries and fallopian tubes, radical hysterectomy: invasive squamous cell "
        "carcinoma. Right ovary: no tumor. Left ovary: no tumor. Ovarian surfaces smooth. Adnexa benign."
    )
    assert _code(text) == "CESC"


def test_glioma_without_type_is_diffuse_glioma_and_named_type_wins() -> None:
    assert _code("Brain, left frontal lobe, biopsy: infiltrating glioma.") == "DIFG"
    assert _code("Brain, frontal lobe: glioma; final: oligoastrocitoma, WHO grade II.") == "DIFG"
    assert _code("Brain, temporal lobe: glioma, see final: anaplastic astrocitoma, WHO grade III.") == "ASTR"
