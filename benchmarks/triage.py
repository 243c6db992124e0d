"""Triage benchmark: recall per level, false alarms, confusion matrix, redirects and latency."""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

from onconav.answers.triage import triage
from onconav.knowledge.vocabulary import Vocabulary

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "answers" / "data" / "triage_cases.jsonl"
OUT = ROOT / "benchmarks" / "out" / "triage.json"
LAY = ROOT / "benchmarks" / "data" / "lay_questions.jsonl"
MEDQUAD = ROOT.parent / "shared" / "data" / "medquad"
LEVELS = ["emergency", "urgent", "routine"]


def _rate(part: int, whole: int) -> float:
    return round(part / max(1, whole), 3)


def load_cases() -> list[dict[str, object]]:
    """The labelled triage messages."""
    return [json.loads(line) for line in CASES.read_text(encoding="utf-8").splitlines() if line.strip()]


def evaluate(cases: list[dict[str, object]]) -> dict[str, object]:
    """Run triage on every case and gather the figures."""
    confusion = {gold: dict.fromkeys(LEVELS, 0) for gold in LEVELS}
    redirect_ok = redirect_total = redirect_false = 0
    errors: list[dict[str, object]] = []
    latencies: list[float] = []
    triage("warm-up")  # load and compile the rules outside the timings
    for case in cases:
        text = str(case["text"])
        t0 = time.perf_counter()
        result = triage(text)
        latencies.append((time.perf_counter() - t0) * 1000)
        confusion[str(case["level"])][result.level] += 1
        if case.get("redirect"):
            redirect_total += 1
            redirect_ok += result.redirect == case["redirect"]
        elif result.redirect:
            redirect_false += 1
        if result.level != case["level"] or result.redirect != case.get("redirect"):
            errors.append({"text": text, "gold": case["level"], "got": result.level,
                           "gold_redirect": case.get("redirect"), "got_redirect": result.redirect,
                           "matched": result.matched})
    for _ in range(20):  # warm timing over repeated runs
        for case in cases:
            t0 = time.perf_counter()
            triage(str(case["text"]))
            latencies.append((time.perf_counter() - t0) * 1000)
    return _summary(confusion, redirect_ok, redirect_total, redirect_false, latencies, errors)


def _summary(confusion: dict[str, dict[str, int]], r_ok: int, r_total: int, r_false: int,
             latencies: list[float], errors: list[dict[str, object]]) -> dict[str, object]:
    def recall(level: str) -> float:
        total = sum(confusion[level].values())
        return confusion[level][level] / total if total else 0.0

    emerg, urgent = confusion["emergency"], confusion["urgent"]
    routine_total = sum(confusion["routine"].values())
    lat = sorted(latencies)
    return {
        "cases": sum(sum(row.values()) for row in confusion.values()),
        "recall": {level: round(recall(level), 3) for level in LEVELS},
        "emergency_recall_strict": round(recall("emergency"), 3),
        "emergency_recall_safe": _rate(emerg["emergency"] + emerg["urgent"], sum(emerg.values())),
        "urgent_recall_safe": _rate(urgent["urgent"] + urgent["emergency"], sum(urgent.values())),
        "false_alarm_rate": _rate(routine_total - confusion["routine"]["routine"], routine_total),
        "confusion": confusion,
        "redirect_accuracy": round(r_ok / max(1, r_total), 3),
        "redirect_false_positives": r_false,
        "latency_ms_p50": round(statistics.median(lat), 4),
        "latency_ms_p99": round(lat[int(0.99 * (len(lat) - 1))], 4),
        "errors": errors,
    }


def real_question_false_alarms() -> dict[str, object]:
    """Share of real MedQuAD questions (all general questions) flagged urgent/emergency or redirected."""
    questions: list[str] = []
    for name in ("medquad_cancergov.jsonl", "medquad_cancer_other_with_answers.jsonl"):
        path = MEDQUAD / name
        if path.is_file():
            lines = path.read_text(encoding="utf-8").splitlines()
            questions += [json.loads(line)["question"] for line in lines]
    results = [triage(q) for q in questions]
    alarms = sum(r.level != "routine" for r in results)
    redirects = sum(r.redirect is not None for r in results)
    return {"medquad_questions": len(questions),
            "medquad_false_alarm_rate": round(alarms / max(1, len(questions)), 4),
            "medquad_redirect_rate": round(redirects / max(1, len(questions)), 4)}


def vocabulary_figures() -> dict[str, object]:
    """Topic detection on the lay question set, and detection latency per question."""
    vocab = Vocabulary.load()
    rows = [json.loads(line) for line in LAY.read_text(encoding="utf-8").splitlines() if line.strip()]
    coded = [r for r in rows if r.get("code")]
    hits = 0
    for r in coded:
        best = vocab.best(r["question"])
        family = {best.code, *vocab.ancestors(best.code)} if best else set()
        hits += best is not None and (r["code"] in family or best.code in vocab.ancestors(r["code"]))
    texts = [str(r["question"]) for r in rows] + [str(c["text"]) for c in load_cases()]
    lat = []
    for _ in range(20):
        for t in texts:
            t0 = time.perf_counter()
            vocab.detect(t)
            lat.append((time.perf_counter() - t0) * 1000)
    lat.sort()
    return {"vocabulary_codes": len(vocab.codes()), "lay_questions": len(rows),
            "lay_topic_accuracy": round(hits / max(1, len(coded)), 3),
            "detect_ms_p50": round(statistics.median(lat), 4),
            "detect_ms_p99": round(lat[int(0.99 * (len(lat) - 1))], 4)}


def main() -> None:
    """Print the markdown report and write benchmarks/out/triage.json."""
    res = evaluate(load_cases())
    res.update(real_question_false_alarms())
    res.update(vocabulary_figures())
    print(f"# Triage benchmark ({res['cases']} labelled messages)\n")
    print("| metric | value |\n|---|---|")
    for key in ("emergency_recall_strict", "emergency_recall_safe", "urgent_recall_safe", "false_alarm_rate",
                "redirect_accuracy", "redirect_false_positives", "latency_ms_p50", "latency_ms_p99",
                "medquad_questions", "medquad_false_alarm_rate", "medquad_redirect_rate", "vocabulary_codes",
                "lay_questions", "lay_topic_accuracy", "detect_ms_p50", "detect_ms_p99"):
        print(f"| {key} | {res[key]} |")
    recall = res["recall"]
    assert isinstance(recall, dict)
    for level in LEVELS:
        print(f"| recall {level} (strict) | {recall[level]} |")
    print("\n| gold \\ predicted | " + " | ".join(LEVELS) + " |\n|---|---|---|---|")
    confusion = res["confusion"]
    assert isinstance(confusion, dict)
    for gold in LEVELS:
        print(f"| {gold} | " + " | ".join(str(confusion[gold][p]) for p in LEVELS) + " |")
    errors = res["errors"]
    assert isinstance(errors, list)
    if "-v" in sys.argv:
        print("\nMisclassified:")
        for e in errors:
            labels = f"{e['gold']}->{e['got']} / {e['gold_redirect']}->{e['got_redirect']}"
            print(f"- [{labels}] {e['text']}  {e['matched']}")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(res, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
