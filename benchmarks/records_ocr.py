"""Benchmark: extraction on noisy TCGA OCR texts (ocr_reports_dev.jsonl) and ER/PR/HER2 on breast reports.

Run: .venv/bin/python benchmarks/records_ocr.py
T/N/M truth: gdc_ajcc_pathologic_t/n/m; stage: cdr_pathologic_stage; cancer type: tcga_project.
`llm_extracted` in the file is a language model's output and is NOT used. Empty texts must give an
empty profile. ER/PR/HER2: the breast reports of kefeli_reports_dev.jsonl joined with
tcga_clinical_labels_curated.csv by patient barcode. Writes benchmarks/out/records_ocr.json.
"""

from __future__ import annotations

import csv
import json
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from records_tcga import DATA, KEYS, OUT, load, predict, score, table  # noqa: E402

from onconav.records.extract import extract_profile_from_text  # noqa: E402

_STATUS = {"positive": "positive", "negative": "negative", "equivocal": "equivocal", "indeterminate": None}


def receptors() -> dict[str, dict[str, Any]]:
    """ER/PR/HER2 accuracy on breast reports with a curated label (no result counts as wrong)."""
    labels: dict[str, dict[str, str]] = {}
    with (DATA / "tcga_clinical_labels_curated.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            labels[row["bcr_patient_barcode"]] = row
    cols = {
        "ER": "breast_carcinoma_estrogen_receptor_status",
        "PR": "breast_carcinoma_progesterone_receptor_status",
        "HER2": "lab_proc_her2_neu_immunohistochemistry_receptor_status",
    }
    tally = {k: {"with_truth": 0, "correct": 0, "stated": 0} for k in cols}
    for r in load(DATA / "kefeli_reports_dev.jsonl"):
        lab = labels.get(r.get("patient_barcode", ""))
        if r.get("tcga_project") != "BRCA" or not lab:
            continue
        profile, _ = extract_profile_from_text(r.get("text") or "")
        got = {b.name: b.result for b in profile.biomarkers}
        for name, col in cols.items():
            truth = _STATUS.get((lab.get(col) or "").strip().lower())
            if not truth:
                continue
            t = tally[name]
            t["with_truth"] += 1
            pred = got.get(name)
            t["stated"] += pred is not None
            t["correct"] += pred == truth
    return {
        k: {
            **v,
            "accuracy": v["correct"] / max(1, v["with_truth"]),
            "precision_when_stated": v["correct"] / max(1, v["stated"]),
        }
        for k, v in tally.items()
    }


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
    print("## records_ocr: ocr_reports_dev.jsonl (T truth: gdc_ajcc_pathologic_t main category)\n")
    print(table(results, KEYS))
    print(f"\nempty/near-empty texts: {len(empty)}, empty profile for {empty_ok}")
    print(f"throughput: {rate:.0f} reports/s (CPU time of one process, text only)\n")
    rec = receptors()
    print("## ER/PR/HER2 on breast reports (kefeli) joined with tcga_clinical_labels_curated.csv\n")
    print("| marker | with truth | stated | accuracy | precision when stated |\n|---|---|---|---|---|")
    for k, v in rec.items():
        print(
            f"| {k} | {v['with_truth']} | {v['stated']} | {v['accuracy']:.3f} "
            f"| {v['precision_when_stated']:.3f} |"
        )
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "records_ocr.json").write_text(
        json.dumps(
            {
                "results": results,
                "reports_per_s": rate,
                "empty_texts": len(empty),
                "empty_profiles": empty_ok,
                "receptors": rec,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
