"""Cancer-type vocabulary: codes checked against OncoTree; detection of official, lay and misspelt names."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from onconav.errors import InputError
from onconav.knowledge.vocabulary import DEFAULT_PATH, Vocabulary

VOCAB = Vocabulary.load()

DETECTION = [
    # official names and synonyms
    ("My dad was just diagnosed with small cell lung cancer", "SCLC"),
    ("non-small cell lung cancer stage 4 options", "NSCLC"),
    ("is non small cell worse?", "NSCLC"),
    ("Non-Small-Cell Lung Cancer with EGFR", "NSCLC"),
    ("what is bile duct cancer", "CHOL"),
    ("pain near the bile duct", "CHOL"),
    ("my mother has cancer where the bile duct meets the intestine", "AMPCA"),
    ("ampulla of Vater cancer surgery", "AMPCA"),
    ("intrahepatic cholangiocarcinoma", "IHCH"),
    ("Klatskin tumor", "PHCH"),
    ("triple negative breast cancer treatment", "BRCA"),
    ("HER2-positive breast cancer", "BRCA"),
    ("ductal carcinoma in situ", "DCIS"),
    ("inflammatory breast cancer signs", "IBC"),
    ("invasive lobular carcinoma", "ILC"),
    ("Hodgkin's lymphoma in teens", "HL"),
    ("non-hodgkin's lymphoma", "NHL"),
    ("diffuse large B-cell lymphoma", "DLBCLNOS"),
    ("mantle cell lymphoma", "MCL"),
    ("follicular lymphoma grade 2", "FL"),
    ("MALT lymphoma of the stomach", "EMALT"),
    ("acute promyelocytic leukemia", "APLPMLRARA"),
    ("my son has ALL", "BLL"),
    ("CLL watch and wait", "CLLSLL"),
    ("chronic myeloid leukemia", "CML"),
    ("multiple myeloma", "PCM"),
    ("glioblastoma multiforme", "GB"),
    ("Wilms' tumors in kids", "WT"),
    ("what is GIST?", "GIST"),
    ("papillary thyroid cancer", "THPA"),
    ("medullary thyroid carcinoma", "THME"),
    ("uveal melanoma", "UM"),
    ("Merkel cell carcinoma", "MCC"),
    ("Ewing's sarcoma", "ES"),
    ("stage 3 tumour of the oesophagus", "ESCA"),
    ("clear cell renal cell carcinoma", "CCRCC"),
    ("Sézary syndrome", "SS"),
    # lay terms
    ("the bad kind of skin cancer", "MEL"),
    ("is mole cancer curable", "MEL"),
    ("I have skin cancer that's not melanoma on my ear", "BCC"),
    ("my aunt has womb cancer", "UTERUS"),
    ("voice box cancer", "LXSC"),
    ("throat cancer after smoking", "HNSC"),
    ("blood cancer in the bone marrow", "MYELOID"),
    ("bone marrow cancer", "PCM"),
    ("lymph node cancer", "LNM"),
    ("tummy cancer", "BOWEL"),
    ("bowel cancer screening", "COADREAD"),
    ("food pipe cancer", "ESCA"),
    ("asbestos cancer", "PLMESO"),
    ("leukemia in kids", "BLL"),
    ("the steve jobs kind of pancreatic cancer", "PANET"),
    # misspellings
    ("pancretic cancer survival", "PAAD"),
    ("my mum has melonoma", "MEL"),
    ("lukemia symptoms", "MYELOID"),
    ("lymphona treatment", "LNM"),
    ("colan cancer stage 2", "COAD"),
    ("prostrate cancer", "PRAD"),
    ("cholangiocarcenoma", "CHOL"),
    ("gliobastoma", "GB"),
]


@pytest.mark.parametrize(("text", "code"), DETECTION)
def test_best_detects_the_expected_code(text: str, code: str) -> None:
    best = VOCAB.best(text)
    assert best is not None, text
    assert best.code == code


@pytest.mark.parametrize(
    "text",
    [
        "I have all the symptoms",
        "the gist of it is this",
        "my skin itches",
        "liver function tests",
        "what is chemo?",
    ],
)
def test_ordinary_words_are_not_cancer_types(text: str) -> None:
    assert VOCAB.detect(text) == []


def test_shouted_text_does_not_read_all_as_an_acronym() -> None:
    assert VOCAB.detect("I HAVE ALL THE SYMPTOMS") == []


def test_detect_reports_offsets_into_the_original_text() -> None:
    text = "Two things: my wife's Non-Hodgkin lymphoma and her mother's ovarian cancers."
    matches = VOCAB.detect(text)
    assert [m.code for m in matches] == ["NHL", "OVARY"]
    for m in matches:
        assert text[m.start : m.end] == m.matched


def test_spread_site_scores_below_the_primary_cancer() -> None:
    best = VOCAB.best("breast cancer that spread to the liver and bones")
    assert best is not None and best.code == "BRCA"


def test_ancestors_walk_up_to_the_organ() -> None:
    assert VOCAB.ancestors("IHCH") == ["CHOL", "IPN", "BILIARY_TRACT"]
    assert VOCAB.ancestors("SCLC")[0] == "LNET"
    assert VOCAB.ancestors("NOT_A_CODE") == []


def test_best_prefers_the_specific_type_over_its_ancestor() -> None:
    best = VOCAB.best("lung cancer, they said it is lung adenocarcinoma")
    assert best is not None and best.code == "LUAD"


def test_expansion_terms_hold_name_synonyms_and_lay_terms_but_not_typos() -> None:
    terms = VOCAB.expansion_terms("MEL")
    assert terms[0] == "Melanoma"
    assert "malignant melanoma" in terms and "mole cancer" in terms
    assert "melonoma" not in terms
    assert VOCAB.expansion_terms("NOPE") == []


def test_get_and_codes() -> None:
    assert len(VOCAB.codes()) >= 150
    hcc = VOCAB.get("HCC")
    assert hcc is not None and hcc.name == "Hepatocellular Carcinoma" and hcc.parent == "LIVER"
    assert VOCAB.get("NOPE") is None


def test_load_is_cached() -> None:
    assert Vocabulary.load() is Vocabulary.load(DEFAULT_PATH)


def test_missing_file_gives_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not found"):
        Vocabulary.load(tmp_path / "missing.yaml")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("code: [unclosed", "not valid YAML"),
        ("just: a mapping", "list of entries"),
        ("- name: No code\n", "needs a code"),
        ("- {code: X, name: X}\n- {code: X, name: Y}\n", "twice"),
        ("- {code: X, name: X, synonyms: not-a-list}\n", "list of strings"),
    ],
)
def test_bad_vocabulary_files_are_rejected(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "vocab.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        Vocabulary.load(path)


@pytest.mark.shared_data
def test_every_code_name_and_parent_is_in_oncotree(shared_data: Path) -> None:
    csv_path = shared_data / "terminology" / "oncotree_2025_10_03_flat.csv"
    with csv_path.open(encoding="utf-8") as fh:
        rows = {r["code"]: r for r in csv.DictReader(fh)}
    problems = []
    for code in VOCAB.codes():
        t = VOCAB.get(code)
        assert t is not None
        row = rows.get(code)
        if row is None:
            problems.append(f"{code}: not an OncoTree code")
            continue
        if row["name"] != t.name or row["parent"] != t.parent or row["main_type"] != t.main_type:
            problems.append(f"{code}: name/parent/main_type differ from OncoTree")
        if t.parent not in rows:
            problems.append(f"{code}: parent {t.parent} not in OncoTree")
    assert problems == []


def test_no_term_points_at_two_codes() -> None:
    owners: dict[str, str] = {}
    clashes = []
    for code in VOCAB.codes():
        t = VOCAB.get(code)
        assert t is not None
        for term in [t.name, *t.synonyms, *t.lay_terms, *t.misspellings]:
            key = " ".join(term.lower().replace("-", " ").split())
            if owners.setdefault(key, code) != code:
                clashes.append((term, owners[key], code))
    assert clashes == []
