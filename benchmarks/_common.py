"""Shared helpers for benchmark scripts: paths, timing, tables, JSON output."""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = (ROOT.parent / "shared" / "data").resolve()
OUT = ROOT / "benchmarks" / "out"


def need_shared() -> Path:
    """The shared data folder, or exit with a message."""
    if not SHARED.is_dir():
        sys.exit(f"shared data not found at {SHARED}")
    return SHARED


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    idx = min(len(values) - 1, max(0, round(p / 100 * (len(values) - 1))))
    return values[idx]


def timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    t = time.perf_counter()
    out = fn()
    return out, (time.perf_counter() - t) * 1000


def latency_summary(ms: list[float]) -> dict[str, float]:
    return {
        "p50_ms": round(percentile(ms, 50), 2),
        "p99_ms": round(percentile(ms, 99), 2),
        "mean_ms": round(statistics.fmean(ms), 2) if ms else float("nan"),
    }


def table(headers: list[str], rows: Iterable[list[Any]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return "\n".join(lines)


def write_json(name: str, data: Any) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"{name}.json").write_text(json.dumps(data, indent=2, default=str))


def mrr_recall(ranked: list[list[str]], gold: list[set[str]], k: int = 10) -> tuple[float, float]:
    """MRR@k and recall@k (any gold doc in the top k)."""
    rr, rec = 0.0, 0.0
    for docs, g in zip(ranked, gold, strict=True):
        for i, d in enumerate(docs[:k], 1):
            if d in g:
                rr += 1 / i
                rec += 1
                break
    n = max(1, len(gold))
    return rr / n, rec / n
