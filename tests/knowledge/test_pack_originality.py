"""Originality gate: no article or guidance file shares a 12-word run with cancer.gov pages or the seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from onconav.config import PROJECT_ROOT
from onconav.knowledge.originality import load_reference, reference_ngrams, shared_runs

PACK = PROJECT_ROOT / "knowledge"
FILES = sorted((PACK / "articles").glob("*.md")) + sorted((PACK / "guidance").glob("*"))
FILES = [p for p in FILES if p.is_file() and p.suffix in {".md", ".yaml", ".yml"}]


@pytest.fixture(scope="module")
def reference(shared_data: Path) -> set[int]:
    texts = load_reference(shared_data.parent)
    assert len(texts) > 1000, "cancer.gov pages and seeds should load"
    return reference_ngrams(texts)


@pytest.mark.shared_data
def test_gate_catches_a_copied_run(reference: set[int], shared_data: Path) -> None:
    seed = sorted((shared_data.parent / "seeds").glob("*.txt"))[0].read_text(encoding="utf-8")
    assert shared_runs(seed[:2000], reference)


@pytest.mark.shared_data
@pytest.mark.parametrize("path", FILES, ids=[f"{p.parent.name}/{p.name}" for p in FILES])
def test_no_shared_twelve_word_run(path: Path, reference: set[int]) -> None:
    runs = shared_runs(path.read_text(encoding="utf-8"), reference)
    assert runs == [], f"{len(runs)} shared runs, first: {runs[:2]}"
