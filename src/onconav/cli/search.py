"""`onconav search`: BM25 search of the knowledge base, one query or a JSONL batch."""

from __future__ import annotations

from pathlib import Path

import typer

from onconav.cli.common import echo_json, read_jsonl, settings


def search(
    query: str = typer.Argument(None, help="The question or keywords."),
    k: int = typer.Option(10, "-k", help="Number of hits."),
    json_out: bool = typer.Option(False, "--json"),
    batch: Path = typer.Option(None, "--batch", help='JSONL file of {"id", "question"} lines.'),
) -> None:
    """Search the knowledge base."""
    from onconav.errors import InputError
    from onconav.runtime import Runtime

    service = Runtime(settings()).answers
    if batch is not None:
        for row in read_jsonl(batch):
            hits = service.search(str(row.get("question") or ""), k=k)
            echo_json({"id": row.get("id"), "hits": [h.to_json() for h in hits]})
        return
    if not query or not query.strip():
        raise InputError("give a QUERY or --batch FILE.jsonl")
    hits = service.search(query, k=k)
    if json_out:
        echo_json({"query": query, "hits": [h.to_json() for h in hits]})
        return
    if not hits:
        typer.echo("no results")
    for i, h in enumerate(hits, 1):
        typer.echo(f"{i:2}. {h.title}  [{h.doc_id}]  score {h.score:.2f}\n    {h.url}\n    {h.snippet}\n")


def register(app: typer.Typer) -> None:
    """Add the `search` command."""
    app.command("search")(search)
