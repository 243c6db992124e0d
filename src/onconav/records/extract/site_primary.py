"""Where a tumour started when the specimen is a metastasis: "metastatic pancreatic adenocarcinoma" in a
liver biopsy, "consistent with a colonic primary". The biopsied organ then becomes a metastatic site."""

from __future__ import annotations

import re
from collections.abc import Callable

from onconav.records.extract.base import is_negated

_ORG = r"(?P<o>[A-Za-z][A-Za-z-]+(?:\s+[A-Za-z][A-Za-z-]+)?)"
_PRIMARY = re.compile(
    r"(?:consistent\s+with|compatible\s+with|suggestive\s+of|in\s+keeping\s+with|favou?r(?:ing|s)?|from|of)\s+"
    r"(?:an?\s+|the\s+|known\s+|patient'?s\s+)*" + _ORG + r"\s+(?:primary|origin)\b|"
    r"\bprimary\s+(?:(?:tumou?r\s+)?site|tumou?r)?\s*(?:is\s+(?:in\s+)?(?:the\s+)?|[:=]\s*)(?P<p>[^\n.;,]{1,40})|"
    r"\bmetasta\w+\s+" + _ORG.replace("<o>", "<m>") + r"\s+(?:\w+\s+){0,2}?(?:adeno)?(?:carcinoma|cancer)\b|"
    r"\b(?:carcinoma|cancer)\s+(?:metastatic\s+)?from\s+(?:an?\s+|the\s+)?" + _ORG.replace("<o>", "<f>"),
    re.I,
)
_AMBIGUOUS = re.compile(r"\b(?:versus|vs\.?|or|differential|cannot\s+be\s+determined|unknown)\b", re.I)
_SPECIMEN = re.compile(
    r"(?:specimen(?:\s+(?:type|source|site))?|source|biopsy\s+site|site\s+of\s+biopsy|tissue)\s*[:.]\s*"
    r"(?P<s>[^\n.;]{1,60})",
    re.I,
)
# Organs where a metastasis is commonly biopsied (the biopsy site names a metastatic site, not the primary).
METASTATIC_ORGANS = {"liver", "lung", "brain", "adrenal", "ovary", "pleura", "skin", "bone"}
_METASTATIC = re.compile(r"metasta", re.I)
OrganFinder = Callable[[str], str | None]


def stated_primaries(text: str, organ_of: OrganFinder) -> list[tuple[str, int, int]]:
    """Organs named as the primary ("pancreatic primary", "metastatic colonic adenocarcinoma"), with spans."""
    out: list[tuple[str, int, int]] = []
    for mt in _PRIMARY.finditer(text):
        group = next(g for g in ("o", "p", "m", "f") if mt.group(g))
        organ = organ_of(mt.group(group))
        stop = re.search(r"[.;\n]", text[mt.end() : mt.end() + 40])
        tail = text[mt.end() : mt.end() + (stop.start() if stop else 40)]
        if not organ or is_negated(text, mt.start(), mt.end()) or _AMBIGUOUS.search(mt.group(0) + tail):
            continue
        out.append((organ, mt.start(group), mt.end(group)))
    return out


def specimen_organs(text: str, organ_of: OrganFinder) -> list[tuple[str, int, int]]:
    """Organs named on a specimen/source line, with the span of the organ words."""
    out: list[tuple[str, int, int]] = []
    for mt in _SPECIMEN.finditer(text):
        organ = organ_of(mt.group("s"))
        if organ:
            out.append((organ, mt.start("s"), mt.end("s")))
    return out


def mentions_metastasis(text: str) -> bool:
    """True when the report speaks of metastasis at all."""
    return bool(_METASTATIC.search(text))
