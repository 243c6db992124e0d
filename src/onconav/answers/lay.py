"""Lay words -> clinical search terms (e.g. "throwing up" -> nausea, vomiting)."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

LAY_TERMS = Path(__file__).resolve().parent.parent / "data" / "lay_terms.yaml"


@lru_cache(maxsize=1)
def _rules() -> list[tuple[re.Pattern[str], list[str]]]:
    raw = yaml.safe_load(LAY_TERMS.read_text(encoding="utf-8")) or {}
    return [(re.compile(rf"\b{pattern}\b", re.I), [str(t) for t in terms]) for pattern, terms in raw.items()]


def lay_expansions(text: str) -> list[str]:
    """Clinical terms for the lay phrases in a question (deduplicated, in rule order)."""
    out: list[str] = []
    for rx, terms in _rules():
        if rx.search(text):
            out.extend(t for t in terms if t not in out)
    return out
