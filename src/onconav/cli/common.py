"""Helpers shared by command modules: settings, JSON output, JSONL batches."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import typer

from onconav.config import Settings, load_settings
from onconav.errors import InputError


def settings() -> Settings:
    """Settings from the environment (ONCONAV_HOME etc.)."""
    return load_settings()


def echo_json(obj: Any, *, pretty: bool = False) -> None:
    """Print one JSON document (one line unless pretty)."""
    typer.echo(json.dumps(obj, ensure_ascii=False, indent=2 if pretty else None, default=str))


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """Yield the objects of a JSON-lines file; a bad line is an InputError naming its number."""
    if not path.exists():
        raise InputError(f"file not found: {path}")
    with path.open(encoding="utf-8", errors="replace") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}:{lineno}: not valid JSON ({exc.msg})") from exc
            if not isinstance(obj, dict):
                raise InputError(f"{path}:{lineno}: expected a JSON object")
            yield obj


def read_json_file(path: Path) -> Any:
    """Load a JSON file with a clear error."""
    if not path.exists():
        raise InputError(f"file not found: {path}")
    try:
        return json.loads(path.read_text(encoding="utf-8", errors="replace"))
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: not valid JSON ({exc.msg})") from exc


def warn(message: str) -> None:
    """Print a message on stderr."""
    print(message, file=sys.stderr)
