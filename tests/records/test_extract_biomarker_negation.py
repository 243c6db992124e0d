"""Safety: a biomarker test that was not done, is pending, failed, was uncertain or negative is never
reported as positive or mutated (synthetic report sentences)."""

from __future__ import annotations

import pytest

from onconav.domain import Biomarker
from onconav.records.extract import extract_profile_from_text

POSITIVE = {"positive", "mutated", "detected", "amplified", "high", "deficient", "lost", "low positive"}
PAD = " The remainder of this synthetic report is unremarkable."


def _markers(text: str) -> dict[str, Biomarker]:
    p, facts = extract_profile_from_text(text + PAD, "report.txt")
    for f in facts:
        for ev in f.evidence:
            assert (text + PAD)[ev.start : ev.end] == ev.text
    return {b.name: b for b in p.biomarkers}


# (sentence, marker, expected result); the expected result is never a positive one.
NOT_POSITIVE = [
    ("BRAF V600E: not tested.", "BRAF", "not tested"),
    ("BRAF V600E mutation analysis: not performed.", "BRAF", "not tested"),
    ("BRAF: not done.", "BRAF", "not tested"),
    ("No BRAF testing was performed.", "BRAF", "not tested"),
    ("BRAF testing was cancelled by the clinician.", "BRAF", "not tested"),
    ("KRAS testing: canceled.", "KRAS", "not tested"),
    ("EGFR mutation testing is recommended.", "EGFR", "not tested"),
    ("BRAF V600E: pending.", "BRAF", "pending"),
    ("FLT3-ITD: pending, results to follow.", "FLT3", "pending"),
    ("NPM1 results will be reported in an addendum.", "NPM1", "pending"),
    ("PD-L1 (22C3): sent out to reference laboratory.", "PD-L1", "pending"),
    ("Insufficient tissue for KRAS testing.", "KRAS", "insufficient"),
    ("ALK FISH: insufficient tumor cells for analysis.", "ALK", "insufficient"),
    ("EGFR sequencing failed due to low DNA yield.", "EGFR", "failed"),
    ("NRAS: test failure, no result.", "NRAS", "failed"),
    ("ROS1 FISH: indeterminate.", "ROS1", "indeterminate"),
    ("MET amplification: inconclusive.", "MET", "indeterminate"),
    ("IDH1: cannot be determined on this sample.", "IDH1", "indeterminate"),
    ("HER2 (IHC): 2+, equivocal.", "HER2", "equivocal"),
    ("EGFR: equivocal result.", "EGFR", "equivocal"),
    ("KRAS: no mutation detected.", "KRAS", "wild-type"),
    ("No KRAS mutation was identified.", "KRAS", "wild-type"),
    ("Negative for BRAF V600E mutation.", "BRAF", "wild-type"),
    ("BRAF V600E: not detected.", "BRAF", "wild-type"),
    ("NRAS exon 2: wild-type.", "NRAS", "wild-type"),
    ("PIK3CA: no pathogenic variants detected.", "PIK3CA", "wild-type"),
    ("EGFR: negative.", "EGFR", "wild-type"),
    ("ALK rearrangement: negative.", "ALK", "negative"),
    ("ROS1 fusion: not detected.", "ROS1", "negative"),
    ("NTRK fusion: not identified.", "NTRK", "negative"),
    ("HER2 amplification: not detected.", "HER2", "negative"),
    ("HER2: negative (score 0).", "HER2", "negative"),
    ("Estrogen receptor: negative (<1%).", "ER", "negative"),
    ("ER: 0% of tumor cells.", "ER", "negative"),
    ("MLH1: no loss of nuclear expression.", "MLH1", "intact"),
    ("PMS2: retained.", "PMS2", "intact"),
    ("MSH6: not performed.", "MSH6", "not tested"),
    ("No microsatellite instability was found.", "MSI", "stable"),
    ("Microsatellite status: stable (MSS).", "MSI", "stable"),
    ("FLT3-ITD: negative.", "FLT3", "negative"),
    ("BCR-ABL1: not detected.", "BCR-ABL1", "negative"),
    ("del(17p): not detected by FISH.", "del(17p)", "negative"),
    ("TMB: low, 3 mut/Mb.", "TMB", "low"),
    ("BRCA2 p.R2336H: variant of uncertain significance.", "BRCA2", "uncertain significance"),
]


@pytest.mark.parametrize(("sentence", "marker", "expected"), NOT_POSITIVE)
def test_not_done_uncertain_or_negative_is_never_positive(sentence: str, marker: str, expected: str) -> None:
    got = _markers(sentence)[marker]
    assert got.result == expected
    assert got.result not in POSITIVE


@pytest.mark.parametrize(
    "sentence",
    [
        "BRAF V600E: not tested.",
        "BRAF V600E testing: pending.",
        "KRAS G12C: insufficient sample.",
        "EGFR L858R: failed.",
        "EGFR exon 19 deletion: indeterminate.",
    ],
)
def test_a_variant_named_for_a_test_not_done_is_not_kept_as_a_value(sentence: str) -> None:
    got = next(iter(_markers(sentence).values()))
    assert got.value is None and got.result not in POSITIVE


def test_a_variant_named_only_as_a_test_gives_no_result() -> None:
    assert "BRAF" not in _markers("Reflex testing for BRAF V600E by immunohistochemistry.")


def test_general_statements_about_genes_are_not_results() -> None:
    assert "KRAS" not in _markers("KRAS mutations are associated with resistance to anti-EGFR antibodies.")


def test_a_result_for_another_marker_does_not_negate_the_next() -> None:
    bm = _markers("HER2 not amplified, ER positive, PR negative.")
    assert bm["ER"].result == "positive" and bm["PR"].result == "negative"
    assert bm["HER2"].result == "not amplified"


def test_results_stated_once_for_a_list_of_markers() -> None:
    bm = _markers("KRAS, NRAS and BRAF: wild-type.")
    assert {bm[n].result for n in ("KRAS", "NRAS", "BRAF")} == {"wild-type"}
    pending = _markers("Pending: KRAS, NRAS, BRAF.")
    assert {pending[n].result for n in ("KRAS", "NRAS", "BRAF")} == {"pending"}
    not_found = _markers("Not detected: KRAS, NRAS.")
    assert {not_found[n].result for n in ("KRAS", "NRAS")} == {"wild-type"}


def test_a_positive_result_for_a_list_of_genes_is_not_spread() -> None:
    bm = _markers("EGFR, ALK and ROS1: positive control stained appropriately.")
    assert not any(b.result in POSITIVE for b in bm.values() if b.name in ("EGFR", "ALK"))


def test_positive_results_are_still_read() -> None:
    bm = _markers(
        "KRAS: G12D mutation detected. ALK rearrangement: positive by FISH. BRAF V600E mutated. "
        "FLT3-ITD positive. MLH1: loss of expression. ER: low positive (5%)."
    )
    assert bm["KRAS"].result == "mutated" and bm["KRAS"].value == "G12D"
    assert bm["ALK"].result == "positive" and bm["ALK"].method == "FISH"
    assert bm["BRAF"].result == "mutated" and bm["BRAF"].value == "V600E"
    assert bm["FLT3"].result == "positive" and bm["FLT3"].value == "ITD"
    assert bm["MLH1"].result == "lost"
    assert bm["ER"].result == "low positive" and bm["ER"].value == "5%"


def test_a_later_definitive_result_beats_an_earlier_pending_one() -> None:
    bm = _markers("Preliminary: EGFR pending. Addendum: EGFR exon 19 deletion detected by NGS.")
    assert bm["EGFR"].result == "mutated"


def test_hedged_positive_is_indeterminate() -> None:
    assert _markers("Possible EGFR mutation detected.")["EGFR"].result == "indeterminate"


def test_reference_legend_is_not_a_result() -> None:
    bm = _markers("Hormone receptors pending. Reference range: ER/PR negative <1%.")
    assert "ER" not in bm or bm["ER"].result not in POSITIVE
