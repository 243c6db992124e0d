"""`onconav ask`: a grounded, cited answer, one question or a JSONL batch."""

from __future__ import annotations

from pathlib import Path

import typer

from onconav.cli.common import echo_json, read_json_file, read_jsonl, settings
from onconav.errors import OnconavError


def ask(
    question: str = typer.Argument(None, help="Your question, in your own words."),
    json_out: bool = typer.Option(False, "--json", help="Print the answer as JSON."),
    batch: Path = typer.Option(None, "--batch", help='JSONL file of {"id", "question"} lines.'),
    profile: Path = typer.Option(None, "--profile", help="A profile JSON (from `records extract --json`)."),
) -> None:
    """Answer a question from the knowledge base, with citations."""
    from onconav.domain import Profile
    from onconav.errors import InputError
    from onconav.runtime import Runtime

    service = Runtime(settings()).answers
    prof = Profile.from_json(read_json_file(profile)) if profile else None
    if batch is not None:
        for row in read_jsonl(batch):
            try:
                out = service.ask(str(row.get("question") or ""), profile=prof).to_json()
            except OnconavError as exc:
                out = {"error": str(exc), "question": row.get("question")}
            echo_json({"input_id": row.get("id"), **out})
        return
    if question is None or not question.strip():
        raise InputError("Please type a question (or use --batch FILE.jsonl).")
    answer = service.ask(question, profile=prof)
    if json_out:
        echo_json(answer.to_json())
    else:
        typer.echo(answer.markdown)


def register(app: typer.Typer) -> None:
    """Add the `ask` command."""
    app.command("ask")(ask)
