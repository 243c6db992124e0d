"""Speed: import of the 1,432 cancer.gov pages, search p50, ask (no LLM) p50/p99, in-process.

Usage: python benchmarks/ask_speed.py [--n 300]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT, latency_summary, need_shared, read_jsonl, table, write_json  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=300)
    args = ap.parse_args()
    shared = need_shared()
    from onconav.config import Settings
    from onconav.runtime import Runtime

    home = Path(tempfile.mkdtemp(prefix="onconav-speed-"))
    rt = Runtime(Settings(home=home))
    pages = shared / "knowledge" / "cancer_gov_pages.jsonl"
    t = time.perf_counter()
    report = rt.kb.import_paths([pages])
    import_s = time.perf_counter() - t
    rt.kb.import_paths([ROOT / "knowledge" / "articles"])
    questions = [r["question"] for r in read_jsonl(shared / "medquad" / "medquad_cancergov.jsonl")][: args.n]
    lay = ROOT / "benchmarks" / "data" / "lay_questions.jsonl"
    if lay.exists():
        questions += [r["question"] for r in read_jsonl(lay)]
    rt.answers.ask(questions[0])  # warm up (loads vocabulary, triage rules)
    search_ms, ask_ms = [], []
    for q in questions:
        t = time.perf_counter()
        rt.answers.search(q, k=10)
        search_ms.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        rt.answers.ask(q)
        ask_ms.append((time.perf_counter() - t) * 1000)
    s, a = latency_summary(search_ms), latency_summary(ask_ms)
    load = os.getloadavg()[0]
    print(f"import of {report.added} pages: {import_s:.1f} s (target < 60 s); load average {load:.1f}\n")
    print(
        table(
            ["operation", "n", "p50 ms", "p99 ms", "target"],
            [
                ["search", len(search_ms), s["p50_ms"], s["p99_ms"], "p50 <= 5 ms"],
                [
                    "ask (extractive, stored)",
                    len(ask_ms),
                    a["p50_ms"],
                    a["p99_ms"],
                    "p50 <= 50, p99 <= 200 ms",
                ],
            ],
        )
    )
    write_json("ask_speed", {"import_s": round(import_s, 1), "search": s, "ask": a, "load_average": load})


if __name__ == "__main__":
    main()
