"""Read a treatment plan from an upload or a file: plain text, PDF (or other record types) or JSON."""

from __future__ import annotations

import json
from pathlib import Path

from onconav.errors import InputError
from onconav.guidance.compare import MAX_PLAN_CHARS, plan_text_from_json

MAX_PLAN_BYTES = 20 * 1024 * 1024


def plan_text_from_bytes(data: bytes, filename: str) -> str:
    """The text of a plan file; JSON plans may give 'text' or topic fields; PDFs and scans are parsed."""
    if not data.strip():
        raise InputError(f"'{filename}' is empty")
    if len(data) > MAX_PLAN_BYTES:
        raise InputError(f"'{filename}' is too large for a plan ({len(data) // 1_000_000} MB)")
    head = data.lstrip()[:1]
    if head in (b"{", b"["):
        try:
            return plan_text_from_json(json.loads(data.decode("utf-8", errors="replace")))
        except json.JSONDecodeError as exc:
            raise InputError(f"'{filename}' looks like JSON but is not valid ({exc.msg})") from exc
    if data[:5] == b"%PDF-" or not _is_text(data):
        from onconav.records.parsers import parse_bytes

        doc = parse_bytes(data, filename)
        text = "\n".join(page.text for page in doc.pages)
        if not text.strip():
            raise InputError(f"no text could be read from '{filename}'")
        return text[:MAX_PLAN_CHARS]
    return data.decode("utf-8", errors="replace")[:MAX_PLAN_CHARS]


def _is_text(data: bytes) -> bool:
    sample = data[:4096]
    if b"\x00" in sample:
        return False
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start > len(sample) - 4  # a character cut at the sample's end is still text
    return True


def plan_text_from_file(path: Path) -> str:
    """The text of a plan file on disk (clear errors for missing or unreadable files)."""
    if not path.is_file():
        raise InputError(f"file not found: {path}")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror})") from exc
    return plan_text_from_bytes(data, path.name)
