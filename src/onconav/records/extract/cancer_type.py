"""Primary site, laterality and cancer type (OncoTree code) from report text."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace

from onconav.domain import Fact
from onconav.records.extract.base import Source, fact
from onconav.records.extract.cancer_type_tables import (
    FAMILY_ORGAN,
    HISTOLOGY_ORGANS,
    NOT_PRIMARY_IN,
    ONCOTREE,
    ORGANS,
)
from onconav.records.extract.heme import HEME_FAMILIES, heme_oncotree, heme_site
from onconav.records.extract.histology import HistologyHit, find_histology, refine
from onconav.records.extract.ocr_repair import OffsetMap, repair
from onconav.records.extract.site_primary import (
    METASTATIC_ORGANS,
    mentions_metastasis,
    specimen_organs,
    stated_primaries,
)

_ORGAN_RX = {k: re.compile(r"\b(?:" + v + r")", re.I) for k, v in ORGANS.items()}
# One pass over the text for all organs (a named group per organ) is much faster than one pass each.
# The word boundary (and a letter lookahead) is hoisted in front so most positions fail at once.
ANY_ORGAN = re.compile(
    r"(?=[a-zA-Z])\b(?:" + "|".join(rf"(?P<{k}>{v})" for k, v in ORGANS.items()) + ")", re.I
)
_NODE_MET = re.compile(r"lymph\s+nodes?|metasta", re.I)
_SITE_LABEL = re.compile(
    r"(?:tumou?r\s+site|tumou?r\s+location|primary\s+site|site\s+of\s+(?:tumou?r|primary)|specimen(?:\s+type)?|"
    r"organ|anatomic\s+site|tissue|site)\s*[:.]\s*$",
    re.I,
)
_TUMOR_NEAR = re.compile(r"carcinoma|tumou?r|cancer|neoplasm|malignan|melanoma|seminoma|mass|lesion", re.I)
_LATERALITY = re.compile(
    r"\b(?:laterality|side)\s*[:.]\s*(?P<v>left|right|bilateral)|"
    r"\b(?P<w>left|right)\s+(?:breast|lung|kidney|testis|testicle|adrenal|ovary|"
    r"(?:upper|lower|middle)\s+lobe|thyroid\s+lobe|lobe\s+of\s+thyroid|radical\s+nephrectomy|"
    r"partial\s+nephrectomy|nephrectomy|orchiectomy|mastectomy|eye)",
    re.I,
)

# Codes that only name the organ (the subtype word may be damaged by OCR and is worth a second read).
_GENERIC_CODES = {"RCC", "DIFG", "NSCLC"}
_RECTAL_DIAGNOSIS = re.compile(r"\brectal\s+(?:adeno)?(?:carcinom\w*|cancer|tumou?r)", re.I)


def organ_scores(text: str) -> dict[str, float]:
    """Score each organ by mentions, weighted up when labelled as the site or near tumour words."""
    scores: dict[str, float] = defaultdict(float)
    for mt in ANY_ORGAN.finditer(text):
        organ = mt.lastgroup or ""
        w = 1.0
        ctx = text[max(0, mt.start() - 50) : mt.end() + 50]
        if _TUMOR_NEAR.search(ctx):
            w += 1.0
        if _NODE_MET.search(ctx):
            w -= 0.6
        if _SITE_LABEL.search(text[max(0, mt.start() - 30) : mt.start()]):
            w += 2.0
        scores[organ] += w
    return scores


def organ_of(words: str) -> str | None:
    """The organ a few words name ("pancreatic" -> pancreas), if any."""
    mt = ANY_ORGAN.search(words)
    return mt.lastgroup if mt else None


def _near_diagnosis(text: str, best: HistologyHit | None) -> str | None:
    """An organ named in the diagnosis phrase ("ampullary adenocarcinoma", "carcinoma of the colon")."""
    if best is None:
        return None
    before = re.split(r"[.;:,\n]", text[max(0, best.start - 30) : best.start])[-1]
    after = re.match(
        r"\s+(?:of|in|from)\s+(?:the\s+)?([A-Za-z]+(?:\s+[A-Za-z]+)?)", text[best.end : best.end + 40]
    )
    return organ_of(before) or (organ_of(after.group(1)) if after else None)


def _pick_organ(
    text: str, family: str | None, boosts: dict[str, float] | None = None
) -> tuple[str | None, re.Match[str] | None]:
    scores = organ_scores(text)
    for organ, extra in (boosts or {}).items():
        scores[organ] += extra
    own = FAMILY_ORGAN.get(family or "")
    if own:
        scores[own] += 8.0
    if family == "melanoma" and scores.get("eye", 0) >= 2:
        scores["eye"] += 6.0
    if family == "mesothelioma":
        scores["pleura"] += scores.pop("lung", 0.0)
    if scores.get("rectum", 0) and scores.get("colon", 0) and re.search(r"recto-?sigmoid", text, re.I):
        scores["colon"] += 1.0
    unlikely = NOT_PRIMARY_IN.get(family or "", set())
    if any(v >= 1.5 for k, v in scores.items() if k not in unlikely):
        scores = defaultdict(float, {k: v for k, v in scores.items() if k not in unlikely})
    if not scores:
        return None, None
    organ = max(scores, key=lambda k: scores[k])
    if scores[organ] < 1.5:
        return None, None
    return organ, _ORGAN_RX[organ].search(text)


def map_oncotree(organ: str, family: str) -> tuple[str, str] | None:
    """OncoTree code and name for an organ and histology family (None when no rule fits)."""
    allowed = HISTOLOGY_ORGANS.get(family)
    if allowed is not None and organ not in allowed:
        return None
    for org, fam, code, name in ONCOTREE:
        if org == organ and fam in (family, "*"):
            return code, name
    return None


def _heme_facts(text: str, src: Source, best: HistologyHit) -> list[Fact]:
    """A blood cancer: its OncoTree code and where it was sampled (bone marrow, blood, lymph node)."""
    family = best.type.family
    facts: list[Fact] = []
    site = heme_site(family)
    if site:
        facts.append(
            fact(
                "primary_site",
                site,
                src,
                text,
                best.start,
                best.end,
                confidence=0.7,
                derived=True,
                rule=f"usual site of {best.type.name.lower()}",
            )
        )
    mapped = heme_oncotree(family, text)
    if mapped:
        facts.append(
            fact(
                "cancer_type",
                {"name": mapped[1], "oncotree_code": mapped[0]},
                src,
                text,
                best.start,
                best.end,
                confidence=0.8,
                derived=True,
                rule=f"OncoTree mapping of '{best.type.name}'",
            )
        )
    return facts


def _boosts(text: str, best: HistologyHit | None) -> tuple[dict[str, float], list[tuple[str, int, int]]]:
    """Extra weight for organs named as the primary or in the diagnosis phrase."""
    boosts: dict[str, float] = defaultdict(float)
    primaries = stated_primaries(text, organ_of)
    for organ, _s, _e in primaries:
        boosts[organ] = min(boosts[organ] + 6.0, 12.0)
    for _ in zip(range(2), _RECTAL_DIAGNOSIS.finditer(text), strict=False):
        boosts["rectum"] += 3.0  # "rectal carcinoma" names the primary even in a "colon" resection
    near = _near_diagnosis(text, best)
    if near:
        boosts[near] += 3.0
    return boosts, primaries


def _metastatic_sites(text: str, src: Source, organ: str | None, primaries: bool) -> list[Fact]:
    """The biopsied organ as a metastatic site when the report names another organ as the primary."""
    if not organ or not primaries or not mentions_metastasis(text):
        return []
    out: list[Fact] = []
    for spec, start, end in specimen_organs(text, organ_of):
        if spec != organ and spec in METASTATIC_ORGANS and spec not in {f.value for f in out}:
            out.append(
                fact(
                    "metastatic_site",
                    spec,
                    src,
                    text,
                    start,
                    end,
                    confidence=0.7,
                    derived=True,
                    rule="biopsied organ of a tumour whose primary is elsewhere",
                )
            )
    return out


def extract_cancer_type(text: str, src: Source) -> list[Fact]:
    """Facts cancer_type, primary_site and laterality (and the biopsied organ when it is a metastasis).

    When the text names no cancer type, OCR-damaged key words ("hepatoce llular", "cerv1x") are repaired
    and the text read again; evidence then points to the damaged words in the original text.
    """
    facts = _extract(text, src)
    code = _code(facts)
    if (code and code not in _GENERIC_CODES) or len(text) < 40:
        return facts
    repaired = repair(text)
    if repaired is None:
        return facts
    again = _extract(repaired.text, src)
    if _code(again) in (None, code):
        return facts
    return [_back_to_original(f, text, repaired) for f in again]


def _code(facts: list[Fact]) -> str | None:
    return next((str(f.value["oncotree_code"]) for f in facts if f.field == "cancer_type"), None)


def _back_to_original(f: Fact, text: str, repaired: OffsetMap) -> Fact:
    """The fact with its evidence spans moved from the repaired copy to the original text."""
    evidence = []
    for ev in f.evidence:
        start, end = repaired.original(ev.start), repaired.original(max(ev.start, ev.end - 1)) + 1
        evidence.append(replace(ev, start=start, end=end, text=text[start:end]))
    return replace(f, evidence=evidence, confidence=min(f.confidence, 0.6))


def _extract(text: str, src: Source) -> list[Fact]:
    hits = find_histology(text)
    best = refine(hits) if hits else None
    family = best.type.family if best else None
    if best is not None and family in HEME_FAMILIES:
        return _heme_facts(text, src, best)
    boosts, primaries = _boosts(text, best)
    organ, om = _pick_organ(text, family, boosts)
    facts: list[Fact] = _metastatic_sites(text, src, organ, bool(primaries))
    if organ and om:
        facts.append(
            fact("primary_site", organ.replace("_", " "), src, text, om.start(), om.end(), confidence=0.8)
        )
    if organ and best:
        mapped = map_oncotree(organ, family or "carcinoma")
        if mapped:
            code, name = mapped
            facts.append(
                fact(
                    "cancer_type",
                    {"name": name, "oncotree_code": code},
                    src,
                    text,
                    best.start,
                    best.end,
                    confidence=0.8,
                    derived=True,
                    rule=f"OncoTree mapping of site '{organ}' and histology '{best.type.name}'",
                )
            )
    lat = _LATERALITY.search(text)
    if lat:
        v = (lat.group("v") or lat.group("w")).lower()
        facts.append(fact("laterality", v, src, text, lat.start(), lat.end(), confidence=0.8))
    return facts
