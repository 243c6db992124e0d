"""Readability gate: the pack's average Flesch-Kincaid grade stays at or below 9.5."""

from __future__ import annotations

import statistics

import pytest

from onconav.config import PROJECT_ROOT
from onconav.knowledge.pack_schema import article_paths, fk_grade, load_article, plain_text

pytest.importorskip("textstat")
MAX_AVERAGE_GRADE = 9.5


def grades() -> dict[str, float]:
    """Flesch-Kincaid grade of every article body."""
    out: dict[str, float] = {}
    for path in article_paths(PROJECT_ROOT / "knowledge"):
        _, body = load_article(path)
        out[path.stem] = fk_grade(plain_text(body))
    return out


def test_plain_language_scores_lower_than_dense_prose() -> None:
    easy = plain_text("## What it is\n\n- You can ask for help.\n- It is fine to ask.\n")
    hard = "Multidisciplinary consultation facilitates individualized therapeutic determinations."
    assert fk_grade(easy) < 6 < fk_grade(hard)


def test_average_grade_is_at_most_nine_and_a_half() -> None:
    scores = grades()
    if not scores:
        pytest.skip("no articles yet")
    worst = sorted(scores.items(), key=lambda kv: -kv[1])[:5]
    assert statistics.fmean(scores.values()) <= MAX_AVERAGE_GRADE, f"hardest: {worst}"
