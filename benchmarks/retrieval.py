"""Retrieval benchmark: MedQuAD questions -> cancer.gov pages. onconav vs a plain BM25 baseline.

Usage: python benchmarks/retrieval.py [--home DIR] [--lay]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT, latency_summary, mrr_recall, need_shared, read_jsonl, table, timed, write_json  # noqa: E402


def baseline(pages: list[dict], questions: list[str]) -> tuple[list[list[str]], list[float]]:
    """Plain BM25 (bm25s) over whole page texts, no boosts, no expansion."""
    import bm25s

    corpus = [str(p["title"] or "") + "\n" + p["text"] for p in pages]
    retriever = bm25s.BM25()
    retriever.index(bm25s.tokenize(corpus, stopwords="en", show_progress=False), show_progress=False)
    ranked, ms = [], []
    for q in questions:
        t = time.perf_counter()
        docs, _ = retriever.retrieve(
            bm25s.tokenize([q], stopwords="en", show_progress=False), k=10, show_progress=False
        )
        ms.append((time.perf_counter() - t) * 1000)
        ranked.append([pages[i]["id"] for i in docs[0]])
    return ranked, ms


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--home", type=Path, default=None)
    ap.add_argument("--no-baseline", action="store_true")
    args = ap.parse_args()
    shared = need_shared()
    pages_path = shared / "knowledge" / "cancer_gov_pages.jsonl"
    pages = read_jsonl(pages_path)
    by_url = {p["url"]: p["id"] for p in pages}
    mq = [r for r in read_jsonl(shared / "medquad" / "medquad_cancergov.jsonl") if r["url"] in by_url]
    sets = {"medquad": ([r["question"] for r in mq], [{by_url[r["url"]]} for r in mq])}
    lay_path = ROOT / "benchmarks" / "data" / "lay_questions.jsonl"
    if lay_path.exists():
        lay = read_jsonl(lay_path)
        sets["lay"] = ([r["question"] for r in lay], [set(r["relevant"]) for r in lay])

    from onconav.config import Settings
    from onconav.runtime import Runtime

    home = args.home or Path(tempfile.mkdtemp(prefix="onconav-bench-"))
    rt = Runtime(Settings(home=home))
    report, import_ms = timed(lambda: rt.kb.import_paths([pages_path]))
    rows, results = (
        [],
        {"import_s": round(import_ms / 1000, 1), "import": vars(report) | {"failed": len(report.failed)}},
    )
    for name, (questions, gold) in sets.items():
        rt.answers.search(questions[0])  # warm up
        ranked, ms = [], []
        for q in questions:
            t = time.perf_counter()
            hits = rt.answers.search(q, k=10)
            ms.append((time.perf_counter() - t) * 1000)
            ranked.append([h.doc_id for h in hits])
        mrr, rec = mrr_recall(ranked, gold)
        lat = latency_summary(ms)
        rows.append(
            [name, "onconav", len(questions), f"{mrr:.3f}", f"{rec:.3f}", lat["p50_ms"], lat["p99_ms"]]
        )
        results[name] = {"n": len(questions), "mrr@10": mrr, "recall@10": rec, **lat}
        if not args.no_baseline:
            b_ranked, b_ms = baseline(pages, questions)
            bmrr, brec = mrr_recall(b_ranked, gold)
            blat = latency_summary(b_ms)
            rows.append(
                [
                    name,
                    "plain BM25 (bm25s)",
                    len(questions),
                    f"{bmrr:.3f}",
                    f"{brec:.3f}",
                    blat["p50_ms"],
                    blat["p99_ms"],
                ]
            )
            results[name + "_baseline"] = {"mrr@10": bmrr, "recall@10": brec, **blat}
    print(f"import of {len(pages)} pages: {results['import_s']} s\n")
    print(table(["set", "system", "n", "MRR@10", "recall@10", "p50 ms", "p99 ms"], rows))
    write_json("retrieval", results)


if __name__ == "__main__":
    main()
