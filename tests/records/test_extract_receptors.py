"""ER, PR and HER2 results from breast pathology wording (synthetic sentences)."""

from __future__ import annotations

import pytest

from onconav.records.extract.base import Source
from onconav.records.extract.biomarkers import extract_biomarkers


def _bm(text: str) -> dict[str, dict[str, str | None]]:
    return {f.value["name"]: f.value for f in extract_biomarkers(text, Source("t"))}


@pytest.mark.parametrize(
    ("text", "name", "result", "value"),
    [
        ("Estrogen receptor: positive (90%, strong).", "ER", "positive", "90%"),
        ("ER (+) 3+ 80% of nuclei.", "ER", "positive", "80%"),
        ("ER 0% of tumour nuclei.", "ER", "negative", "0%"),
        ("Estrogen receptor: 5% of tumour nuclei, weak.", "ER", "positive", "5%"),
        ("Progesterone receptor: <1% of nuclei.", "PR", "negative", "<1%"),
        ("Estrogen receptor: Low positive (1-10%).", "ER", "low positive", "1-10%"),
        ("ER: Allred 7/8.", "ER", "positive", "Allred 7"),
        ("PgR: Allred score 2.", "PR", "negative", "Allred 2"),
        ("estrogen recepter: positive", "ER", "positive", None),
        ("Estrogen receptor. 95 %. Positive. Progesterone receptor. 0 %. Negative.", "PR", "negative", "0%"),
    ],
)
def test_er_pr_phrasings(text: str, name: str, result: str, value: str | None) -> None:
    got = _bm(text)[name]
    assert got["result"] == result
    assert got["value"] == value


def test_one_statement_for_both_hormone_receptors() -> None:
    bm = _bm("Staining for estrogen and progesterone receptors is positive.")
    assert bm["ER"]["result"] == "positive" and bm["PR"]["result"] == "positive"
    bm = _bm("Tumour cells are NEGATIVE FOR ESTROGEN AND PROGESTERONE RECEPTORS.")
    assert bm["ER"]["result"] == "negative" and bm["PR"]["result"] == "negative"
    bm = _bm("ER/PR: negative")
    assert bm["ER"]["result"] == "negative" and bm["PR"]["result"] == "negative"


def test_both_interpreted_as_refers_to_receptors_named_before() -> None:
    text = (
        "Stains for estrogen and progesterone receptors were done on block A2. No nuclear staining "
        "is seen for either receptor. Therefore both are interpreted as negative."
    )
    bm = _bm(text)
    assert bm["ER"]["result"] == "negative" and bm["PR"]["result"] == "negative"
    assert "ER" not in _bm("Both are interpreted as negative.")


def test_progesterone_alone_does_not_name_er() -> None:
    bm = _bm("Tumour cells are negative for progesterone receptors.")
    assert bm["PR"]["result"] == "negative"
    assert "ER" not in bm


def test_signs_after_names() -> None:
    bm = _bm("Core biopsy: ER+, PR-, HER2 (-).")
    got = (bm["ER"]["result"], bm["PR"]["result"], bm["HER2"]["result"])
    assert got == ("positive", "negative", "negative")
    # a spaced dash is a separator before the result, not a minus sign
    bm = _bm("ESTROGEN RECEPTOR - POSITIVE, PROGESTERONE RECEPTOR - POSITIVE.")
    assert bm["ER"]["result"] == "positive" and bm["PR"]["result"] == "positive"


@pytest.mark.parametrize(
    ("text", "result", "value", "method"),
    [
        ("Her2neu (HercepTest): 1+ negative", "negative", "1+", "IHC"),
        ("HER-2/NEU: NEGATIVE (SCORE 0).", "negative", "0", "IHC"),
        ("Her2 / neu: 3+", "positive", "3+", "IHC"),
        ("HER2 by FISH: amplified", "positive", "ISH amplified", "ISH"),
        ("HER2 weakly positive, score of 2+.", "equivocal", "2+", "IHC"),
        (
            "HER2 protein stained with a kit. Negative reaction in cells (Score = 1+).",
            "negative",
            "1+",
            "IHC",
        ),
    ],
)
def test_her2_phrasings(text: str, result: str, value: str, method: str) -> None:
    got = _bm(text)["HER2"]
    assert (got["result"], got["value"], got["method"]) == (result, value, method)


def test_her2_ish_settles_equivocal_ihc() -> None:
    got = _bm("HER-2/neu 2+ (equivocal); FISH ratio 1.4 not amplified.")["HER2"]
    assert got["result"] == "negative"
    assert got["value"] == "2+; ISH not amplified (ratio 1.4)" and got["method"] == "IHC+ISH"
    got = _bm("HER2: 2+. No amplification of the HER2 gene was seen by FISH.")["HER2"]
    assert got["result"] == "negative" and "ISH not amplified" in (got["value"] or "")


def test_her2_ish_pending_or_guideline_is_not_a_result() -> None:
    got = _bm("HER2 (IHC): 2+, equivocal. FISH pending; will be reported separately.")["HER2"]
    assert got["result"] == "equivocal" and "ISH" not in (got["value"] or "")
    got = _bm("HER2: 1+. Cases with a ratio over 2.2 by FISH are considered amplified.")["HER2"]
    assert got["result"] == "negative" and got["value"] == "1+"


def test_her2_contradicting_score_gives_no_result() -> None:
    got = _bm("HER2: positive. 0 or 1+.")["HER2"]
    assert got["result"] is None


def test_control_tissue_and_pending_are_not_results() -> None:
    assert "HER2" not in _bm("Known HER2 amplified control tissue was stained alongside.")
    bm = _bm("ER: Pending. PR: to follow. HER2 will be reported separately.")
    assert bm["ER"]["result"] == "pending" and bm["PR"]["result"] == "pending"
    assert bm["HER2"]["result"] == "pending"


def test_sample_code_suffix_is_not_pr() -> None:
    assert "PR" not in _bm("TCGA-XX-0000-01A-PR\nRedacted\nLymph nodes: negative for carcinoma.")


def test_negated_and_not_done_receptors() -> None:
    bm = _bm("No estrogen receptors found in tumour nuclei. Progesterone receptors found in 60% of nuclei.")
    assert bm["ER"]["result"] == "negative"
    assert bm["PR"]["result"] == "positive" and bm["PR"]["value"] == "60%"
    bm = _bm("Estrogen receptor: not performed. HER2 testing was not done.")
    assert bm["ER"]["result"] == "not tested" and bm["HER2"]["result"] == "not tested"
    assert "ER" not in _bm("Hormone receptor status was requested on the specimen.")
