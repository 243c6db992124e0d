"""Grounding checks for generated text: does each sentence trace to the passages it cites, and is it safe?

Content-word overlap with the cited passages (stopwords and plain-language filler ignored, a crude stem),
plus exact presence of every number and every name-like term (capitalised mid-sentence or containing a
digit: drug names, genes, stages). Cheap and explainable; it cannot see a negation flipped ("is" vs "is
not") or two true facts joined wrongly, so it is a filter, not a proof.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from onconav.answers.text import sentences
from onconav.search.query import STOPWORDS

WORD = re.compile(r"[A-Za-z0-9]+(?:[-'’][A-Za-z0-9]+)*")
PLACEHOLDER = re.compile(r"\[[A-Z]+_\d+\]")
_DOSE = re.compile(r"\b\d+(?:[.,]\d+)?\s*(?:mg|mcg|µg|ug|g|ml|mL|units?|iu|IU|mg/m2|mg/kg|tablets?|pills?)\b")
_STOP_ADVICE = re.compile(
    r"\b(?:stop|skip|quit|discontinue|halve|double|pause)\b(?:\W+\w+){0,4}\W+"
    r"(?:treatment|medicine|medication|chemo\w*|drugs?|doses?|pills?|therapy|infusion)",
    re.I,
)
_NEGATED_ADVICE = re.compile(
    r"\b(?:never|don'?t|do not|not)\b(?:\W+\w+){0,3}\W+"
    r"(?:stop|skip|quit|discontinue|halve|double|pause)\b|"
    r"\bwithout (?:first )?(?:talking|asking|checking)",
    re.I,
)
# Words a plain-language rewrite may add without claiming anything the passages do not say.
_FREE = """
    may might can could will would often usually sometimes generally typically many most some several
    also include includes including such like called known mean means help helps important need needs
    make sure ask asking talk talking care team doctor doctors nurse people person someone thing things way
    ways kind kinds type types part first next good well time find use used based different common one two
    other others more less much each every yes well able answer question questions information cancer
    plain words simple simply short explain explains say says note remember keep mind
"""
FREE_WORDS = frozenset(_FREE.split())


def _stem(word: str) -> str:
    """Crude but forgiving: drop a plural/tense ending, then keep five letters (tests/tested -> test)."""
    w = word.lower().replace("’", "'").split("'")[0]
    for suffix in ("ing", "ed", "es", "s"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)]
            break
    return w[:5]


def content_words(text: str) -> set[str]:
    """Stemmed content words (stopwords, plain-language filler and placeholders removed)."""
    words = WORD.findall(PLACEHOLDER.sub(" ", text))
    return {
        _stem(w)
        for w in words
        if len(w) > 2 and w.lower() not in STOPWORDS and w.lower() not in FREE_WORDS and not w.isdigit()
    }


def _specific_terms(text: str) -> set[str]:
    """Numbers and names (capitalised mid-sentence, or with digits): these must appear as they are."""
    out: set[str] = set()
    for s in sentences(PLACEHOLDER.sub(" ", text)):
        for i, w in enumerate(WORD.findall(s)):
            if any(c.isdigit() for c in w) or (i > 0 and any(c.isupper() for c in w) and w != "I"):
                out.add(w.lower())
    return out


def check_grounding(block_text: str, passages: Sequence[str], *, slack: int = 0) -> bool:
    """True when every sentence's content words overlap the passages enough and every number/name is there."""
    source = " ".join(passages)
    have = content_words(source)
    exact = {part.lower() for w in WORD.findall(source) for part in (w, *re.split(r"[-'’]", w))}
    for sentence in sentences(block_text) or [block_text]:
        if not _specific_terms(sentence) <= exact:
            return False
        words = content_words(sentence)
        if len(words - have) > allowed_misses(len(words)) + slack:
            return False
    return True


def allowed_misses(n: int) -> int:
    """Content words a sentence of n may add: none when short (it is mostly claim), then one in three."""
    return max(0, (n - 1) // 3)


def unsafe_advice(text: str) -> bool:
    """Doses, or advice to stop/skip/change a treatment (a warning *not* to do so is fine)."""
    return bool(_DOSE.search(text)) or bool(_STOP_ADVICE.search(text) and not _NEGATED_ADVICE.search(text))
