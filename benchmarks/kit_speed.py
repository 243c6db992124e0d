"""Kit generation speed, PDF included: p50/p99 per profile (extraction is done once, outside the timing).

Profiles: the synthetic report sets in tests/guidance/fixtures, plus two mCODE and two Synthea FHIR bundles
from ../shared/data when present. Timed: build the kit from the profile (gaps, checklist, questions, letters,
centers by ZIP, timing) and render the PDF with WeasyPrint. CPU time is reported next to wall time because
a busy machine inflates wall time.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, SHARED, latency_summary, table, write_json  # noqa: E402

from onconav.guidance.case import Case, case_from_json  # noqa: E402
from onconav.guidance.data import load_guidance  # noqa: E402
from onconav.guidance.kit import build_kit  # noqa: E402
from onconav.guidance.pdf import kit_pdf  # noqa: E402
from onconav.records.pipeline import extract_files  # noqa: E402

FIXTURES = ROOT / "tests" / "guidance" / "fixtures"
REPEATS = 3


def cases() -> dict[str, Case]:
    """Name -> Case for every profile the benchmark uses."""
    out: dict[str, Case] = {}
    for folder in sorted(p for p in FIXTURES.iterdir() if (p / "expected.yaml").is_file()):
        out[folder.name] = case_from_json(extract_files(sorted(folder.glob("*.txt"))))
    fhir = SHARED / "fhir"
    picks = [
        fhir / "mcode" / "app_TrialMatching_Patient01.json",
        fhir / "mcode" / "bct_spec_patient_data.json",
        *sorted((fhir / "synthea").glob("synthea_*.json"))[:2],
    ]
    for path in picks:
        if path.is_file():
            out[path.stem[:24]] = case_from_json(extract_files([path]))
    return out


def run() -> dict[str, object]:
    data = load_guidance(ROOT / "knowledge")
    all_cases = cases()
    kit_pdf(build_kit(next(iter(all_cases.values())), data, "02115"))  # warm up: fonts, imports
    wall: list[float] = []
    cpu: list[float] = []
    rows = []
    for name, case in all_cases.items():
        per: list[float] = []
        for _ in range(REPEATS):
            t, c = time.perf_counter(), time.process_time()
            pdf = kit_pdf(build_kit(case, data, "02115"))
            per.append((time.perf_counter() - t) * 1000)
            cpu.append((time.process_time() - c) * 1000)
        wall += per
        rows.append([name, f"{sorted(per)[len(per) // 2]:.0f}", f"{len(pdf) // 1024}"])
    summary = {
        "wall": latency_summary(wall),
        "cpu": latency_summary(cpu),
        "profiles": len(all_cases),
        "runs": len(wall),
        "target_p50_ms": 1000,
    }
    print(table(["profile", "kit+PDF p50 ms (wall)", "PDF KB"], rows))
    print()
    print(
        table(
            ["measure", "p50 ms", "p99 ms", "mean ms"],
            [["wall", *summary["wall"].values()], ["cpu", *summary["cpu"].values()]],
        )
    )
    write_json("kit_speed", {**summary, "per_profile": rows})
    return summary


if __name__ == "__main__":
    run()
