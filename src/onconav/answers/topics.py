"""Find the cancer type a question is about, and the words that expand a query for it."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from onconav.domain import Topic


@dataclass
class TopicGuess:
    topic: Topic | None
    expansions: list[str]
    codes: list[str]
    spans: list[tuple[int, int]] | None = None

    def without_topic(self, text: str) -> str:
        """The question with the cancer-type words cut out (to find general guidance)."""
        for start, end in sorted(self.spans or [], reverse=True):
            text = text[:start] + " " + text[end:]
        return " ".join(text.split())


@lru_cache(maxsize=1)
def _vocabulary() -> Any:
    try:
        from onconav.knowledge.vocabulary import Vocabulary

        return Vocabulary.load()
    except Exception:  # no vocabulary installed: topic detection is off
        return None


def detect_topic(question: str, default_code: str | None = None) -> TopicGuess:
    """The best cancer-type match (or the profile's cancer type) and expansion terms for search."""
    vocab = _vocabulary()
    if vocab is None:
        return TopicGuess(None, [], [])
    matches = vocab.detect(question)
    ct = vocab.best(question)
    spans = [(m.start, m.end) for m in matches]
    if ct is None and default_code:
        ct = vocab.get(default_code)
    if ct is None:
        return TopicGuess(None, [], [])
    expansions: list[str] = []
    for term in vocab.expansion_terms(ct.code)[:8]:
        expansions.extend(term.lower().split())
    codes = [ct.code, *vocab.ancestors(ct.code)]
    return TopicGuess(Topic(name=ct.name, oncotree_code=ct.code), expansions, codes, spans)
