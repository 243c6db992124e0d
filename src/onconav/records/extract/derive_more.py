"""Derived-T rules for liver, cervix, prostate, testis, adrenal cortex, endometrium, pancreas (AJCC 7th/8th).

Each rule returns None unless the report says enough to place the tumour; absence of a finding only
counts when the report states it ("Portal vein invasion: no"), never because it is silent.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from onconav.records.extract.base import is_negated
from onconav.records.extract.derive_common import Found, answer, by_size, extent
from onconav.records.extract.ocr_terms import INVASION, LYMPHOVASCULAR, VASCULAR
from onconav.records.extract.size import tumor_size

VASCULAR_INVASION = (
    r"(?:(?:portal|hepatic)\s+vein|"
    + VASCULAR
    + r"|angiolymphatic|"
    + LYMPHOVASCULAR
    + r"|(?:micro)?vessel|venous|blood\s+vessel)\.?\s*(?:tumou?r\s+)?"
    + INVASION
)
_PORTAL = r"(?:portal|hepatic)\s+vein\.?\s+(?:tumou?r\s+)?(?:invasion|involvement|thrombus)"
MULTIPLE_TUMOURS = re.compile(
    r"(?:tumou?r\s+number|number\s+of\s+tumou?rs)\s*[:=]?\s*(?P<n>one|single|1|two|three|multiple|[2-9])|"
    r"(?P<m>multiple\s+(?:\(\d+\)\s+)?(?:satellite\s+)?(?:tumou?rs|masses|nodules|lesions)|"
    r"satellite\s+(?:nodules?|masses|lesions?)\s*[:=]?\s*(?:present|yes)|multicentric\s+occurrence\s*:\s*yes|"
    r"intrahepatic\s+metastas[ie]s\s*:\s*yes|\[\s*mass\s*(?:#|no\.?)?\s*2\s*\])|"
    r"(?P<s>solitary|single\s+(?:tumou?r|mass|nodule)|tumou?r\s+number\s*:\s*one|"
    r"multicentric\s+occurrence\s*:\s*no)",
    re.I,
)


def liver(text: str, edition: int) -> Found | None:
    """Hepatocellular carcinoma: number of tumours, vascular invasion, major vein or adjacent organs."""
    t4 = extent(text, [("T4", r"visceral\s+peritoneum|diaphragm|adjacent\s+organs?")])
    if t4:
        return t4
    major = extent(
        text, [("T3b", r"major\s+branch|(?:main\s+)?portal\s+vein\s+(?:trunk|branch)|vena\s+cava")]
    )
    if major:
        return major if edition >= 7 else ("T3", major[1], major[2])
    portal = answer(text, _PORTAL)
    if portal and portal[0]:
        return None  # which branch is not said: a small branch is T2, a major branch T3
    vasc = answer(text, VASCULAR_INVASION)
    if vasc is None:
        return None  # vascular invasion not addressed: T1 and T2 cannot be told apart
    multi = MULTIPLE_TUMOURS.search(text)
    count = (multi.group("n") or "").lower() if multi else ""
    several = bool(multi and (multi.group("m") or (count and count not in ("one", "single", "1"))))
    if several:
        size = tumor_size(text)
        if size and size[0] > 5:
            return ("T3a" if edition >= 7 else "T3"), size[1], size[2]
        return "T2", multi.start(), multi.end()  # type: ignore[union-attr]
    return ("T2" if vasc[0] else "T1"), vasc[1], vasc[2]


_CERVIX_RESECTION = re.compile(r"hysterectomy|trachelectomy|exenteration", re.I)
_CERVIX_SIZE = re.compile(r"lesion\s+(?P<d>less|greater|more)\s+than\s+4(?:\.0)?\s*cm", re.I)


def cervix(text: str, edition: int) -> Found | None:
    """Cervix (FIGO 2009 / AJCC 7th): spread to bladder, pelvic wall, vagina, parametrium; else size."""
    ext = extent(
        text,
        [
            ("T4", r"(?:bladder|rectal)\s+mucosa"),
            ("T3b", r"pelvic\s+(?:side\s*)?wall"),
            ("T3a", r"lower\s+third\s+of\s+(?:the\s+)?vagina"),
            ("T2b", r"parametri(?:um|al\s+(?:soft\s+)?tissues?)"),
            ("T2", r"beyond\s+(?:the\s+)?uterus"),
            ("T2a", r"vagina(?:l\s+(?:wall|mucosa))?\b(?!\s*(?:l\s+)?cuff)"),
        ],
    )
    param = answer(text, r"parametrial\s+(?:invasion|involvement|extension)")
    if param and param[0]:
        return "T2b", param[1], param[2]
    if ext:
        return ext
    stated = _CERVIX_SIZE.search(text)
    if stated:
        return ("T1b1" if stated.group("d").lower() == "less" else "T1b2"), stated.start(), stated.end()
    if not _CERVIX_RESECTION.search(text):
        return None  # a biopsy or cone measures a fragment (often with tumour at its edges), not the tumour
    size = tumor_size(text)
    if not size or size[0] < 0.8:
        return None  # a tiny focus may be T1a: that needs depth and spread we do not read reliably
    return ("T1b1" if size[0] <= 4 else "T1b2"), size[1], size[2]


_PROSTATECTOMY = re.compile(r"prostatectomy|prostate\s+and\s+seminal\s+vesicles", re.I)


def prostate(text: str, edition: int) -> Found | None:
    """Prostate (radical prostatectomy): seminal vesicle invasion T3b, extraprostatic extension T3a."""
    if not _PROSTATECTOMY.search(text):
        return None  # biopsies do not give a pathological T
    t4 = extent(text, [("T4", r"rectum|rectal\s+wall|pelvic\s+(?:side\s*)?wall|external\s+sphincter")])
    if t4:
        return t4
    sv = answer(text, r"seminal\s+vesicles?(?:\s+(?:invasion|involvement))?")
    inv = extent(text, [("T3b", r"(?:right|left|both|bilateral)?\s*seminal\s+vesicles?")])
    if (sv and sv[0]) or inv:
        s, e = (sv[1], sv[2]) if sv and sv[0] else (inv[1], inv[2])  # type: ignore[index]
        return "T3b", s, e
    epe = answer(
        text, r"extra-?\s?prostatic\s+(?:extension|invasion|tissue)|extra-?capsular\s+(?:extension|invasion)"
    )
    epe_inv = extent(text, [("T3a", r"extra-?\s?prostatic\s+(?:tissue|adipose|fat|soft\s+tissue)")])
    if (epe and epe[0]) or epe_inv:
        s, e = (epe[1], epe[2]) if epe and epe[0] else (epe_inv[1], epe_inv[2])  # type: ignore[index]
        return "T3a", s, e
    if epe and not epe[0]:
        both = re.search(r"\b(?:bilateral|both\s+lobes|right\s+and\s+left\s+lobes)\b", text, re.I)
        return ("T2c", both.start(), both.end()) if both and edition < 8 else ("T2", epe[1], epe[2])
    return None


def testis(text: str, edition: int) -> Found | None:
    """Testis (orchiectomy): scrotum T4, spermatic cord T3, vascular invasion or tunica vaginalis T2."""
    ext = extent(
        text,
        [
            ("T4", r"scrot(?:um|al\s+(?:wall|skin))"),
            ("T3", r"spermatic\s+cord"),
            ("T2", r"tunica\s+vaginalis"),
        ],
    )
    if ext:
        return ext
    lvi = answer(
        text, r"(?:lympho)?vascular(?:/lymphatic)?\s+(?:space\s+)?invasion|angiolymphatic\s+invasion"
    )
    if lvi is None:
        return None
    return ("T2" if lvi[0] else "T1"), lvi[1], lvi[2]


_ADRENAL_SPREAD = (
    r"(?:extra-?\s?adrenal|peri-?\s?adrenal)\s+(?:(?:fat|adipose|soft\s+tissue)\s+)?"
    r"(?:extension|invasion|spread)"
)
_ADRENAL_CONFINED = re.compile(
    r"(?:confined|limited)\s+to\s+(?:the\s+)?adrenal|(?<!no\s)(?<!not\s)\bintact\s+capsule|"
    r"capsule\s+(?:is\s+)?intact",
    re.I,
)


def adrenal(text: str, edition: int) -> Found | None:
    """Adrenal cortical carcinoma: adjacent organs T4, periadrenal fat T3, else size (5 cm) when confined."""
    ext = extent(
        text,
        [
            ("T4", r"kidney|liver|pancreas|spleen|diaphragm|vena\s+cava|renal\s+vein"),
            (
                "T3",
                r"peri-?adrenal\s+(?:fat|adipose|soft\s+tissue)|(?:extra-?adrenal|surrounding)\s+(?:fat|adipose)",
            ),
        ],
    )
    if ext:
        return ext
    spread = answer(text, _ADRENAL_SPREAD)
    if spread and spread[0]:
        return "T3", spread[1], spread[2]
    # Size alone places the tumour only when the report says it stays inside the adrenal
    if not ((spread and not spread[0]) or _ADRENAL_CONFINED.search(text)):
        return None
    size = tumor_size(text)
    if not size:
        return None
    return ("T1" if size[0] <= 5 else "T2"), size[1], size[2]


_MYO = re.compile(
    r"(?P<inner>inner\s+half|less\s+than\s+(?:one[\s-]half|50\s*%|half))|"
    r"(?P<outer>outer\s+half|(?:more|greater)\s+than\s+(?:one[\s-]half|50\s*%|half)|full\s+thickness)",
    re.I,
)


def uterus(text: str, edition: int) -> Found | None:
    """Endometrium: serosa/adnexa T3a, vagina/parametrium T3b, cervical stroma T2, myometrium T1a/T1b."""
    ext = extent(
        text,
        [
            ("T4", r"(?:bladder|bowel)\s+mucosa"),
            ("T3b", r"vagina|parametri(?:um|al)"),
            ("T3a", r"uterine\s+serosa|\bserosa\b|adnexa"),
            ("T2", r"cervical\s+stroma"),
        ],
    )
    if ext:
        return ext
    for mt in _MYO.finditer(text):
        if re.search(r"myometri", text[max(0, mt.start() - 80) : mt.end() + 40], re.I):
            return ("T1b" if mt.group("outer") else "T1a"), mt.start(), mt.end()
    return None


_PANCREAS_CONFINED = re.compile(r"(?:confined|limited)\s+to\s+(?:the\s+)?pancreas", re.I)
_PERIPANCREATIC_SPREAD = (
    r"peripancreatic\s+(?:soft\s+tissue\s+|fat\s+|adipose\s+tissue\s+)?(?:invasion|extension)"
)


def pancreas(text: str, edition: int) -> Found | None:
    """Pancreas: size (8th edition); celiac axis or superior mesenteric artery involvement is T4."""
    ext = extent(text, [("T4", r"celiac\s+axis|superior\s+mesenteric\s+artery|common\s+hepatic\s+artery")])
    if ext:
        return ext
    if edition <= 7:
        beyond = extent(text, [("T3", r"(?:beyond|outside)\s+(?:the\s+)?pancreas|peripancreatic")])
        if beyond:
            return beyond
        # 7th edition T1/T2 are tumours limited to the pancreas: size alone places only those said to be
        confined = _PANCREAS_CONFINED.search(text)
        spread = answer(text, _PERIPANCREATIC_SPREAD)
        said = confined and not is_negated(text, confined.start(), confined.end())
        if not (said or (spread and not spread[0])):
            return None
        return by_size(text, [(2.0, "T1")], "T2")
    return by_size(text, [(0.5, "T1a"), (1.0, "T1b"), (2.0, "T1c"), (4.0, "T2")], "T3")


MORE_RULES: dict[str, Callable[[str, int], Found | None]] = {
    "liver": liver,
    "cervix": cervix,
    "prostate": prostate,
    "testis": testis,
    "adrenal": adrenal,
    "uterus": uterus,
    "pancreas": pancreas,
}
