"""Facts from FHIR Observations: TNM and stage group, performance status, biomarkers, variants, labs."""

from __future__ import annotations

import re
from typing import Any, Protocol

from onconav.domain import Fact
from onconav.records.parsers import fhir_codes as C
from onconav.records.parsers.fhir_util import (
    as_dict,
    as_list,
    as_str,
    codings,
    concept_text,
    first_date,
    profiles,
    value_text,
)

_TNM_VALUE = re.compile(r"(?<![A-Za-z])(y?[cpr]?)([TNM])(is|[Xx]|[0-4](?:mi|[a-d])?)(?![A-Za-z0-9])")
_STAGE_TEXT = re.compile(r"stage\s+(0|[1-4]|I{1,3}|IV)([ABC][0-9]?)?\b", re.I)
_STAGE_CODE = re.compile(r"^([cpy]{0,2})(0|[1-4]|I{1,3}|IV)([ABC][0-9]?)?$", re.I)
_ROMAN = {"0": "0", "1": "I", "2": "II", "3": "III", "4": "IV"}


class FactMaker(Protocol):
    """Builds a fact with the evidence of resource number `index`."""

    def fact(self, field: str, value: Any, index: int, when: str | None, confidence: float = ...) -> Fact: ...


def codes_of(concept: Any) -> list[str]:
    """Codes, then displays, of a concept (candidates for staging values)."""
    return [c["code"] for c in codings(concept)] + [c["display"] for c in codings(concept) if c["display"]]


def stage_group(candidates: list[str]) -> str | None:
    """A stage group like "IIIA" from texts such as "Stage 3A (qualifier value)", "c3A" or "IV"."""
    for text in candidates:
        match = _STAGE_TEXT.search(text) or _STAGE_CODE.match(text.strip())
        if match:
            groups = match.groups()
            number, letter = groups[-2], groups[-1] or ""
            return _ROMAN.get(number, number.upper()) + letter.upper()
    return None


def observation_facts(ctx: FactMaker, i: int, r: dict[str, Any]) -> list[Fact]:
    """Facts from one Observation (first handler that recognises it wins)."""
    if as_str(r.get("status")) in ("entered-in-error", "cancelled"):
        return []
    when = first_date(r, "effectiveDateTime", "effectivePeriod", "issued")
    code = r.get("code")
    label = " ".join([concept_text(code), *(c["display"] for c in codings(code))])
    for handler in (_tnm, _performance, _variant, _biomarker, _lab):
        facts = handler(ctx, i, r, label, when)
        if facts is not None:
            return facts
    return []


def _tnm(ctx: FactMaker, i: int, r: dict[str, Any], label: str, when: str | None) -> list[Fact] | None:
    kind = next((C.TNM_CODES[c["code"]] for c in codings(r.get("code")) if c["code"] in C.TNM_CODES), None)
    if kind is None:
        low = label.lower()
        prefix = "p" if "patholog" in low else "c"
        if "stage group" in low or "tnm stage" in low:
            kind = ("stage", prefix)
        else:
            cat = re.search(r"\b[cp]?([TNM]) category", label)
            kind = (cat.group(1).lower(), prefix) if cat else None
    if kind is None:
        return None
    field, prefix = kind
    values = [value_text(r), *codes_of(r.get("valueCodeableConcept"))]
    if field == "stage":
        group = stage_group(values)
        return [ctx.fact("stage_group", group, i, when)] if group else []
    for text in values:
        for match in _TNM_VALUE.finditer(text):
            if match.group(2).lower() == field:
                pre = match.group(1) or prefix
                return [
                    ctx.fact(f"tnm.{field}", f"{match.group(2)}{_tnm_suffix(match.group(3))}", i, when),
                    ctx.fact("tnm.prefix", pre, i, when),
                ]
    return []


def _tnm_suffix(raw: str) -> str:
    return "X" if raw.lower() == "x" else raw.lower()


def _performance(
    ctx: FactMaker, i: int, r: dict[str, Any], label: str, when: str | None
) -> list[Fact] | None:
    codes = {c["code"] for c in codings(r.get("code"))}
    if "89247-1" in codes or re.search(r"\bECOG\b", label):
        field, top = "ecog", 5
    elif "89243-0" in codes or "karnofsky" in label.lower():
        field, top = "karnofsky", 100
    else:
        return None
    value = r.get("valueInteger")
    if not isinstance(value, int) or isinstance(value, bool):
        mapped = [
            C.ECOG_CODES[c["code"]]
            for c in codings(r.get("valueCodeableConcept"))
            if c["code"] in C.ECOG_CODES
        ]
        value = mapped[0] if mapped and field == "ecog" else None
    if value is None or not 0 <= value <= top:
        return []  # missing or invalid (e.g. -1): no fact rather than a wrong one
    return [ctx.fact(field, value, i, when)]


def _result(holder: dict[str, Any], gene: bool) -> str | None:
    found = None
    for concept in (holder.get("valueCodeableConcept"), *as_list(holder.get("interpretation"))):
        found = next(
            (C.RESULT_CODES[c["code"]] for c in codings(concept) if c["code"] in C.RESULT_CODES), None
        )
        if found:
            break
    if not found:
        match = C.RESULT_WORDS.search(value_text(holder))
        found = re.sub(r"wild[- ]type", "wild-type", match.group(1).lower()) if match else None
    if found in ("present", "detected"):
        return "mutated" if gene else "positive"
    if found in ("absent", "not detected"):
        return "not detected" if gene else "negative"
    return found


def _method(r: dict[str, Any], label: str) -> str | None:
    text = " ".join([label, concept_text(r.get("method"))]).lower()
    for needle, method in (
        ("fish", "FISH"),
        ("in situ", "ISH"),
        ("immune stain", "IHC"),
        ("immunohisto", "IHC"),
        ("ihc", "IHC"),
        ("sequenc", "NGS"),
        ("pcr", "PCR"),
    ):
        if needle in text:
            return method
    return None


def _variant(ctx: FactMaker, i: int, r: dict[str, Any], label: str, when: str | None) -> list[Fact] | None:
    comps = [as_dict(c) for c in as_list(r.get("component"))]
    if "69548-6" not in {c["code"] for c in codings(r.get("code"))} and "genetic-variant" not in profiles(r):
        return None
    gene, change = None, None
    for comp in comps:
        for coding in codings(comp.get("valueCodeableConcept")):
            if coding["code"].upper().startswith("HGNC:") or "genenames" in coding["system"].lower():
                gene = (
                    gene
                    or C.HGNC.get(coding["code"].upper())
                    or (C.GENE_WORD.findall(coding["display"]) or [None])[0]
                )
        code = {c["code"] for c in codings(comp.get("code"))}
        if code & {"48005-3", "48004-6", "81290-9"} and not change:
            change = value_text(comp) or None
    if gene is None:
        words = C.GENE_WORD.findall(label)
        gene = words[0] if words else None
    if gene is None:
        return []
    value = {"name": gene, "result": _result(r, gene=True), "value": change, "method": _method(r, label)}
    return [ctx.fact("biomarker", value, i, when)]


def _biomarker(ctx: FactMaker, i: int, r: dict[str, Any], label: str, when: str | None) -> list[Fact] | None:
    name = next(
        (C.BIOMARKER_LOINC[c["code"]] for c in codings(r.get("code")) if c["code"] in C.BIOMARKER_LOINC), None
    )
    if name is None:
        name = next((n for pattern, n in C.BIOMARKER_TEXT if pattern.search(label)), None)
    if name is None:
        genes = C.GENE_WORD.findall(label)
        name = genes[0] if genes else None
    if name is None:
        return None
    result = _result(r, gene=name in C.GENES)
    shown = value_text(r)
    codes = {c["code"] for c in codings(r.get("valueCodeableConcept"))}
    value = shown if shown and shown not in codes and shown.split(" (")[0].lower() != (result or "") else None
    if result is None and value is None:
        return []
    return [
        ctx.fact(
            "biomarker",
            {"name": name, "result": result, "value": value, "method": _method(r, label)},
            i,
            when,
        )
    ]


def _lab(ctx: FactMaker, i: int, r: dict[str, Any], label: str, when: str | None) -> list[Fact] | None:
    name = next((C.LAB_LOINC[c["code"]] for c in codings(r.get("code")) if c["code"] in C.LAB_LOINC), None)
    value = value_text(r)
    if name is None or not value:
        return None
    return [ctx.fact("lab", {"name": name, "value": value, "date": when}, i, when)]
