"""Quality gates over the real starter pack: every article validates, links resolve, coverage holds."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from onconav.config import PROJECT_ROOT
from onconav.knowledge.pack_schema import (
    MAX_WORDS,
    MIN_WORDS,
    article_paths,
    body_words,
    kb_links,
    load_article,
    structure_problems,
    validate_pack,
)

PACK = PROJECT_ROOT / "knowledge"
ARTICLES = article_paths(PACK)
SLUGS = {p.stem for p in ARTICLES}
MIN_ARTICLES = 90
MIN_SECOND_OPINION = 10
MIN_OVERVIEW_TYPED = 35


def _ids(paths: list[Path]) -> list[str]:
    return [p.stem for p in paths]


@pytest.mark.parametrize("path", ARTICLES, ids=_ids(ARTICLES))
def test_article_front_matter_validates(path: Path) -> None:
    fm, _ = load_article(path)
    assert fm.slug == path.stem, f"slug {fm.slug!r} must equal the file name"
    assert len(fm.sources) >= 2


@pytest.mark.parametrize("path", ARTICLES, ids=_ids(ARTICLES))
def test_article_body_length_and_layout(path: Path) -> None:
    fm, body = load_article(path)
    count = body_words(body)
    assert MIN_WORDS <= count <= MAX_WORDS, f"{count} words"
    assert structure_problems(path.name, body, fm) == []


@pytest.mark.parametrize("path", ARTICLES, ids=_ids(ARTICLES))
def test_article_links_resolve(path: Path) -> None:
    _, body = load_article(path)
    broken = [s for s in kb_links(body) if s not in SLUGS]
    assert not broken, f"links to missing articles: {broken}"


def test_slugs_are_unique() -> None:
    slugs = Counter(load_article(p)[0].slug for p in ARTICLES)
    assert [s for s, n in slugs.items() if n > 1] == []


def test_whole_pack_validates() -> None:
    assert validate_pack(PACK) == []


def test_pack_size_and_coverage() -> None:
    fms = [load_article(p)[0] for p in ARTICLES]
    second = sum("second_opinion" in fm.topics for fm in fms)
    overview_typed = sum("overview" in fm.topics and bool(fm.cancer_types) for fm in fms)
    assert len(fms) >= MIN_ARTICLES, f"{len(fms)} articles"
    assert second >= MIN_SECOND_OPINION, f"{second} second-opinion articles"
    assert overview_typed >= MIN_OVERVIEW_TYPED, f"{overview_typed} cancer-type overviews"


@pytest.mark.shared_data
def test_article_cancer_types_are_oncotree_codes(shared_data: Path) -> None:
    codes = _oncotree_codes(shared_data)
    bad = {
        p.stem: unknown
        for p in ARTICLES
        if (unknown := [c for c in load_article(p)[0].cancer_types if c not in codes])
    }
    assert bad == {}


def _oncotree_codes(shared_data: Path) -> set[str]:
    path = shared_data / "terminology" / "oncotree_2025_10_03_flat.csv"
    with path.open(encoding="utf-8") as fh:
        return {row["code"] for row in csv.DictReader(fh)}
