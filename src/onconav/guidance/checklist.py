"""Records checklist: what the uploads already contain, what is missing, and how to ask for it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from onconav.guidance.case import Case
from onconav.guidance.data import ChecklistItem, GuidanceData

KIND_LABELS = {
    "pathology_report": "pathology report",
    "imaging_report": "imaging report",
    "lab_report": "lab report",
    "genomic_report": "genomic report",
    "operative_note": "operative note",
    "clinical_note": "visit note",
    "discharge_summary": "discharge summary",
    "treatment_plan": "treatment plan",
    "medication_list": "medication list",
    "fhir_bundle": "FHIR health record",
    "other": "other document",
}
# Where to ask, by item, when the hospital's name is known.
_DEPARTMENT = {
    "pathology_report": "the pathology department",
    "pathology_slides": "the pathology department",
    "imaging_reports": "the radiology department",
    "imaging_files": "the radiology department (image library)",
    "operative_notes": "the medical records office",
    "discharge_summaries": "the medical records office",
    "radiation_summary": "the radiation oncology department",
    "genomic_reports": "the oncology clinic",
    "treatment_plan": "the oncology clinic",
    "labs_tumor_markers": "the laboratory or clinic",
    "visit_notes": "the medical records office",
}


@dataclass
class ChecklistEntry:
    """One checklist line for this patient."""

    id: str
    name: str
    have: bool
    status: str
    in_uploads: list[str]
    why: str
    who_holds: str
    how_to_request: str
    important: bool = False
    sources: list[dict[str, Any]] = field(default_factory=list)


def _missing(item: ChecklistItem, hospital: str | None) -> str:
    dept = _DEPARTMENT.get(item.id)
    if dept and hospital:
        return f"not in your uploads; ask {dept} of {hospital}"
    if dept:
        return f"not in your uploads; ask {dept} of the hospital or lab where it was done"
    return "not in your uploads"


def _uploads(case: Case, item: ChecklistItem) -> list[str]:
    kinds = [k for k in item.found_by.document_kinds if k in case.profile.document_kinds]
    out: list[str] = []
    for kind in kinds:
        names = case.document_names(kind)
        label = KIND_LABELS.get(kind, kind)
        out += [f"{n} ({label})" for n in names] or [label]
    return out


def _important(case: Case, item: ChecklistItem) -> bool:
    types = item.essential_for.cancer_types
    type_ok = "all" in types or bool(set(types) & set(case.codes))
    return type_ok and bool(set(item.essential_for.treatments) & set(case.treatment_categories))


def records_checklist(case: Case, data: GuidanceData) -> list[ChecklistEntry]:
    """Every checklist item marked as in the uploads or missing, with how to request what is missing."""
    hospital = case.profile.hospital
    out = []
    for item in data.checklist:
        types = item.essential_for.cancer_types
        if "all" not in types and not set(types) & set(case.codes) and case.codes:
            continue
        if item.essential_for.treatments == ["radiation"] and "radiation" not in case.treatment_categories:
            continue
        found = _uploads(case, item)
        status = ("in your uploads: " + ", ".join(found)) if found else _missing(item, hospital)
        out.append(
            ChecklistEntry(
                id=item.id,
                name=item.name,
                have=bool(found),
                status=status,
                in_uploads=found,
                why=item.why,
                who_holds=item.who_holds,
                how_to_request=item.how_to_request,
                important=_important(case, item),
                sources=[s.model_dump(exclude_none=True) for s in item.sources],
            )
        )
    out.sort(key=lambda e: (e.have, not e.important))
    return out
