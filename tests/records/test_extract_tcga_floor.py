"""Shared-data floor: T accuracy on the real TCGA dev reports must not regress."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from onconav.records.extract import extract_profile_from_text


@pytest.mark.shared_data
def test_t_accuracy_floor(shared_data: Path) -> None:
    rows = [json.loads(x) for x in (shared_data / "tcga" / "kefeli_reports_dev.jsonl").open(encoding="utf-8")]
    ok = stated = right_when_stated = 0
    for r in rows:
        t = extract_profile_from_text(r["text"])[0].tnm.t
        main = re.match(r"T[1-4]", t or "")
        if main:
            stated += 1
            right_when_stated += main.group(0) == r["t14_label_meaning"]
        ok += bool(main and main.group(0) == r["t14_label_meaning"])
    assert ok / len(rows) >= 0.76
    assert right_when_stated / stated >= 0.88
