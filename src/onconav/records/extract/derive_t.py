"""Derive the T category from size and extent when a report does not state it (AJCC 7th/8th edition rules)."""

from __future__ import annotations

import re
from collections.abc import Callable

from onconav.domain import Fact
from onconav.records.extract.base import Source, fact
from onconav.records.extract.derive_common import (
    Edition,
    Found,
    answer,
    assumed,
    by_size,
    deeper,
    edition_for,
    extent,
)
from onconav.records.extract.derive_more import MORE_RULES
from onconav.records.extract.derive_t_figo import FIGO_TO_T, figo_t
from onconav.records.extract.derive_t_sites import SITE_RULES, separate_lung_tumours
from onconav.records.extract.derive_t_urinary import bladder, kidney
from onconav.records.extract.ocr_terms import MUSCULARIS_PROPRIA

_ETE = r"(?:extra-?\s?thyroid(?:al)?|perithyroid(?:al)?)\s+(?:soft\s+tissue\s+)?(?:extension|invasion|spread)"


def breast(text: str, edition: int) -> Found | None:
    """Breast: size (T1mi..T3); direct extension to chest wall or skin ulceration is T4."""
    ext = extent(
        text,
        [
            (
                "T4",
                r"chest\s+wall|skin\s+ulceration|ulcerated\s+(?:overlying\s+)?skin|ulceration\s+of\s+(?:the\s+)?"
                r"(?:overlying\s+)?skin|peau\s+d'orange|inflammatory\s+carcinoma",
            )
        ],
    )
    if ext:
        return ext
    return by_size(text, [(0.1, "T1mi"), (0.5, "T1a"), (1.0, "T1b"), (2.0, "T1c"), (5.0, "T2")], "T3")


_PLEURA_UNSAID = re.compile(
    r"(?:involv\w*|invad\w*|invasion\s+of|extend\w*\s+(?:in)?to|through)\s+(?:the\s+)?"
    r"(?:(?!visceral|parietal)\w+\s+)?\.?\s*"
    r"pleura\b(?!l)",
    re.I,
)


def lung(text: str, edition: int) -> Found | None:
    """Lung: size, raised by visceral pleural, chest wall or mediastinal invasion.

    Separate tumour nodules (same lobe: T3 in the 7th edition, T4 in the 6th; another lobe: T4 or M1)
    or carcinoma in two lobes leave the size alone unable to decide: nothing is derived.
    """
    if separate_lung_tumours(text):
        return None
    if edition == 7:
        size = by_size(text, [(2.0, "T1a"), (3.0, "T1b"), (5.0, "T2a"), (7.0, "T2b")], "T3")
    elif edition < 7:
        size = by_size(text, [(3.0, "T1")], "T2")
    else:
        size = by_size(
            text, [(1.0, "T1a"), (2.0, "T1b"), (3.0, "T1c"), (4.0, "T2a"), (5.0, "T2b"), (7.0, "T3")], "T4"
        )
    ext = extent(
        text,
        [
            ("T4", r"mediastin(?:um|al\s+fat)|great\s+vessels|carina|vertebral\s+body|heart\b"),
            ("T3", r"chest\s+wall|parietal\s+pleura|pericardium|phrenic\s+nerve|diaphragm"),
            ("T2", r"visceral\s+pleura|\bPL[12]\b|pleural\s+surface"),
        ],
    )
    visceral = bool(ext and ext[0] == "T2")
    if visceral and size and size[0] >= "T2":
        ext = None
    if ext and ext[0] == "T2" and edition >= 7:
        ext = "T2a", ext[1], ext[2]
    found = deeper(size, ext)
    if found and found[0] < "T3" and not visceral and _PLEURA_UNSAID.search(text):
        return None  # "involves the pleura" without saying which: visceral is T2, parietal T3
    return found


# Thyroid carcinoma types: a thyroid lobe removed with a larynx for a squamous carcinoma is not one.
_THYROID_CARCINOMA = re.compile(
    r"papillary|follicular|medullary|anaplastic|h[uü]rthle|oncocytic|insular|"
    r"(?:thyroid|poorly\s+differentiated)\s+carcinoma|carcinoma\s+of\s+(?:the\s+)?thyroid",
    re.I,
)


def thyroid(text: str, edition: int) -> Found | None:
    """Thyroid: size; extrathyroidal extension is T3 (7th ed.; 8th: strap muscles T3b), beyond it T4a."""
    if not _THYROID_CARCINOMA.search(text):
        return None
    ext = extent(
        text,
        [
            ("T4a", r"subcutaneous\s+(?:soft\s+)?tissue|larynx|trachea|esophagus|recurrent\s+laryngeal"),
            (
                "T3b" if edition >= 8 else "T3",
                r"strap\s+muscles?|sternothyroid|sternohyoid|skeletal\s+muscle",
            ),
        ],
    )
    if edition < 8 and not ext:
        ete = answer(text, _ETE)
        if ete and ete[0]:
            ext = "T3", ete[1], ete[2]
        else:
            ext = extent(
                text,
                [("T3", r"perithyroid(?:al)?\s+(?:soft|fibro|adipose|fat)|extrathyroidal\s+(?:soft|fat)")],
            )
    size = by_size(text, [(1.0, "T1a"), (2.0, "T1b"), (4.0, "T2")], "T3a" if edition >= 8 else "T3")
    return deeper(size, ext)


_GI = [
    ("T4b", r"adjacent\.?\s+(?:organs?|structures?)|abdominal\s+wall|(?:urinary\s+)?bladder\s+wall|spleen\b"),
    ("T4a", r"visceral\s+peritoneum|\bserosa\b|serosal\s+surface|peritoneal\s+surface"),
    (
        "T3",
        r"subserosa\w*|pericolic|pericolonic|pericolorectal|perirectal|mesorect\w*|mesenteric\s+(?:fat|adipose)|"
        r"(?:through|beyond)\s+(?:the\s+)?(?:muscular\s+propria|" + MUSCULARIS_PROPRIA + r")|"
        r"perigastric|adventitia|subjacent\s+fat|"
        r"serosal\s+(?:fat|adipose)|periesophageal",
    ),
    ("T2", MUSCULARIS_PROPRIA + r"|muscular\s+propria|muscle\s+layer|muscular\s+layer|muscularis\s+externa"),
    ("T1b", r"submucosa\w*"),
    ("T1a", r"lamina\s+propria|muscularis\s+mucosae|intramucosal"),
]


def colorectal(text: str, edition: int) -> Found | None:
    """Colon and rectum: depth of invasion through the bowel wall."""
    found = extent(text, [lv for lv in _GI if lv[0] != "T1a"])
    if found and found[0] == "T1b":
        return "T1", found[1], found[2]
    return found


_SEROSA_LEVEL = re.compile(r"serosa|visceral\s+peritoneum|peritoneal\s+surface|perigastric", re.I)


def stomach(text: str, edition: int) -> Found | None:
    """Stomach and oesophagus: depth of invasion through the wall (adjacent organs are T4b).

    Serosa (visceral peritoneum) is T3 in the 6th edition and T4a in the 7th; subserosa and perigastric
    tissue T2 and T3. With no stated edition those depths do not decide the category.
    """
    organs = extent(
        text,
        [("T4b", r"liver|pancreas|spleen|transverse\s+colon|diaphragm|adrenal|kidney|small\s+intestine")],
    )
    found = organs or extent(text, _GI)
    if (
        found
        and found[0] in ("T3", "T4a")
        and assumed(edition)
        and _SEROSA_LEVEL.search(text[found[1] : found[2]])
    ):
        return None
    return found


RULES: dict[str, Callable[[str, int], Found | None]] = {
    "breast": breast,
    "lung": lung,
    "colon": colorectal,
    "rectum": colorectal,
    "kidney": kidney,
    "thyroid": thyroid,
    "stomach": stomach,
    "esophagus": stomach,
    "bladder": bladder,
    **MORE_RULES,
    **SITE_RULES,
}


# The organ a site rule measures must be named: a size read from a report about another organ
# (a thyroid "lower lobe" filed as lung) would give a confident wrong T.
_ORGAN_NAMED: dict[str, re.Pattern[str]] = {
    site: re.compile(rx, re.I)
    for site, rx in {
        "lung": r"lung|pulmonar|pneumonectomy|bronch|pleura",
        "breast": r"breast|mammary|mastectomy|lumpectomy|ductal|lobular",
        "thyroid": r"thyroid",
        "kidney": r"kidney|renal|nephrectomy",
        "bladder": r"bladder|cystectomy|cystoprostatectomy|vesic|urothelial",
        "pancreas": r"pancrea|whipple",
    }.items()
}


def derive_t(text: str, src: Source, site: str | None, edition: str | None = None) -> list[Fact]:
    """A derived tnm.t fact for the site, or nothing when size/extent do not decide it."""
    rule = RULES.get(site or "")
    if not rule and (site or "") not in FIGO_TO_T:
        return []
    organ = _ORGAN_NAMED.get(site or "")
    if organ and not organ.search(text):
        return []
    ed, was_assumed = edition_for(text, edition)
    figo = figo_t(text, site or "")
    if figo:
        tval, stage, s, e = figo
        rule_text = f"FIGO stage {stage} -> {tval} (AJCC {ed}th {site}: T aligned with FIGO)"
        return [fact("tnm.t", tval, src, text, s, e, confidence=0.6, derived=True, rule=rule_text)]
    found = rule(text, Edition(ed, was_assumed)) if rule else None
    if not found:
        return []
    tval, s, e = found
    how = " (edition not stated; assumed)" if was_assumed else ""
    return [
        fact(
            "tnm.t",
            tval,
            src,
            text,
            s,
            e,
            confidence=0.6,
            derived=True,
            rule=f"AJCC {ed}th edition{how} {site} T from size/extent",
        )
    ]
