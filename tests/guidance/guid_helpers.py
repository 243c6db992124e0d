"""Shared helpers for the guidance tests: fixture report sets, their expectations, kits built from them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from onconav.config import PROJECT_ROOT
from onconav.guidance.case import Case, case_from_json
from onconav.records.pipeline import extract_files

FIXTURES = Path(__file__).parent / "fixtures"
PACK = PROJECT_ROOT / "knowledge"
SETS = sorted(p.name for p in FIXTURES.iterdir() if (p / "expected.yaml").is_file())


def expected(name: str) -> dict[str, Any]:
    """The expectations written for one synthetic report set."""
    data: dict[str, Any] = yaml.safe_load((FIXTURES / name / "expected.yaml").read_text(encoding="utf-8"))
    return data


def extract_set(name: str) -> dict[str, Any]:
    """`records extract --json` output for all the report files of a set."""
    return extract_files(sorted((FIXTURES / name).glob("*.txt")))


def corrected(name: str) -> dict[str, Any]:
    """The extract output with the set's overrides applied (only where the records extractor falls short)."""
    out = extract_set(name)
    out["profile"].update(expected(name).get("overrides") or {})
    return out


def case_for(name: str) -> Case:
    """The Case built from a set's corrected extract output."""
    return case_from_json(corrected(name))
