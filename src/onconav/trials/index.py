"""What the matcher keeps per trial without reading its criteria: cancer families, light registry fields,
and the words used for lexical scoring. Computed once at import and stored next to the trial."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from onconav.knowledge.vocabulary import Vocabulary
from onconav.trials import cancer_terms
from onconav.trials.model import Criterion, Site, Trial

_TOKEN = re.compile(r"[a-z0-9][a-z0-9+*:-]*[a-z0-9+]|[a-z0-9]")
_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "of",
        "to",
        "in",
        "for",
        "with",
        "on",
        "at",
        "by",
        "is",
        "are",
        "be",
        "was",
        "were",
        "as",
        "from",
        "that",
        "this",
        "these",
        "those",
        "patients",
        "patient",
        "participants",
        "subjects",
        "must",
        "have",
        "has",
        "had",
        "not",
        "no",
        "any",
        "all",
        "other",
        "than",
        "who",
        "which",
        "will",
        "may",
        "can",
        "should",
        "study",
        "trial",
        "treatment",
        "years",
        "year",
    ]
)
# OncoTree tissue (and a few finer) codes from the project vocabulary -> the matcher's cancer families.
_CODE_FAMILY = {
    "LUNG": "lung", "NSCLC": "nsclc", "LUAD": "nsclc", "LUSC": "nsclc", "SCLC": "sclc",
    "BREAST": "breast", "SKIN": "skin", "BRAIN": "brain", "HEAD_NECK": "head_neck", "THYROID": "thyroid",
    "BONE": "sarcoma", "SOFT_TISSUE": "sarcoma", "KIDNEY": "kidney", "BLADDER": "bladder",
    "PANCREAS": "pancreas", "BILIARY_TRACT": "liver", "LIVER": "liver", "STOMACH": "esophagogastric",
    "BOWEL": "colorectal", "ANSC": "anus", "UTERUS": "uterus", "OVARY": "ovary", "CERVIX": "cervix",
    "VULVA": "vulva", "TESTIS": "testis", "PROSTATE": "prostate", "PENIS": "penis",
    "PLEURA": "mesothelioma", "PEMESO": "mesothelioma", "LYMPH": "lymphoma", "MYELOID": "leukemia",
    "HL": "hodgkin", "CHL": "hodgkin", "DLBCLNOS": "dlbcl", "HGBCL": "dlbcl", "FL": "follicular",
    "MCL": "mantle", "CLLSLL": "cll", "PTCL": "t_cell", "ALCL": "t_cell", "AITL": "t_cell",
    "MYCF": "t_cell", "SS": "t_cell", "ATLL": "t_cell", "ENKL": "t_cell", "PCM": "myeloma",
}  # fmt: skip


def tokens(text: str) -> list[str]:
    """Lower-case word tokens without stop words (for lexical scoring)."""
    return [t for t in _TOKEN.findall(text.lower()) if t not in _STOP]


def vocabulary_families(text: str) -> set[str]:
    """Cancer families named in a text according to the project vocabulary (OncoTree codes and ancestors)."""
    vocab = Vocabulary.load()
    out: set[str] = set()
    for m in vocab.detect(text):
        if m.score < 0.8:  # "spread to the lung" names a place, not the cancer type
            continue
        for code in (m.code, *vocab.ancestors(m.code)):
            if code in _CODE_FAMILY:
                out.add(_CODE_FAMILY[code])
                break
    return out


def trial_families(trial: Trial) -> set[str]:
    """Cancer families a trial is for; 'any' when a condition is a generic cancer term."""
    fams: set[str] = set()
    for cond in trial.conditions:
        found = cancer_terms.detect(cond) or vocabulary_families(cond)
        fams |= found
        if not found and cancer_terms.GENERIC_ANY.search(cond):
            fams.add("any")
    title = cancer_terms.detect(trial.title)
    if not trial.conditions:
        fams |= title or vocabulary_families(trial.title)
    if cancer_terms.GENERIC_ANY.search(trial.title) and not cancer_terms.specific(title):
        fams |= (title & cancer_terms.TOP) or {"any"}
    return fams


def search_text(trial: Trial, criteria: list[Criterion]) -> str:
    """The words of a trial used for lexical scoring (title and conditions weigh double)."""
    inclusion = " ".join(c.text for c in criteria if c.section == "inclusion")[:4000]
    conditions = " ".join(trial.conditions)
    parts = [trial.title, trial.title, conditions, conditions, " ".join(trial.keywords), trial.summary[:1500]]
    return " ".join([*parts, inclusion])


@dataclass
class IndexEntry:
    """One trial as the matcher sees it before judging: light registry fields and cancer families."""

    trial: Trial  # without eligibility text and with a short summary
    families: frozenset[str]

    def to_json(self) -> dict[str, Any]:
        return {"trial": self.trial.to_json(), "families": sorted(self.families)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> IndexEntry:
        return cls(Trial.from_json(data["trial"]), frozenset(data.get("families") or ()))


def light(trial: Trial) -> Trial:
    """A copy without the eligibility text, with a short summary and site coordinates filled in."""
    sites = [_located(s) for s in trial.sites]
    return replace(trial, eligibility_text="", summary=trial.summary[:600], sites=sites)


def _located(site: Site) -> Site:
    if site.lat is not None or not site.zip or site.country not in {"", "United States"}:
        return site
    from onconav.errors import InputError
    from onconav.geo import zip_to_latlon

    try:
        lat, lon = zip_to_latlon(site.zip)
    except InputError:
        return site
    return replace(site, lat=lat, lon=lon)


def entry_for(trial: Trial) -> IndexEntry:
    """The index entry of a trial (done at import time)."""
    return IndexEntry(light(trial), frozenset(trial_families(trial)))
