"""Biomarker results from FHIR Observations, checked so that a test not done, pending, failed or negative
is never reported as positive (status, dataAbsentReason, interpretation codes and result words)."""

from __future__ import annotations

from typing import Any

from onconav.domain import Fact
from onconav.records.extract import bm_status as S
from onconav.records.parsers.fhir_util import as_dict, as_list, as_str, codings, concept_text, value_text

# dataAbsentReason codes (http://terminology.hl7.org/CodeSystem/data-absent-reason)
_ABSENT = {
    "not-performed": "not tested",
    "not-asked": "not tested",
    "not-permitted": "not tested",
    "error": "failed",
    "temp-unknown": "pending",
    "asked-unknown": "unknown",
    "unknown": "unknown",
    "not-applicable": "not tested",
}
# Result codes seen in interpretation or valueCodeableConcept (HL7 v3, SNOMED CT, LOINC answers).
_CODES = {
    "IND": "indeterminate",
    "82334004": "indeterminate",
    "LA11884-6": "indeterminate",
    "385660001": "not tested",
    "373121007": "not tested",
    "ND": "negative",
    "260415000": "negative",
    "LA9634-2": "negative",
    "DET": "positive",
    "260373001": "positive",
}


def not_done_reason(r: dict[str, Any]) -> str | None:
    """Why an Observation has no result: registered (pending), or its dataAbsentReason."""
    if as_str(r.get("status")) == "registered":
        return "pending"
    absent = r.get("dataAbsentReason")
    if absent is None:
        return None
    for coding in codings(absent):
        if coding["code"] in _ABSENT:
            return _ABSENT[coding["code"]]
    return S.no_result_in(concept_text(absent)) or "not tested"


def _coded(r: dict[str, Any]) -> str | None:
    for concept in (r.get("valueCodeableConcept"), *as_list(r.get("interpretation"))):
        for coding in codings(concept):
            if coding["code"] in _CODES:
                return _CODES[coding["code"]]
    return None


def _words(r: dict[str, Any]) -> str:
    parts = [value_text(r), *(concept_text(c) for c in as_list(r.get("interpretation")))]
    parts += [as_str(as_dict(n).get("text")) for n in as_list(r.get("note"))]
    return " ".join(p for p in parts if p)


def checked(fact: Fact, r: dict[str, Any]) -> Fact:
    """The biomarker fact with its result corrected from the Observation's own not-done or negative signs."""
    if fact.field != "biomarker" or not isinstance(fact.value, dict):
        return fact
    v = fact.value
    name = str(v.get("name") or "")
    reason = not_done_reason(r)
    if reason:
        v.update(result=reason, value=None)
        return fact
    coded = _coded(r)
    st = S.find_status(_words(r), name)
    found = S.normalize(name, st) if st and st.category not in ("noun",) else None
    new = _combine(name, coded, found)
    old = str(v.get("result") or "").lower()
    if new in S.NO_RESULT_VALUES:
        v.update(result=new, value=None)
    elif new and (new in S.NEGATIVE_VALUES or not old or old in ("not detected", "detected", "present")):
        v["result"] = new
    elif old == "not detected":
        v["result"] = S.negative_word(name)
    if v.get("value") and str(v["value"]).lower() == str(v.get("result") or "").lower():
        v["value"] = None
    return fact


def _combine(name: str, coded: str | None, found: str | None) -> str | None:
    """A not-done or negative reading wins over a positive one."""
    if coded in ("negative",):
        coded = S.negative_word(name)
    elif coded == "positive":
        coded = "mutated" if name not in S.RECEPTORS and name not in S.PRESENCE else "positive"
    for cand in (coded, found):
        if cand in S.NO_RESULT_VALUES:
            return cand
    for cand in (coded, found):
        if cand in S.NEGATIVE_VALUES:
            return cand
    return coded or found
