"""Lymph nodes examined and positive, and distant metastatic sites."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from onconav.domain import Evidence, Fact
from onconav.records.extract.base import Source, fact, is_negated
from onconav.records.extract.node_statements import NodeFindings, NodeStatement, find_node_statements

_MET = re.compile(
    r"metasta\w+\s+(?:\w+\s+){0,3}?(?:to|in|involving)\s+(?:the\s+)?(?P<site>liver|lungs?|bones?|brain|"
    r"peritoneum|omentum|adrenal(?:\s+gland)?|pleura|ovary|skin|spine)\b",
    re.I,
)
# Where the words naming a specimen start: "2.", "3)", "(B)", "Part 4:".
_PART_START = re.compile(r"(?:\b\d{1,2}\s*[.:)]\s|\(\s*[A-Z0-9]{1,2}\s*\)\s|\bpart\s+\d+\s*:|\bSP:)", re.I)
_HEADER_REACH = 150
_MAX_NEGATIVE_EVIDENCE = 5


@dataclass
class _Total:
    positive: int | None = None
    examined: int | None = None
    parts: list[NodeStatement] = field(default_factory=list)  # statements the positive total rests on
    exam_parts: list[NodeStatement] = field(default_factory=list)  # and the examined total
    summed: bool = False


def _add(stmts: list[NodeStatement]) -> _Total:
    """Totals over statements; a statement equal to the sum of all the others is that sum restated."""
    if not stmts:
        return _Total()
    pos = [s.positive for s in stmts if s.positive is not None]
    exam = [s.examined for s in stmts if s.examined is not None]
    if len(stmts) >= 2:
        for s in stmts:
            rest = [o for o in stmts if o is not s]
            rest_pos = sum(o.positive for o in rest if o.positive is not None)
            rest_exam = sum(o.examined for o in rest if o.examined is not None)
            if s.positive is not None and s.positive == rest_pos and s.examined == rest_exam:
                return _Total(s.positive, s.examined, [s], [s])
    return _Total(
        sum(pos) if pos else None,
        sum(exam) if exam else None,
        [s for s in stmts if s.positive],
        [s for s in stmts if s.examined is not None],
        summed=len(pos) > 1,
    )


def _totals(found: NodeFindings) -> _Total:
    """Positive and examined totals: synoptic labels first, then counts, then bare negatives."""
    counts, labels = _add(found.counts), _add(found.labels)
    exam_from = labels if labels.examined is not None else counts
    out = _Total(examined=exam_from.examined, exam_parts=exam_from.exam_parts)
    if labels.positive is not None:
        out.positive, out.summed = labels.positive, labels.summed
        out.parts = list(labels.parts) or [s for s in found.labels if s.positive is not None][:1]
        if counts.positive == labels.positive:
            out.parts += counts.parts
    elif counts.positive is not None:
        out.positive, out.parts, out.summed = counts.positive, counts.parts, counts.summed
    elif found.negatives:
        out.positive = 0
    if out.positive == 0 and found.positive_words:
        out.positive = None  # nodes called positive somewhere without a count: not node-negative
    if out.positive is not None and out.examined is not None and out.positive > out.examined:
        out.examined = None
    return out


def _header_start(text: str, s: NodeStatement, ends: list[int]) -> int:
    """Start of the words naming the specimen a statement belongs to (its station or level)."""
    floor = max([e for e in ends if e <= s.start] + [s.start - _HEADER_REACH, 0])
    parts = list(_PART_START.finditer(text, floor, s.start))
    return parts[-1].start() if parts else floor


def _evidence(text: str, src: Source, spans: list[tuple[int, int]]) -> list[Evidence]:
    return [Evidence(document=src.document, page=src.page, start=a, end=b, text=text[a:b]) for a, b in spans]


def _count_fact(name: str, value: int, spans: list[tuple[int, int]], text: str, src: Source) -> Fact:
    """A node count fact; a total added up over several statements is marked derived."""
    summed = len(spans) > 1
    return Fact(
        field=name,
        value=value,
        evidence=_evidence(text, src, spans),
        confidence=0.7 if summed else 0.9,
        derived=summed,
        rule="sum of node counts over the specimens" if summed else None,
    )


def extract_nodes(text: str, src: Source) -> list[Fact]:
    """Facts lymph_nodes.positive / lymph_nodes.examined; evidence names each node statement used.

    The evidence of a positive count runs from the words naming each specimen (its station or level)
    to the count, so that the N derivation can read where the positive nodes were.
    """
    found = find_node_statements(text)
    total = _totals(found)
    facts: list[Fact] = []
    everything = found.counts + found.labels + found.negatives
    ends = sorted(s.end for s in everything)
    if total.positive is not None:
        if total.positive > 0:
            spans = [(_header_start(text, s, ends), s.end) for s in total.parts]
            pos = _count_fact("lymph_nodes.positive", total.positive, spans, text, src)
        else:
            zero = sorted((s for s in everything if s.positive == 0), key=lambda s: s.start)
            spans = [(s.start, s.end) for s in zero[:_MAX_NEGATIVE_EVIDENCE]]
            pos = _count_fact("lymph_nodes.positive", 0, spans[:1], text, src)
            pos.evidence = _evidence(text, src, spans + found.deposits[:1])
            pos.uncertain = found.pending  # deeper levels or stains still to come
        if total.summed and not pos.derived:
            pos.derived, pos.confidence, pos.rule = True, 0.7, "sum of node counts over the specimens"
        facts.append(pos)
    if total.examined is not None:
        spans = [(s.start, s.end) for s in total.exam_parts]
        facts.append(_count_fact("lymph_nodes.examined", total.examined, spans, text, src))
    return facts


def extract_metastases(text: str, src: Source) -> list[Fact]:
    """metastatic_site facts for distant organs named as sites of metastasis (not negated)."""
    out: list[Fact] = []
    for mt in _MET.finditer(text):
        if is_negated(text, mt.start(), mt.end()):
            continue
        site = mt.group("site").lower().rstrip("s") if mt.group("site").lower() != "lungs" else "lung"
        out.append(fact("metastatic_site", site, src, text, mt.start(), mt.end(), confidence=0.7))
    return out
