"""Repair OCR-damaged key words (site and histology names) so the regular extractors can read them.

Scanned reports split words ("Hepatoce l l u lar"), confuse letters ("carcinorna", "ce1l", "0vary") and
drop or add one. The text is squeezed to its letters (digits that look like letters are read as those
letters) and each key word is searched approximately: a 4-letter anchor of the word is located exactly,
then the edit distance of the word to the squeezed letters around the anchor decides. A found word
replaces the damaged span in a repaired copy of the text; `OffsetMap` maps the copy's positions back.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

# Words whose damage most often hides a cancer type (site and histology names), 6+ letters each.
KEY_WORDS: tuple[str, ...] = (
    "carcinoma",
    "adenocarcinoma",
    "hepatocellular",
    "cholangiocarcinoma",
    "squamous",
    "urothelial",
    "transitional",
    "papillary",
    "chromophobe",
    "clear cell",
    "oligodendroglioma",
    "oligoastrocytoma",
    "astrocytoma",
    "glioblastoma",
    "melanoma",
    "seminoma",
    "mesothelioma",
    "pheochromocytoma",
    "paraganglioma",
    "adrenocortical",
    "endometrioid",
    "neuroendocrine",
    "infiltrating",
    "invasive",
    "ductal",
    "lobular",
    "kidney",
    "nephrectomy",
    "cervix",
    "cervical",
    "endocervical",
    "hysterectomy",
    "uterine",
    "uterus",
    "endometrium",
    "endometrial",
    "myometrium",
    "ovarian",
    "fallopian",
    "pancreas",
    "pancreatic",
    "pancreaticoduodenectomy",
    "whipple",
    "hepatectomy",
    "hepatic",
    "colectomy",
    "sigmoid",
    "rectosigmoid",
    "rectum",
    "rectal",
    "stomach",
    "gastric",
    "gastrectomy",
    "esophagus",
    "esophageal",
    "esophagectomy",
    "prostate",
    "prostatic",
    "prostatectomy",
    "bladder",
    "cystectomy",
    "cystoprostatectomy",
    "thyroid",
    "thyroidectomy",
    "lobectomy",
    "pneumonectomy",
    "pulmonary",
    "larynx",
    "laryngeal",
    "laryngectomy",
    "tongue",
    "tonsil",
    "pharynx",
    "oropharynx",
    "hypopharynx",
    "glossectomy",
    "mandible",
    "breast",
    "mastectomy",
    "cerebral",
    "frontal",
    "temporal",
    "parietal",
    "testis",
    "orchiectomy",
    "adrenal",
)
# OCR look-alikes folded to one letter (on both sides of the comparison): i/l/1/|/! and o/0.
_LOOKALIKE = str.maketrans({"1": "l", "|": "l", "!": "l", "i": "l", "0": "o", "$": "s", "@": "a"})
_LETTER = re.compile(r"[a-z]")
_ANCHOR = 4


# Letter pairs OCR often confuses: substituting one for the other costs half an edit.
_CONFUSED = {
    frozenset(p) for p in ("ce", "co", "eo", "ao", "nu", "hb", "lt", "nr", "mn", "vy", "gq", "ae", "cg")
}


def _max_edits(word: str) -> float:
    """Edits tolerated: one confusable letter for short words, more for long ones."""
    return 0.5 if len(word) <= 7 else 1 if len(word) <= 8 else 2 if len(word) <= 12 else 3


def _anchors(word: str) -> set[int]:
    n = len(word)
    return {0, max(0, n // 2 - _ANCHOR // 2), n - _ANCHOR}


def _best_alignment(word: str, window: str) -> tuple[float, int, int]:
    """(edits, start, end) of the window substring closest to the word (free start and end)."""
    n = len(word)
    prev: list[float] = [0.0] * (len(window) + 1)  # row 0: the match may start anywhere
    starts = list(range(len(window) + 1))
    for i in range(1, n + 1):
        cur: list[float] = [float(i)] + [0.0] * len(window)
        cur_starts = [0] * (len(window) + 1)
        for j in range(1, len(window) + 1):
            a, b = word[i - 1], window[j - 1]
            cost = 0.0 if a == b else 0.5 if frozenset((a, b)) in _CONFUSED else 1.0
            best, start = prev[j - 1] + cost, starts[j - 1]
            if prev[j] + 1 < best:
                best, start = prev[j] + 1, starts[j]
            if cur[j - 1] + 1 < best:
                best, start = cur[j - 1] + 1, cur_starts[j - 1]
            cur[j], cur_starts[j] = best, start
        prev, starts = cur, cur_starts
    end = min(range(len(window) + 1), key=lambda j: (prev[j], j))
    return prev[end], starts[end], end


@dataclass(frozen=True)
class _Found:
    word: str
    start: int  # in the original text
    end: int
    edits: float


def _squeeze(text: str) -> tuple[str, list[int], list[int]]:
    """The text's letters (look-alikes folded), lower-cased, with each letter's original start and end."""
    low = text.lower().translate(_LOOKALIKE)
    pos = [i for i, ch in enumerate(low) if "a" <= ch <= "z"]
    letters = "".join(low[i] for i in pos)
    if "rn" not in letters:
        return letters, pos, [p + 1 for p in pos]
    # "rn" is read for "m" ("carcinorna"): fold it, keeping the position of the "r".
    out: list[str] = []
    kept: list[int] = []
    kept_end: list[int] = []
    j = 0
    while j < len(letters):
        if letters.startswith("rn", j):
            out.append("m")
            kept.append(pos[j])
            kept_end.append(pos[j + 1] + 1)
            j += 2
        else:
            out.append(letters[j])
            kept.append(pos[j])
            kept_end.append(pos[j] + 1)
            j += 1
    return "".join(out), kept, kept_end


def _fold(word: str) -> str:
    return word.replace(" ", "").translate(_LOOKALIKE).replace("rn", "m")


def _search(word: str, squeezed: str) -> list[tuple[float, int, int]]:
    """Approximate occurrences (edits, start, end) of the word in the squeezed letters."""
    k = _max_edits(word)
    margin = math.ceil(k)
    out: dict[int, tuple[float, int, int]] = {}
    seen: set[int] = set()
    for a in _anchors(word):
        anchor = word[a : a + _ANCHOR]
        p = squeezed.find(anchor)
        while p >= 0:
            at = p - a
            if any(at + d in seen for d in range(-margin, margin + 1)):
                p = squeezed.find(anchor, p + 1)
                continue  # this place was already aligned through another anchor
            seen.add(at)
            if at >= 0 and squeezed.startswith(word, at):  # intact (no alignment needed)
                out[at] = (0.0, at, at + len(word))
                p = squeezed.find(anchor, p + 1)
                continue
            lo = max(0, p - a - margin)
            edits, s, e = _best_alignment(word, squeezed[lo : p - a + len(word) + margin])
            if edits <= k and e - s >= len(word) - k:
                out[lo + s] = (edits, lo + s, lo + e)
            p = squeezed.find(anchor, p + 1)
    return list(out.values())


def _is_boundary(text: str, i: int) -> bool:
    return i <= 0 or i >= len(text) or not text[i].isalpha() or not text[i - 1].isalpha()


def find_damaged_words(text: str) -> list[_Found]:
    """Key words found approximately whose original spelling differs (damaged or split), longest first."""
    squeezed, pos, pos_end = _squeeze(text)
    cands: list[_Found] = []
    for word in KEY_WORDS:
        if len(squeezed) < len(word) - 2:
            continue
        for edits, s, e in _search(_fold(word), squeezed):
            start, end = pos[s], pos_end[e - 1]
            if edits and edits >= _max_edits(word) and not text[start:end].isalpha():
                continue  # a split word must be nearly intact ("and renal" is not "adrenal")
            cands.append(_Found(word, start, end, edits))
    cands.sort(key=lambda f: (-len(f.word), f.edits, f.start))
    ends = {f.end for f in cands}
    starts = {f.start for f in cands}
    taken: list[_Found] = []
    for f in cands:
        if any(f.start < t.end and f.end > t.start for t in taken):
            continue
        # A key word inside a longer ordinary word ("renal" in "adrenal") is not taken, unless it is glued
        # to another key word ("hepatocellularcarcinoma").
        inner_start = not (_is_boundary(text, f.start) or f.start in ends)
        inner_end = not (_is_boundary(text, f.end) or f.end in starts)
        if len(f.word) < 10 and (inner_start or inner_end):
            continue
        taken.append(f)
    return [f for f in taken if text[f.start : f.end].lower() != f.word]


class OffsetMap:
    """A repaired copy of a text and the map from its positions back to the original."""

    def __init__(self, text: str, found: list[_Found]) -> None:
        parts: list[str] = []
        self._segments: list[tuple[int, int, int, int]] = []  # repaired start/end -> original start/end
        last = 0
        size = 0
        for f in sorted(found, key=lambda f: f.start):
            parts.append(text[last : f.start])
            size += f.start - last
            word = f" {f.word} "
            self._segments.append((size, size + len(word), f.start, f.end))
            parts.append(word)
            size += len(word)
            last = f.end
        parts.append(text[last:])
        self.text = "".join(parts)

    def original(self, i: int) -> int:
        """The original position of a position in the repaired text."""
        shift = 0
        for rs, re_, os_, oe in self._segments:
            if i < rs:
                break
            if i < re_:
                return os_ if i - rs <= 1 else oe
            shift = oe - re_
        return i + shift


def repair(text: str) -> OffsetMap | None:
    """A repaired copy of the text when damaged key words were found, else None."""
    found = find_damaged_words(text)
    return OffsetMap(text, found) if found else None
