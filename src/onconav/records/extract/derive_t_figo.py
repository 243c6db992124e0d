"""T from a stated FIGO stage (cervix, endometrium, ovary): AJCC aligns its T categories with FIGO.

The correspondence is by definition (AJCC 7th with FIGO 2009; later editions with later FIGO
versions), so a stated FIGO stage gives the T category directly, except for stages that FIGO assigns
by nodes or distant spread (cervix IIIC, endometrium IIIC and IVB, ovary IIIA1 and IV): those say
nothing about the primary tumour and give no T. Neither do cervix IIIB and ovary IIIC, which the AJCC
stage groups also give to node-positive T1-T3 tumours ("pT2b N1 (FIGO IIIB)").
"""

from __future__ import annotations

import re

from onconav.records.extract.base import is_negated, is_uncertain

# "FIGO IB1", "FIGO stage IIA", "FIGO (2009) stage grouping: IB2", "stage IIB (FIGO)"
_FIGO = re.compile(
    r"\bFIGO\s*(?:\(?\s*(?:19|20)\d\d[^)\n]{0,20}\)?\s*)?(?P<label>stage(?:\s+grouping)?\s*)?[:.\-]?\s*"
    r"(?P<s>IV|III|II|I)(?P<sub>[ABCabc][1-3]?)?(?![A-Za-z0-9])|"
    r"\bstage\s*[:.\-]?\s*(?P<s2>IV|III|II|I)(?P<sub2>[ABCabc][1-3]?)?\s*\(\s*FIGO",
    re.I,
)
_GRADE_NEAR = re.compile(r"grade", re.I)

# FIGO stage (upper-case, without "stage") -> AJCC T, per site; stages absent from a table give no T.
_CERVIX = {
    "I": "T1", "IA": "T1a", "IA1": "T1a1", "IA2": "T1a2", "IB": "T1b", "IB1": "T1b1", "IB2": "T1b2",
    "IB3": "T1b3", "II": "T2", "IIA": "T2a", "IIA1": "T2a1", "IIA2": "T2a2", "IIB": "T2b", "IIIA": "T3a",
    "IVA": "T4",
}  # fmt: skip
_ENDOMETRIUM = {
    "I": "T1", "IA": "T1a", "IB": "T1b", "II": "T2", "IIIA": "T3a", "IIIB": "T3b", "IVA": "T4",
}  # fmt: skip
_OVARY = {
    "I": "T1", "IA": "T1a", "IB": "T1b", "IC": "T1c", "IC1": "T1c1", "IC2": "T1c2", "IC3": "T1c3",
    "II": "T2", "IIA": "T2a", "IIB": "T2b", "IIIA2": "T3a", "IIIB": "T3b",
}  # fmt: skip
FIGO_TO_T: dict[str, dict[str, str]] = {"cervix": _CERVIX, "uterus": _ENDOMETRIUM, "ovary": _OVARY}


def figo_t(text: str, site: str) -> tuple[str, str, int, int] | None:
    """(T, FIGO stage, start, end) from the last plainly stated FIGO stage, or None.

    The endometrium and ovary also have FIGO grades, so there the word "stage" must be written.
    """
    table = FIGO_TO_T.get(site)
    if not table:
        return None
    found: tuple[str, str, int, int] | None = None
    for mt in _FIGO.finditer(text):
        roman = mt.group("s") or mt.group("s2")
        stage = roman + (mt.group("sub") or mt.group("sub2") or "").upper()
        labelled = bool(mt.group("label") or mt.group("s2"))
        if _GRADE_NEAR.search(mt.group(0)) or (site != "cervix" and not labelled):
            continue
        if is_negated(text, mt.start(), mt.end()) or is_uncertain(text, mt.start(), mt.end()):
            continue
        tval = table.get(stage)
        found = (tval, stage, mt.start(), mt.end()) if tval else None
    return found
