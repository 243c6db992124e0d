"""CLI contract: kb import/stats, search (single and batch), ask (single and batch)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from onconav.cli import app

runner = CliRunner()
ARTICLE = """---
title: Fever during chemotherapy
slug: fever-test
summary: s
audience: patient
cancer_types: []
topics: [side_effects]
reviewed: 2026-01-01
sources: [{title: a, url: "https://e.org/a", publisher: p}, {title: b, url: "https://e.org/b", publisher: q}]
---

Fever during chemotherapy can be a sign of infection when white blood cell counts are low.

## Questions to ask your care team

- What temperature should make me call you?
- Who do I call at night?

## Bottom line

A fever during chemotherapy needs a call to your care team right away.
"""


def run(*args: str):  # type: ignore[no-untyped-def]
    result = runner.invoke(app, list(args), catch_exceptions=False)
    return result


def test_kb_import_stats_search_ask(home: Path, tmp_path: Path) -> None:
    folder = tmp_path / "pack"
    folder.mkdir()
    (folder / "fever-test.md").write_text(ARTICLE)
    assert run("kb", "import", str(folder)).exit_code == 0
    stats = json.loads(run("kb", "stats", "--json").stdout)
    assert stats["documents"] == 1 and stats["passages"] >= 2
    out = json.loads(run("search", "fever chemotherapy", "--json", "-k", "3").stdout)
    assert out["hits"][0]["doc_id"] == "onconav:fever-test"
    batch = tmp_path / "q.jsonl"
    batch.write_text('{"id": "q1", "question": "fever during chemo"}\n{"id": "q2", "question": "xyzzy"}\n')
    lines = [json.loads(x) for x in run("search", "--batch", str(batch), "--json").stdout.splitlines()]
    assert [x["id"] for x in lines] == ["q1", "q2"] and lines[0]["hits"] and lines[1]["hits"] == []
    answers = [json.loads(x) for x in run("ask", "--batch", str(batch), "--json").stdout.splitlines()]
    assert [a["input_id"] for a in answers] == ["q1", "q2"]
    assert answers[0]["citations"] and answers[1]["sections"]
    text = run("ask", "What should I ask about fever during chemotherapy?").stdout
    assert "Questions to ask your care team" in text and "Disclaimer" in text


def test_empty_question_exits_with_message(home: Path) -> None:
    import subprocess
    import sys


    r = subprocess.run(
        [sys.executable, "-c", "from onconav.cli import main; main()", "ask", " "],
        capture_output=True,
        text=True,
    )
    assert r.returncode == 2 and "question" in r.stderr.lower()


def test_bad_batch_line_is_reported(home: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1, "question": "ok"}\nnot json\n')
    result = runner.invoke(app, ["search", "--batch", str(bad), "--json"])
    assert result.exit_code != 0
