"""Benchmark: match one profile against a synthetic store of 10,000 trials (varied from the real ones)."""

from __future__ import annotations

import json
import random
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from onconav.config import Settings  # noqa: E402
from onconav.storage.db import Database  # noqa: E402
from onconav.trials import criteria  # noqa: E402
from onconav.trials.criteria import parse_eligibility  # noqa: E402
from onconav.trials.importers import load_trials  # noqa: E402
from onconav.trials.matcher import MatchOptions  # noqa: E402
from onconav.trials.model import Site, Trial  # noqa: E402
from onconav.trials.patient import PatientFacts, patient_from  # noqa: E402
from onconav.trials.store import TrialStore  # noqa: E402

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


def _timed(fn):  # type: ignore[no-untyped-def]
    t0, c0 = time.perf_counter(), time.process_time()
    out = fn()
    return out, time.perf_counter() - t0, time.process_time() - c0


def _match_runs(store: TrialStore, patient: PatientFacts) -> dict[str, dict[str, float]]:
    runs = {}
    for label, opts in (
        ("score, no ZIP", MatchOptions()),
        ("score + ZIP 20892", MatchOptions(zip_code="20892")),
        (
            "recruiting + distance",
            MatchOptions(zip_code="20892", statuses=frozenset({"RECRUITING"}), sort="distance"),
        ),
    ):
        walls, cpus = [], []
        for _ in range(7):
            result, wall, cpu = _timed(lambda o=opts: store.matcher().match(patient, o))
            walls.append(wall)
            cpus.append(cpu)
        runs[label] = {
            "p50_s": statistics.median(walls),
            "p50_cpu_s": statistics.median(cpus),
            "max_s": max(walls),
            "trials_returned": len(result),
        }
    return runs


def main() -> None:
    if not DATA.is_dir():
        print(f"shared data not found at {DATA}")
        return
    base, _ = load_trials([DATA / "nih_trialbench_nci" / "trials", DATA / "ctgov_v2"])
    trials = synthetic(base, 10_000)
    criteria._cached.cache_clear()
    _, _, parse_cpu = _timed(lambda: [parse_eligibility(t.eligibility_text) for t in base])
    parse_cpu /= len(base)
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(home=Path(tmp), rate_limits_enabled=False)
        criteria._cached.cache_clear()
        n, imp_wall, imp_cpu = _timed(lambda: TrialStore(Database(settings)).upsert(trials))
        # a new store object on the same database stands for a new process: nothing is rebuilt
        store = TrialStore(Database(settings))
        patient = patient_from(None, CASE)
        _, cold_wall, cold_cpu = _timed(lambda: store.matcher().match(patient, MatchOptions()))
        runs = _match_runs(store, patient)
    rows = [
        ("import 10,000 trials (synthetic; criteria texts repeat)", imp_wall, imp_cpu, f"{n} stored"),
        (
            "parse one real trial's criteria, no cache (CPU)",
            parse_cpu,
            parse_cpu,
            f"x 10,000 unique = {parse_cpu * 10_000 / 60:.1f} min CPU",
        ),
        ("first match in a fresh store object (loads the saved index)", cold_wall, cold_cpu, ""),
    ]
    rows += [
        (
            f"match one profile: {k} (p50 of 7)",
            r["p50_s"],
            r["p50_cpu_s"],
            f"{r['trials_returned']} ranked; target < 1 s",
        )
        for k, r in runs.items()
    ]
    print("| step | wall s | CPU s | note |\n|---|---|---|---|")
    for label, wall, cpu, note in rows:
        print(f"| {label} | {wall:.3f} | {cpu:.3f} | {note} |")
    out = ROOT / "benchmarks" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / "trials_speed.json").write_text(
        json.dumps(
            {
                "trials": n,
                "import_wall_s": imp_wall,
                "import_cpu_s": imp_cpu,
                "parse_cpu_per_trial_s": parse_cpu,
                "cold_match_wall_s": cold_wall,
                "cold_match_cpu_s": cold_cpu,
                "runs": runs,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
