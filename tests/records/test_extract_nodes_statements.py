"""Lymph node statements: counts in words and digits, repeats, per-specimen sums, labels, negatives."""

from __future__ import annotations

import pytest

from onconav.domain import Fact
from onconav.records.extract.base import Source
from onconav.records.extract.node_numbers import to_int
from onconav.records.extract.nodes import extract_nodes

SRC = Source(document="r")


def _counts(text: str) -> tuple[int | None, int | None]:
    facts = extract_nodes(text, SRC)
    pos = next((f.value for f in facts if f.field == "lymph_nodes.positive"), None)
    exam = next((f.value for f in facts if f.field == "lymph_nodes.examined"), None)
    return pos, exam


def _positive(text: str) -> Fact | None:
    return next((f for f in extract_nodes(text, SRC) if f.field == "lymph_nodes.positive"), None)


@pytest.mark.parametrize(
    ("words", "value"),
    [("12", 12), ("twelve", 12), ("Twenty-nine", 29), ("thirty one", 31), ("a single", 1), ("none", 0)],
)
def test_number_words(words: str, value: int) -> None:
    assert to_int(words) == value


@pytest.mark.parametrize(
    ("text", "pos", "exam"),
    [
        # negative counts written in words, summed over two specimens
        ("A. Right neck: six right cervical lymph nodes, no tumor. "
         "B. Left neck: three lymph nodes, no tumor.", 0, 9),
        ("Axillary contents: Twenty-one (21) lymph nodes, free of tumor.", 0, 21),
        ("Fourteen lymph nodes negative for metastatic carcinoma.", 0, 14),
        ("Two benign lymph nodes (0/2).", 0, 2),
        ("No tumor is identified in multiple (9) paratracheal lymph nodes.", 0, 9),
        # one count said twice in the same sentence counts once
        ("Metastatic carcinoma in three of eleven lymph nodes (3/11).", 3, 11),
        ("Lymph nodes: 2/9 positive for metastasis (regional 2/9).", 2, 9),
        ("Lymph node status: 10 lymph nodes, of which 3 contain carcinoma.", 3, 10),
        # per-specimen counts are added
        ("1. Level I: metastatic carcinoma in 5 of 12 lymph nodes. "
         "2. Level II: four benign lymph nodes (0/4).", 5, 16),
        # synoptic labels win over counts and are added per group
        ("Lymph nodes: number with metastases: 1; number examined: 23.", 1, 23),
        (
            "Perigastric nodes: number examined: 10, number positive for neoplasia: 2. "
            "Celiac nodes: number examined: 4, number positive for neoplasia: 1.",
            3,
            14,
        ),
        # a bare negative joined to an examined label
        ("Lymph nodes: not involved. Number of nodes examined: 6.", 0, 6),
    ],
)  # fmt: skip
def test_node_counts(text: str, pos: int, exam: int) -> None:
    assert _counts(text) == (pos, exam)


def test_restated_positive_count_is_not_added_again() -> None:
    text = (
        "Frozen section: sentinel node, two of four lymph nodes positive for carcinoma (2/4). "
        "Microscopic: the sentinel nodes show metastatic carcinoma involving 2 of 4 lymph nodes. "
        "Diagnosis: sentinel lymph nodes, excision: metastatic carcinoma in 2 of 4 lymph nodes."
    )
    assert _counts(text) == (2, 4)


def test_summary_equal_to_the_sum_of_parts_is_used_once() -> None:
    text = (
        "A. Hilar lymph nodes: metastatic carcinoma in 1 of 3 lymph nodes. "
        "B. Peribronchial lymph nodes: metastatic carcinoma in 2 of 5 lymph nodes. "
        "Summary: metastatic carcinoma in 3 of 8 lymph nodes."
    )
    assert _counts(text) == (3, 8)


@pytest.mark.parametrize(
    "text",
    [
        "Page 2 of 6. Right para-aortic lymph nodes: received fresh.",
        "Total Nottingham score 5/9. Sentinel lymph node biopsy was sent separately.",
        "Lymph nodes: not identified.",
        "Lymph nodes: none submitted.",
        "Lymph nodes: not specified.",
    ],
)
def test_no_node_count_from_other_numbers_or_absent_nodes(text: str) -> None:
    assert _counts(text) == (None, None)


def test_positive_words_without_count_forbid_a_negative_reading() -> None:
    text = "Pelvic lymph nodes (0/4). Para-aortic tissue: carcinoma metastatic to a lymph node fragment."
    assert _positive(text) is None


def test_negated_positive_words_do_not_forbid_it() -> None:
    text = "Pelvic lymph nodes (0/4). No metastatic carcinoma in lymph nodes."
    f = _positive(text)
    assert f is not None and f.value == 0


def test_pending_stains_make_a_negative_count_uncertain() -> None:
    f = _positive("Sentinel lymph node: one benign lymph node (0/1). Deeper levels have been ordered.")
    assert f is not None and f.value == 0 and f.uncertain


def test_positive_evidence_reaches_back_to_the_specimen_name() -> None:
    text = "Part 3: Lymph nodes, level 7 subcarinal, excision: metastatic carcinoma in 1 of 2 lymph nodes."
    f = _positive(text)
    assert f is not None and f.value == 1
    assert "subcarinal" in f.evidence[0].text and f.evidence[0].text.endswith("lymph nodes")
