"""Lay words are mapped to the clinical words documents use."""

from __future__ import annotations

import pytest

from onconav.answers.lay import lay_expansions


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("keep throwing up after chemo", "vomiting"),
        ("my fingers and toes tingle", "neuropathy"),
        ("so wiped out all the time", "fatigue"),
        ("cant poop since the pain pills", "constipation"),
        ("my arm puffed up after surgery", "lymphedema"),
        ("how do I tell my kids", "children"),
    ],
)
def test_lay_phrases_expand(text: str, term: str) -> None:
    assert term in lay_expansions(text)


def test_plain_clinical_question_adds_little() -> None:
    assert lay_expansions("What is the TNM staging system?") == []
