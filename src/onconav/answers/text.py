"""Text helpers for composing answers: blocks, sentences, relevance, fixed wording."""

from __future__ import annotations

import re
from functools import lru_cache

from onconav.domain import Block, SearchHit
from onconav.knowledge.sections import blocks_of
from onconav.search.query import terms

DISCLAIMER = (
    "onconav gives general information from the sources cited above. It is not medical advice and does "
    "not replace your care team. Never start, stop or change a treatment without talking to them. "
    "In an emergency, call 911 or go to the nearest emergency room."
)
UPLOAD_INVITATION = (
    "Want guidance for your own situation? Sign in and upload your records (pathology, imaging, lab or "
    "genomic reports) to see which tests your records show, what is missing, and questions to ask."
)
_MARKER = re.compile(r"^\s*(?:[-*+•]|\d{1,2}[.)])\s+")
_SENT = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[A-Z0-9“\"(])")


def sentences(text: str) -> list[str]:
    """Split a paragraph into sentences (conservative; keeps abbreviations mostly intact)."""
    parts = _SENT.split(text.strip())
    return [p.strip() for p in parts if p.strip()]


def split_blocks(text: str) -> list[Block]:
    """Passage text -> answer blocks (paragraph, list, steps) with list markers removed."""
    out: list[Block] = []
    for b in blocks_of(text.split("\n")):
        if b.kind == "paragraph":
            out.append(Block(type="paragraph", text=b.text))
        else:
            items = [_MARKER.sub("", line).strip() for line in b.lines if line.strip()]
            out.append(Block(type=b.kind, items=items))
    return out


def _stem(word: str) -> str:
    return word[:5]


@lru_cache(maxsize=4096)
def _stems(text: str) -> frozenset[str]:
    return frozenset(_stem(w) for w in terms(text))


def relevance(question: str, hit: SearchHit) -> float:
    """Share of the question's content words found in the passage (title and heading included)."""
    q = _stems(question)
    if not q:
        return 0.0
    have = _stems(hit.title) | _stems(hit.heading) | _stems(hit.text)
    return len(q & have) / len(q)
