"""Coarse cancer families with synonyms, used to compare a patient's cancer with a trial's conditions."""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Family:
    key: str
    label: str
    pattern: str
    parent: str = ""  # "" = top level; every family ends at "solid" or "heme"


# key, label, regex (word-bounded, case-insensitive), parent
_FAMILIES: tuple[Family, ...] = (
    Family("solid", "solid tumour", r"solid (?:tumou?r|neoplasm|malignan|cancer)s?"),
    Family(
        "heme",
        "blood cancer",
        r"hematologic(?:al)? (?:malignan|neoplasm|cancer)\w*|haematolog\w+ malignan\w*|"
        r"hematopoietic and lymphoid|blood cancer|cancers? of the blood|blood and bone marrow",
    ),
    Family(
        "breast",
        "breast cancer",
        r"breast(?![- ]?feed)|\bidc\b|\bilc\b|ductal carcinoma|lobular carcinoma|tnbc|"
        r"triple[- ]negative",
        "solid",
    ),
    Family(
        "lung",
        "lung cancer",
        r"lung (?:cancer|adeno\w*|carcinoma|squamous|primary|neoplasm|malignan\w*)|"
        r"lung$|nsclc|sclc|non[- ]small[- ]cell|pulmonary (?:adeno|carcinoma)",
        "solid",
    ),
    Family("nsclc", "non-small cell lung cancer", r"nsclc|non[- ]small[- ]cell", "lung"),
    Family("sclc", "small cell lung cancer", r"\bsclc\b|small[- ]cell lung", "lung"),
    Family(
        "gyn",
        "gynecologic cancer",
        r"gynecolog\w*|gynaecolog\w*|female genital|genital neoplasm, female",
        "solid",
    ),
    Family(
        "cervix",
        "cervical cancer",
        r"cervi(?:x|cal) (?:cancer|carcinoma|squamous|adeno|origin|primary|mass)|"
        r"cervical (?:cancer|carcinoma)|\bcervix\b|cervical scc",
        "gyn",
    ),
    Family(
        "uterus",
        "uterine / endometrial cancer",
        r"endometri(?:al|um)|uter(?:ine|us) (?:cancer|carcinoma|"
        r"serous|sarcoma|neoplasm)",
        "gyn",
    ),
    Family("ovary", "ovarian cancer", r"ovar(?:y|ian)|fallopian|primary peritoneal|granulosa", "gyn"),
    Family("vulva", "vulvar / vaginal cancer", r"vulv(?:a|ar)|vagina", "gyn"),
    Family(
        "head_neck",
        "head and neck cancer",
        r"head and neck|hnscc|oropharyn\w*|tonsil\w*|larynx|laryngeal|"
        r"oral cavity|throat|nasopharyn\w*|hypopharyn\w*|neck cancer|base of tongue",
        "solid",
    ),
    Family(
        "esophagogastric",
        "esophageal / gastric cancer",
        r"gastric|stomach|gastro-?esophageal|\bgej\b|"
        r"esophag\w*|oesophag\w*",
        "solid",
    ),
    Family("colorectal", "colorectal cancer", r"colorectal|colon|rectal|rectum|\bcrc\b", "solid"),
    Family("anus", "anal cancer", r"\banal\b|\banus\b", "solid"),
    Family("pancreas", "pancreatic cancer", r"pancrea\w*", "solid"),
    Family(
        "liver",
        "liver cancer",
        r"hepatocellular|\bhcc\b|liver (?:cancer|neoplasm)|hepatic cancer|"
        r"cholangio\w*|biliary|bile duct|gallbladder",
        "solid",
    ),
    Family(
        "gu",
        "genitourinary cancer",
        r"genitourinary|urogenital|urinary tract|\bgu\b (?:tumou?r|cancer)",
        "solid",
    ),
    Family(
        "bladder",
        "bladder / urothelial cancer",
        r"bladder|urothelial|urachal|renal pelvis|ureter\w*|"
        r"transitional cell",
        "gu",
    ),
    Family("urethra", "urethral cancer", r"urethr\w*", "gu"),
    Family("kidney", "kidney cancer", r"renal cell|kidney|\brcc\b|renal medullary|collecting duct", "gu"),
    Family("prostate", "prostate cancer", r"prostat\w*|gleason", "gu"),
    Family(
        "testis",
        "testicular / germ cell tumour",
        r"testi(?:s|cular)|germ cell|seminoma|choriocarcinoma|"
        r"orchiectomy",
        "gu",
    ),
    Family("penis", "penile cancer", r"penile|penis", "gu"),
    Family("skin", "melanoma / skin cancer", r"melanoma|merkel|cutaneous squamous|skin cancer", "solid"),
    Family("sarcoma", "sarcoma", r"sarcoma|desmoid|gist\b|gastrointestinal stromal|ewing", "solid"),
    Family(
        "brain",
        "brain tumour",
        r"glioma|glioblastoma|astrocytoma|brain tumou?r|medulloblastoma|"
        r"primary cns tumou?r",
        "solid",
    ),
    Family("thyroid", "thyroid cancer", r"thyroid (?:cancer|carcinoma)|papillary thyroid", "solid"),
    Family(
        "neuroendocrine",
        "neuroendocrine cancer",
        r"neuroendocrine|small[- ]cell|carcinoid|\bnec\b|hgnec|"
        r"pheochromocytoma|paraganglioma",
        "solid",
    ),
    Family("mesothelioma", "mesothelioma", r"mesothelioma", "solid"),
    Family(
        "hpv", "HPV-associated cancer", r"\bhpv\b|papilloma ?virus|\bp16\s?\+|p16[- ]positive|hr-hpv", "solid"
    ),
    Family("lymphoma", "lymphoma", r"lymphoma|\bnhl\b|lymphoid malignan\w*|lymphoproliferative", "heme"),
    Family(
        "b_cell",
        "B-cell lymphoma",
        r"b[- ]cell|dlbcl|follicular lymphoma|mantle cell|burkitt|marginal zone|"
        r"\bcll\b|\bsll\b|chronic lymphocytic|large b|cd20|\bhgbl\b",
        "lymphoma",
    ),
    Family(
        "dlbcl",
        "diffuse large B-cell lymphoma",
        r"dlbcl|diffuse large b|large b-cell|hgbl|high-grade b-cell",
        "b_cell",
    ),
    Family(
        "follicular",
        "follicular lymphoma",
        r"follicular(?! thyroid)(?: lymphoma)?|lymphoma, follicular",
        "b_cell",
    ),
    Family("cll", "CLL / SLL", r"\bcll\b|\bsll\b|chronic lymphocytic", "b_cell"),
    Family("mantle", "mantle cell lymphoma", r"mantle cell|\bmcl\b", "b_cell"),
    Family(
        "t_cell",
        "T-cell lymphoma",
        r"t[- ]cell (?:lymphoma|malignan\w*|non-hodgkin|nhl)|ptcl|angioimmunoblastic|"
        r"\baitl\b|anaplastic large cell|\balcl\b|mycosis fungoides|sezary|\bctcl\b|meitl|\beatl\b|hstcl|"
        r"hepatosplenic|enteropathy[- ]associated|monomorphic epithelio\w+",
        "lymphoma",
    ),
    Family("hodgkin", "Hodgkin lymphoma", r"(?<!non-)(?<!non )hodgkin'?s? (?:lymphoma|disease)", "lymphoma"),
    Family(
        "leukemia",
        "leukemia",
        r"leuka?emia|\baml\b|acute lymphoblastic|\bcml\b|myelodysplastic|\bmds\b|"
        r"myeloproliferative",
        "heme",
    ),
    Family("myeloma", "myeloma", r"myeloma|plasma cell", "heme"),
)

GENERIC_ANY = re.compile(
    r"\b(neoplasms?|cancers?|malignan(?:cy|cies)|tumou?rs?|carcinomas?|metastatic cancer|advanced cancer)\b",
    re.I,
)
_BY_KEY = {f.key: f for f in _FAMILIES}
TOP = frozenset({"solid", "heme"})


@lru_cache(maxsize=1)
def _compiled() -> tuple[tuple[Family, re.Pattern[str]], ...]:
    return tuple((f, re.compile(rf"(?<![\w-])(?:{f.pattern})", re.I)) for f in _FAMILIES)


def family(key: str) -> Family:
    """The family with this key."""
    return _BY_KEY[key]


def with_ancestors(keys: AbstractSet[str]) -> set[str]:
    """The keys plus every parent up to 'solid' or 'heme'."""
    out = set(keys)
    for key in keys:
        parent = _BY_KEY[key].parent if key in _BY_KEY else ""
        while parent:
            out.add(parent)
            parent = _BY_KEY[parent].parent
    return out


_ANTIGEN = re.compile(r"(?:[\w-]+[ -]){0,3}(?:cancer|tumou?r)[ -]antigens?(?:[ -]\d+)?", re.I)


def detect(text: str) -> set[str]:
    """Family keys named in a text (without ancestors); antigen names such as 'lung cancer antigen 1' are not
    cancer types."""
    text = _ANTIGEN.sub(" ", text or "")
    return {f.key for f, rx in _compiled() if rx.search(text)}


def specific(keys: AbstractSet[str]) -> set[str]:
    """Drop the top-level and umbrella keys, keeping specific cancer families."""
    return {k for k in keys if k not in TOP and k not in {"gyn", "gu", "lymphoma", "hpv"}}


def labels(keys: AbstractSet[str]) -> str:
    """Human labels of family keys, sorted."""
    return ", ".join(sorted(_BY_KEY[k].label for k in keys if k in _BY_KEY))
