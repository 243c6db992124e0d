"""Recognise what each eligibility item is about and pull out its numbers, at import time."""

from __future__ import annotations

import copy
import re
from functools import lru_cache
from typing import Any

from onconav.trials import biomarkers as bm
from onconav.trials import cancer_terms, therapies
from onconav.trials.criteria_text import RawItem, split_criteria
from onconav.trials.model import Criterion
from onconav.trials.patient import CONDITIONS

_WORDNUM = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "a": 1,
    "1": 1,
    "2": 2,
    "3": 3,
    "4": 4,
    "5": 5,
}
_KIND_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (k, re.compile(rx, re.I))
    for k, rx in (
        ("pregnancy", r"pregnan|breast[- ]?feed|nursing|lactat"),
        ("age", r"^(?:\w+ )?(?:must be )?(?:age|aged)\b|(?:>|>=)\s*\d+\s*years (?:of age|old)"),
        (
            "consent",
            r"informed consent|willing|able to (?:comply|understand|swallow|provide|sign)|contracepti|"
            r"birth control|agree to|ability to understand|legally authori",
        ),
        ("performance", r"\becog\b|karnofsky|performance (?:status|score)|\bkps\b|lansky|\bps\s*[0-4]"),
        (
            "age",
            r"\bage\b|\baged\b|years? (?:of age|old)|(?:>|>=|<|<=)\s*\d+\s*years|"
            r"\d+\s*years (?:or|and) (?:older|above)",
        ),
        ("brain_mets", r"brain|\bcns\b|central nervous|leptomening|intracranial"),
        ("infection", r"\bhiv\b|hepatitis|\bhbv\b|\bhcv\b|\bhiv-|infection|seropositive|tuberculosis"),
        (
            "organ_function",
            r"neutrophil|\banc\b|platelet|hemoglobin|haemoglobin|creatinine|bilirubin|\bast\b|\balt\b|"
            r"transaminase|organ function|marrow (?:function|reserve)|clearance|glomerular|eGFR|"
            r"ejection fraction|lvef|\binr\b|albumin|qtc|\bfev1\b|dlco|laboratory (?:values|parameters)",
        ),
        ("measurable", r"measurable|evaluable disease|\brecist\b|lugano"),
    )
)
_PRIOR = re.compile(
    r"\bprior\b|previous|previously|received|refractory|relapsed|progress\w* (?:on|after|during|"
    r"following)|line[s]? of (?:therapy|treatment)|treatment[- ]na|untreated|transplant|\bna[iï]ve\b|"
    r"failed|standard (?:therapy|treatment)",
    re.I,
)
_STAGE = re.compile(
    r"metasta\w+|\bstage\b|advanced|unresectable|locally advanced|early[- ]stage|\bresectable\b|"
    r"locali[sz]ed|curative",
    re.I,
)
_DISEASE = re.compile(
    r"histolog|cytolog|diagnos|confirmed|limited to|cancer|carcinoma|tumou?r|lymphoma|neoplasm|"
    r"malignan|sarcoma|leuka?emia|melanoma|myeloma",
    re.I,
)
_DIAGNOSIS = re.compile(
    r"histolog|cytolog|pathologic\w* (?:confirmed|diagnos)|confirmed diagnosis|diagnosis of|"
    r"limited to",
    re.I,
)
_DRUG_TARGET = re.compile(
    r"(?:\s*(?:/|and|or)\s*[\w-]+)?[\s-]*(?:inhibitor|antibod|blockade|blocker|directed|targeted|targeting|"
    r"therap|agent|drug|monoclonal|axis)",
    re.I,
)
_DRUG_BEFORE = re.compile(r"(?:anti-?\s*(?:[\w-]+\s*/\s*)?|(?:inhibit|block|target)\w*\s+(?:of\s+)?)$", re.I)
_SECOND_CANCER = re.compile(
    r"(?:second|other|another|prior|previous|concurrent|additional|non-?\w+[- ]associated)\s+"
    r"(?:primary\s+|invasive\s+|active\s+|second\s+)?(?:malignan|cancer)|"
    r"history of (?:an?\s+)?(?:other |another |prior |previous )?(?:malignan|invasive cancer)",
    re.I,
)
_LIMITED = re.compile(
    r"(?<!not )(?:limited|restricted) to|only (?:patients|participants) with", re.I
)
_HEALTHY = re.compile(r"\bhealthy\b|good general health|healthy volunteer", re.I)


def _age_params(text: str) -> dict[str, Any]:
    t = re.split(r"(?<=[a-z0-9)])\.\s", text.lower())[0]
    out: dict[str, Any] = {}
    if m := re.search(r"(\d{1,2})\s*(?:-|to|and)\s*(\d{2,3})\s*years", t):
        out = {"min": int(m.group(1)), "max": int(m.group(2))}
    for rx in (
        r"(?:>=|>|greater than or equal to|greater than|at least|older than|aged?)\s*(\d{1,2})\b",
        r"(\d{1,2})\s*years (?:of age )?(?:or|and) (?:older|above|over)",
    ):
        if "min" not in out and (m := re.search(rx, t)):
            out["min"] = int(m.group(1))
    if "max" not in out and (
        m := re.search(r"(?:<=|<|less than|under|younger than|up to)\s*(\d{2,3})\s*years?", t)
    ):
        out["max"] = int(m.group(1))
    if out.get("max") is not None and out.get("min") is not None and out["max"] <= out["min"]:
        del out["max"]
    return out


def _perf_params(text: str) -> dict[str, Any]:
    t = text.lower()
    out: dict[str, Any] = {}
    if m := re.search(
        r"(?:ecog|zubrod|who|performance status|\bps)\D{0,40}?(?:<=|less than or equal to|of|"
        r"=|:)?\s*([0-4])\s*(?:-|to|or|,)\s*([0-4])(?:\s*(?:,|or)\s*([0-4]))?",
        t,
    ):
        out["ecog_max"] = max(int(g) for g in m.groups() if g)
    elif m := re.search(
        r"(?:ecog|performance status|\bps)\D{0,40}?(?:<=|less than or equal to|<|of|=|:)\s*([0-4])", t
    ):
        out["ecog_max"] = int(m.group(1)) - (1 if re.search(r"<\s*[0-4]", t) and "<=" not in t else 0)
    if m := re.search(r"(?:karnofsky|kps|lansky)\D{0,30}?(\d{2,3})\s*%?", t):
        out["kps_min"] = int(m.group(1))
    return out


def _biomarker_params(text: str) -> list[dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for name, m in bm.names_in(text):
        following, before = text[m.end() :], text[max(0, m.start() - 30) : m.start()].lower()
        if _DRUG_TARGET.match(following) or _DRUG_BEFORE.search(before):
            continue  # "PD-L1 inhibitor", "anti-HER2 therapy": a drug, not a test result
        pol = bm.polarity_after(name, m.group(0), following)
        if pol is None and re.search(
            r"(?:positive|express\w*|mutat\w+|amplif\w+)\s+(?:for|of|in)?\s*(?:the )?$", before
        ):
            pol = "positive"
        if pol is None and re.search(r"(?:negative|wild[- ]type)\s+(?:for|of)?\s*$", before):
            pol = "negative"
        thr = None
        if tm := re.search(r"(>=|>|<=|<)\s*(\d+(?:\.\d+)?)\s*%", following[:60] + " " + before):
            thr = (tm.group(1), float(tm.group(2)))
            pol = pol or ("positive" if tm.group(1).startswith(">") else None)
        if pol is None and not re.search(
            r"status|known|\bany\b|regardless|irrespective|tested|result|"
            r"unknown|defined|damaging|loss|resist",
            text,
            re.I,
        ):
            pol = "positive"
        if name not in found or (pol and not found[name]["polarity"]):
            found[name] = {"name": name, "polarity": pol, "threshold": thr}
    return list(found.values())


def _prior_params(text: str) -> dict[str, Any]:
    t = text.lower()
    out: dict[str, Any] = {
        "classes": sorted(
            therapies.classes_in(t) - {"surgery", "chemo"} or therapies.classes_in(t) & {"chemo"}
        )
    }
    out["drugs"] = sorted(therapies.drugs_in(t))
    if m := re.search(
        r"(?:at least|>=|minimum of|a minimum of)\s*(one|two|three|four|a|\d)\s*(?:\(\d\)\s*)?"
        r"(?:prior |previous |standard |systemic |lines? |regimens? |therap)",
        t,
    ):
        out["min_lines"] = _WORDNUM.get(m.group(1), 1)
    if re.search(
        r"relapsed|refractory|progress\w* (?:on|after|during|following)|failed|recurrent|"
        r"no (?:standard|curative) (?:treatment|therapy|option)|standard (?:therapy|treatment)",
        t,
    ):
        out["needs_prior"] = True
    if re.search(
        r"untreated|treatment[- ]na[iï]ve|no prior (?:systemic |anti-?cancer )?(?:therapy|treatment|"
        r"chemotherapy)|not (?:have )?received (?:any )?prior (?:systemic )?(?:therapy|treatment)",
        t,
    ) and not re.search(r"\bwith\b|within|\bmay\b|\bor be\b|except|\bfor\b", t):
        out["needs_naive"] = True
    return out


def _conditions(text: str) -> list[str]:
    keys = [k for k, rx in CONDITIONS.items() if re.search(rx, text, re.I)]
    if _HEALTHY.search(text):
        keys.append("healthy")
    return keys


def classify(item: RawItem) -> tuple[str, dict[str, Any]]:
    """(kind, params) for one criterion."""
    text, context = item.text, f"{item.parent} {item.text}"
    families = cancer_terms.detect(text)
    if families and item.section == "inclusion" and _DIAGNOSIS.search(text[:200]):
        return "cancer_type", {"families": sorted(families), "limited": bool(_LIMITED.search(text))}
    if _SECOND_CANCER.search(text) and item.section == "exclusion":
        return "comorbidity", {"conditions": ["second_cancer"]}
    kind = next((k for k, rx in _KIND_RULES if rx.search(text)), "")
    if not kind and item.parent:
        kind = next((k for k, rx in _KIND_RULES if rx.search(item.parent)), "")
    classes = therapies.classes_in(text)
    markers = _biomarker_params(text) if kind in {"", "measurable"} else []
    if kind == "age":
        return kind, _age_params(text)
    if kind == "performance":
        return kind, _perf_params(text)
    if kind in {"infection"}:
        return kind, {"conditions": _conditions(text) or ["infection"]}
    if kind:
        return kind, {}
    if markers and not (classes and re.search(r"prior|received|treated with", text, re.I)):
        return "biomarker", {"markers": markers}
    if _PRIOR.search(text) and (
        classes or re.search(r"line|regimen|therap|treatment|transplant", text, re.I)
    ):
        return "prior_therapy", _prior_params(context)
    if conds := _conditions(text):
        return "comorbidity", {"conditions": conds}
    if families and _DISEASE.search(text):
        return "cancer_type", {"families": sorted(families), "limited": bool(_LIMITED.search(text))}
    if _STAGE.search(text):
        return "stage", _stage_params(text)
    if classes:
        return "prior_therapy", _prior_params(context)
    return "other", {}


def _stage_params(text: str) -> dict[str, Any]:
    t = text.lower()
    advanced = bool(
        re.search(
            r"metasta|advanced|unresectable|stage iv|stage 4|recurrent|incurable|"
            r"not (?:amenable|a candidate|eligible)[^.]{0,40}curative",
            t,
        )
    )
    early = not re.search(r"not (?:amenable|a candidate|eligible)[^.]{0,40}curative", t) and bool(
        re.search(r"early[- ]stage|non-?metastatic|locali[sz]ed|curative|\bresectable\b|stage i{1,3}\b", t)
    )
    return {"advanced": advanced and not early, "early": early and not advanced}


@lru_cache(maxsize=65_536)
def _cached(text: str, section: str, parent: str) -> tuple[str, dict[str, Any]]:
    return classify(RawItem(text, section, "", parent))


def _classified(text: str, section: str, parent: str) -> tuple[str, dict[str, Any]]:
    """classify() once per distinct criterion (boilerplate lines repeat across many trials)."""
    kind, params = _cached(text, section, parent)
    return kind, copy.deepcopy(params)


def parse_eligibility(text: str) -> list[Criterion]:
    """Eligibility text -> criteria with kinds and parameters (donor-only items are left out)."""
    out: list[Criterion] = []
    for item in split_criteria(text):
        if "donor" in item.group and "recipient" not in item.group:
            continue
        kind, params = _classified(item.text, item.section, item.parent)
        if item.group:
            params["group"] = item.group
        out.append(
            Criterion(
                text=item.text,
                section="exclusion" if item.section == "exclusion" else "inclusion",
                kind=kind,
                params=params,
                index=len(out) + 1,
            )
        )
    return out
