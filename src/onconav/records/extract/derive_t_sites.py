"""Derived-T rules: uveal and skin melanoma, oral cavity, intrahepatic cholangiocarcinoma; lung nodules.

Uveal melanoma (choroid and ciliary body, AJCC 7th/8th) is placed by the tumour size category from
the largest basal diameter (LBD) and thickness; intrahepatic cholangiocarcinoma (AJCC 7th/8th) by the
number of tumours, vascular invasion and spread beyond the liver.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from onconav.records.extract.base import is_negated, to_float
from onconav.records.extract.derive_common import Found, answer, extent
from onconav.records.extract.derive_more import MULTIPLE_TUMOURS, VASCULAR_INVASION, liver
from onconav.records.extract.size import breslow_mm, depth_of_invasion_mm, tumor_size

_MM = r"(?P<n>\d{1,2}(?:\.\d{1,2})?)\s*\)?\s*mm\b"
_LBD = re.compile(
    r"(?:\bLBD|largest\s+basal\s+diameter|basal\s+diameter|large(?:st)?\s+(?:tumou?r\s+)?diameter|\bbase)"
    r"\s*[=:.,]?\s*(?:of\s+)?(?:approximately\s+|about\s+)?" + _MM + r"|"
    r"(?P<n2>\d{1,2}(?:\.\d{1,2})?)\s*mm\s+(?:at\s+its\s+(?:larger|largest|widest)\s+)?base\b",
    re.I,
)
_THICKNESS = re.compile(
    r"(?:\b(?:apical\s+)?height|\bthickness|\bprominence)\s*(?:of\s+)?(?:[a-z]+\s+){0,3}?[=:.,]?\s*"
    + _MM
    + r"|"
    r"(?P<n2>\d{1,2}(?:\.\d{1,2})?)\s*mm\.?\s+in\s+(?:height|thickness)",
    re.I,
)
_UVEAL = re.compile(r"choroid|ciliary\s+body|ciliochoroidal|uvea", re.I)
_IRIS = re.compile(r"iris\s+melanoma|melanoma\s+of\s+(?:the\s+)?iris", re.I)


def _last_mm(rx: re.Pattern[str], text: str) -> tuple[float, int, int] | None:
    """The last measurement: the pathologist's own (macroscopic or summary) follows the clinical one."""
    last: tuple[float, int, int] | None = None
    for mt in rx.finditer(text):
        val = to_float(mt.group("n") or mt.group("n2") or "")
        if val is not None and 0 < val < 40:
            last = (val, mt.start(), mt.end())
    return last


def uveal_size_category(lbd: float, thickness: float) -> int:
    """AJCC 7th/8th choroidal and ciliary body melanoma size category (1-4) from LBD and thickness (mm)."""
    if lbd > 18 or thickness > 15 or (lbd > 15 and thickness > 12):
        return 4
    if thickness > 9:
        return 3
    if thickness > 6:
        return 2 if lbd <= 12 else 3
    if thickness > 3:
        return 1 if lbd <= 9 else 2 if lbd <= 15 else 3
    return 1 if lbd <= 12 else 2


def uveal_melanoma(text: str, edition: int) -> Found | None:
    """Choroidal or ciliary body melanoma: T is the size category (7th and 8th editions share the table)."""
    if edition < 7 or not _UVEAL.search(text) or _IRIS.search(text) or not re.search("melanoma", text, re.I):
        return None
    lbd = _last_mm(_LBD, text)
    thick = _last_mm(_THICKNESS, text)
    if not lbd or not thick:
        return None
    cat = uveal_size_category(lbd[0], thick[0])
    return f"T{cat}", min(lbd[1], thick[1]), max(lbd[2], thick[2])


_PERIDUCTAL = r"periductal(?:[\s-]+infiltrat\w*)?\s+(?:invasion|growth|pattern|component|infiltration)"
_EXTRAHEPATIC = r"visceral\s+peritoneum|diaphragm|duodenum|stomach|(?:transverse\s+)?colon\b|abdominal\s+wall"


def intrahepatic_cholangiocarcinoma(text: str, edition: int) -> Found | None:
    """Intrahepatic cholangiocarcinoma (7th: periductal T4, beyond the liver T3, several tumours T2b,
    vascular invasion T2a, else T1; 8th: beyond the liver T4/T3, several or vascular invasion T2)."""
    if edition < 7:
        return None  # the 6th edition staged these with the liver (hepatocellular) rules
    peri = answer(text, _PERIDUCTAL)
    if peri and peri[0] and edition == 7:
        return "T4", peri[1], peri[2]
    beyond = extent(text, [("T3", _EXTRAHEPATIC)])
    if beyond:
        organ = not re.search(r"peritoneum", text[beyond[1] : beyond[2]], re.I)
        return ("T4" if organ and edition >= 8 else "T3"), beyond[1], beyond[2]
    multi = MULTIPLE_TUMOURS.search(text)
    count = (multi.group("n") or "").lower() if multi else ""
    if multi and (multi.group("m") or (count and count not in ("one", "single", "1"))):
        return ("T2b" if edition == 7 else "T2"), multi.start(), multi.end()
    vasc = answer(text, VASCULAR_INVASION)
    if vasc is None:
        return None
    return ("T2a" if edition == 7 else "T2") if vasc[0] else "T1", vasc[1], vasc[2]


_ICC = re.compile(r"cholangiocarcinoma|cholangiocellular", re.I)
_HCC = re.compile(r"hepatocellular\s+carcinoma|hepatoma\b", re.I)


def liver_primary(text: str, edition: int) -> Found | None:
    """Liver: cholangiocarcinoma (without hepatocellular carcinoma) has its own T rules; else HCC."""
    if _ICC.search(text) and not _HCC.search(text):
        return intrahepatic_cholangiocarcinoma(text, edition)
    return liver(text, edition)


def bile_duct(text: str, edition: int) -> Found | None:
    """Bile ducts: only intrahepatic tumours are placed (perihilar and distal ducts need other detail)."""
    if re.search(r"intra-?\s?hepatic", text, re.I) and _ICC.search(text) and not _HCC.search(text):
        return intrahepatic_cholangiocarcinoma(text, edition)
    return None


_SEPARATE = re.compile(
    r"(?:satellite|separate)\s+(?:tumou?r\s+|carcinoma\s+)?(?:nodules?|foci|focus|deposits?|tumou?rs?|lesions?)",
    re.I,
)
_LOBE_TUMOUR = re.compile(
    r"(?:carcinoma|tumou?r|neoplasm)\s+(?:of|in|involving)\s+(?:the\s+)?(?:\w+\s*,?\s+)?"
    r"(?P<a>upper|middle|lower)\s+lobe|"
    r"\b(?P<b>upper|middle|lower)\s+lobe[^.:]{0,40}:\s*(?P<dx>[^.]{0,60}?carcinoma)",
    re.I,
)
_BENIGN = re.compile(r"\b(?:no|negative|free|benign|without)\b", re.I)


def separate_lung_tumours(text: str) -> bool:
    """True when the report names satellite or separate tumour nodules, or carcinoma in two lobes."""
    for mt in _SEPARATE.finditer(text):
        if not is_negated(text, mt.start(), mt.end()):
            return True
    lobes = set()
    for mt in _LOBE_TUMOUR.finditer(text):
        if mt.group("dx") and _BENIGN.search(mt.group("dx")):
            continue
        lobes.add((mt.group("a") or mt.group("b")).lower())
    return len(lobes) > 1


def melanoma(text: str, edition: int) -> Found | None:
    """Melanoma: Breslow thickness, with ulceration for the a/b subcategory."""
    found = breslow_mm(text)
    if not found:
        return None
    mm, s, e = found
    t = "T1" if mm <= 1 else "T2" if mm <= 2 else "T3" if mm <= 4 else "T4"
    ulc = re.search(r"ulcerat\w*\s*[:.]?\s*(present|absent|not\s+identified|identified)", text, re.I)
    if ulc:
        t += "b" if ulc.group(1).lower() in ("present", "identified") else "a"
    return t, s, e


_BONE_INVOLVED = re.compile(
    r"\b(?:involv(?:es|ing|ed)|infiltrat\w*)\s+(?:(?!no\b|not\b)[\w,-]+\s+){0,5}?(?:the\s+)?"
    r"(?:mandib(?:le|ular)|maxill(?:a|ary)\b|cortical\s+bone|bone\b)|"
    r"\b(?:osseous\s+tissue|bone|mandible|maxilla|jaw)\s+(?:is\s+)?(?:focally\s+)?(?:involved|infiltrated)\s+by",
    re.I,
)
# Larynx and hypopharynx have their own T rules (sub-sites, cord mobility): not placed by size.
_LARYNX = re.compile(r"laryn(?!golog)|glott|hypopharyn", re.I)


def head_neck(text: str, edition: int) -> Found | None:
    """Oral cavity and oropharynx: size (8th ed.: with depth of invasion); bone invasion T4a. Not larynx."""
    if _LARYNX.search(text):
        return None
    bone = re.search(
        r"(?:invad\w*|invasion\s+(?:of|into)|erod\w*|destr\w*)\s+(?:\w+\s+){0,3}?(?:the\s+)?"
        r"(?:(?:mandibular|maxillary|cortical)\s+bone|mandible|maxilla\b)",
        text,
        re.I,
    )
    if bone and not re.search(
        r"\b(?:no|not|free|without)\b[^.]{0,30}$", text[max(0, bone.start() - 40) : bone.start()]
    ):
        return "T4a", bone.start(), bone.end()
    for mt in _BONE_INVOLVED.finditer(text):
        if not is_negated(text, mt.start(), mt.end()):
            return None  # bone "involved": T4a (7th) only when through the cortex, which is not said
    size = tumor_size(text)
    if not size:
        return None
    cm, s, e = size
    doi = depth_of_invasion_mm(text) if edition >= 8 else None
    d = doi[0] if doi else None
    if cm > 4 or (d is not None and d > 10):
        return "T3", s, e
    if cm > 2 or (d is not None and d > 5):
        return "T2", s, e
    return "T1", s, e


SITE_RULES: dict[str, Callable[[str, int], Found | None]] = {
    "eye": uveal_melanoma,
    "liver": liver_primary,
    "bile duct": bile_duct,
    "skin": melanoma,
    "head neck": head_neck,
}
