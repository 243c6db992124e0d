"""Command-line interface: `onconav <group> ...`. One module per command group."""

from __future__ import annotations

import importlib
import sys

import typer

from onconav.errors import OnconavError

app = typer.Typer(
    no_args_is_help=True,
    add_completion=False,
    help="onconav: grounded, cited cancer navigation answers and personal guidance.",
)

# Each module exposes `register(app)`; order sets the order in --help.
COMMAND_MODULES = ("kb", "search", "ask", "serve", "records", "guidance", "trials", "security")

for _name in COMMAND_MODULES:
    importlib.import_module(f"onconav.cli.{_name}").register(app)


def main() -> None:
    """Entry point: run the CLI and turn onconav errors into a message and an exit code."""
    try:
        app(standalone_mode=False)
    except OnconavError as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except typer.Abort:
        sys.exit(1)
    except SystemExit:
        raise
    except Exception as exc:  # click usage errors
        import click

        if isinstance(exc, click.ClickException):
            exc.show()
            sys.exit(exc.exit_code)
        raise
