"""Benchmark: NIH-TrialBench (NCI) cases against all 106 trials: target in top 10, ineligible recall."""

from __future__ import annotations

import json
import random
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from onconav.trials.importers import load_trials  # noqa: E402
from onconav.trials.matcher import Matcher, MatchOptions, ParsedTrial, tokens  # noqa: E402
from onconav.trials.patient import patient_from, profile_from_text  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "trials" / "nih_trialbench_nci"


def _load() -> tuple[list[dict[str, Any]], dict[str, dict[str, str]], Matcher]:
    cases = [json.loads(x) for x in (DATA / "patients_nci.jsonl").read_text().splitlines() if x.strip()]
    labels: dict[str, dict[str, str]] = {}
    for line in (DATA / "clinician_annotations_nci.jsonl").read_text().splitlines():
        if line.strip():
            row = json.loads(line)
            labels[row["patient_id"]] = {a["trial_id"]: a["clinician_label"] for a in row["annotations"]}
    trials, problems = load_trials([DATA / "trials"])
    if problems:
        print("import problems:", problems, file=sys.stderr)
    return cases, labels, Matcher.from_parsed(ParsedTrial.build(t) for t in trials)


def _bm25_rank(matcher: Matcher, text: str, target: str) -> int:
    from rank_bm25 import BM25Okapi

    full = matcher.source.parsed([e.trial.nct_id for e in matcher.entries])
    docs = [
        tokens(" ".join([t.title, t.summary, " ".join(t.conditions), t.eligibility_text]))
        for t in (full[e.trial.nct_id].trial for e in matcher.entries)
    ]
    scores = BM25Okapi(docs).get_scores(tokens(text))
    order = sorted(range(len(docs)), key=lambda i: -scores[i])
    ids = [matcher.trials[i].trial.nct_id for i in order]
    return ids.index(target) + 1 if target in ids else 999


def evaluate(
    cases: list[dict[str, Any]], labels: dict[str, dict[str, str]], matcher: Matcher
) -> dict[str, Any]:
    """Run every case; return the metrics and per-case ranks."""
    hits = bm_hits = 0
    inel = Counter()
    verdicts: Counter[tuple[str, str]] = Counter()
    per_case = []
    for case in cases:
        text = case["patient_summary"]
        profile, _ = profile_from_text(text)
        matches = matcher.match(patient_from(profile, text), MatchOptions())
        ids = [m.trial.nct_id for m in matches]
        rank = ids.index(case["target_trial_id"]) + 1
        bm = _bm25_rank(matcher, text, case["target_trial_id"])
        hits += rank <= 10
        bm_hits += bm <= 10
        by_id = {m.trial.nct_id: m for m in matches}
        for tid, lab in labels.get(case["patient_id"], {}).items():
            inel[(lab, by_id[tid].eligibility == "ineligible")] += 1
        for m in matches:
            for c in m.criteria:
                verdicts[(c.kind, c.verdict)] += 1
        per_case.append(
            {
                "id": case["patient_id"],
                "rank": rank,
                "bm25_rank": bm,
                "target_eligibility": by_id[case["target_trial_id"]].eligibility,
            }
        )
    n = len(cases)
    rec = inel[("ineligible", True)] / max(1, inel[("ineligible", True)] + inel[("ineligible", False)])
    fp = inel[("recommended", True)] / max(1, inel[("recommended", True)] + inel[("recommended", False)])
    enr = inel[("eligible_but_not_recommended", True)] / max(
        1, inel[("eligible_but_not_recommended", True)] + inel[("eligible_but_not_recommended", False)]
    )
    return {
        "cases": n,
        "top10": hits / n,
        "bm25_top10": bm_hits / n,
        "ineligible_recall": rec,
        "recommended_marked_ineligible": fp,
        "eligible_not_recommended_marked_ineligible": enr,
        "per_case": per_case,
        "verdicts": {f"{k}|{v}": c for (k, v), c in sorted(verdicts.items())},
    }


def leave_out(
    cases: list[dict[str, Any]], labels: dict[str, dict[str, str]], matcher: Matcher, folds: int = 3
) -> list[dict[str, float]]:
    """Rules have no fitted weights; report the same metrics on random disjoint folds to show the spread."""
    rng = random.Random(7)
    order = cases[:]
    rng.shuffle(order)
    out = []
    for k in range(folds):
        part = order[k::folds]
        r = evaluate(part, labels, matcher)
        out.append(
            {
                "fold": k,
                "cases": r["cases"],
                "top10": r["top10"],
                "bm25_top10": r["bm25_top10"],
                "ineligible_recall": r["ineligible_recall"],
                "recommended_marked_ineligible": r["recommended_marked_ineligible"],
            }
        )
    return out


def main() -> None:
    if not DATA.is_dir():
        print(f"shared data not found at {DATA}")
        return
    start = time.perf_counter()
    cases, labels, matcher = _load()
    res = evaluate(cases, labels, matcher)
    res["folds"] = leave_out(cases, labels, matcher)
    res["seconds"] = round(time.perf_counter() - start, 2)
    print("| metric | onconav | plain BM25 | target |\n|---|---|---|---|")
    print(
        f"| target trial in top 10 ({res['cases']} cases, 106 trials) | {res['top10']:.2f} | "
        f"{res['bm25_top10']:.2f} | >= 0.90 |"
    )
    print(
        f"| clinician-ineligible marked ineligible (recall) | {res['ineligible_recall']:.2f} | - | >= 0.70 |"
    )
    print(
        f"| clinician-recommended marked ineligible | {res['recommended_marked_ineligible']:.2f} "
        "| - | <= 0.10 |"
    )
    print(
        f"| eligible-not-recommended marked ineligible | "
        f"{res['eligible_not_recommended_marked_ineligible']:.2f} | - | - |"
    )
    print("\n| case | rank | BM25 rank | target eligibility |\n|---|---|---|---|")
    for row in res["per_case"]:
        print(f"| {row['id']} | {row['rank']} | {row['bm25_rank']} | {row['target_eligibility']} |")
    print(
        "\n| fold | cases | top10 | BM25 top10 | inel. recall | rec. marked inel. |"
        "\n|---|---|---|---|---|---|"
    )
    for f in res["folds"]:
        print(
            f"| {f['fold']} | {f['cases']} | {f['top10']:.2f} | {f['bm25_top10']:.2f} | "
            f"{f['ineligible_recall']:.2f} | {f['recommended_marked_ineligible']:.2f} |"
        )
    _print_verdicts(res["verdicts"])
    out = ROOT / "benchmarks" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / "trials_match.json").write_text(json.dumps(res, indent=2))


def _print_verdicts(verdicts: dict[str, int]) -> None:
    kinds = sorted({k.split("|")[0] for k in verdicts})
    print("\n| criterion kind | met | not met | unknown |\n|---|---|---|---|")
    for k in kinds:
        print(
            f"| {k} | {verdicts.get(k + '|met', 0)} | {verdicts.get(k + '|not_met', 0)} | "
            f"{verdicts.get(k + '|unknown', 0)} |"
        )


if __name__ == "__main__":
    main()
