"""The optional LLM composer, measured without a real model.

1. The grounding checker (`check_grounding`) on sentences taken from the knowledge base: verbatim,
   lightly reworded (should pass), and from another document, with a number changed, or with a name
   swapped (should fail).
2. End to end through AnswerService and a fake OpenAI-compatible server over loopback HTTP: the fake
   rewrites the passages it is sent and slips in one invented sentence and one dose per answer; we count
   how many invented sentences and doses reach the answer (target 0), how much grounded text is kept,
   and the extra time the LLM path adds (model time excluded: the fake answers at once).
3. Failures (HTTP 500, timeout, invalid JSON): every answer must fall back to the extractive one.

Usage: python benchmarks/llm_fallback.py [--corpus pack|shared] [--n 400]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "answers"))
from _common import ROOT, latency_summary, need_shared, table, write_json  # noqa: E402

FILLERS = ["Your care team may explain that {s}", "In plain words, {s}", "It helps to know that {s}", "{s}"]
WORD = re.compile(r"[A-Za-z][a-z]+")


def _passages_by_doc(kb: Any) -> dict[str, list[tuple[str, list[str]]]]:
    """doc id -> [(passage text, its usable sentences)] (passages with at least one sentence)."""
    from onconav.answers.text import sentences, split_blocks

    out: dict[str, list[tuple[str, list[str]]]] = {}
    for doc_id, _title, _kind in kb.list_documents():
        for p in kb.get_document(doc_id).passages:
            found = [s for b in split_blocks(p.text) if b.type == "paragraph" and b.text
                     for s in sentences(b.text) if 8 <= len(s.split()) <= 40]
            if found:
                out.setdefault(doc_id, []).append((f"{p.heading} {p.text}", found))
    return out


def _reword(s: str, rng: random.Random) -> str:
    """Drop a few small words and wrap the sentence in a plain-language lead-in."""
    words = s.rstrip(".").split()
    kept = [w for w in words if not (len(w) <= 3 and rng.random() < 0.5)] or words
    body = " ".join(kept)
    return rng.choice(FILLERS).format(s=body[0].lower() + body[1:] if body[:2].istitle() else body) + "."


def _one_word_replaced(s: str, rng: random.Random) -> str:
    """A synonym the passage does not use, simulated by a made-up word in place of one long word."""
    words = s.split()
    long = [i for i, w in enumerate(words) if len(w) > 5 and w.isalpha() and w.islower()]
    if long:
        words[rng.choice(long)] = "zorbish"
    return " ".join(words)


def _swap_number(s: str) -> str | None:
    m = re.search(r"\b(\d+)\b", s)
    return None if not m else s[:m.start()] + str(int(m.group(1)) * 2 + 3) + s[m.end():]


def _swap_name(s: str, names: list[str], rng: random.Random) -> str | None:
    mine = re.findall(r"(?<=\s)[A-Z][A-Za-z0-9-]{2,}", s)
    if not mine:
        return None
    return s.replace(mine[0], rng.choice([n for n in names if n.lower() not in s.lower()] or names), 1)


def grounding_bench(by_doc: dict[str, list[tuple[str, list[str]]]], n: int,
                    rng: random.Random) -> list[dict[str, Any]]:
    """Acceptance rate of check_grounding per kind of sentence, checked against one passage (as cited)."""
    from onconav.answers.grounding import check_grounding

    docs = list(by_doc)
    acronym = re.compile(r"(?<=\s)[A-Z][A-Z0-9-]{2,}")
    names = sorted({w for ps in by_doc.values() for _, ss in ps for s in ss for w in acronym.findall(s)})
    kinds = ("verbatim", "reworded", "one word replaced", "other document", "number changed", "name swapped")
    counts: dict[str, list[int]] = {k: [0, 0] for k in kinds}
    for _ in range(n):
        doc = rng.choice(docs)
        passage, mine = rng.choice(by_doc[doc])
        s = rng.choice(mine)
        other = rng.choice(rng.choice(by_doc[rng.choice([d for d in docs if d != doc])])[1])
        cases = {"verbatim": s, "reworded": _reword(s, rng), "one word replaced": _one_word_replaced(s, rng),
                 "other document": other,
                 "number changed": _swap_number(s), "name swapped": _swap_name(s, names, rng)}
        for kind, text in cases.items():
            if text:
                counts[kind][0] += check_grounding(text, [passage])
                counts[kind][1] += 1
    return [{"kind": k, "should_pass": k in {"verbatim", "reworded", "one word replaced"}, "n": t,
             "accepted_pct": round(100 * a / max(1, t), 1)} for k, (a, t) in counts.items()]


def _fake_reply(pool: list[str], rng: random.Random) -> Any:
    """A reply that rewrites the first sentences of each passage, plus one invention and one dose."""
    from onconav.answers.text import sentences

    def make(request: dict[str, Any]) -> str:
        user = request["messages"][-1]["content"]
        parts = re.split(r"\n\n\[(\d+)\] [^\n]*\n", user)
        blocks = []
        for i in range(1, len(parts) - 1, 2):
            chunks = parts[i + 1].split("\n\n")
            paragraph = next((p for p in chunks if p and not p.lstrip().startswith("-")), "")
            picked = sentences(paragraph.replace("\n", " "))[:2]
            if picked:
                blocks.append({"type": "paragraph", "citations": [int(parts[i])],
                               "text": " ".join(_reword(p, rng) for p in picked)})
        if blocks:  # an invention: a sentence from a document that was not sent
            blocks[0]["text"] += " " + rng.choice([p for p in pool if p not in user])
            blocks.append({"type": "paragraph", "citations": blocks[0]["citations"],
                           "text": "Most people take 400 mg of the medicine each day."})
        return json.dumps({"sections": [{"heading": "What the sources say", "blocks": blocks}]})
    return make


def end_to_end(rt: Any, questions: list[str], pool: list[str], rng: random.Random) -> dict[str, Any]:
    """Answers with the fake LLM: inventions and doses leaked, grounded text kept, extra milliseconds."""
    from fake_llm import FakeLlm, Scripted

    from onconav.answers.service import AnswerService

    out: dict[str, Any] = {"answers": 0, "llm_used": 0, "invented_leaked": 0, "doses_leaked": 0,
                           "fallbacks": {}}
    base_ms, llm_ms = [], []
    with FakeLlm() as fake:
        service = AnswerService(rt.settings.with_(llm_url=fake.url, llm_model="fake"), rt.kb, rt.db)
        fake.push(Scripted(content=_fake_reply(pool, rng)))
        service.ask(questions[0], store=False)  # warm up: the HTTP client's first connection
        for q in questions:
            t = time.perf_counter()
            rt.answers.ask(q, store=False)
            base_ms.append((time.perf_counter() - t) * 1000)
            fake.push(Scripted(content=_fake_reply(pool, rng)))
            t = time.perf_counter()
            a = service.ask(q, store=False)
            llm_ms.append((time.perf_counter() - t) * 1000)
            out["answers"] += 1
            out["llm_used"] += a.generated_by == "llm:fake"
            if a.generated_by != "llm:fake":
                out["fallbacks"][a.generated_by] = out["fallbacks"].get(a.generated_by, 0) + 1
            text = a.markdown
            out["invented_leaked"] += any(p in text for p in pool)
            out["doses_leaked"] += "400 mg" in text
    return {**out, "extractive": latency_summary(base_ms), "with_llm": latency_summary(llm_ms)}


def failures(rt: Any, questions: list[str]) -> list[dict[str, Any]]:
    """Each failure mode on every question: how many answers fell back cleanly."""
    from fake_llm import FakeLlm, Scripted

    from onconav.answers.llm import OpenAiCompatibleClient
    from onconav.answers.llm_composer import LlmComposer

    modes = {"HTTP 500": Scripted(status=500), "timeout": Scripted(content="{}", delay=5),
             "invalid JSON": Scripted(content="Here you go: {sections: oops"),
             "empty sections": Scripted(content='{"sections": []}')}
    rows = []
    for name, reply in modes.items():
        ok = 0
        with FakeLlm() as fake:
            client = OpenAiCompatibleClient(fake.url, "fake", timeout=0.3, retries=1, backoff=0.0)
            for q in questions:
                fake.push(reply, reply)
                a = rt.answers.ask(q, store=False)  # extractive reference
                composer = LlmComposer(client, fallback=_Extractive(a))
                got = composer.compose(question=q, intent=a.intent, topic=a.topic, triage=a.triage, hits=[])
                ok += got.generated_by.startswith("extractive (llm fallback") and bool(got.sections)
        rows.append({"failure": name, "questions": len(questions), "fell_back_cleanly": ok})
    return rows


class _Extractive:
    """Replays a finished extractive answer (so the failure run needs no retrieval)."""

    name = "extractive"

    def __init__(self, answer: Any) -> None:
        self.answer = answer

    def compose(self, **_: Any) -> Any:
        return self.answer


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", choices=["pack", "shared"], default="pack")
    ap.add_argument("--n", type=int, default=400)
    args = ap.parse_args()
    import yaml

    from onconav.config import Settings
    from onconav.runtime import Runtime

    rng = random.Random(7)
    rt = Runtime(Settings(home=Path(tempfile.mkdtemp(prefix="onconav-llm-")), rate_limits_enabled=False))
    rt.kb.import_paths([ROOT / "knowledge" / "articles"])
    if args.corpus == "shared":
        rt.kb.import_paths([need_shared() / "knowledge" / "cancer_gov_pages.jsonl"])
    by_doc = _passages_by_doc(rt.kb)
    grounding = grounding_bench(by_doc, args.n, rng)
    pack_questions = ROOT / "tests" / "answers" / "data" / "pack_questions.yaml"
    questions = [q["q"] for q in yaml.safe_load(pack_questions.read_text())]
    pool = [by_doc[d][0][1][0] for d in rng.sample(list(by_doc), min(40, len(by_doc)))]
    e2e = end_to_end(rt, questions, pool, rng)
    fails = failures(rt, questions[:10])
    print(f"## Grounding checker ({args.corpus} corpus, {len(by_doc)} documents)\n")
    print(table(["sentence", "should pass", "n", "accepted %"],
                [[g["kind"], g["should_pass"], g["n"], g["accepted_pct"]] for g in grounding]))
    print(f"\n## End to end with a fake LLM ({e2e['answers']} pack questions)\n")
    print(table(["answers", "LLM answer used", "invented sentence leaked", "dose leaked",
                 "extractive p50 ms", "with LLM p50 ms", "with LLM p99 ms"],
                [[e2e["answers"], e2e["llm_used"], e2e["invented_leaked"], e2e["doses_leaked"],
                  e2e["extractive"]["p50_ms"], e2e["with_llm"]["p50_ms"], e2e["with_llm"]["p99_ms"]]]))
    for why, count in e2e["fallbacks"].items():
        print(f"- {count} × {why}")
    print("\n## Failures\n")
    print(table(["failure", "questions", "fell back cleanly"],
                [[f["failure"], f["questions"], f["fell_back_cleanly"]] for f in fails]))
    write_json("llm_fallback", {"corpus": args.corpus, "grounding": grounding, "end_to_end": e2e,
                                "failures": fails})


if __name__ == "__main__":
    main()
