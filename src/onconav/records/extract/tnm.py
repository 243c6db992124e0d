"""TNM categories (with prefix and AJCC edition) from report text, tolerant of OCR noise."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from onconav.domain import Fact
from onconav.records.extract.base import Source, fact, is_uncertain, ocr_digit

_PRE = r"(?P<pre>[yY][pP]|yc|rp|[pPcyr])"
_T = r"T\s?(?P<t>is|[0-4OolI|Xx])(?P<tsub>[a-dA-D](?:[12](?![0-9]))?|mi)?(?![0-9A-Za-z])"
_T_NOSPACE = r"T(?P<t>is|[0-4OolI|Xx])(?P<tsub>[a-dA-D](?:[12](?![0-9]))?|mi)?"
_MOD = r"(?:\s?\((?:m|\d{1,2}|sn|mult|i[+-])\))?"
_N = (
    r"(?P<npre>yp|[pc])?\s?N\s?(?P<n>[0-3OolI|Xx])(?P<nsub>[a-cA-C]|mi)?"
    r"(?:\s?\((?:sn|i[+-]|mol[+-]|mi|\d+/\d+)\))?(?![0-9a-zA-LN-Z])"
)
_M = r"(?P<mpre>[pc])?\s?M\s?(?P<m>[01OolI|Xx])(?P<msub>[a-dA-D])?(?![0-9A-Za-z])"

# A T token with an optional prefix, optionally followed by N and M tokens (e.g. "pT2NOMX", "T3 N1b M0").
_START = r"(?:(?<![A-Za-z0-9])|(?<=AJCC))"  # "AJCCpT1pN2" is written glued in some reports
_NOS = r"(?:,?\s?NOS\b)?"  # "T2,NOS" in tabular forms
_TNM_RE = re.compile(
    _START
    + _PRE
    + r"?\s?"
    + _T
    + _MOD
    + _NOS
    + r"(?:[\s,;/.]{0,3}(?:"
    + _N
    + r"))?(?:[\s,;/.]{0,3}(?:"
    + _M
    + r"))?"
)
_TNM_GLUED = re.compile(
    _START + _PRE + r"?" + _T_NOSPACE + _MOD + r"\s?(?:" + _N + r")" + r"(?:\s?(?:" + _M + r"))?"
)
# "(AJCC pt2)": a lower-case t is only trusted right after the AJCC label.
_AJCC_LOWER = re.compile(r"(?<=AJCC)\s?(?P<pre>p)?t(?P<t>[0-4])(?P<tsub>[a-d])?(?![0-9A-Za-z])", re.I)
# Form fields: "T Stage: 2 N Stage: 0 M Stage: 0".
_WORDED = re.compile(
    r"(?<![A-Za-z])(?P<pre>[pc])?T\.?[\s_-]*(?:stage|category)\s*[:=]?\s*(?P<t>is|[0-4Xx])(?P<tsub>[a-dA-D][12]?)?"
    r"(?![0-9A-Za-z])(?:[\s.,;]{0,3}(?:[pc])?N[\s_-]*stage\s*[:=]?\s*(?P<n>[0-3Xx])(?P<nsub>[a-cA-C])?"
    r"(?![0-9A-Za-z]))?(?:[\s.,;]{0,3}M[\s_-]*stage\s*[:=]?\s*(?P<m>[01Xx])(?P<msub>[a-cA-C])?(?![0-9A-Za-z]))?",
    re.I,
)
_N_ALONE = re.compile(r"(?<![A-Za-z0-9])" + _N.replace("(?P<npre>yp|[pc])?", "(?P<npre>yp|[pc])"))
_M_ALONE = re.compile(r"(?<![A-Za-z0-9])" + _M.replace("(?P<mpre>[pc])?", "(?P<mpre>[pc])"))
_N_LABEL = re.compile(
    r"(?:regional\s+lymph\s+nodes?|lymph\s+nodes?\s*\(p?n\)|\bN\s+stage|pathological\s+N)"
    r"[^.]{0,25}?[:.]\s*$",
    re.I,
)
_M_LABEL = re.compile(
    r"(?:distant\s+metastas[ie]s|\(p?m\)|\bM\s+stage|pathological\s+M|clinical\s+M)"
    r"[^.]{0,25}?[:.]\s*$",
    re.I,
)
_LABEL_BEFORE = re.compile(
    r"(?:stag(?:e|ing)|tnm|primary\s+tumou?r|\(p?T\)|pathologic(?:al)?\s+T|T\s+(?:stage|category)|"
    r"tumou?r\s+\(T\)|classification|ajcc|uicc|exten(?:t|sion))[^.]{0,30}?[:.\s]\s*$",
    re.I,
)
_BAD_AFTER = re.compile(
    r"^(?:\s?-\s?\d|\s?(?:-|\s)weighted|\s?(?:and|,)\s?T\d\s?(?:-|\s)weighted|\s*vertebra)", re.I
)
_EDITION = re.compile(
    r"(?:AJCC|UICC|TNM)[^.\d]{0,40}?(?P<e1>[5-8])\s?(?:th|st|nd|rd)?\s*(?:ed\.?|edition)|"
    r"(?P<e2>[5-8])\s?(?:th|st|nd|rd)\s*(?:ed\.?|edition)[^.]{0,20}?(?:AJCC|UICC|TNM)|"
    r"AJCC\s*(?P<e3>[5-8])\s?(?:th)\b",
    re.I,
)


_RANGE_BEFORE = re.compile(r"(?<![A-Za-z])p?T(?:a|is|[0-4])\s?(?:-|to)\s?$", re.I)
_SHARED_PREFIX_BEFORE = re.compile(r"(?<![A-Za-z])pT(?:is|a)\s?[,/+]\s?$")


@dataclass
class _Cand:
    score: float
    start: int
    end: int
    pre: str | None
    t: str
    n: str | None
    m: str | None
    spans: dict[str, tuple[int, int]]


def _norm_t(t: str, sub: str | None) -> str:
    if t.lower() == "is":
        return "Tis"
    if t in "Xx":
        return "TX"
    sub = (sub or "").lower()
    return "T" + ocr_digit(t) + sub


def _norm_n(n: str, sub: str | None) -> str:
    return "NX" if n in "Xx" else "N" + ocr_digit(n) + (sub or "").lower()


def _norm_m(m: str, sub: str | None) -> str:
    return "MX" if m in "Xx" else "M" + ocr_digit(m) + (sub or "").lower()


def _candidate(text: str, mt: re.Match[str]) -> _Cand | None:
    g = mt.groupdict()
    pre = (g.get("pre") or "").lower() or None
    if pre in ("y", "r") and not g.get("n"):
        return None
    before = text[max(0, mt.start() - 60) : mt.start()]
    if _RANGE_BEFORE.search(before):
        return None  # "pTa-T3 tumours": a range of categories in prose, not this patient's
    if not pre and _SHARED_PREFIX_BEFORE.search(before):
        pre = "p"  # "pTis,T3a": in situ and invasive parts listed under one prefix
    labelled = bool(_LABEL_BEFORE.search(before))
    has_n = g.get("n") is not None
    raw_t = g["t"]
    if not pre and not has_n and not g.get("m") and not labelled:
        return None
    if not pre and raw_t in "OolI|" and not has_n:
        return None
    if _BAD_AFTER.match(text[mt.end() : mt.end() + 25]):
        return None
    if not pre and re.search(r"(?:blocks?|cassettes?|sections?|slides?|key)\W{0,3}$", before, re.I):
        return None
    score = 1.0 + (2 if pre else 0) + (2 if has_n else 0) + (1.5 if labelled else 0)
    if pre == "c":
        score -= 1.5
    if is_uncertain(text, mt.start(), mt.end()):
        score -= 2.5  # "at least pT3, cannot exclude pT4": the hedged category is not the one given
    if (
        re.match(r"^\s?:\s?(?:tumou?r|invades|carcinoma)", text[mt.end() : mt.end() + 20], re.I)
        and not labelled
    ):
        score -= 1  # a line of a printed definition list
    spans = {"t": (mt.start(), mt.end("tsub") if g.get("tsub") else mt.end("t"))}
    n = _norm_n(g["n"], g.get("nsub")) if has_n else None
    if has_n:
        spans["n"] = (mt.start("n") - (1 + (1 if g.get("npre") else 0)), mt.end("n"))
    m = _norm_m(g["m"], g.get("msub")) if g.get("m") else None
    if m:
        spans["m"] = (mt.start("m") - 1, mt.end("m"))
    return _Cand(score, mt.start(), mt.end(), pre, _norm_t(raw_t, g.get("tsub")), n, m, spans)


def _worded(text: str) -> list[_Cand]:
    out: list[_Cand] = []
    for mt in _WORDED.finditer(text):
        g = mt.groupdict()
        spans = {"t": (mt.start(), mt.end("tsub") if g.get("tsub") else mt.end("t"))}
        n = _norm_n(g["n"].upper(), g.get("nsub")) if g.get("n") else None
        m = _norm_m(g["m"].upper(), g.get("msub")) if g.get("m") else None
        if n:
            spans["n"] = (mt.start("n"), mt.end("n"))
        if m:
            spans["m"] = (mt.start("m"), mt.end("m"))
        pre = (g.get("pre") or "").lower() or None
        t = _norm_t(g["t"], g.get("tsub"))
        out.append(_Cand(3.5 + (2 if n else 0), mt.start(), mt.end(), pre, t, n, m, spans))
    return out


def _candidates(text: str) -> list[_Cand]:
    """Every TNM mention worth weighing (printed checklists without a ticked box left out)."""
    return _drop_printed_choices(text, _all_mentions(text))


def _all_mentions(text: str) -> list[_Cand]:
    seen: set[int] = set()
    out: list[_Cand] = _worded(text) if re.search(r"T\.?[\s_-]*(?:stage|category)", text, re.I) else []
    for mt in _AJCC_LOWER.finditer(text):
        t = _norm_t(mt.group("t"), mt.group("tsub"))
        out.append(
            _Cand(
                3.5,
                mt.start(),
                mt.end(),
                "p" if mt.group("pre") else None,
                t,
                None,
                None,
                {"t": (mt.start("t") - 1, mt.end())},
            )
        )
    for rx in (_TNM_GLUED, _TNM_RE):
        for mt in rx.finditer(text):
            if mt.start() in seen:
                continue
            c = _candidate(text, mt)
            if c:
                seen.add(mt.start())
                out.append(c)
    return out


# "pTX: Cannot be assessed  pT0: No evidence ...  pT1: Solitary tumor ...": a printed checklist whose
# ticked box OCR has lost. One definition line alone is the answer given; several are only the form.
_DEFINITION_AFTER = re.compile(r"^\s?[:=\-]\s?['\"_(]?[A-Za-z]{2,}")
_DEFINITION_SPAN = 200  # characters of definition text masked after each listed category
_CATEGORY_LIST_AFTER = re.compile(r"^\s*(?:and|or|,|-|to)\s*p?T\s?[0-4]|^\s*tumou?rs?\)", re.I)


def _printed_choices(text: str, cands: list[_Cand]) -> list[_Cand]:
    defs = [c for c in cands if _DEFINITION_AFTER.match(text[c.end : c.end + 30])]
    return defs if len({c.t for c in defs}) >= 2 else []


def _drop_printed_choices(text: str, cands: list[_Cand]) -> list[_Cand]:
    cands = [c for c in cands if not _CATEGORY_LIST_AFTER.match(text[c.end : c.end + 20])]
    listed = {id(c) for c in _printed_choices(text, cands)}
    return [c for c in cands if id(c) not in listed]


def mask_printed_choices(text: str) -> str:
    """The text with a printed list of T definitions blanked (same length, so offsets still hold): the
    words of a form ("pT4: Tumor with direct invasion of adjacent organs") are not findings."""
    defs = sorted(_printed_choices(text, _all_mentions(text)), key=lambda c: c.start)
    if not defs:
        return text
    chars = list(text)
    for i, c in enumerate(defs):
        stop = min(defs[i + 1].start if i + 1 < len(defs) else len(text), c.start + _DEFINITION_SPAN)
        chars[c.start : stop] = " " * (stop - c.start)
    return "".join(chars)


def _choose(cands: list[_Cand]) -> _Cand:
    """The best-supported mention; among equals the most repeated, then the highest category."""
    counts = Counter(c.t[:2] for c in cands)
    return max(cands, key=lambda c: (c.score, counts[c.t[:2]], c.t[:2] if c.t[1:2].isdigit() else "T"))


def _alone(rx: re.Pattern[str], label: re.Pattern[str], text: str, group: str) -> re.Match[str] | None:
    best: re.Match[str] | None = None
    for mt in rx.finditer(text):
        ocr_like = mt.group(group) in "OolI|" and not label.search(text[max(0, mt.start() - 50) : mt.start()])
        if ocr_like and not (mt.group(0)[:1] in "pPcC" and mt.group(0)[1:2] in "Nn"):
            continue
        best = best or mt
        if label.search(text[max(0, mt.start() - 50) : mt.start()]):
            return mt
    return best


def _site_context(text: str, cands: list[_Cand], site: str | None) -> None:
    """When mentions disagree (two primaries), favour those written near words naming the primary site."""
    if not site or len({c.t[:2] for c in cands}) < 2:
        return
    from onconav.records.extract.cancer_type import ANY_ORGAN

    for c in cands:
        last, at = None, 0
        for mt in ANY_ORGAN.finditer(text, max(0, c.start - 300), c.start):
            last, at = (mt.lastgroup or "").replace("_", " "), mt.end()
        if last:
            weight = 1.5 if c.start - at <= 30 else 0.5  # "PROSTATE: pT2a" labels the mention itself
            c.score += weight if last == site else -weight


def extract_tnm(text: str, src: Source, site: str | None = None) -> list[Fact]:
    """Facts tnm.prefix/t/n/m/edition from the best-supported TNM mention (near the primary site's words)."""
    facts: list[Fact] = []
    cands = _candidates(text)
    _site_context(text, cands, site)
    best = _choose(cands) if cands else None
    if best:
        s, e = best.spans["t"]
        facts.append(fact("tnm.t", best.t, src, text, s, e, confidence=min(0.95, 0.5 + best.score / 10)))
        if best.pre:
            facts.append(fact("tnm.prefix", best.pre, src, text, s, e))
        if best.n:
            facts.append(fact("tnm.n", best.n, src, text, *best.spans["n"]))
        if best.m:
            facts.append(fact("tnm.m", best.m, src, text, *best.spans["m"]))
    if not best or not best.n:
        facts += _separate(text, src, _N_ALONE, _N_LABEL, "n", "tnm.n")
    if not best or not best.m:
        facts += _separate(text, src, _M_ALONE, _M_LABEL, "m", "tnm.m")
    ed = _EDITION.search(text)
    if ed:
        num = ed.group("e1") or ed.group("e2") or ed.group("e3")
        suffix = {"1": "st", "2": "nd", "3": "rd"}.get(num, "th")
        facts.append(fact("tnm.edition", f"AJCC {num}{suffix}", src, text, ed.start(), ed.end()))
    return facts


def _separate(
    text: str, src: Source, rx: re.Pattern[str], label: re.Pattern[str], grp: str, name: str
) -> list[Fact]:
    mt = _alone(rx, label, text, grp)
    if not mt:
        return []
    sub = mt.group(grp + "sub")
    val = _norm_n(mt.group(grp), sub) if grp == "n" else _norm_m(mt.group(grp), sub)
    return [fact(name, val, src, text, mt.start(), mt.end(), confidence=0.8)]
