"""Check that project prose shares no long word run with reference texts (originality gate)."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable
from pathlib import Path

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def words(text: str) -> list[str]:
    """Lower-case word tokens (markdown and punctuation dropped)."""
    return _WORD.findall(text.lower())


def ngrams(tokens: list[str], n: int) -> set[tuple[str, ...]]:
    """All n-word runs of a token list."""
    return {tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)}


def reference_ngrams(texts: Iterable[str], n: int = 12) -> set[int]:
    """Hashes of every n-word run of the reference texts."""
    out: set[int] = set()
    for text in texts:
        toks = words(text)
        out.update(hash(tuple(toks[i : i + n])) for i in range(len(toks) - n + 1))
    return out


def shared_runs(text: str, reference: set[int], n: int = 12) -> list[str]:
    """The n-word runs of `text` that also occur in the reference set."""
    toks = words(text)
    return [
        " ".join(toks[i : i + n])
        for i in range(len(toks) - n + 1)
        if hash(tuple(toks[i : i + n])) in reference
    ]


def find_shared_runs(
    candidates: dict[str, str], reference: Iterable[str], n: int = 12
) -> dict[str, set[str]]:
    """For each candidate text, the n-word runs it shares with any reference text.

    Indexes the (small) candidates and streams the (large) reference once, so checking a whole pack
    against thousands of pages takes seconds.
    """
    wanted: dict[tuple[str, ...], set[str]] = {}
    for name, text in candidates.items():
        toks = words(text)
        for i in range(len(toks) - n + 1):
            wanted.setdefault(tuple(toks[i : i + n]), set()).add(name)
    firsts = {g[0] for g in wanted}
    found: dict[str, set[str]] = {name: set() for name in candidates}
    for text in reference:
        toks = words(text)
        for i in range(len(toks) - n + 1):
            if toks[i] in firsts:
                gram = tuple(toks[i : i + n])
                for name in wanted.get(gram, ()):
                    found[name].add(" ".join(gram))
    return found


def strip_front_matter(text: str) -> str:
    """The body of a markdown file (front matter holds titles and URLs, not prose)."""
    if text.startswith("---"):
        end = text.find("\n---", 3)
        if end != -1:
            return text[end + 4 :]
    return text


def load_reference(shared_root: Path) -> list[str]:
    """Texts of the cancer.gov pages and the seeds under ../shared."""
    texts: list[str] = []
    pages = shared_root / "data" / "knowledge" / "cancer_gov_pages.jsonl"
    if pages.exists():
        with pages.open(encoding="utf-8") as fh:
            texts.extend(json.loads(line).get("text", "") for line in fh if line.strip())
    seeds = shared_root / "seeds"
    if seeds.is_dir():
        texts.extend(p.read_text(encoding="utf-8", errors="replace") for p in sorted(seeds.glob("*.txt")))
    return texts


def main(argv: list[str]) -> int:
    """`python -m onconav.knowledge.originality FILE...`: print runs shared with ../shared."""
    root = Path(__file__).resolve().parents[3].parent / "shared"
    texts = {name: strip_front_matter(Path(name).read_text(encoding="utf-8")) for name in argv}
    found = find_shared_runs(texts, load_reference(root))
    bad = 0
    for name, runs in found.items():
        for run in sorted(runs):
            print(f"{name}: {run}")
        bad += bool(runs)
    print(f"{len(argv)} files checked, {bad} with a shared 12-word run", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
