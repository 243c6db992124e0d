"""Benchmark: how long the profile page's data takes for an account with many documents.

Run: .venv/bin/python benchmarks/records_profile_speed.py
Uploads 10 and 50 real TCGA report texts into a throw-away data folder (encrypted as in production),
reads them with the job runner, then times `RecordsService.profile` (decrypt every document's facts,
merge, apply corrections). Writes benchmarks/out/records_profile_speed.json.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from _common import latency_summary, need_shared, read_jsonl, table, write_json  # noqa: E402

from onconav.config import Settings  # noqa: E402
from onconav.records.jobs import run_pending  # noqa: E402
from onconav.records.service import service_for  # noqa: E402
from onconav.storage.db import Database  # noqa: E402

SIZES = (10, 50)
REPEATS = 20


def main() -> None:
    reports = read_jsonl(need_shared() / "tcga" / "kefeli_reports_dev.jsonl")
    with tempfile.TemporaryDirectory() as home:
        svc = service_for(Database(Settings(home=Path(home), rate_limits_enabled=False)))
        rows, results = [], {}
        for n in SIZES:
            owner = f"bench-{n}"
            for r in reports[:n]:
                svc.upload(owner, f"{r['patient_barcode']}.txt", r["text"].encode())
            t0 = time.perf_counter()
            run_pending(svc.db)
            read_s = time.perf_counter() - t0
            ms = []
            for _ in range(REPEATS):
                t = time.perf_counter()
                view = svc.profile(owner)
                ms.append((time.perf_counter() - t) * 1000)
            summary = latency_summary(ms) | {"facts": len(view.facts), "read_all_s": round(read_s, 2)}
            results[str(n)] = summary
            rows.append([n, summary["facts"], summary["p50_ms"], summary["p99_ms"], summary["read_all_s"]])
    print(table(["documents", "facts", "profile p50 ms", "profile p99 ms", "reading all (s)"], rows))
    write_json("records_profile_speed", results)


if __name__ == "__main__":
    main()
