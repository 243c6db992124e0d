"""Unit tests of the article schema: front matter, loader and pack validator on synthetic packs."""

from __future__ import annotations

from pathlib import Path

import pytest

from onconav.errors import InputError
from onconav.knowledge.pack_schema import (
    body_words,
    kb_links,
    load_article,
    plain_text,
    validate_pack,
)

FRONT = """---
title: A test article
slug: {slug}
summary: What the reader gets from this synthetic article.
audience: patient
cancer_types: [PAAD]
topics: [{topic}]
reviewed: 2026-01-01
sources:
  - title: Source one
    url: https://example.org/one
    publisher: Example
  - title: Source two
    url: https://example.org/two
    publisher: Example
---

"""


def _body(words: int = 320, link: str = "") -> str:
    filler = " ".join(["word"] * words)
    return f"Intro {link}\n\n## What this covers\n\n{filler}\n\n## Bottom line\n\nDone.\n"


def _write(folder: Path, slug: str, body: str, topic: str = "overview", name: str | None = None) -> Path:
    path = folder / "articles" / f"{name or slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(FRONT.format(slug=slug, topic=topic) + body, encoding="utf-8")
    return path


def test_load_article_returns_front_matter_and_body(tmp_path: Path) -> None:
    path = _write(tmp_path, "good-one", _body())
    fm, body = load_article(path)
    assert fm.slug == "good-one" and fm.cancer_types == ["PAAD"] and len(fm.sources) == 2
    assert body.startswith("Intro")


def test_clean_pack_has_no_problems(tmp_path: Path) -> None:
    _write(tmp_path, "first", _body(link="[next](kb:second)"))
    _write(tmp_path, "second", _body())
    assert validate_pack(tmp_path) == []


def test_missing_front_matter_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "articles" / "bare.md"
    path.parent.mkdir(parents=True)
    path.write_text("# No front matter\n", encoding="utf-8")
    with pytest.raises(InputError, match="bare.md"):
        load_article(path)


def test_unknown_topic_and_one_source_are_rejected(tmp_path: Path) -> None:
    path = _write(tmp_path, "bad-topic", _body(), topic="gossip")
    with pytest.raises(InputError, match="unknown topics"):
        load_article(path)
    text = path.read_text().replace("topics: [gossip]", "topics: [overview]")
    one_source = text.split("  - title: Source two")[0] + "---" + text.split("---", 2)[2]
    path.write_text(one_source)
    with pytest.raises(InputError, match="sources"):
        load_article(path)


def test_validator_reports_slug_mismatch_broken_link_length_and_ending(tmp_path: Path) -> None:
    _write(tmp_path, "real-slug", _body(link="[x](kb:nowhere)"), name="other-name")
    _write(tmp_path, "short", "Too short.\n\n## Bottom line\n\nEnd.\n")
    _write(tmp_path, "no-ending", _body().replace("## Bottom line", "## Summary"))
    problems = "\n".join(validate_pack(tmp_path))
    assert "differs from the file name" in problems
    assert "kb:nowhere" in problems
    assert "short.md: body has" in problems
    assert "no-ending.md: must end" in problems


def test_side_effect_article_needs_three_headings(tmp_path: Path) -> None:
    _write(tmp_path, "nausea", _body(), topic="side_effects")
    problems = validate_pack(tmp_path)
    assert any("side-effect article lacks headings" in p for p in problems)


def test_duplicate_slug_is_reported(tmp_path: Path) -> None:
    _write(tmp_path, "same", _body())
    _write(tmp_path, "same", _body(), name="copy")
    assert any("already used" in p for p in validate_pack(tmp_path))


def test_helpers_count_words_links_and_strip_markdown() -> None:
    body = "## Heading here\n\n- one [two](kb:slug-a) three\n- **four**\n"
    assert kb_links(body) == ["slug-a"]
    assert body_words(body) == 6
    assert plain_text(body) == "Heading here.\n\none two three\nfour"
