"""`onconav kb import|stats|remove`: manage the knowledge base."""

from __future__ import annotations

from pathlib import Path

import typer

from onconav.cli.common import echo_json, settings

kb_app = typer.Typer(no_args_is_help=True, help="Manage the knowledge base (import sources, stats).")


@kb_app.command("import")
def import_(
    paths: list[Path] = typer.Argument(None, help="Files or folders: .md, .jsonl, .pdf, .html"),
    pack: bool = typer.Option(False, "--pack", help="Import the project's own starter pack."),
    json_out: bool = typer.Option(False, "--json", help="Print the report as JSON."),
) -> None:
    """Import sources (idempotent: unchanged documents are skipped, changed ones replaced)."""
    from onconav.knowledge.store import expand_paths
    from onconav.runtime import Runtime

    s = settings()
    targets = list(paths or [])
    if pack:
        targets.insert(0, s.pack_dir / "articles")
        if (s.pack_dir / "transcripts").is_dir():
            targets.insert(1, s.pack_dir / "transcripts")
    if not targets:
        raise typer.BadParameter("give at least one PATH, or --pack")
    kb = Runtime(s).kb
    files = list(expand_paths(targets))
    with typer.progressbar(length=len(files), label="importing") as bar:
        report = kb.import_paths(files, progress=lambda _path: bar.update(1))
    if json_out:
        echo_json(
            {
                "added": report.added,
                "updated": report.updated,
                "unchanged": report.unchanged,
                "failed": [{"path": p, "error": e} for p, e in report.failed],
                "version": report.version,
            }
        )
    else:
        typer.echo(
            f"added {report.added}, updated {report.updated}, unchanged {report.unchanged}, "
            f"failed {len(report.failed)}; knowledge base version {report.version}"
        )
        for path, err in report.failed:
            typer.echo(f"  skipped {path}: {err}", err=True)


@kb_app.command("stats")
def stats(json_out: bool = typer.Option(False, "--json")) -> None:
    """Show document and passage counts and the knowledge base version."""
    from onconav.runtime import Runtime

    data = Runtime(settings()).kb.stats()
    if json_out:
        echo_json(data)
    else:
        for key, value in data.items():
            typer.echo(f"{key}: {value}")


@kb_app.command("remove")
def remove(doc_ids: list[str]) -> None:
    """Remove documents by id."""
    from onconav.runtime import Runtime

    n = Runtime(settings()).kb.remove(doc_ids)
    typer.echo(f"removed {n} document(s)")


def register(app: typer.Typer) -> None:
    """Add the `kb` group."""
    app.add_typer(kb_app, name="kb")
