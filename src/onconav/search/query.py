"""Turn free text into a safe lexical query (no query-language injection)."""

from __future__ import annotations

import re

_TOKEN = re.compile(r"[A-Za-z0-9]+(?:['’][a-z]+)?")

STOPWORDS = frozenset(
    """a about above after again against all am an and any are aren't as at be because been before being
    below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down
    during each few for from further had hadn't has hasn't have haven't having he he'd he'll he's her here
    here's hers herself him himself his how how's i i'd i'll i'm i've if in into is isn't it it's its itself
    let's me more most mustn't my myself no nor not of off on once only or other ought our ours ourselves
    out over own same shan't she she'd she'll she's should shouldn't so some such than that that's the their
    theirs them themselves then there there's these they they'd they'll they're they've this those through
    to too under until up very was wasn't we we'd we'll we're we've were weren't what what's when when's
    where where's which while who who's whom why why's with won't would wouldn't you you'd you'll you're
    you've your yours yourself yourselves (are) get got tell know please im ive dont really also just
    """.split()
)


def terms(text: str) -> list[str]:
    """Lower-case content words of the text, in order, stopwords removed."""
    out = []
    for tok in _TOKEN.findall(text.lower()):
        tok = tok.replace("’", "'")
        if tok in STOPWORDS or len(tok) < 2 and not tok.isdigit():
            continue
        out.append(tok.split("'")[0])
    return out


def to_query_string(words: list[str], boost: float | None = None) -> str:
    """A tantivy query string of plain terms (each quoted so no operator can be injected)."""
    parts = [f'"{w}"' for w in words if w]
    if boost is not None:
        parts = [f"{p}^{boost}" for p in parts]
    return " ".join(parts)
