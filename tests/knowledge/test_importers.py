"""Importers: markdown pack, cancer.gov JSONL, PDF, HTML, transcripts; sectioning; idempotence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from onconav.config import Settings
from onconav.errors import CorruptFileError, InputError, UnsupportedFileError
from onconav.knowledge.importers import (
    cancer_gov_document,
    documents_from_path,
    html_document,
    markdown_document,
    pdf_document,
)
from onconav.knowledge.sections import split_passages
from onconav.knowledge.store import KnowledgeStore

ARTICLE = """---
title: Test article about scans
slug: test-scans
summary: A test.
audience: patient
cancer_types: [PAAD]
topics: [tests]
reviewed: 2026-01-01
sources:
  - {title: A, url: "https://example.org/a", publisher: P}
  - {title: B, url: "https://example.org/b", publisher: Q}
---

Intro paragraph about imaging.

## What to bring

- Your imaging disc
- The written report
- A list of questions

## Steps to get copies

1. Call the imaging desk.
2. Ask for the DICOM files.
3. Pick them up.
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_markdown_article_metadata_and_sections(tmp_path: Path) -> None:
    doc = markdown_document(write(tmp_path, "test-scans.md", ARTICLE))
    assert doc.doc_id == "onconav:test-scans"
    assert doc.cancer_types == ["PAAD"] and doc.audience == "patient"
    headings = [p.heading for p in doc.passages]
    assert headings == ["Test article about scans", "What to bring", "Steps to get copies"]
    bring = doc.passages[1].text.splitlines()
    assert bring == ["- Your imaging disc", "- The written report", "- A list of questions"]
    assert doc.passages[2].text.startswith("1. Call") and "3. Pick them up." in doc.passages[2].text


def test_lists_are_never_split_across_passages() -> None:
    items = "\n".join(f"- item number {i} with some words to make it long enough" for i in range(60))
    passages = split_passages("d", "Doc", f"# Doc\n\n## Big list\n\n{items}\n")
    assert len(passages) == 1
    assert passages[0].text.count("- item number") == 60


def test_cancer_gov_row_keeps_id_and_handles_bare_heading_markers() -> None:
    row = {
        "id": "page-1",
        "title": "Thing Treatment - NCI",
        "url": "https://www.cancer.gov/x",
        "version": "health_professional",
        "retrieved_or_reviewed": "2025-01-01",
        "text": "# Thing\n\n##\n\nWhat is thing?\n\nThing is a made-up disease for tests.\n",
    }
    doc = cancer_gov_document(row)
    assert doc.doc_id == "page-1" and doc.title == "Thing Treatment" and doc.audience == "professional"
    assert any(p.heading == "What is thing?" for p in doc.passages)


def test_cancer_gov_row_with_list_title_falls_back() -> None:
    doc = cancer_gov_document(
        {"id": "p2", "title": [], "text": "# Real Title\n\nSome body text here for testing."}
    )
    assert doc.title == "Real Title"


def test_html_import_keeps_headings_and_lists(tmp_path: Path) -> None:
    html = (
        "<html><head><title>Guide</title><script>alert(1)</script></head><body><nav>menu</nav>"
        "<h1>Guide</h1><p>First paragraph of the guide text.</p><h2>Steps</h2>"
        "<ol><li>Do one thing</li><li>Do another thing</li></ol></body></html>"
    )
    doc = html_document(write(tmp_path, "g.html", html))
    steps = next(p for p in doc.passages if p.heading == "Steps")
    assert "1. Do one thing" in steps.text and "alert" not in steps.text
    assert all("menu" not in p.text for p in doc.passages)


def test_transcript_turns_keep_speakers(tmp_path: Path) -> None:
    text = (
        "---\ntitle: Panel on second opinions\nkind: transcript\n---\n# Panel\n\n"
        "**Dr. Ada Example, pathologist:** Every patient deserves a second look at the slides.\n\n"
        "**Sam Host, moderator:** Thank you, that is very helpful for our listeners.\n"
    )
    doc = markdown_document(write(tmp_path, "panel.md", text))
    assert doc.kind == "transcript"
    assert doc.passages[0].speaker == "Dr. Ada Example, pathologist"
    assert doc.passages[0].text == "Every patient deserves a second look at the slides."


def test_corrupt_pdf_is_a_clear_error(tmp_path: Path) -> None:
    p = tmp_path / "bad.pdf"
    p.write_bytes(b"%PDF-1.4\n this is not really a pdf")
    with pytest.raises(CorruptFileError):
        pdf_document(p)


def test_unknown_extension_and_bad_front_matter(tmp_path: Path) -> None:
    with pytest.raises(UnsupportedFileError):
        list(documents_from_path(write(tmp_path, "x.exe", "MZ")))
    with pytest.raises(InputError):
        markdown_document(write(tmp_path, "bad.md", "---\ntitle: [unclosed\n---\nbody"))


def test_import_is_idempotent_and_version_tracks_content(settings: Settings, tmp_path: Path) -> None:
    folder = tmp_path / "pack"
    folder.mkdir()
    write(folder, "test-scans.md", ARTICLE)
    kb = KnowledgeStore(settings)
    first = kb.import_paths([folder])
    assert (first.added, first.updated, first.unchanged) == (1, 0, 0)
    again = kb.import_paths([folder])
    assert (again.added, again.updated, again.unchanged) == (0, 0, 1)
    assert again.version == first.version
    write(folder, "test-scans.md", ARTICLE.replace("Pick them up.", "Collect them."))
    changed = kb.import_paths([folder])
    assert changed.updated == 1 and changed.version != first.version
    assert kb.index.count() == len(kb.get_document("onconav:test-scans").passages)


def test_bad_file_is_reported_and_the_rest_imported(settings: Settings, tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    write(folder, "good.md", ARTICLE)
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7 garbage")
    report = KnowledgeStore(settings).import_paths([folder, tmp_path / "missing.md"])
    assert report.added == 1
    failed = dict(report.failed)
    assert any("broken.pdf" in k for k in failed) and str(tmp_path / "missing.md") in failed


def test_real_cancer_gov_sample_imports(settings: Settings, shared_data: Path, tmp_path: Path) -> None:
    src = shared_data / "knowledge" / "cancer_gov_pages.jsonl"
    sample = tmp_path / "sample.jsonl"
    with src.open() as fh:
        sample.write_text("".join(next(fh) for _ in range(20)))
    kb = KnowledgeStore(settings)
    report = kb.import_paths([sample])
    assert report.added == 20 and not report.failed
    first_id = json.loads(src.open().readline())["id"]
    assert kb.get_document(first_id).passages


def test_lost_index_is_rebuilt_from_stored_documents(settings: Settings, tmp_path: Path) -> None:
    import shutil

    folder = tmp_path / "pack"
    folder.mkdir()
    write(folder, "test-scans.md", ARTICLE)
    KnowledgeStore(settings).import_paths([folder])
    shutil.rmtree(settings.index_dir)
    kb = KnowledgeStore(settings)
    assert kb.index.search("imaging disc", k=1)[0].doc_id == "onconav:test-scans"
