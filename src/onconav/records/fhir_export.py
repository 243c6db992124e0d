"""The patient's profile as a FHIR R4 collection Bundle (Condition, Observations, Procedures, medicines).

Codes are only given where they are certain (LOINC for TNM, stage and ER/PR/HER2 interpretation,
ICD-O-3 morphology when the record stated it, OncoTree for the cancer type); everything else is
carried as text. Each resource notes the words it came from.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from onconav.domain import Fact, Profile

LOINC = "http://loinc.org"
ONCOTREE = "http://oncotree.info"
ICDO3 = "http://terminology.hl7.org/CodeSystem/icd-o-3"
HISTOLOGY_EXT = "http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-histology-morphology-behavior"
OBS_CATEGORY = {
    "coding": [{"system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": "laboratory"}]
}
# (prefix "c" or "p") -> LOINC codes for T, N, M category and stage group.
_TNM_LOINC = {
    "c": {"t": "21905-5", "n": "21906-3", "m": "21907-1", "stage": "21908-9"},
    "p": {"t": "21899-0", "n": "21900-6", "m": "21901-4", "stage": "21902-2"},
}
_TNM_TEXT = {
    "t": "Primary tumor",
    "n": "Regional lymph nodes",
    "m": "Distant metastases",
    "stage": "Stage group",
}
_BIOMARKER_LOINC = {
    "ER": ("16112-5", "Estrogen receptor [Interpretation] in Tissue"),
    "PR": ("16113-3", "Progesterone receptor [Interpretation] in Tissue"),
    "HER2": ("48676-1", "HER2 [Interpretation] in Tissue"),
}
_PROCEDURE_TYPES = ("surgery", "radiation", "procedure")


def _id() -> str:
    return str(uuid.uuid4())


def _note(facts: list[Fact], field: str, match: Any = None) -> list[dict[str, str]]:
    """Notes quoting the evidence of the facts that gave this value."""
    notes = []
    for f in facts:
        if f.field != field or (match is not None and f.value != match):
            continue
        for ev in f.evidence[:2]:
            notes.append({"text": f"From document {ev.document}, page {ev.page}: \u201c{ev.text}\u201d"})
        if f.rule == "patient":
            notes.append({"text": "Entered by the patient."})
        elif f.derived and f.rule:
            notes.append({"text": f"Worked out by onconav, not stated in the document: {f.rule}"})
    return notes[:4]


def _concept(
    text: str, system: str | None = None, code: str | None = None, display: str | None = None
) -> dict[str, Any]:
    out: dict[str, Any] = {"text": text}
    if system and code:
        out["coding"] = [{"system": system, "code": code, **({"display": display} if display else {})}]
    return out


def _condition(p: Profile, patient: str, facts: list[Fact]) -> dict[str, Any] | None:
    ct = p.cancer_type or {}
    name = str(ct.get("name") or p.histology or "")
    if not name:
        return None
    res: dict[str, Any] = {
        "resourceType": "Condition",
        "id": _id(),
        "subject": {"reference": patient},
        "category": [_concept("Problem list item")],
        "code": _concept(name, ONCOTREE if ct.get("oncotree_code") else None, ct.get("oncotree_code"), name),
    }
    site = " ".join(x for x in (p.laterality, p.primary_site) if x)
    if site:
        res["bodySite"] = [_concept(site)]
    if p.histology:
        code = next((str(f.value) for f in facts if f.field == "histology_code" and f.value), None)
        res["extension"] = [
            {"url": HISTOLOGY_EXT, "valueCodeableConcept": _concept(p.histology, ICDO3, code)}
        ]
    notes = _note(facts, "cancer_type", p.cancer_type) or _note(facts, "histology", p.histology)
    if notes:
        res["note"] = notes
    return res


def _observation(
    patient: str, condition: str | None, code: dict[str, Any], value: str, notes: list[dict[str, str]]
) -> dict[str, Any]:
    res: dict[str, Any] = {
        "resourceType": "Observation",
        "id": _id(),
        "status": "final",
        "category": [OBS_CATEGORY],
        "code": code,
        "subject": {"reference": patient},
        "valueCodeableConcept": {"text": value},
    }
    if condition:
        res["focus"] = [{"reference": condition}]
    if notes:
        res["note"] = notes
    return res


def _staging(p: Profile, patient: str, condition: str | None, facts: list[Fact]) -> list[dict[str, Any]]:
    prefix = (p.tnm.prefix or "").lower()
    codes = _TNM_LOINC.get("c" if prefix.startswith("c") else "p" if prefix else "", {})
    out = []
    for key, value, field in (
        ("t", p.tnm.t, "tnm.t"),
        ("n", p.tnm.n, "tnm.n"),
        ("m", p.tnm.m, "tnm.m"),
        ("stage", p.stage_group, "stage_group"),
    ):
        if not value:
            continue
        text = (
            f"{_TNM_TEXT[key]} ({'pathological' if prefix.startswith(('p', 'y')) else 'clinical'})"
            if prefix
            else _TNM_TEXT[key]
        )
        assumed = field in p.assumed
        if assumed and key != "stage":  # an assumed cM0/cN0 is a clinical category, never a pathologic one
            shown, code = f"c{value}", _concept(_TNM_TEXT[key] + " (clinical)", LOINC, _TNM_LOINC["c"][key])
        else:
            shown = f"{p.tnm.prefix or ''}{value}" if key != "stage" else f"Stage {value}"
            code = _concept(text, LOINC if key in codes else None, codes.get(key))
        obs = _observation(patient, condition, code, shown, _note(facts, field, value))
        if assumed:
            obs["status"] = "preliminary"  # rests on an assumption the records do not confirm
        out.append(obs)
    return out


def _biomarkers(p: Profile, patient: str, condition: str | None, facts: list[Fact]) -> list[dict[str, Any]]:
    out = []
    for b in p.biomarkers:
        loinc = _BIOMARKER_LOINC.get(b.name.upper())
        code = _concept(b.name, LOINC, loinc[0], loinc[1]) if loinc else _concept(b.name)
        value = " ".join(x for x in (b.result, b.value) if x) or "reported"
        obs = _observation(
            patient,
            condition,
            code,
            value,
            [
                n
                for f in facts
                if f.field == "biomarker" and isinstance(f.value, dict) and f.value.get("name") == b.name
                for n in _note([f], "biomarker")
            ][:2],
        )
        if b.method:
            obs["method"] = {"text": b.method}
        out.append(obs)
    return out


def _treatments(p: Profile, patient: str, condition: str | None) -> list[dict[str, Any]]:
    out = []
    for t in p.treatments:
        name, kind = str(t.get("name") or "treatment"), str(t.get("type") or "other")
        start, end = t.get("start"), t.get("end")
        period = {k: v for k, v in (("start", start), ("end", end)) if v}
        if kind in _PROCEDURE_TYPES:
            res: dict[str, Any] = {
                "resourceType": "Procedure",
                "id": _id(),
                "status": "completed",
                "code": _concept(name),
                "category": _concept(kind),
                "subject": {"reference": patient},
            }
            if period:
                res["performedPeriod"] = period
        else:
            res = {
                "resourceType": "MedicationStatement",
                "id": _id(),
                "status": "active" if not end else "completed",
                "medicationCodeableConcept": _concept(name),
                "category": _concept(kind),
                "subject": {"reference": patient},
            }
            if period:
                res["effectivePeriod"] = period
        if condition:
            res["reasonReference"] = [{"reference": condition}]
        out.append(res)
    return out


def _patient(p: Profile) -> dict[str, Any]:
    res: dict[str, Any] = {"resourceType": "Patient", "id": _id()}
    if p.sex in ("male", "female", "other", "unknown"):
        res["gender"] = p.sex
    return res


def profile_bundle(profile: Profile, facts: list[Fact]) -> dict[str, Any]:
    """A FHIR R4 Bundle (type collection) holding the profile's resources."""
    patient = _patient(profile)
    pref = f"urn:uuid:{patient['id']}"
    resources: list[dict[str, Any]] = [patient]
    condition = _condition(profile, pref, facts)
    cref = f"urn:uuid:{condition['id']}" if condition else None
    if condition:
        resources.append(condition)
    resources += _staging(profile, pref, cref, facts)
    resources += _biomarkers(profile, pref, cref, facts)
    resources += _treatments(profile, pref, cref)
    return {
        "resourceType": "Bundle",
        "id": _id(),
        "type": "collection",
        "timestamp": datetime.now(UTC).isoformat(timespec="seconds"),
        "meta": {
            "tag": [
                {
                    "system": "https://onconav.org/fhir",
                    "code": "patient-profile",
                    "display": "Made by onconav from the patient's records",
                }
            ]
        },
        "entry": [{"fullUrl": f"urn:uuid:{r['id']}", "resource": r} for r in resources],
    }
