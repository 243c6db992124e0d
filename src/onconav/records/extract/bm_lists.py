"""Results stated once for a list of markers: "positive for ER and PR", "KRAS, NRAS and BRAF: wild-type"."""

from __future__ import annotations

import re

from onconav.domain import Fact
from onconav.records.extract import bm_status as S
from onconav.records.extract.base import Source, fact, is_negated

# "negative for ER and PR": the result stated before a list of receptor names.
_BEFORE_LIST = re.compile(
    r"\b(?i:(?P<r>positive|negative)\s+(?:staining\s+)?for)\s+(?P<l>(?:(?:ER|PR|PgR|HER-?2(?:/neu)?|"
    r"(?i:o?estrogen(?:\s+receptors?|(?=\s*(?:,|and|&)\s*progesterone))|progesterone\s+receptors?))"
    r"(?:\s*(?:,|(?i:and)|&)\s*(?=[EPH]|(?i:o?estrogen|progesterone)))?){1,3})"
)
_BOTH = re.compile(
    r"\bboth\s+(?:receptors\s+)?(?:are|were)\s+(?:interpr\w*|reported|considered|read|scored)\s+as\s+"
    r"(?P<r>positive|negative)\b",
    re.I,
)
_ER_WORD = re.compile(r"o?estrogen|\bER\b", re.I)
_PR_WORD = re.compile(r"progest\w*|\bPg?R\b", re.I)
_REFERENCE = re.compile(
    r"reference|interpretation\s+(?:guide|criteria)|scoring\s+(?:guide|system)|cut-?off", re.I
)
_LIST_NAME = {"E": "ER", "e": "ER", "O": "ER", "o": "ER", "P": "PR", "p": "PR", "H": "HER2"}
_LIST_PART = re.compile(r"o?estrogen|progesterone|\bPgR\b|\bER\b|\bPR\b|\bHER", re.I)
_SEP = re.compile(r"\s*(?:,|/|&|\band\b|\bor\b)\s*", re.I)
_AFTER_LIST = re.compile(
    r"^(?:\s+(?:genes?|mutations?|mutation\s+(?:testing|analysis|status)|testing|analysis|status|results?))?"
    r"\s*(?::|-|\bare\b|\bwere\b|\bis\b)?\s*",
    re.I,
)


Mention = tuple[int, int, str]  # start, end, marker name


def listed_results(text: str, src: Source, out: list[Fact], mentions: list[Mention]) -> list[Fact]:
    """Add results for markers named in a list whose result is stated once for all of them."""
    out = _before_list(text, src, out)
    out = _both_receptors(text, src, out)
    return _after_list(text, src, out, sorted(mentions))


def _has_result(f: Fact) -> bool:
    """True when a fact states a result (a test not done or pending can still be replaced)."""
    return bool(f.value.get("result")) and f.value["result"] not in S.NO_RESULT_VALUES


def _before_list(text: str, src: Source, out: list[Fact]) -> list[Fact]:
    have = {f.value["name"] for f in out if _has_result(f)}
    for mt in _BEFORE_LIST.finditer(text):
        for part in _LIST_PART.finditer(mt.group("l")):
            name = _LIST_NAME[part.group(0)[0]]
            if name in have or is_negated(text, mt.start(), mt.start() + 1):
                continue
            have.add(name)
            val = {"name": name, "result": mt.group("r").lower(), "value": None, "method": None}
            out = [f for f in out if f.value["name"] != name] + [
                fact("biomarker", val, src, text, mt.start(), mt.end())
            ]
    return out


def _both_receptors(text: str, src: Source, out: list[Fact]) -> list[Fact]:
    """One result for ER and PR named in the sentences just before: "... estrogen receptor (50%) and
    progesterone receptor (40%). Therefore both are interpreted as positive"."""
    have = {f.value["name"] for f in out if _has_result(f)}
    for mt in _BOTH.finditer(text):
        before = text[max(0, mt.start() - 300) : mt.start()]
        before = re.split(r"\n\s*\n", before)[-1]
        if not (_ER_WORD.search(before) and _PR_WORD.search(before)) or S.no_result_in(mt.group(0)):
            continue
        for name in ("ER", "PR"):
            if name in have:
                continue
            have.add(name)
            val = {"name": name, "result": mt.group("r").lower(), "value": None, "method": None}
            out = [f for f in out if f.value["name"] != name] + [
                fact("biomarker", val, src, text, mt.start(), mt.end())
            ]
    return out


def _runs(text: str, mentions: list[Mention]) -> list[tuple[list[str], int, int]]:
    """Runs of two or more marker names joined by list separators: (names, start, end)."""
    runs: list[tuple[list[str], int, int]] = []
    names: list[str] = []
    start = end = -1
    for m_start, m_end, name in mentions:
        if m_start < end:
            continue  # overlapping names ("HER2/neu" and "neu")
        if names and _SEP.fullmatch(text[end:m_start]):
            names.append(name)
            end = m_end
            continue
        if len(set(names)) > 1:
            runs.append((names, start, end))
        names, start, end = [name], m_start, m_end
    if len(set(names)) > 1:
        runs.append((names, start, end))
    return runs


def _after_list(text: str, src: Source, out: list[Fact], mentions: list[Mention]) -> list[Fact]:
    have = {f.value["name"]: f for f in out}
    for names, start, end in _runs(text, mentions):
        lead = _AFTER_LIST.match(text[end : end + 40])
        at = end + (lead.end() if lead else 0)
        st = S.find_status(text[at : at + 30])
        if st is None or st.start > 0 or st.category in ("noun", "score", "vus"):
            continue
        if _REFERENCE.search(text[max(0, start - 40) : start]):
            continue
        for name in dict.fromkeys(names):
            old = have.get(name)
            if old is not None and _has_result(old):
                continue
            if st.category in ("positive", "lowpos") and name not in ("ER", "PR"):
                continue  # a positive result for a list of genes is too vague to assign to each
            val = {"name": name, "result": S.normalize(name, st), "value": None, "method": None}
            new = fact("biomarker", val, src, text, start, at + st.end)
            out = [f for f in out if f is not old] + [new]
            have[name] = new
    return out
