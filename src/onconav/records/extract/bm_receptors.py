"""Breast receptor details: ER/PR percent and Allred score, HER2 IHC score and ISH outcome.

Rules follow the ASCO/CAP guidelines: ER/PR are positive when >= 1% of tumour nuclei stain (1-10% is
"low positive", still positive) or when the Allred score is >= 3; HER2 IHC 0 and 1+ are negative,
2+ is equivocal and 3+ positive; an ISH result (amplified / not amplified) settles an IHC result.
"""

from __future__ import annotations

import re

from onconav.domain import Fact
from onconav.records.extract import bm_status as S

BREAST = {"ER", "PR", "HER2"}
# "ER (+)", "ER+", "PR -", "HER2 (-)": a sign right after the name (a spaced "-" is a separator).
_SIGN = re.compile(
    r"^(?:\s?\(\s*(?P<p>\+)\s*\)|\s?(?P<q>\+)(?![\d+])|\s?\(\s*(?P<n>[-−])\s*\)|(?P<m>[-−])(?=[\s,;)/]|$))"
    r"(?![\s.:]*(?i:pos|neg|equiv|weak|low|strong|\d))"
)
_PCT = re.compile(
    r"(?P<c>[<>≤≥]=?\s*|(?:less|greater|more)\s+than\s+|over\s+|under\s+)?"
    r"(?P<lo>\d{1,3}(?:\.\d)?)(?:\s*(?:-|to)\s*(?P<hi>\d{1,3}(?:\.\d)?))?\s*%",
    re.I,
)
_ALLRED = re.compile(r"allred\D{0,15}?(?P<a>[0-8])(?:\s*/\s*8)?", re.I)
_BELOW = ("<", "≤", "less", "under")
_COMPARE = {"less than": "<", "under": "<", "greater than": ">", "more than": ">", "over": ">"}
_HER2_SCORE = re.compile(
    r"\b(?P<s>[0-3])(?:\s*(?:/|or|-|to)\s*(?P<t>[0-3]))?\s?\+|"
    r"(?:score|intensity)\s*(?:of|[:=])?\s*(?P<u>[0-3])\b(?!\s*(?:\.\d|%|/\s*[4-9]))",
    re.I,
)
_IHC_HINT = re.compile(
    r"herceptest|immunoperoxidase|immunostain|immunoreactiv|\bIHC\b|immunohisto|over-?\s?expression", re.I
)
_ISH = r"(?:\b(?:FISH|CISH|SISH|DISH|ISH)\b|in[\s-]+situ\s+hybridi[sz]ation)"
_HER2 = r"(?:\bHER[\s-]?2(?:\s*[/-]?\s*neu)?|c-?erb-?b-?2)"
_GAP = r"(?:[^.;\n]|\.(?=\d)){0,60}?"
# "FISH: not amplified", "HER2 by FISH (ratio 1.4): not amplified", "FISH ratio 2.6, amplified"
_ISH_AFTER = re.compile(
    _ISH + rf"(?P<gap>{_GAP})(?P<r>not\s+amplified|non-?amplified|no\s+(?:evidence\s+of\s+)?amplification|"
    r"amplified)(?!\s+(?:control|cell))",
    re.I,
)
# "no amplification of the HER2 gene was seen by FISH" (a positive in this order is read from the name)
_ISH_BEFORE = re.compile(
    r"(?P<r>no\s+(?:evidence\s+of\s+)?amplification)\s+(?:of|for)\s+(?:the\s+)?"
    + _HER2
    + rf"(?P<gap>{_GAP})"
    + _ISH,
    re.I,
)
_RATIO = re.compile(r"ratio\D{0,12}?(?P<v>\d{1,2}\.\d{1,2})", re.I)
# Guideline or method text ("cases with a ratio >= 2.0 by FISH are considered amplified").
_GUIDE = re.compile(
    r"\b(?:if|when|cases|tumou?rs\s+with|defined|considered|criteria|guidelines?|should|would|will|may|"
    r"are\s+(?:reported|called|classified))\b",
    re.I,
)
_CONTROL = re.compile(r"^\s+(?:\w+\s+){0,1}?(?:control|cell\s+lines?)", re.I)


def sign_result(name: str, window: str) -> S.Status | None:
    """The result written as a sign right after a breast receptor name ("ER+", "PR (-)")."""
    if name not in BREAST:
        return None
    mt = _SIGN.match(window)
    if not mt:
        return None
    category = "positive" if mt.group("p") or mt.group("q") else "negative"
    return S.Status(category, mt.group(0).strip(), mt.start(), mt.end())


def is_control(window: str, st: S.Status | None) -> bool:
    """True when the result word describes a control ("HER2 amplified control tissue")."""
    return bool(st and _CONTROL.match(window[st.end :]))


def er_pr_details(window: str, result: str | None, st: S.Status | None) -> tuple[str | None, str | None]:
    """Value (percent of stained nuclei, Allred score) and the result they imply when none is written."""
    value: str | None = None
    pct = _PCT.search(window)
    if pct:
        comp = (pct.group("c") or "").strip().lower()
        below = comp.startswith(_BELOW)
        sign = _COMPARE.get(comp, comp)
        value = sign + pct.group("lo") + ("-" + pct.group("hi") if pct.group("hi") else "") + "%"
        of_cells = st and st.category == "positive" and not window[pct.end() : st.start].strip()
        if result is None or of_cells:  # "0% positive cells" is negative; "<10%" may be either
            lo = float(pct.group("lo"))
            result = "negative" if lo < 1 or (below and lo <= 1) else None if below else "positive"
    allred = _ALLRED.search(window)
    if allred:
        value = ((value + ", ") if value else "") + f"Allred {allred.group('a')}"
        if result is None:
            result = "positive" if int(allred.group("a")) >= 3 else "negative"
    return value, result


def her2_details(window: str, result: str | None, st: S.Status | None) -> tuple[str | None, str | None, bool]:
    """The IHC score ("2+"), the result it implies, and whether the text shows the method is IHC.

    A score settles the IHC result: "weakly positive, 2+" is equivocal; a stated result that
    contradicts the score ("positive ... 1+") is dropped rather than guessed.
    """
    sc = _HER2_SCORE.search(window)
    ihc = bool(sc) or bool(_IHC_HINT.search(window[:40]))
    if not sc:
        return None, result, ihc
    low, high = sc.group("s") or sc.group("u"), sc.group("t")
    value = f"{low}/{high}+" if high else (f"{low}+" if low != "0" else "0")
    top = int(high or low)
    from_score = {3: "positive", 2: "equivocal"}.get(top, "negative")
    if result in (None, "equivocal") or result in S.NO_RESULT_VALUES:
        return value, from_score if result not in S.NO_RESULT_VALUES else result, ihc
    if result == "positive" and top < 3:
        return value, ("equivocal" if top == 2 else None), ihc
    if result == "negative" and top == 3:
        return value, None, ihc
    return value, result, ihc


def _ish_outcome(text: str) -> tuple[bool, str | None] | None:
    """The first HER2 ISH outcome stated in the text: (amplified, ratio), or None."""
    found: list[tuple[int, bool, str | None]] = []
    for rx in (_ISH_AFTER, _ISH_BEFORE):
        for mt in rx.finditer(text):
            sentence = re.split(r"[.;\n]\s", text[max(0, mt.start() - 60) : mt.start()])[-1]
            if (
                S.no_result_in(mt.group("gap"))
                or S.hedged(mt.group("gap"))
                or _GUIDE.search(sentence + " " + mt.group("gap"))
            ):
                continue
            negated = mt.group("r").lower().startswith(("no", "non"))
            ratio_mt = _RATIO.search(mt.group(0))
            found.append((mt.start(), not negated, ratio_mt.group("v") if ratio_mt else None))
            break
    if not found:
        return None
    _, amplified, ratio = min(found)
    return amplified, ratio


def her2_with_ish(text: str, out: list[Fact]) -> None:
    """Add the ISH outcome to the HER2 fact; it gives the final result when IHC did not settle it."""
    her2 = [f for f in out if f.value["name"] == "HER2"]
    if not her2:
        return
    got = _ish_outcome(text)
    if got is None:
        return
    amplified, ratio = got
    v = her2[0].value
    if v["method"] == "IHC" and v["result"] in ("positive", "negative", "equivocal") and not v["value"]:
        v["value"] = "IHC " + v["result"]  # keep the IHC result beside the ISH outcome
    word = "ISH amplified" if amplified else "ISH not amplified"
    v["value"] = ((v["value"] + "; ") if v["value"] else "") + word + (f" (ratio {ratio})" if ratio else "")
    if v["result"] in (None, "equivocal", "not amplified", "amplified", *S.NO_RESULT_VALUES):
        v["result"] = "positive" if amplified else "negative"
    v["method"] = "IHC+ISH" if v["method"] == "IHC" or re.search(r"\d\+", v["value"]) else "ISH"
