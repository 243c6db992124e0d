"""Originality gate: no article or guidance file shares a 12-word run with cancer.gov pages or the seeds.

Citations (source titles and URLs) may legitimately repeat a source's own title, so they are left out;
every other word of the files (article title, summary, body; every YAML text value) is checked.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from onconav.config import PROJECT_ROOT
from onconav.knowledge.originality import find_shared_runs, load_reference
from onconav.knowledge.pack_schema import split_front_matter

PACK = PROJECT_ROOT / "knowledge"
FILES = sorted((PACK / "articles").glob("*.md")) + sorted((PACK / "guidance").glob("*"))
FILES = [p for p in FILES if p.is_file() and p.suffix in {".md", ".yaml", ".yml"}]
CITATION_KEYS = {"sources", "_sources", "url", "website"}


def prose(path: Path) -> str:
    """The words of a pack file that must be original (citations removed)."""
    text = path.read_text(encoding="utf-8")
    if path.suffix in {".yaml", ".yml"}:
        return "\n".join(_strings(yaml.safe_load(text)))
    if path.parent.name == "articles":
        front, body = split_front_matter(text)
        return "\n".join([str(front.get("title", "")), str(front.get("summary", "")), body])
    return text


def _strings(node: Any) -> list[str]:
    if isinstance(node, dict):
        return [s for k, v in node.items() if k not in CITATION_KEYS for s in _strings(v)]
    if isinstance(node, list):
        return [s for item in node for s in _strings(item)]
    return [node] if isinstance(node, str) else []


@pytest.fixture(scope="module")
def shared(shared_data: Path) -> dict[str, set[str]]:
    """Shared 12-word runs per pack file, computed in one pass over the reference texts."""
    texts = load_reference(shared_data.parent)
    assert len(texts) > 1000, "cancer.gov pages and seeds should load"
    return find_shared_runs({str(p): prose(p) for p in FILES}, texts)


def test_prose_drops_citations_only() -> None:
    sample = PACK / "guidance" / "records_checklist.yaml"
    words = prose(sample)
    assert "pathology department" in words and "https://" not in words


@pytest.mark.shared_data
def test_gate_catches_a_copied_run(shared_data: Path) -> None:
    seed = sorted((shared_data.parent / "seeds").glob("*.txt"))[0].read_text(encoding="utf-8")
    found = find_shared_runs({"copy": seed[:2000]}, [seed])
    assert found["copy"]


@pytest.mark.shared_data
@pytest.mark.parametrize("path", FILES, ids=[f"{p.parent.name}/{p.name}" for p in FILES])
def test_no_shared_twelve_word_run(path: Path, shared: dict[str, set[str]]) -> None:
    runs = sorted(shared[str(path)])
    assert runs == [], f"{len(runs)} shared runs, first: {runs[:2]}"
