"""Kit generation speed, PDF included: p50/p99 per profile (extraction is done once, outside the timing).

Profiles: the synthetic report sets in tests/guidance/fixtures, plus two mCODE and two Synthea FHIR bundles
from ../shared/data when present. Timed: build the kit from the profile (gaps, checklist, questions, letters,
centers by ZIP, timing) and render the PDF with WeasyPrint. CPU time (time.process_time) is the measure to
read: a busy machine inflates wall time. Run: `.venv/bin/python benchmarks/kit_speed.py`.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, SHARED, latency_summary, table, write_json  # noqa: E402

from onconav.guidance.case import Case, case_from_json  # noqa: E402
from onconav.guidance.data import GuidanceData, load_guidance  # noqa: E402
from onconav.guidance.kit import build_kit  # noqa: E402
from onconav.guidance.pdf import html_to_pdf, kit_pdf  # noqa: E402
from onconav.guidance.render import kit_document_html  # noqa: E402
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


def _pages(pdf: bytes) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        return len(doc)
    finally:
        doc.close()


def _one(case: Case, data: GuidanceData, phases: dict[str, list[float]]) -> tuple[bytes, float, float]:
    """One timed kit + PDF; returns the PDF, wall ms and CPU ms, and adds CPU ms per phase."""
    t, c = time.perf_counter(), time.process_time()
    kit = build_kit(case, data, "02115")
    c1 = time.process_time()
    html = kit_document_html(kit)
    c2 = time.process_time()
    pdf = html_to_pdf(html)
    c3 = time.process_time()
    for name, ms in (("build kit", c1 - c), ("HTML", c2 - c1), ("PDF (WeasyPrint)", c3 - c2)):
        phases[name].append(ms * 1000)
    return pdf, (time.perf_counter() - t) * 1000, (c3 - c) * 1000


def run() -> dict[str, object]:
    data = load_guidance(ROOT / "knowledge")
    all_cases = cases()
    kit_pdf(build_kit(next(iter(all_cases.values())), data, "02115"))  # warm up: fonts, imports
    wall: list[float] = []
    cpu: list[float] = []
    phases: dict[str, list[float]] = {"build kit": [], "HTML": [], "PDF (WeasyPrint)": []}
    rows = []
    for name, case in all_cases.items():
        per_wall: list[float] = []
        per_cpu: list[float] = []
        for _ in range(REPEATS):
            pdf, w, c = _one(case, data, phases)
            per_wall.append(w)
            per_cpu.append(c)
        wall += per_wall
        cpu += per_cpu
        rows.append(
            [
                name,
                f"{statistics.median(per_cpu):.0f}",
                f"{statistics.median(per_wall):.0f}",
                _pages(pdf),
                f"{len(pdf) // 1024}",
            ]
        )
    summary = {
        "wall": latency_summary(wall),
        "cpu": latency_summary(cpu),
        "cpu_phases_p50_ms": {k: round(statistics.median(v), 1) for k, v in phases.items()},
        "profiles": len(all_cases),
        "runs": len(wall),
        "target_p50_ms": 1000,
    }
    print(table(["profile", "kit+PDF p50 ms (CPU)", "p50 ms (wall)", "pages", "PDF KB"], rows))
    print()
    print(
        table(
            ["measure", "p50 ms", "p99 ms", "mean ms"],
            [["wall", *summary["wall"].values()], ["cpu", *summary["cpu"].values()]],
        )
    )
    print()
    print(table(["phase (CPU)", "p50 ms"], [[k, v] for k, v in summary["cpu_phases_p50_ms"].items()]))
    write_json("kit_speed", {**summary, "per_profile": rows})
    return summary


if __name__ == "__main__":
    run()
