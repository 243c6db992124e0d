"""Stage group ("Stage IIA") and grade from report text."""

from __future__ import annotations

import re

from onconav.domain import Fact
from onconav.records.extract.base import Source, fact

_ROMAN = {"1": "I", "2": "II", "3": "III", "4": "IV"}
_STAGE = re.compile(
    r"(?<![A-Za-z])(?:s|S)?(?:tage|TAGE)(?:\s+group(?:ing)?)?\s*"
    r"(?:\(?(?:AJCC|UICC|pathologic(?:al)?|clinical|TNM|anatomic|prognostic|p|c)\)?\s*){0,3}[:.\-=]?\s*"
    r"(?P<s>IV|III|II|I|[1-4])(?P<sub>(?:\s?[ABC]|[abc])[12]?|S)?(?![A-Za-z0-9+])",
)
_STAGE_BAD = re.compile(
    r"(?:gleason|end|early|late|advanced|fibrosis|tanner|figo|hepatitis|cirrhosis|ishak|metavir|batts|"
    r"ludwig|scheuer|\b[TNM]\.?|\bfor|patients\s+with)\W{0,3}$",
    re.I,
)
# Liver fibrosis is staged too ("stage 4/4", "stage 3 of 4", "trichrome ... stage IV", "stage 2 fibrosis").
_FIBROSIS_NEAR = re.compile(r"fibros|cirrho|hepatitis|trichrome|reticulin|ishak|metavir|steatohep", re.I)
_OUT_OF = re.compile(r"^\s*(?:/|of)\s*[46]\b|^\s*(?:fibrosis|cirrhosis)", re.I)
# A clinical stage from the history section is superseded by the pathologic staging of the same report.
_CLINICAL_BEFORE = re.compile(r"clinical|history|pre-?op", re.I)
_PATHOLOGIC_T = re.compile(r"(?<![A-Za-z])y?pT\s?[0-4]")
# "The pathologic stage is T3 N0": "IS" is the verb, unless the report is about a germ cell tumour.
_VERB_IS = re.compile(r"^\s*(?:\(?[pyc]?T[0-4Xx]|\.|:|\)|$)")
_GERM_CELL = re.compile(r"testi|seminoma|germ\s+cell", re.I)
_FIGO = re.compile(
    r"FIGO\s*(?:stage)?\s*[:.\-]?\s*(?P<s>IV|III|II|I|[1-4])(?P<sub>[ABCabc][1-3]?)?(?![A-Za-z0-9])"
)

_DIFF = re.compile(
    r"\b(?P<w>well|moderately|moderate|poorly|poor|un)[\s-]*(?:to\s+(?P<w2>moderately|poorly)[\s-]*)?"
    r"differentiated\b",
    re.I,
)
_G = re.compile(
    r"(?:histologic(?:al)?\s+grade|tumou?r\s+grade|grade|differentiation)\s*(?:\(.{0,30}?\))?\s*[:.\-]?\s*"
    r"(?:G\s?)?(?P<g>[1-4]|I{1,3}V?|IV|X)(?:\s*(?:/|of)\s*(?:[34]|I{3}V?|IV))?(?![A-Za-z0-9])",
    re.I,
)
_NOTT = re.compile(
    r"(?:nottingham|NHG|modified\s+bloom|SBR|elston)\D{0,40}?(?:grade\s*)?(?P<g>[1-3]|I{1,3})"
    r"(?![0-9])",
    re.I,
)
_FUHRMAN = re.compile(
    r"(?:fuhrman|ISUP|nuclear)\D{0,30}?grade\s*[:.]?\s*(?P<g>[1-4]|I{1,3}V?|IV)(?![A-Za-z0-9])", re.I
)
_GLEASON = re.compile(r"gleason\D{0,25}?(?P<a>[1-5])\s*\+\s*(?P<b>[1-5])(?:\s*=\s*(?P<s>\d{1,2}))?", re.I)
_HIGHLOW = re.compile(
    r"\b(?P<v>high|low)[\s-]grade\s+(?:papillary\s+)?(?:urothelial|serous|carcinoma|glioma)", re.I
)
_ROMAN_NUM = {"I": "1", "II": "2", "III": "3", "IV": "4", "X": "X"}


def _plausible_stage(text: str, mt: re.Match[str]) -> bool:
    """False for fibrosis stages, T/N/M "stage" form fields, generic prose, the verb "is" and a clinical
    stage from the history when the report gives its own pathologic T."""
    before, after = text[max(0, mt.start() - 60) : mt.start()], text[mt.end() : mt.end() + 25]
    if _STAGE_BAD.search(text[max(0, mt.start() - 20) : mt.start()]) or _OUT_OF.search(after):
        return False
    if _FIBROSIS_NEAR.search(before[-40:] + mt.group(0) + after):
        return False
    if (mt.group("sub") or "") == "S" and _VERB_IS.match(after) and not _GERM_CELL.search(text):
        return False
    label = before[-40:] + mt.group(0)
    return not (_CLINICAL_BEFORE.search(label) and _PATHOLOGIC_T.search(text))


def extract_stage(text: str, src: Source) -> list[Fact]:
    """The stage_group fact: the best-labelled, last stated AJCC stage group; FIGO as fallback."""
    found: list[re.Match[str]] = []
    for mt in _STAGE.finditer(text):
        if not _plausible_stage(text, mt):
            continue
        found.append(mt)
    if found:
        mt = max(
            found,
            key=lambda m: (
                bool(re.search(r"stage\s*(?:group|\(|:|pathologic|ajcc)", m.group(0), re.I)),
                m.start(),
            ),
        )
        val = "Stage " + _ROMAN.get(mt.group("s"), mt.group("s")) + (mt.group("sub") or "").strip().upper()
        return [fact("stage_group", val, src, text, mt.start(), mt.end())]
    figo = _FIGO.search(text)
    if figo:
        val = "FIGO " + _ROMAN.get(figo.group("s"), figo.group("s")) + (figo.group("sub") or "").upper()
        return [fact("stage_group", val, src, text, figo.start(), figo.end(), confidence=0.8)]
    return []


def extract_grade(text: str, src: Source) -> list[Fact]:
    """The grade fact: Gleason, Nottingham, Fuhrman/ISUP, a G1-G4 grade or the differentiation words."""
    mt = _GLEASON.search(text)
    if mt:
        a, b = int(mt.group("a")), int(mt.group("b"))
        return [fact("grade", f"Gleason {a}+{b}={a + b}", src, text, mt.start(), mt.end())]
    for rx, label in ((_NOTT, "Nottingham"), (_FUHRMAN, "nuclear")):
        mt = rx.search(text)
        if mt:
            g = _ROMAN_NUM.get(mt.group("g").upper(), mt.group("g"))
            return [fact("grade", f"G{g} ({label})", src, text, mt.start(), mt.end())]
    mt = _G.search(text)
    if mt:
        g = _ROMAN_NUM.get(mt.group("g").upper(), mt.group("g"))
        return [fact("grade", f"G{g}", src, text, mt.start(), mt.end(), confidence=0.8)]
    mt = _DIFF.search(text)
    if mt:
        w = (mt.group("w2") or mt.group("w")).lower()
        g = {"well": "G1", "moderately": "G2", "moderate": "G2", "poorly": "G3", "poor": "G3", "un": "G4"}[w]
        return [fact("grade", g, src, text, mt.start(), mt.end(), confidence=0.8)]
    mt = _HIGHLOW.search(text)
    if mt:
        return [
            fact("grade", mt.group("v").lower() + " grade", src, text, mt.start(), mt.end(), confidence=0.8)
        ]
    return []
