"""Benchmark: ER, PR and HER2 results read from real breast pathology reports.

Run: .venv/bin/python benchmarks/records_receptors.py [--show]
Reports: the BRCA reports of kefeli_reports_dev.jsonl (and of ocr_reports_dev.jsonl, which at present
holds none), joined with tcga_clinical_labels_curated.csv by patient barcode. Labels used:
  ER    breast_carcinoma_estrogen_receptor_status
  PR    breast_carcinoma_progesterone_receptor_status
  HER2 IHC   lab_proc_her2_neu_immunohistochemistry_receptor_status (positive/negative/equivocal),
             compared with the IHC part of what we report (the 0-3+ score, or the result when IHC)
  HER2 ISH   lab_procedure_her2_neu_in_situ_hybrid_outcome_type, compared with our ISH part
  HER2 final the ISH outcome when there is one, otherwise the IHC status; compared with our result
Many reports hold no receptor result (the tests were done elsewhere or reported later), so besides
accuracy over all labelled reports the script counts the reports whose text states a result for the
marker ("mentioned", found by a deliberately loose pattern independent of the extractor) and the
accuracy over those. "pending"/"to follow" is never a result. --show prints the disagreements.
Writes benchmarks/out/records_receptors.json.
"""

from __future__ import annotations

import csv
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import table, write_json  # noqa: E402
from records_tcga import DATA, load  # noqa: E402

from onconav.records.extract import extract_profile_from_text  # noqa: E402

MARKERS = ("ER", "PR", "HER2", "HER2 IHC", "HER2 ISH")
_LABEL = {"positive": "positive", "negative": "negative", "equivocal": "equivocal"}
_OURS = {
    "positive": "positive",
    "low positive": "positive",
    "amplified": "positive",
    "negative": "negative",
    "not amplified": "negative",
    "equivocal": "equivocal",
}
# Loose "the text states a result" detector: a marker name, then within a short stretch a result
# (a status word, a 0-3+ score, a percent, an Allred score or an ISH outcome), and no "pending" between.
_NAME = {
    "ER": r"\bER\b|estrogen|oestrogen|estr\w*\s+recept",
    "PR": r"\bPR\b|\bPgR\b|progest\w*",
    "HER2": r"her[\s-]*2|c-?erb-?b-?2|herceptest",
    "HER2 IHC": r"her[\s-]*2|c-?erb-?b-?2|herceptest",
    "HER2 ISH": r"\b(?:FISH|CISH|SISH|ISH)\b|in[\s-]situ\s+hybridi[sz]ation",
}
_RESULT = {
    "ER": r"positive|negative|\d\s*%|allred|\bno\b[^.]{0,20}found|found\s+in",
    "PR": r"positive|negative|\d\s*%|allred|\bno\b[^.]{0,20}found|found\s+in",
    "HER2": r"positive|negative|equivocal|amplif|\b[0-3]\s*\+|score\s*[:=]?\s*[0-3]",
    "HER2 IHC": r"positive|negative|equivocal|\b[0-3]\s*\+|score\s*[:=]?\s*[0-3]",
    "HER2 ISH": r"amplif|ratio\s*[:=]?\s*\d",
}
_PENDING = re.compile(r"pending|to\s+follow|will\s+be|ordered|addendum|separate|request", re.I)
_MENTION = {k: re.compile(rf"(?:{_NAME[k]})(?P<gap>[^\n]{{0,60}}?)(?:{_RESULT[k]})", re.I) for k in MARKERS}


def _labels() -> dict[str, dict[str, str | None]]:
    out: dict[str, dict[str, str | None]] = {}
    with (DATA / "tcga_clinical_labels_curated.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):

            def lab(col: str, row: dict[str, str] = row) -> str | None:
                return _LABEL.get((row.get(col) or "").strip().lower())

            ihc = lab("lab_proc_her2_neu_immunohistochemistry_receptor_status")
            ish = lab("lab_procedure_her2_neu_in_situ_hybrid_outcome_type")
            out[row["bcr_patient_barcode"]] = {
                "ER": lab("breast_carcinoma_estrogen_receptor_status"),
                "PR": lab("breast_carcinoma_progesterone_receptor_status"),
                "HER2": ish or ihc,
                "HER2 IHC": ihc,
                "HER2 ISH": ish,
            }
    return out


_IHC_SCORE = {"0": "negative", "1": "negative", "2": "equivocal", "3": "positive"}


def _her2_parts(result: str | None, value: str, method: str) -> tuple[str | None, str | None]:
    """The IHC and the ISH part of our HER2 result (value "2+; ISH not amplified", method "IHC+ISH")."""
    score = re.match(r"(?:[0-3]/)?([0-3])\+?(?=;|$)", value)
    ish_v = re.search(r"ISH (not amplified|amplified)", value)
    ihc = _IHC_SCORE[score.group(1)] if score else None
    ish = ("negative" if ish_v.group(1).startswith("not") else "positive") if ish_v else None
    stated = re.search(r"IHC (positive|negative|equivocal)", value)
    ihc = ihc or (stated.group(1) if stated else None)
    if ihc is None and method == "IHC":
        ihc = result
    if ish is None and method in ("ISH", "FISH"):
        ish = result
    return ihc, ish


def predict(text: str) -> dict[str, Any]:
    """Our result per marker (None when we give none) and the evidence text behind it."""
    profile, facts = extract_profile_from_text(text, "report")
    out: dict[str, Any] = dict.fromkeys(MARKERS)
    for b in profile.biomarkers:
        if b.name not in ("ER", "PR", "HER2"):
            continue
        res = _OURS.get((b.result or "").lower())
        out[b.name] = res
        if b.name == "HER2":
            out["HER2 IHC"], out["HER2 ISH"] = _her2_parts(res, b.value or "", b.method or "")
        ev = next(
            (f.evidence[0].text for f in facts if f.field == "biomarker" and f.value["name"] == b.name), ""
        )
        out["evidence_" + b.name] = f"{b.result} | {b.value} | {b.method} | {ev[:120]!r}"
    return out


# ISH outcomes are also written result first: "no amplification of the HER2 gene was seen by FISH".
_ISH_FIRST = re.compile(
    r"(?:amplif\w*)(?P<gap>[^\n]{0,80}?)(?:\b(?:FISH|CISH|SISH|ISH)\b|in[\s-]situ)|her[\s-]*2\W{0,3}not\s+amplified",
    re.I,
)


def mentioned(text: str, marker: str) -> bool:
    rxs = [_MENTION[marker]] + ([_ISH_FIRST] if marker in ("HER2 ISH", "HER2") else [])
    return any(not _PENDING.search(m.group("gap") or "") for rx in rxs for m in rx.finditer(text))


def score(items: list[dict[str, Any]], marker: str) -> dict[str, Any]:
    have = [r for r in items if r["truth"][marker]]
    ok: Callable[[dict[str, Any]], bool] = lambda r: r["pred"][marker] == r["truth"][marker]  # noqa: E731
    ment = [r for r in have if r["mentioned"][marker]]
    stated = [r for r in have if r["pred"][marker]]
    return {
        "with_label": len(have),
        "mentioned": len(ment),
        "stated": len(stated),
        "correct": sum(map(ok, have)),
        "coverage": len(ment) / max(1, len(have)),
        "accuracy_all": sum(map(ok, have)) / max(1, len(have)),
        "accuracy_mentioned": sum(map(ok, ment)) / max(1, len(ment)),
        "precision_when_stated": sum(map(ok, stated)) / max(1, len(stated)),
    }


def _items() -> tuple[list[dict[str, Any]], dict[str, int]]:
    labels = _labels()
    items: list[dict[str, Any]] = []
    counts = {}
    for fname, field in (("kefeli_reports_dev.jsonl", "text"), ("ocr_reports_dev.jsonl", "ocr_text")):
        rows = load(DATA / fname)
        n = 0
        for i, r in enumerate(rows):
            truth = labels.get(r.get("patient_barcode", ""))
            if r.get("tcga_project") != "BRCA" or not truth:
                continue
            text = r.get(field) or ""
            n += 1
            items.append(
                {
                    "source": fname,
                    "index": i,
                    "barcode": r["patient_barcode"],
                    "truth": truth,
                    "pred": predict(text),
                    "mentioned": {k: mentioned(text, k) for k in MARKERS},
                }
            )
        counts[fname] = n
    return items, counts


def main() -> None:
    items, counts = _items()
    halves = {
        "all": items,
        "even (dev)": [r for r in items if r["index"] % 2 == 0],
        "odd (held out)": [r for r in items if r["index"] % 2 == 1],
    }
    results = {h: {k: score(rows, k) for k in MARKERS} for h, rows in halves.items()}
    print("## records_receptors: ER/PR/HER2 on TCGA breast reports vs tcga_clinical_labels_curated.csv\n")
    print("reports joined: " + ", ".join(f"{k} {v}" for k, v in counts.items()) + "\n")
    keys = [
        "with_label",
        "mentioned",
        "stated",
        "accuracy_all",
        "accuracy_mentioned",
        "precision_when_stated",
    ]
    for half, res in results.items():
        print(f"### {half}\n")
        rows = [
            [k] + [f"{res[k][c]:.3f}" if isinstance(res[k][c], float) else res[k][c] for c in keys]
            for k in MARKERS
        ]
        print(table(["marker", *keys], rows) + "\n")
    if "--show" in sys.argv:
        for r in halves["all" if "--all" in sys.argv else "even (dev)"]:
            for k in MARKERS:
                t, p = r["truth"][k], r["pred"][k]
                if t and p != t and (p or r["mentioned"][k]):
                    ev = r["pred"].get("evidence_" + k.split()[0], "")
                    seen = r["mentioned"][k]
                    print(f"{r['index']:4} {r['barcode']} {k:9} truth={t} ours={p} mentioned={seen} {ev}")
    write_json("records_receptors", {"reports": counts, "results": results})


if __name__ == "__main__":
    main()
