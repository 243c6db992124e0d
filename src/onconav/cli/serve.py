"""`onconav serve`: run the web app and JSON API."""

from __future__ import annotations

import typer

from onconav.cli.common import settings


def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to listen on."),
    port: int = typer.Option(8000, "--port", help="Port to listen on."),
    workers: int = typer.Option(1, "--workers", help="Worker processes (use PostgreSQL for more than 1)."),
) -> None:
    """Serve the web app (pages, JSON API at /api, docs at /api/docs)."""
    import uvicorn

    from onconav.app import create_app

    s = settings()
    if s.pack_dir.is_dir():
        from onconav.runtime import Runtime

        kb = Runtime(s).kb
        if kb.is_empty():
            typer.echo("knowledge base is empty: importing the starter pack")
            kb.import_paths([s.pack_dir / "articles"])
    typer.echo(f"onconav on http://{host}:{port}  (data folder: {s.home})")
    if workers > 1:
        uvicorn.run(
            "onconav.app:create_app",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            log_level="warning",
            proxy_headers=True,
        )
    else:
        uvicorn.run(create_app(s), host=host, port=port, log_level="warning", proxy_headers=True)


def register(app: typer.Typer) -> None:
    """Add the `serve` command."""
    app.command("serve")(serve)
