"""Facts from FHIR resources (Synthea, mCODE, portal exports), tolerant of missing and invalid fields.

Each fact's evidence is the rendered line of its resource in the document's text pages, so the
profile page can highlight it like any other record.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date
from typing import Any

from onconav.domain import Evidence, Fact
from onconav.records.extract.bm_fhir import checked, not_done_reason
from onconav.records.model import ParsedDocument
from onconav.records.parsers import fhir_codes as C
from onconav.records.parsers.fhir_json import Line, layout
from onconav.records.parsers.fhir_observation import codes_of, observation_facts, stage_group
from onconav.records.parsers.fhir_util import (
    as_dict,
    as_list,
    as_str,
    codings,
    concept_text,
    first_date,
    iso_date,
    profiles,
    system_name,
)

_CODED, _TEXTUAL = 0.95, 0.75
_MAX_EVIDENCE = 5
_LATERALITY = re.compile(r"\b(left|right|bilateral)\b", re.I)
_SITE_OF = re.compile(r"(?:of|to|in)\s+(?:the\s+)?(.+?)\s*(?:\((?:disorder|finding)\))?$", re.I)
_DATE_KEYS = (
    "effectiveDateTime",
    "effectivePeriod",
    "issued",
    "onsetDateTime",
    "onsetPeriod",
    "recordedDate",
    "performedDateTime",
    "performedPeriod",
    "authoredOn",
    "dateAsserted",
)


class _Context:
    """What handlers share: the document name, rendered lines and which conditions are cancers."""

    def __init__(self, doc: ParsedDocument) -> None:
        self.document = doc.file
        self.lines: dict[int, Line] = {}
        for line in layout(doc.fhir_resources):
            self.lines.setdefault(line.index, line)
        self.cancer_ids: set[str] = set()
        for resource in doc.fhir_resources:
            if as_str(resource.get("resourceType")) == "Condition" and _cancer_of(resource)[1]:
                self.cancer_ids.add(as_str(resource.get("id")))
        self.has_cancer = bool(self.cancer_ids)

    def fact(self, field: str, value: Any, index: int, when: str | None, confidence: float = _CODED) -> Fact:
        """A fact whose evidence is the resource's rendered line."""
        line = self.lines.get(index)
        evidence = [Evidence(self.document, line.page, line.start, line.end, line.text)] if line else []
        return Fact(field=field, value=value, evidence=evidence, confidence=confidence, source_date=when)

    def for_cancer(self, resource: dict[str, Any]) -> bool:
        """True when the resource's reasons point at a cancer condition (by reference or by text)."""
        for ref in as_list(resource.get("reasonReference")):
            target = as_str(as_dict(ref).get("reference")).rsplit("/", 1)[-1].replace("urn:uuid:", "")
            if target in self.cancer_ids or C.CANCER_WORDS.search(as_str(as_dict(ref).get("display"))):
                return True
        return any(_cancer_of({"code": c})[1] for c in as_list(resource.get("reasonCode")))


def _cancer_of(condition: dict[str, Any]) -> tuple[C.CancerType | None, bool]:
    """(cancer type if known, whether it is a cancer at all) for a Condition."""
    concept = condition.get("code")
    for coding in codings(concept):
        system, code = system_name(coding["system"]), coding["code"]
        if system == "SNOMED" and code in C.SNOMED_CANCERS:
            return C.SNOMED_CANCERS[code], True
        if system in ("ICD-10", "ICD-O-3") and code[:3].upper() in C.ICD_PREFIX_CANCERS:
            return C.ICD_PREFIX_CANCERS[code[:3].upper()], True
    text = " ".join([concept_text(concept), *(c["display"] for c in codings(concept))])
    if not C.CANCER_WORDS.search(text) or C.NOT_CANCER.search(text):
        return None, False
    for pattern, cancer in C.TEXT_CANCERS:
        if pattern.search(text):
            return cancer, True
    return None, True


def _condition(ctx: _Context, i: int, r: dict[str, Any]) -> list[Fact]:
    status = " ".join(c["code"] for c in codings(r.get("verificationStatus")))
    cancer, is_cancer = _cancer_of(r)
    if not is_cancer or "refuted" in status or "entered-in-error" in status:
        return []
    text = concept_text(r.get("code"))
    sites = [concept_text(s) for s in as_list(r.get("bodySite")) if concept_text(s)]
    when = first_date(r, "onsetDateTime", "onsetPeriod", "recordedDate")
    coded = any(c["code"] in C.SNOMED_CANCERS for c in codings(r.get("code")))
    if "secondary-cancer" in profiles(r) or (C.SECONDARY.search(text) and not coded):
        return _metastasis(ctx, i, r, sites, when)
    conf = (
        _CODED if coded or cancer and cancer[0] in {v[0] for v in C.ICD_PREFIX_CANCERS.values()} else _TEXTUAL
    )
    out: list[Fact] = []
    if cancer:
        out.append(ctx.fact("cancer_type", {"name": cancer[1], "oncotree_code": cancer[0]}, i, when, conf))
    else:
        out.append(ctx.fact("cancer_type", {"name": text, "oncotree_code": None}, i, when, _TEXTUAL))
    site = sites[0] if sites else (cancer[2] if cancer else "")
    if site:
        out.append(ctx.fact("primary_site", re.sub(r"\s*\(body structure\)", "", site), i, when, conf))
    side = _LATERALITY.search(" ".join([text, *sites, *_qualifiers(r)]))
    if side:
        out.append(ctx.fact("laterality", side.group(1).lower(), i, when))
    out.extend(_histology(ctx, i, r, when))
    groups = [
        stage_group([concept_text(as_dict(s).get("summary")), *codes_of(as_dict(s).get("summary"))])
        for s in as_list(r.get("stage"))
    ]
    found = sorted({g for g in groups if g}, key=len, reverse=True)
    # "IIIA" and "III" from two codings of one stage are the same finding: keep the most specific.
    for group in [g for g in found if not any(o != g and o.startswith(g) for o in found)]:
        out.append(ctx.fact("stage_group", group, i, when))
    diagnosed = (
        first_date(r, "onsetDateTime", "onsetPeriod") or _extension_date(r) or iso_date(r.get("recordedDate"))
    )
    if diagnosed:
        out.append(ctx.fact("date", {"event": "diagnosis", "date": diagnosed}, i, diagnosed))
    return out


def _metastasis(ctx: _Context, i: int, r: dict[str, Any], sites: list[str], when: str | None) -> list[Fact]:
    """A secondary cancer: the site it spread to (from bodySite, else from "... of liver")."""
    label = " ".join(c["display"] for c in codings(r.get("code"))) or concept_text(r.get("code"))
    match = _SITE_OF.search(label)
    named = [s for s in sites if not s.isdigit()]
    site = named[0] if named else (match.group(1) if match else "")
    return [ctx.fact("metastatic_site", site, i, when)] if site else []


def _qualifiers(r: dict[str, Any]) -> list[str]:
    out = []
    for site in as_list(r.get("bodySite")):
        for ext in as_list(as_dict(site).get("extension")):
            out.append(concept_text(as_dict(ext).get("valueCodeableConcept")))
    return out


def _extension_date(r: dict[str, Any]) -> str | None:
    for ext in as_list(r.get("extension")):
        ext = as_dict(ext)
        if "asserteddate" in as_str(ext.get("url")).lower():
            return iso_date(ext.get("valueDateTime"))
    return None


def _histology(ctx: _Context, i: int, r: dict[str, Any], when: str | None) -> list[Fact]:
    for ext in as_list(r.get("extension")):
        ext = as_dict(ext)
        if "histology" not in as_str(ext.get("url")).lower():
            continue
        concept = ext.get("valueCodeableConcept")
        for coding in codings(concept):
            if coding["code"] in C.ICDO_HISTOLOGY:
                return [
                    ctx.fact("histology", f"{C.ICDO_HISTOLOGY[coding['code']]} ({coding['code']})", i, when)
                ]
        name = concept_text(concept)
        # Test data fills this with placeholders ("TEST") or bare codes: only real words count.
        if re.search(r"[a-z]{3}", name) and name.upper() != "TEST":
            return [
                ctx.fact(
                    "histology",
                    re.sub(r"\s*\((?:morphologic abnormality|morphology)\)", "", name, flags=re.I),
                    i,
                    when,
                )
            ]
    return []


def _medication(ctx: _Context, i: int, r: dict[str, Any]) -> list[Fact]:
    if as_str(r.get("status")) in ("entered-in-error", "not-taken", "cancelled", "draft"):
        return []
    concept = r.get("medicationCodeableConcept")
    name = " ".join(
        [concept_text(concept), as_str(as_dict(r.get("medicationReference")).get("display"))]
    ).strip()
    drug = C.DRUG_WORD.search(name)
    if not drug and not ("cancer-related" in profiles(r) or ctx.for_cancer(r)):
        return []
    kind = C.DRUG_TYPES.get(drug.group(1).lower(), "other") if drug else "other"
    label = drug.group(1).lower() if drug else re.sub(r"\s+\d.*$", "", name) or name
    period = as_dict(r.get("effectivePeriod"))
    start = iso_date(period.get("start")) or first_date(r, "effectiveDateTime", "authoredOn", "dateAsserted")
    end = iso_date(period.get("end"))
    value = {"type": kind, "name": label, "start": start, "end": end}
    return [ctx.fact("treatment", value, i, start, _CODED if drug else _TEXTUAL)]


def _procedure(ctx: _Context, i: int, r: dict[str, Any]) -> list[Fact]:
    if as_str(r.get("status")) in ("not-done", "entered-in-error"):
        return []
    name = re.sub(r"\s*\(procedure\)", "", concept_text(r.get("code")), flags=re.I)
    prof = profiles(r)
    start = first_date(r, "performedDateTime", "performedPeriod")
    end = iso_date(as_dict(r.get("performedPeriod")).get("end"))
    related = "cancer-related" in prof or ctx.for_cancer(r)
    out: list[Fact] = []
    if "radiation" in prof or (C.RADIATION.search(name) and (related or ctx.has_cancer)):
        out.append(
            ctx.fact("treatment", {"type": "radiation", "name": name, "start": start, "end": end}, i, start)
        )
    if C.CHEMO.search(name) and (related or ctx.has_cancer):
        out.append(
            ctx.fact(
                "treatment", {"type": "chemotherapy", "name": name, "start": start, "end": end}, i, start
            )
        )
    if out:
        return out
    if C.BIOPSY.search(name) and not C.CANCER_SURGERY.search(name) and (related or ctx.has_cancer):
        return [ctx.fact("date", {"event": f"biopsy: {name}", "date": start}, i, start)] if start else []
    surgical = "surgical" in prof or (C.CANCER_SURGERY.search(name) and (related or ctx.has_cancer))
    if surgical or (related and C.SURGERY.search(name)):
        out.append(
            ctx.fact("treatment", {"type": "surgery", "name": name, "start": start, "end": end}, i, start)
        )
        if start:
            out.append(ctx.fact("date", {"event": f"surgery: {name}", "date": start}, i, start))
    return out


def _patient(ctx: _Context, i: int, r: dict[str, Any]) -> list[Fact]:
    out: list[Fact] = []
    sex = as_str(r.get("gender")).lower()
    if sex in ("male", "female", "other"):
        out.append(ctx.fact("sex", sex, i, None))
    born = iso_date(r.get("birthDate"))
    if born:
        until = iso_date(r.get("deceasedDateTime")) or date.today().isoformat()
        age = _years(born, until)
        if age is not None and 0 <= age <= 125:
            out.append(ctx.fact("age", age, i, None))
    return out


def _years(born: str, until: str) -> int | None:
    try:
        b = date.fromisoformat((born + "-01-01")[:10] if len(born) == 4 else (born + "-01")[:10])
        u = date.fromisoformat(until[:10] if len(until) >= 10 else until[:4] + "-12-31")
    except ValueError:
        return None
    return u.year - b.year - ((u.month, u.day) < (b.month, b.day))


def _specimen(ctx: _Context, i: int, r: dict[str, Any]) -> list[Fact]:
    collected = first_date(as_dict(r.get("collection")), "collectedDateTime", "collectedPeriod")
    if not collected:
        return []
    name = concept_text(r.get("type")) or "specimen"
    return [ctx.fact("date", {"event": f"specimen collected: {name}", "date": collected}, i, collected)]


def _report(ctx: _Context, i: int, r: dict[str, Any]) -> list[Fact]:
    out: list[Fact] = []
    for concept in as_list(r.get("conclusionCode")):
        cancer, is_cancer = _cancer_of({"code": concept})
        if cancer and is_cancer:
            out.append(
                ctx.fact(
                    "cancer_type",
                    {"name": cancer[1], "oncotree_code": cancer[0]},
                    i,
                    first_date(r, *_DATE_KEYS),
                    _TEXTUAL,
                )
            )
    return out


def _observation(ctx: _Context, i: int, r: dict[str, Any]) -> list[Fact]:
    """Observation facts; a biomarker test not done or pending is kept as such, never as a result."""
    facts = observation_facts(ctx, i, r)
    reason = not_done_reason(r)
    if not facts and reason:
        facts = observation_facts(ctx, i, {**r, "status": "final", "valueString": reason})
        facts = [f for f in facts if f.field == "biomarker"]
    return [checked(f, r) for f in facts]


_HANDLERS: dict[str, Callable[[_Context, int, dict[str, Any]], list[Fact]]] = {
    "Condition": _condition,
    "Observation": _observation,
    "MedicationRequest": _medication,
    "MedicationStatement": _medication,
    "MedicationAdministration": _medication,
    "Procedure": _procedure,
    "Patient": _patient,
    "Specimen": _specimen,
    "DiagnosticReport": _report,
}


def _merge(facts: list[Fact]) -> list[Fact]:
    """One fact per distinct value: repeats add evidence; treatments span their first to last date."""
    merged: dict[str, Fact] = {}
    for f in facts:
        value = dict(f.value) if isinstance(f.value, dict) else f.value
        key_value = (
            {k: v for k, v in value.items() if k not in ("start", "end", "date")}
            if isinstance(value, dict) and f.field in ("treatment", "lab")
            else value
        )
        if f.field == "lab" and isinstance(value, dict):
            key_value = value.get("name")
        key = f"{f.field}|{json.dumps(key_value, sort_keys=True, default=str)}"
        old = merged.get(key)
        if old is None:
            merged[key] = f
            continue
        _absorb(old, f)
    return list(merged.values())


def _absorb(old: Fact, new: Fact) -> None:
    if old.field == "lab":
        if (new.source_date or "") > (old.source_date or ""):
            old.value, old.source_date, old.evidence = new.value, new.source_date, new.evidence
        return
    old.evidence.extend(e for e in new.evidence if e not in old.evidence)
    del old.evidence[_MAX_EVIDENCE:]
    old.confidence = max(old.confidence, new.confidence)
    if old.field == "treatment":
        starts = [d for d in (old.value.get("start"), new.value.get("start")) if d]
        ends = [d for d in (old.value.get("end"), new.value.get("end"), new.value.get("start")) if d]
        old.value["start"] = min(starts) if starts else None
        old.value["end"] = max(ends) if ends else old.value.get("end")
    if (new.source_date or "") > (old.source_date or ""):
        old.source_date = new.source_date


def fhir_facts(doc: ParsedDocument) -> list[Fact]:
    """Profile facts (cancer type, stage, biomarkers, treatments, dates, age, sex...) from FHIR resources."""
    if not doc.fhir_resources:
        return []
    ctx = _Context(doc)
    facts: list[Fact] = []
    for index, resource in enumerate(doc.fhir_resources):
        handler = _HANDLERS.get(as_str(resource.get("resourceType")))
        if handler:
            facts.extend(handler(ctx, index, resource))
    return _merge(facts)
