"""Histologic type (with ICD-O-3 morphology code) from report text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from onconav.domain import Fact
from onconav.records.extract.base import Source, fact, is_negated, is_uncertain, may_match
from onconav.records.extract.heme import HEME_FAMILIES
from onconav.records.extract.histology_types import INVASIVE_OVER_IN_SITU, REFINES, TYPES, HistologyType

_BY_SPECIFICITY = sorted(TYPES, key=lambda h: -h.specificity)
_LABEL = re.compile(
    r"(?:histologic(?:al)?\s+type|tumou?r\s+type|histology|diagnosis|histotype)[^.:]{0,15}[:.-]\s*$", re.I
)
_DIAGNOSIS_AREA = re.compile(r"(?:final\s+)?(?:pathologic(?:al)?\s+)?diagnosis|impression", re.I)


@dataclass(frozen=True)
class HistologyHit:
    """A histology mention with its score."""

    type: HistologyType
    start: int
    end: int
    score: float


def find_histology(text: str) -> list[HistologyHit]:
    """All non-negated histology mentions, best first (cached: several extractors ask for the same text)."""
    return list(_find_cached(text))


@lru_cache(maxsize=8)
def _find_cached(text: str) -> tuple[HistologyHit, ...]:
    return tuple(_find(text))


def _find(text: str) -> list[HistologyHit]:
    hits: list[HistologyHit] = []
    taken: list[tuple[int, int]] = []
    low = text.lower()
    for ht in _BY_SPECIFICITY:
        if not may_match(low, ht.words):
            continue
        for mt in ht.pattern.finditer(text):
            s, e = mt.start(), mt.end()
            if any(s < b and e > a for a, b in taken) or is_negated(text, s, e):
                continue
            taken.append((s, e))
            score: float = ht.specificity + (3 if _LABEL.search(text[max(0, s - 40) : s]) else 0)
            score -= 2 if is_uncertain(text, s, e) else 0
            score -= 1.5 if re.search(r"metasta\w*\s+(?:\w+\s+){0,2}$", text[max(0, s - 30) : s], re.I) else 0
            hits.append(HistologyHit(ht, s, e, score))
    # Repetition is evidence: a type named many times is most likely the main tumour.
    counts: dict[str, int] = {}
    for h in hits:
        counts[h.type.family] = counts.get(h.type.family, 0) + 1
    hits = [HistologyHit(h.type, h.start, h.end, h.score + min(counts[h.type.family], 4) * 0.5) for h in hits]
    hits.sort(key=lambda h: (-h.score, h.start))
    return hits


def refine(hits: list[HistologyHit]) -> HistologyHit:
    """The best hit, replaced by a more specific named type when one is nearly as well supported.

    A blood cancer named in a report that also names a solid tumour (a CLL found in lymph nodes of a
    colectomy) does not displace the solid tumour unless it is far better supported.
    """
    best = hits[0]
    if best.type.family in HEME_FAMILIES:
        solid = [h for h in hits if h.type.family not in HEME_FAMILIES and h.score >= best.score - 4]
        if not solid:
            return best
        hits = [h for h in hits if h.type.family not in HEME_FAMILIES]
        best = hits[0]
    invasive = [h for h in hits if h.type.family in INVASIVE_OVER_IN_SITU.get(best.type.family, ())]
    if invasive:
        return invasive[0]
    if best.type.family not in REFINES:
        return best
    if best.type.family == "rcc":
        # A renal cell carcinoma's subtype is often written once, apart from the repeated generic name.
        subtypes = [h for h in hits if h.type.family in (REFINES["rcc"] or ())]
        return subtypes[0] if subtypes else best
    allowed = REFINES[best.type.family]
    better = [
        h
        for h in hits
        if h.type.family != best.type.family
        and h.score >= best.score - 3
        and h.type.family not in HEME_FAMILIES
        and (allowed is None or h.type.family in allowed)
    ]
    return better[0] if better else best


def extract_histology(text: str, src: Source) -> list[Fact]:
    """Facts histology (name) and histology_code (ICD-O-3) for the best-supported type."""
    hits = find_histology(text)
    if not hits:
        return []
    best = refine(hits)
    conf = 0.9 if best.score >= 5 else 0.7
    unc = is_uncertain(text, best.start, best.end)
    return [
        fact("histology", best.type.name, src, text, best.start, best.end, confidence=conf, uncertain=unc),
        fact(
            "histology_code",
            best.type.code,
            src,
            text,
            best.start,
            best.end,
            confidence=conf,
            derived=True,
            rule="ICD-O-3 morphology for the named histologic type",
            uncertain=unc,
        ),
    ]
