"""Biomarkers: ER/PR (percent, Allred), HER2 (IHC, ISH), Ki-67, MMR/MSI, gene variants, PD-L1, TMB, HRD,
and blood-cancer markers (FLT3, NPM1, BCR-ABL1, del(17p), IGHV...).

A test that was not done, is pending, failed or was negative is never reported as positive.
"""

from __future__ import annotations

import re

from onconav.domain import Fact
from onconav.records.extract import bm_status as S
from onconav.records.extract.base import Source, fact, may_match
from onconav.records.extract.bm_lists import listed_results
from onconav.records.extract.bm_names import ANY_NAME, GROUP_NAME, LIST_TAIL, NAME_RX, WORDS
from onconav.records.extract.bm_receptors import (
    BREAST,
    er_pr_details,
    her2_details,
    her2_with_ish,
    is_control,
    sign_result,
)

_REFERENCE = re.compile(
    r"reference\s+range|interpretation\s+(?:guide|criteria)|scoring\s+(?:guide|system)|\bcut-?off\b", re.I
)
_PCT = re.compile(r"(?P<c>[<>≤≥]\s*)?(?P<p>\d{1,3}(?:\.\d)?)\s*%")
_VARIANT = re.compile(
    r"\b(?:p\.)?(?P<v>[ACDEFGHIKLMNPQRSTVWY]\d{1,4}(?:[ACDEFGHIKLMNPQRSTVWY]|del|fs\*?\d*|_\w+)|"
    r"exon\s+\d{1,2}\s+(?:deletion|insertion|skipping|mutation)|T790M|L858R)"
)
_FLT3_KIND = re.compile(
    r"\b(?P<k>ITD|TKD)\b|(?P<itd>internal\s+tandem)|(?P<tkd>tyrosine\s+kinase\s+domain|D835)", re.I
)
_METHOD = re.compile(
    r"\b(?P<m>IHC|immunohistochem\w*|herceptest|immunoperoxidase|FISH|SISH|CISH|ISH|NGS|next[\s-]generation\s+sequencing|PCR|"
    r"flow\s+cytometry|karyotype|cytogenetics)\b",
    re.I,
)
_TPS = re.compile(
    r"\b(?P<k>TPS|CPS|tumou?r\s+proportion\s+score|combined\s+positive\s+score)\D{0,12}(?P<n>\d{1,3})\s*%?",
    re.I,
)
_TMBV = re.compile(r"(?P<n>\d{1,3}(?:\.\d+)?)\s*(?:mut(?:ations)?\s*/\s*Mb|muts/Mb)", re.I)
_CUT = re.compile(r"[.;]\s+[A-Z]|\n\s*\n|\n(?=[A-Z][\w ()/-]{1,30}:)")
# OCR'd tables put a period after each cell: "Estrogen receptor. 95 %. Positive." keeps its result.
_CUT_BREAST = re.compile(
    r"[.;]\s+(?!(?i:positive|negative|equivocal|weakly|strongly|low\s+positive)\b(?!\s+(?i:for)\b))[A-Z]|"
    r"\n\s*\n|\n(?=[A-Z][\w ()/-]{1,30}:)"
)
_NEG_BEFORE = re.compile(
    r"(?:\bno\b|\bnot\b|negative\s+for|neg\.?\s+for|\bwithout\b|absence\s+of|\bfree\s+of\b|"
    r"not\s+detected\s*:|negative\s*:|wild[\s-]?type\s*(?:for|:))[^.;\n]{0,30}$",
    re.I,
)
# Words showing a sentence is about testing or about genes in general, not this patient's result.
_TEST_TALK = re.compile(
    r"\b(?:test(?:s|ing)?|assay|analysis|screen(?:ing)?|recommend\w*|consider\w*|order\w*|request\w*|reflex|"
    r"if|whether|evaluat\w*|antibody|VE1|clone)\b",
    re.I,
)
_GENERIC = re.compile(
    r"\d+\s*%\s+of\s+(?:patients|cases|tumou?rs|\w+\s+cancers?)|patients\s+with|tumou?rs\s+(?:with|harbou?ring)|"
    r"are\s+(?:found|seen|present|detected)\s+in|associated\s+with|predict\w*|respon\w*|resistan\w*|benefit",
    re.I,
)
_GENES_NOT_VARIANT = {"ER", "PR", "HER2", "Ki-67", "TMB", "PD-L1", "MSI", "MMR", "del(17p)", "IGHV"}


def _clause_before(text: str, start: int) -> str:
    """Text before a marker in the same clause, without a list of other names just before it."""
    before = text[max(0, start - 80) : start]
    before = re.split(r"[.;\n]\s*", before)[-1]
    tail = LIST_TAIL.search(before)
    head = before[: tail.start()] if tail else before
    ends = [m.end() for m in ANY_NAME.finditer(head)]
    return S.after_last_result(head[ends[-1] :] if ends else head)


def _window(name: str, text: str, mt: re.Match[str]) -> tuple[str, int]:
    """The words after a marker up to the next other marker or sentence; and where the window ends."""
    window_end = min(len(text), mt.end() + (130 if name in BREAST else 90))
    nxt = window_end
    for other in ANY_NAME.finditer(text[:window_end], mt.end()):
        if GROUP_NAME.get(other.lastgroup or "") != name:
            nxt = other.start()
            break
    window = text[mt.end() : nxt]
    cut = (_CUT_BREAST if name in BREAST else _CUT).search(window)
    keep = 0 if name in BREAST else 4  # "HER2. This assay..." ends the clause at once
    window = window[: cut.start() + 1] if cut and cut.start() >= keep else window
    return window, nxt


def _result(name: str, before: str, window: str) -> tuple[str | None, S.Status | None]:
    """The result word for one mention (no-result cues and negation before the name included)."""
    sign = sign_result(name, window)
    if sign:
        return sign.category, sign
    st = S.find_status(window, name)
    if st and is_control(window, st):
        return None, None  # "HER2 amplified control tissue" describes a control, not the tumour
    if st and re.fullmatch(r"\s+for\s*(?:the\s+)?", window[st.end :], re.I):
        st = None  # "... and indeterminate for HER2": the result belongs to the marker named next
    if st and st.category == "positive" and _GENERIC.search(window[: st.start]):
        return None, None  # "KRAS mutations are associated with..." is not this patient's result
    if st is None or st.category == "noun":
        nores = S.no_result_in(before + " " + window)
        if nores:
            return nores, st
    if st is None:
        return (S.negative_word(name), None) if _NEG_BEFORE.search(before) else (None, None)
    result = S.normalize(name, st)
    if st.category in ("positive", "noun") and result not in S.NEGATIVE_VALUES:
        if _NEG_BEFORE.search(before):
            return S.negative_word(name), st
        if S.hedged(before):
            return "indeterminate", st
    return result, st


def _one(name: str, text: str, mt: re.Match[str], src: Source) -> Fact | None:
    before = _clause_before(text, mt.start())
    if _REFERENCE.search(before[-40:]):
        return None  # a reference-range legend ("ER/PR: negative <1%"), not a result
    window, nxt = _window(name, text, mt)
    result, st = _result(name, before, window)
    own = mt.group(0).upper()
    if name == "MSI" and own in ("MSI-H", "MSI-L", "MSS") and result not in S.NO_RESULT_VALUES:
        result, st = ("high" if own == "MSI-H" else "stable"), None
    value: str | None = None
    pct = _PCT.search(window)
    done = result not in S.NO_RESULT_VALUES
    ihc = False
    if name in ("ER", "PR") and done:
        value, result = er_pr_details(window, result, st)
    elif name == "HER2" and done:
        value, result, ihc = her2_details(window, result, st)
    elif name == "Ki-67" and pct and done:
        value = (pct.group("c") or "").strip() + pct.group("p") + "%"
    value, result = _extras(name, window, before, value, result)
    if result is None and value is None:
        return None
    meth = _METHOD.search(before[-30:] + text[mt.start() : mt.end() + len(window)])
    method = _method(meth) or ("IHC" if ihc else None)
    if name == "HER2" and not method and result in ("amplified", "not amplified"):
        method = "ISH"  # amplification is a gene copy finding, read by in situ hybridisation
    end = mt.end() + (st.end if st else (pct.end() if pct else 0))
    return fact(
        "biomarker",
        {"name": name, "result": result, "value": value if done else None, "method": method},
        src,
        text,
        mt.start(),
        min(end, nxt if nxt > mt.end() else end),
    )


def _extras(
    name: str, window: str, before: str, value: str | None, result: str | None
) -> tuple[str | None, str | None]:
    """Variant, FLT3 type, PD-L1 score, TMB value; a variant with no result word is mutated only if
    the sentence is not about testing."""
    if name == "FLT3":
        kind = _FLT3_KIND.search(window[:30])
        if kind:
            value = "ITD" if kind.group("itd") or (kind.group("k") or "").upper() == "ITD" else "TKD"
    var = _VARIANT.search(window)
    if var and name not in _GENES_NOT_VARIANT and name != "FLT3":
        value = var.group("v")
        if result is None:
            # "BRAF V600E" alone is a finding; "testing for BRAF V600E" names a test, not a result
            result, value = (
                ("mutated", value) if not _TEST_TALK.search(before + " " + window) else (None, None)
            )
        elif result == "positive" and name not in S.PRESENCE:
            result = "mutated"
    if name == "PD-L1":
        tps = _TPS.search(window)
        if tps:
            score = "TPS" if tps.group("k").upper().startswith(("TPS", "TUMO")) else "CPS"
            value = f"{score} {tps.group('n')}" + ("%" if score == "TPS" else "")
    if name == "TMB":
        tv = _TMBV.search(window)
        value = f"{tv.group('n')} mut/Mb" if tv else value
    if name in ("BCR-ABL1", "del(17p)") and result not in S.NO_RESULT_VALUES:
        pct = _PCT.search(window)
        value = pct.group(0).replace(" ", "") if pct else value
    if result is None and name in ("FLT3",):
        value = None  # "FLT3-ITD" alone names the test, not a result
    return value, result


def _method(meth: re.Match[str] | None) -> str | None:
    if not meth:
        return None
    r = meth.group("m").upper()
    if r.startswith(("IMMUNO", "HERCEP")) or r == "IHC":
        return "IHC"
    if r.startswith("NEXT") or r == "NGS":
        return "NGS"
    if r.startswith("FLOW"):
        return "flow cytometry"
    if r in ("KARYOTYPE", "CYTOGENETICS"):
        return "cytogenetics"
    return "FISH" if r == "FISH" else "ISH" if r.endswith("ISH") else r


def _pick(name: str, found: list[Fact]) -> Fact | None:
    """First definitive result (for genes a positive one first); a not-done result only as a fallback."""
    done = [f for f in found if f.value["result"] not in S.NO_RESULT_VALUES]
    if name not in S.RECEPTORS and name not in ("MSI", "MMR") and name not in S.MMR_PROTEINS:
        pos = [f for f in done if f.value["result"] in ("mutated", "positive", "detected", "amplified")]
        if pos:
            return pos[0]
    with_result = [f for f in done if f.value["result"]]
    ranked = with_result or done or found
    return ranked[0] if ranked else None


def extract_biomarkers(text: str, src: Source) -> list[Fact]:
    """One biomarker fact per marker, from its mentions (a definitive result preferred)."""
    out: list[Fact] = []
    low = text.lower()
    mentions: list[tuple[int, int, str]] = []
    for name, rx in NAME_RX.items():
        if not may_match(low, WORDS[name]):
            continue
        found: list[Fact] = []
        matches = list(rx.finditer(text))
        mentions += [(mt.start(), mt.end(), name) for mt in matches]
        for i, mt in enumerate(matches):
            got = _one(name, text, mt, src)
            if got:
                found.append(got)
            definitive = got and got.value["result"] and got.value["result"] not in S.NO_RESULT_VALUES
            if i > 12 or (definitive and name in S.RECEPTORS):
                break
        best = _pick(name, found)
        if best:
            out.append(best)
    out = listed_results(text, src, out, mentions)
    her2_with_ish(text, out)
    return out
