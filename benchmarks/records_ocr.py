"""Benchmark: extraction on noisy TCGA OCR texts (ocr_reports_dev.jsonl).

Run: .venv/bin/python benchmarks/records_ocr.py
T/N/M truth: gdc_ajcc_pathologic_t/n/m; stage: cdr_pathologic_stage; cancer type: tcga_project.
`llm_extracted` in the file is a language model's output and is NOT used. Empty texts must give an
empty profile. ER/PR/HER2 on breast reports: benchmarks/records_receptors.py.
Writes benchmarks/out/records_ocr.json.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from records_tcga import DATA, KEYS, OUT, load, predict, score, table  # noqa: E402


def main() -> None:
    rows = load(DATA / "ocr_reports_dev.jsonl")
    for r in rows:
        r["t_truth"] = r.get("gdc_ajcc_pathologic_t")
        for k in (
            "gdc_ajcc_pathologic_t",
            "gdc_ajcc_pathologic_n",
            "gdc_ajcc_pathologic_m",
            "cdr_pathologic_stage",
        ):
            if r.get(k) in ("None", ""):
                r[k] = None
        r["t_truth"] = r.get("gdc_ajcc_pathologic_t")
    t0 = time.process_time()
    preds = [predict(r.get("ocr_text") or "") for r in rows]
    rate = len(rows) / (time.process_time() - t0)
    empty = [i for i, r in enumerate(rows) if len((r.get("ocr_text") or "").strip()) < 20]
    empty_ok = sum(1 for i in empty if preds[i]["empty"])
    results = {"all": score(rows, preds, "t_truth")}
    for half, name in ((0, "even (dev)"), (1, "odd (held out)")):
        idx = [i for i in range(len(rows)) if i % 2 == half]
        results[name] = score([rows[i] for i in idx], [preds[i] for i in idx], "t_truth")
    # Empty texts cannot be right whatever the truth says; this column shows the figures without them.
    empty_set = set(empty)
    kept = [i for i in range(len(rows)) if i not in empty_set]
    results["non-empty text"] = score([rows[i] for i in kept], [preds[i] for i in kept], "t_truth")
    print("## records_ocr: ocr_reports_dev.jsonl (T truth: gdc_ajcc_pathologic_t main category)\n")
    print(table(results, KEYS))
    print(f"\nempty/near-empty texts: {len(empty)}, empty profile for {empty_ok}")
    print(f"throughput: {rate:.0f} reports/s (CPU time of one process, text only)\n")
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "records_ocr.json").write_text(
        json.dumps(
            {
                "results": results,
                "reports_per_s": rate,
                "empty_texts": len(empty),
                "empty_profiles": empty_ok,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
