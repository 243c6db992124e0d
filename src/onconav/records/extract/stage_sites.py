"""Which AJCC 7th edition stage table applies to a primary site and histology, and what it needs.

A `Table` names the stage function, the sub-letters of T and N that change its groups (a stated "T2"
is then tried as T2a and T2b), the N categories it has, and the extra axes it reads with every value
each can take (tried in turn when the report does not say).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from onconav.records.extract import stage_tables as st
from onconav.records.extract import stage_tables_more as sm

StageFn = Callable[[st.Cat, st.Cat, int, st.Extra], "str | None"]


@dataclass(frozen=True)
class Table:
    label: str
    fn: StageFn
    t_subs: dict[int, tuple[str, ...]] = field(default_factory=dict)
    n_subs: dict[int, tuple[str, ...]] = field(default_factory=dict)
    n_max: int = 3
    extras: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # categories that exist in one edition only ("T4b" in the 7th stomach chapter): they settle it
    edition_marks: dict[str, re.Pattern[str]] = field(default_factory=dict)
    # T number -> (largest size in cm, sub-letter): a T2 lung tumour of at most 5 cm is T2a
    sub_by_size: dict[int, tuple[float, str]] = field(default_factory=dict)


_AB = ("a", "b")
_GRADES = ("1", "2", "3")
_EDITIONS = ("6th", "7th")  # for chapters whose groups changed between them; a stated edition settles it

BREAST = Table("breast", st.breast, n_subs={1: ("mi", "")}, extras={"edition": _EDITIONS})
LUNG = Table("lung", st.lung, t_subs={1: _AB, 2: _AB}, sub_by_size={2: (5.0, "a")})
MESOTHELIOMA = Table("pleural mesothelioma", st.mesothelioma, t_subs={1: _AB})
COLORECTAL = Table("colon and rectum", st.colorectal, t_subs={4: _AB}, n_subs={2: _AB}, n_max=2)
STOMACH = Table(
    "stomach",
    st.stomach,
    t_subs={4: _AB},
    extras={"edition": _EDITIONS},
    edition_marks={"7th": re.compile(r"T4[ab]|N3[ab]"), "6th": re.compile(r"T2[ab]")},
)
ESOPHAGUS = Table(
    "esophagus",
    st.esophagus,
    t_subs={4: _AB},
    extras={
        "histology": ("squamous", "adeno"),
        "grade": _GRADES,
        "location": ("upper/middle", "lower"),
        "edition": _EDITIONS,
    },
    edition_marks={"7th": re.compile(r"T4[ab]|N[23]")},
)
KIDNEY = Table("kidney", st.kidney, n_max=1)
RENAL_PELVIS = Table("renal pelvis and ureter", st.renal_pelvis)
BLADDER = Table("urinary bladder", st.bladder, t_subs={4: _AB})
PANCREAS = Table("pancreas", st.pancreas, n_max=1)
LIVER = Table(
    "liver",
    st.liver,
    t_subs={3: _AB},
    n_max=1,
    extras={"histology": ("hcc", "cholangio"), "edition": _EDITIONS},
)
BILIARY = Table(
    "biliary tract",
    st.biliary,
    n_max=2,
    extras={"part": ("intrahepatic", "perihilar", "gallbladder", "distal")},
)
AMPULLA = Table("ampulla of Vater", st.biliary, n_max=1, extras={"part": ("ampulla",)})
HEAD_NECK = Table("head and neck", sm.head_neck, t_subs={4: _AB})
THYROID = Table(
    "thyroid",
    sm.thyroid,
    t_subs={4: _AB},
    n_subs={1: _AB},
    n_max=1,
    extras={"histology": ("differentiated", "medullary", "anaplastic"), "age": ("under 45", "45 or older")},
)
MELANOMA = Table(
    "skin melanoma",
    sm.melanoma,
    t_subs=dict.fromkeys((1, 2, 3, 4), _AB),
    n_subs={1: _AB, 2: ("a", "b", "c")},
)
SKIN_SQUAMOUS = Table("cutaneous squamous cell carcinoma", sm.skin_squamous)
UVEAL = Table(
    "uveal melanoma",
    sm.uveal,
    t_subs={1: ("a", "b", "c", "d"), 2: ("a", "b", "c", "d"), 3: ("a", "b", "c", "d"), 4: tuple("abcde")},
    n_max=1,
)
PROSTATE = Table(
    "prostate",
    sm.prostate,
    t_subs={1: ("a", "b", "c"), 2: ("a", "b", "c")},
    n_max=1,
    extras={"gleason": ("<=6", "7", ">=8"), "psa": ("<10", "10-20", ">=20")},
)
CERVIX = Table("cervix uteri", sm.cervix, t_subs={3: _AB}, n_max=1)
UTERUS = Table("corpus uteri", sm.uterus, t_subs={3: _AB}, n_max=2)
OVARY = Table("ovary", sm.ovary, t_subs={3: ("a", "b", "c")}, n_max=1)
ADRENAL = Table("adrenal cortical carcinoma", sm.adrenal, n_max=1)
TESTIS = Table("testis", sm.testis, extras={"s": ("0", "1", "2", "3")})

# ICD-O-3 morphology prefixes that have their own chapters (or none): no table from the site alone.
_OWN_CHAPTER = ("824", "825", "8936", "959", "96", "97", "98", "99")  # NET, GIST, lymphoma, leukaemia
_SARCOMA = ("88", "89")


def table_for(site: str, morphology: str, code: str) -> Table | None:
    """The stage table for a primary site, ICD-O-3 morphology ("8070/3") and OncoTree code."""
    if morphology.startswith(_OWN_CHAPTER) and not (site in ("lung", "pancreas") and morphology[:3] == "824"):
        return None
    melanoma = morphology.startswith(("872", "873", "874", "875", "876", "877", "878", "879"))
    if melanoma:
        return {"skin": MELANOMA, "eye": UVEAL}.get(site)
    if morphology.startswith(_SARCOMA):
        return None
    meso = morphology.startswith("905") or code == "PLMESO"
    if site == "pleura" or meso:
        return MESOTHELIOMA if meso and site in ("pleura", "lung") else None
    if site == "kidney" and (code == "UTUC" or morphology.startswith("812")):
        return RENAL_PELVIS
    if site == "skin":
        return SKIN_SQUAMOUS if morphology.startswith("807") else None
    if site == "adrenal":
        return ADRENAL if morphology.startswith("837") or code == "ACC" else None
    if site == "testis":
        germ_cell = morphology.startswith(("906", "907", "908", "909", "910")) or code in ("SEM", "NSGCT")
        return TESTIS if germ_cell or not morphology else None
    return _BY_SITE.get(site)


_BY_SITE: dict[str, Table] = {
    "breast": BREAST,
    "lung": LUNG,
    "colon": COLORECTAL,
    "rectum": COLORECTAL,
    "stomach": STOMACH,
    "esophagus": ESOPHAGUS,
    "kidney": KIDNEY,
    "bladder": BLADDER,
    "pancreas": PANCREAS,
    "liver": LIVER,
    "bile duct": BILIARY,
    "ampulla": AMPULLA,
    "head neck": HEAD_NECK,
    "thyroid": THYROID,
    "prostate": PROSTATE,
    "cervix": CERVIX,
    "uterus": UTERUS,
    "ovary": OVARY,
}
