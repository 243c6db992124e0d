"""Benchmark: clinical profile extraction on real TCGA pathology reports (kefeli_reports_dev.jsonl).

Run: .venv/bin/python benchmarks/records_tcga.py
Prints a markdown table (all / even lines / odd lines, the naive regex beside) and writes
benchmarks/out/records_tcga.json. Ground truth: t14_label_meaning (T1-T4), gdc_ajcc_pathologic_n/m,
cdr_pathologic_stage, tcga_project mapped to OncoTree below.
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
DATA = ROOT.parent / "shared" / "data" / "tcga"
OUT = ROOT / "benchmarks" / "out"

from onconav.records.extract import extract_profile_from_text  # noqa: E402

# TCGA project -> OncoTree codes that count as a correct cancer type (the code and its subtypes in use).
TCGA_TO_ONCOTREE: dict[str, set[str]] = {
    "BRCA": {"BRCA", "IDC", "ILC", "MDLC", "IMMC"},
    "LUAD": {"LUAD"},
    "LUSC": {"LUSC"},
    "COAD": {"COAD", "MACR"},
    "READ": {"READ", "MACR"},
    "STAD": {"STAD"},
    "ESCA": {"ESCA", "ESCC"},
    "KIRC": {"CCRCC"},
    "KIRP": {"PRCC"},
    "KICH": {"CHRCC"},
    "THCA": {"THPA"},
    "HNSC": {"HNSC"},
    "LIHC": {"HCC"},
    "CHOL": {"CHOL", "IHCH"},
    "PAAD": {"PAAD"},
    "PRAD": {"PRAD"},
    "BLCA": {"BLCA"},
    "CESC": {"CESC", "ECAD"},
    "SKCM": {"SKCM"},
    "UVM": {"UM"},
    "MESO": {"PLMESO"},
    "ACC": {"ACC"},
    "TGCT": {"SEM", "NSGCT"},
    "OV": {"HGSOC", "SOC"},
    "GBM": {"GB"},
    "LGG": {"ASTR", "ODG", "DIFG"},
    "UCEC": {"UEC", "USC", "UCEC"},
    "PCPG": {"PHC"},
}
_NAIVE = re.compile(r"\bp?T([1-4])")


def main_cat(v: str | None, letter: str) -> str | None:
    """'T2a' -> 'T2', 'N1b' -> 'N1'; anything else (TX, Tis, None) -> None for T-style comparison."""
    if not v:
        return None
    m = re.match(letter + r"([0-4X])", v)
    return letter + m.group(1) if m else None


def stage_main(v: str | None) -> str | None:
    m = re.match(r"Stage (IV|III|II|I)", v or "")
    return m.group(1) if m else None


def load(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def score(rows: list[dict[str, Any]], preds: list[dict[str, Any]], t_truth: str) -> dict[str, Any]:
    """Accuracy figures for one subset."""
    n = len(rows)
    t_ok = sum(
        1 for r, p in zip(rows, preds, strict=True) if p["t"] and p["t"] == main_cat(r.get(t_truth), "T")
    )
    t_stated = [(r, p) for r, p in zip(rows, preds, strict=True) if p["t"] and main_cat(r.get(t_truth), "T")]
    naive_ok = sum(
        1
        for r, p in zip(rows, preds, strict=True)
        if p["naive"] and p["naive"] == main_cat(r.get(t_truth), "T")
    )
    naive_stated = [
        (r, p) for r, p in zip(rows, preds, strict=True) if p["naive"] and main_cat(r.get(t_truth), "T")
    ]
    t_rows = sum(1 for r in rows if main_cat(r.get(t_truth), "T"))
    out: dict[str, Any] = {
        "reports": n,
        "t_accuracy_all": t_ok / max(1, t_rows),
        "t_precision_when_stated": sum(1 for r, p in t_stated if p["t"] == main_cat(r.get(t_truth), "T"))
        / max(1, len(t_stated)),
        "t_coverage": len(t_stated) / max(1, t_rows),
        "naive_t_accuracy_all": naive_ok / max(1, t_rows),
        "naive_t_precision": sum(1 for r, p in naive_stated if p["naive"] == main_cat(r.get(t_truth), "T"))
        / max(1, len(naive_stated)),
    }
    derived = [
        (r, p) for r, p in zip(rows, preds, strict=True) if p["t_derived"] and main_cat(r.get(t_truth), "T")
    ]
    out["t_derived_count"] = len(derived)
    out["t_derived_precision"] = sum(1 for r, p in derived if p["t"] == main_cat(r.get(t_truth), "T")) / max(
        1, len(derived)
    )
    for key, truth, letter in (("n", "gdc_ajcc_pathologic_n", "N"), ("m", "gdc_ajcc_pathologic_m", "M")):
        have = [(r, p) for r, p in zip(rows, preds, strict=True) if main_cat(r.get(truth), letter)]
        ok = sum(1 for r, p in have if main_cat(p[key], letter) == main_cat(r.get(truth), letter))
        stated = [(r, p) for r, p in have if main_cat(p[key], letter) and not (p[key] or "").endswith("X")]
        out[f"{key}_accuracy"] = ok / max(1, len(have))
        out[f"{key}_precision_when_stated"] = sum(
            1 for r, p in stated if main_cat(p[key], letter) == main_cat(r.get(truth), letter)
        ) / max(1, len(stated))
        out[f"{key}_with_truth"] = len(have)
    _derived_split(rows, preds, out)
    have = [(r, p) for r, p in zip(rows, preds, strict=True) if stage_main(r.get("cdr_pathologic_stage"))]
    out["stage_main_accuracy"] = sum(
        1 for r, p in have if stage_main(p["stage"]) == stage_main(r.get("cdr_pathologic_stage"))
    ) / max(1, len(have))
    out["stage_exact_accuracy"] = sum(
        1 for r, p in have if p["stage"] == r.get("cdr_pathologic_stage")
    ) / max(1, len(have))
    stated = [(r, p) for r, p in have if stage_main(p["stage"])]
    out["stage_precision_when_stated"] = sum(
        1 for r, p in stated if stage_main(p["stage"]) == stage_main(r.get("cdr_pathologic_stage"))
    ) / max(1, len(stated))
    out["stage_with_truth"] = len(have)
    have = [(r, p) for r, p in zip(rows, preds, strict=True) if r.get("tcga_project") in TCGA_TO_ONCOTREE]
    out["cancer_type_accuracy"] = sum(
        1 for r, p in have if p["code"] in TCGA_TO_ONCOTREE[r["tcga_project"]]
    ) / max(1, len(have))
    return out


def _derived_split(rows: list[dict[str, Any]], preds: list[dict[str, Any]], out: dict[str, Any]) -> None:
    """N and stage group: counts and precision of values stated in the report vs derived by rules."""
    checks = (
        ("n", "gdc_ajcc_pathologic_n", lambda v: main_cat(v, "N"), "n_derived"),
        ("stage", "cdr_pathologic_stage", stage_main, "stage_derived"),
    )
    for key, truth, norm, flag in checks:
        for kind, want in (("stated", False), ("derived", True)):
            pairs = [
                (norm(r.get(truth)), norm(p[key]))
                for r, p in zip(rows, preds, strict=True)
                if norm(r.get(truth))
                and norm(p[key])
                and not (p[key] or "").endswith("X")
                and p[flag] == want
            ]
            out[f"{key}_{kind}_count"] = len(pairs)
            out[f"{key}_{kind}_precision"] = sum(1 for a, b in pairs if a == b) / max(1, len(pairs))


def predict(text: str) -> dict[str, Any]:
    """The figures the benchmark compares, for one report."""
    profile, facts = extract_profile_from_text(text, "report")
    naive = _NAIVE.search(text or "")
    t_fact = next((f for f in facts if f.field == "tnm.t"), None)
    n_fact = next((f for f in facts if f.field == "tnm.n" and f.value == profile.tnm.n), None)
    s_fact = next((f for f in facts if f.field == "stage_group" and f.value == profile.stage_group), None)
    return {
        "t": main_cat(profile.tnm.t, "T") if profile.tnm.t not in ("T0",) else None,
        "t_derived": bool(t_fact and t_fact.derived),
        "n": profile.tnm.n,
        "n_derived": bool(n_fact and n_fact.derived),
        "stage_derived": bool(s_fact and s_fact.derived),
        "m": profile.tnm.m,
        "stage": profile.stage_group,
        "code": (profile.cancer_type or {}).get("oncotree_code"),
        "naive": "T" + naive.group(1) if naive else None,
        "empty": profile.is_empty() and not facts,
    }


def run(rows: list[dict[str, Any]], text_field: str) -> tuple[list[dict[str, Any]], float]:
    t0 = time.process_time()
    preds = [predict(r.get(text_field) or "") for r in rows]
    return preds, len(rows) / (time.process_time() - t0)


def table(results: dict[str, dict[str, Any]], keys: list[str]) -> str:
    cols = list(results)
    lines = ["| metric | " + " | ".join(cols) + " |", "|---|" + "---|" * len(cols)]
    for k in keys:
        cells = []
        for c in cols:
            v = results[c].get(k)
            cells.append(f"{v:.3f}" if isinstance(v, float) else str(v))
        lines.append(f"| {k} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


KEYS = [
    "reports",
    "t_accuracy_all",
    "t_precision_when_stated",
    "t_coverage",
    "t_derived_count",
    "t_derived_precision",
    "naive_t_accuracy_all",
    "naive_t_precision",
    "n_accuracy",
    "n_precision_when_stated",
    "n_with_truth",
    "n_stated_count",
    "n_stated_precision",
    "n_derived_count",
    "n_derived_precision",
    "m_accuracy",
    "m_precision_when_stated",
    "m_with_truth",
    "stage_main_accuracy",
    "stage_exact_accuracy",
    "stage_precision_when_stated",
    "stage_with_truth",
    "stage_stated_count",
    "stage_stated_precision",
    "stage_derived_count",
    "stage_derived_precision",
    "cancer_type_accuracy",
]


def main() -> None:
    rows = load(DATA / "kefeli_reports_dev.jsonl")
    for r in rows:  # t14_label_meaning is the T1-T4 truth; keep it in the field the scorer reads
        r["t_truth"] = r.get("t14_label_meaning")
    preds, rate = run(rows, "text")
    even = [i for i in range(len(rows)) if i % 2 == 0]
    odd = [i for i in range(len(rows)) if i % 2 == 1]
    results = {
        "all": score(rows, preds, "t_truth"),
        "even (dev)": score([rows[i] for i in even], [preds[i] for i in even], "t_truth"),
        "odd (held out)": score([rows[i] for i in odd], [preds[i] for i in odd], "t_truth"),
    }
    print("## records_tcga: kefeli_reports_dev.jsonl\n")
    print(table(results, KEYS))
    print(f"\nthroughput: {rate:.0f} reports/s (CPU time of one process, text only)")
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "records_tcga.json").write_text(json.dumps({"results": results, "reports_per_s": rate}, indent=2))


if __name__ == "__main__":
    main()
