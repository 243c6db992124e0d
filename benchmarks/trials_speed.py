"""Benchmark: match one profile against a synthetic store of 10,000 trials (varied from the real ones)."""

from __future__ import annotations

import json
import random
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from onconav.trials.criteria import parse_eligibility  # noqa: E402
from onconav.trials.importers import load_trials  # noqa: E402
from onconav.trials.matcher import Matcher, MatchOptions, ParsedTrial  # noqa: E402
from onconav.trials.model import Site, Trial  # noqa: E402
from onconav.trials.patient import patient_from  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "trials"
CASE = (
    "58-year-old woman with metastatic HER2-positive breast cancer (IHC 3+) to the liver and bone, "
    "ER negative, "
    "ECOG 1, previously treated with paclitaxel, trastuzumab and pertuzumab, then T-DXd with progression."
)
ZIPS = ["20892", "10065", "77030", "90033", "60611", "02115", "98109", "55905", "33136", "85054"]


def synthetic(base: list[Trial], n: int, seed: int = 11) -> list[Trial]:
    """n trials made by re-labelling and mixing the real ones (conditions, ages, status, sites)."""
    rng = random.Random(seed)
    conditions = [c for t in base for c in t.conditions]
    statuses = ["RECRUITING", "RECRUITING", "ACTIVE_NOT_RECRUITING", "COMPLETED", "NOT_YET_RECRUITING"]
    out = []
    for i in range(n):
        t = base[i % len(base)]
        conds = t.conditions if rng.random() < 0.6 else rng.sample(conditions, k=min(3, len(conditions)))
        sites = [
            Site(
                facility=f"Site {i}-{k}",
                zip=rng.choice(ZIPS),
                country="United States",
                status=rng.choice(statuses),
            )
            for k in range(rng.randint(0, 4))
        ]
        out.append(
            replace(
                t,
                nct_id=f"NCT{80000000 + i:08d}",
                conditions=conds,
                status=rng.choice(statuses),
                min_age=rng.choice([18.0, 18.0, 21.0, 12.0]),
                sites=sites,
            )
        )
    return out


def main() -> None:
    if not DATA.is_dir():
        print(f"shared data not found at {DATA}")
        return
    base, _ = load_trials([DATA / "nih_trialbench_nci" / "trials", DATA / "ctgov_v2"])
    trials = synthetic(base, 10_000)
    # Parsing happens once at import and is stored; here each distinct eligibility text is parsed once
    # (the synthetic trials reuse the real texts), and the per-trial parse cost is measured on the real ones.
    t0 = time.perf_counter()
    by_text = {t.eligibility_text: parse_eligibility(t.eligibility_text) for t in base}
    t_parse = (time.perf_counter() - t0) / len(base)
    parsed = [ParsedTrial.build(t, by_text[t.eligibility_text]) for t in trials]
    t0 = time.perf_counter()
    matcher = Matcher(parsed)
    t_index = time.perf_counter() - t0
    patient = patient_from(None, CASE)
    runs = {}
    for label, opts in (
        ("score, no ZIP", MatchOptions()),
        ("score + ZIP 20892", MatchOptions(zip_code="20892")),
        (
            "recruiting + distance",
            MatchOptions(zip_code="20892", statuses=frozenset({"RECRUITING"}), sort="distance"),
        ),
    ):
        times, cpu = [], []
        for _ in range(5):
            t0, c0 = time.perf_counter(), time.process_time()
            result = matcher.match(patient, opts)
            times.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
        runs[label] = {
            "median_s": statistics.median(times),
            "median_cpu_s": statistics.median(cpu),
            "max_s": max(times),
            "trials_returned": len(result),
        }
    crit = sum(len(p.criteria) for p in parsed)
    print(
        f"| step | seconds | note |\n|---|---|---|\n| parse eligibility per real trial (import time, once) | "
        f"{t_parse:.3f} | {crit} criteria in the store |\n| build in-memory matcher (once) | "
        f"{t_index:.2f} | candidates index + BM25 |"
    )
    for label, r in runs.items():
        print(
            f"| match one profile: {label} | {r['median_s']:.3f} wall, {r['median_cpu_s']:.3f} cpu | "
            f"{r['trials_returned']} trials ranked; target < 1 s |"
        )
    out = ROOT / "benchmarks" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / "trials_speed.json").write_text(
        json.dumps(
            {"trials": len(trials), "parse_s": t_parse, "index_s": t_index, "criteria": crit, "runs": runs},
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
