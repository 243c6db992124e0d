"""Lymph node statements in a pathology report: how many nodes were examined and how many held tumour.

A statement is one of: a count ("metastatic carcinoma in 3 of 14 lymph nodes", "(2/7)", "eight lymph
nodes, of which four contain tumour"), a negative count ("twelve lymph nodes, negative for metastatic
carcinoma", "three benign lymph nodes"), a synoptic label ("Number with metastasis: 1"), or a bare
negative ("Lymph nodes: not involved"). Positive words without a count ("carcinoma metastatic to lymph
nodes") are kept apart: they forbid reading the nodes as negative.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

from onconav.records.extract.base import is_negated
from onconav.records.extract.node_numbers import to_int
from onconav.records.extract.node_patterns import (
    BEFORE_NUMBER_NOT_COUNT,
    DEPOSITS,
    EXAM_LABEL,
    FRACTION,
    FRACTION_NODE_AFTER,
    FRACTION_NODE_BEFORE,
    FRACTION_NOT_NODES,
    LABEL_OF,
    LIST,
    LIST_ITEM,
    NEG_BARE,
    NEG_COUNT_ADJ,
    NEG_COUNT_AFTER,
    NEG_IN,
    OF,
    PENDING,
    PENDING_WORDS,
    POS_LABEL,
    POS_WORDS,
    WHICH,
)

_I = re.I

_ANCHOR = re.compile(r"nod|\bLNs?\b", _I)
_REACH = 250  # every statement lies within this many characters of a word about nodes


def _windows(text: str) -> list[tuple[int, int]]:
    """Parts of the text near a word about nodes: the only places a node statement can be."""
    spans: list[tuple[int, int]] = []
    for m in _ANCHOR.finditer(text):
        a, b = max(0, m.start() - _REACH), min(len(text), m.end() + _REACH)
        if spans and a <= spans[-1][1]:
            spans[-1] = (spans[-1][0], b)
        else:
            spans.append((a, b))
    return spans


def _scan(rx: re.Pattern[str], text: str, windows: list[tuple[int, int]]) -> Iterator[re.Match[str]]:
    for a, b in windows:
        yield from rx.finditer(text, a, b)


@dataclass(frozen=True)
class NodeStatement:
    """One statement about nodes: positive/examined counts (None when not given) and its span."""

    positive: int | None
    examined: int | None
    start: int
    end: int
    kind: str  # "count", "list" (one item of a list), "label" or "negative" (bare negative, no count)


@dataclass
class NodeFindings:
    """All node statements of a text."""

    counts: list[NodeStatement]
    labels: list[NodeStatement]
    negatives: list[NodeStatement]
    positive_words: list[tuple[int, int]]
    deposits: list[tuple[int, int]]  # colorectal tumour deposits said to be present
    pending: bool


def _count_ok(text: str, start: int) -> bool:
    """The number is not a station, part or level number."""
    return not BEFORE_NUMBER_NOT_COUNT.search(text[max(0, start - 12) : start])


def _counts(text: str, win: list[tuple[int, int]]) -> list[NodeStatement]:
    out: list[NodeStatement] = []
    for rx in (OF, WHICH, LABEL_OF):
        for mt in _scan(rx, text, win):
            p, e = to_int(mt.group("p")), to_int(mt.group("e"))
            if p is None or e is None or e == 0 or p > e or not _count_ok(text, mt.start()):
                continue
            if p > 0 and is_negated(text, mt.start(), mt.start() + 1):
                p = 0
            out.append(NodeStatement(p, e, mt.start(), mt.end(), "count"))
    for lm in _scan(LIST, text, win):
        for it in LIST_ITEM.finditer(text, lm.start("items"), lm.end("items")):
            p, e = to_int(it.group("p")), to_int(it.group("e"))
            if p is not None and e and p <= e:
                out.append(NodeStatement(p, e, it.start(), it.end(), "list"))
    for mt in _scan(FRACTION, text, win):
        p, e = int(mt.group("p")), int(mt.group("e"))
        before = text[max(0, mt.start() - 90) : mt.start()]
        if e == 0 or p > e or FRACTION_NOT_NODES.search(before[-12:]):
            continue
        if FRACTION_NODE_BEFORE.search(before) or FRACTION_NODE_AFTER.search(text[mt.end() : mt.end() + 20]):
            out.append(NodeStatement(p, e, mt.start(), mt.end(), "count"))
    for rx in (NEG_COUNT_AFTER, NEG_COUNT_ADJ, NEG_IN):
        for mt in _scan(rx, text, win):
            e = to_int(mt.group("e"))
            if e and _count_ok(text, mt.start("e")):
                out.append(NodeStatement(0, e, mt.start(), mt.end(), "count"))
    return _dedupe(out, text)


def _same(a: NodeStatement, b: NodeStatement) -> bool:
    return (a.positive, a.examined) == (b.positive, b.examined)


def _dedupe(found: list[NodeStatement], text: str) -> list[NodeStatement]:
    """One statement per fact: the same numbers said twice ("four of six (4/6)", a diagnosis restated in a
    summary or a frozen section) count once; items of one list ("1 of 3 subcarinal, 1 of 3 hilar") stay."""
    found.sort(key=lambda s: (s.start, -s.end))
    out: list[NodeStatement] = []
    zero_keys: set[tuple[int | None, str]] = set()
    for s in found:
        prev = out[-1] if out else None
        if prev and s.start < prev.end:  # overlapping: keep the one with the most information
            if _same(s, prev) or s.kind == "negative":
                out[-1] = replace(prev, end=max(prev.end, s.end))
            elif (s.positive or 0) > (prev.positive or 0) or s.kind == "list":
                out[-1] = s  # "(1/3)" inside a negative-looking phrase: the count wins
            continue
        both_list = prev is not None and prev.kind == s.kind == "list"
        if prev and _same(s, prev) and s.start - prev.end < 40 and not both_list:
            out[-1] = replace(prev, end=s.end)
            continue
        if s.positive and any(_same(s, o) for o in out if not (o.kind == s.kind == "list")):
            continue  # positive counts repeated elsewhere in the report describe the same nodes
        if s.positive == 0:
            key = (s.examined, re.sub(r"\W+", " ", text[max(0, s.start - 40) : s.start]).lower())
            if key in zero_keys:
                continue
            zero_keys.add(key)
        out.append(s)
    return out


def _labels(text: str, win: list[tuple[int, int]]) -> list[NodeStatement]:
    """Synoptic label pairs: each positive label joined to the nearest examined label."""
    pos = [(m.start(), m.end(), to_int(m.group("n"))) for m in _scan(POS_LABEL, text, win)]
    exam = [(m.start(), m.end(), to_int(m.group("n"))) for m in _scan(EXAM_LABEL, text, win)]
    out: list[NodeStatement] = []
    used: set[int] = set()
    for ps, pe, pn in pos:
        near = [
            (abs(es - ps), i) for i, (es, _, _) in enumerate(exam) if abs(es - ps) < 200 and i not in used
        ]
        if near:
            i = min(near)[1]
            used.add(i)
            es, ee, en = exam[i]
            out.append(NodeStatement(pn, en, min(ps, es), max(pe, ee), "label"))
        else:
            out.append(NodeStatement(pn, None, ps, pe, "label"))
    out += [NodeStatement(None, en, es, ee, "label") for i, (es, ee, en) in enumerate(exam) if i not in used]
    return _dedupe(out, text)


def _negatives(text: str, win: list[tuple[int, int]]) -> list[NodeStatement]:
    out: list[NodeStatement] = []
    for rx in (NEG_BARE, NEG_IN):
        for mt in _scan(rx, text, win):
            out.append(NodeStatement(0, None, mt.start(), mt.end(), "negative"))
    return out


@lru_cache(maxsize=8)
def find_node_statements(text: str) -> NodeFindings:
    """Every node statement of the text, repeats removed (cached: read by extraction and assumptions;
    callers must not change the result)."""
    win = _windows(text)
    if not win:
        return NodeFindings([], [], [], [], [], False)
    counts, labels, negatives = _counts(text, win), _labels(text, win), _negatives(text, win)
    taken = [(s.start, s.end) for s in counts + negatives + labels]
    positive_words = [
        (m.start(), m.end())
        for m in _scan(POS_WORDS, text, win)
        if not is_negated(text, m.start(), m.end())
        and not any(s < m.end() and m.start() < e for s, e in taken)
    ]
    low = text.lower()
    deposits = (
        [(m.start(), m.end()) for m in DEPOSITS.finditer(text) if not is_negated(text, m.start(), m.end())]
        if "deposit" in low
        else []
    )
    pending = any(w in low for w in PENDING_WORDS) and bool(PENDING.search(text))
    return NodeFindings(counts, labels, negatives, positive_words, deposits, pending)


def names_deposits(words: str) -> bool:
    """True when the words say tumour deposits are present."""
    return bool(DEPOSITS.search(words))


def is_label_text(words: str) -> bool:
    """True when the words are a synoptic count label ("Nodes involved: 4")."""
    return bool(POS_LABEL.search(words) or EXAM_LABEL.search(words))
