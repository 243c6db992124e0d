"""Regression: with the starter pack alone, answers cover the points a good answer must make."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "data" / "pack_questions.yaml").read_text()
)


def covered(markdown: str, points: list[list[str]]) -> list[bool]:
    return [any(re.search(alt, markdown, re.I) for alt in point) for point in points]


@pytest.mark.parametrize("case", CASES, ids=[c["q"][:50] for c in CASES])
def test_pack_answer_covers_the_points(pack_runtime, case: dict[str, Any]) -> None:  # type: ignore[no-untyped-def]
    answer = pack_runtime.answers.ask(case["q"], store=False)
    md = answer.markdown
    assert not answer.weak_evidence, "the pack should answer this"
    assert len([s for s in answer.sections if s.blocks]) >= 3
    assert len({c.doc_id for c in answer.citations}) >= 2, "cite several articles"
    assert answer.bottom_line and answer.disclaimer in md
    hits = covered(md, case["points"])
    assert sum(hits) >= max(1, len(hits) - 1), (
        f"missing points: {[p for p, h in zip(case['points'], hits, strict=True) if not h]}"
    )
    if "topic" in case:
        assert answer.topic is not None and answer.topic.oncotree_code == case["topic"]
    if "triage" in case:
        assert answer.triage.level == case["triage"]


def test_there_are_enough_regression_questions() -> None:
    assert len(CASES) >= 36
