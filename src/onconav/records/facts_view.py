"""The profile as the patient sees it: stored facts with stable ids, their corrections, conflicts and gaps."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from onconav.domain import Evidence, Fact, Profile
from onconav.errors import InputError
from onconav.records.profile import build_profile

GROUPS = ("diagnosis", "stage", "biomarkers", "treatments", "timeline", "other")
_GROUP_OF = {
    "cancer_type": "diagnosis",
    "primary_site": "diagnosis",
    "laterality": "diagnosis",
    "histology": "diagnosis",
    "histology_code": "diagnosis",
    "grade": "diagnosis",
    "margins": "diagnosis",
    "lvi": "diagnosis",
    "pni": "diagnosis",
    "depth": "diagnosis",
    "tnm.prefix": "stage",
    "tnm.t": "stage",
    "tnm.n": "stage",
    "tnm.m": "stage",
    "tnm.edition": "stage",
    "stage_group": "stage",
    "tumor_size_cm": "stage",
    "lymph_nodes.examined": "stage",
    "lymph_nodes.positive": "stage",
    "metastatic_site": "stage",
    "biomarker": "biomarkers",
    "treatment": "treatments",
    "date": "timeline",
}
LABELS = {
    "cancer_type": "Cancer type",
    "primary_site": "Primary site",
    "laterality": "Side",
    "histology": "Histology (cell type)",
    "histology_code": "Histology code (ICD-O-3)",
    "grade": "Grade",
    "margins": "Surgical margins",
    "lvi": "Lymphovascular invasion",
    "pni": "Perineural invasion",
    "depth": "Depth / extent",
    "tnm.prefix": "TNM prefix",
    "tnm.t": "T (tumour)",
    "tnm.n": "N (nodes)",
    "tnm.m": "M (metastasis)",
    "tnm.edition": "AJCC edition",
    "stage_group": "Stage group",
    "tumor_size_cm": "Tumour size (cm)",
    "lymph_nodes.examined": "Lymph nodes examined",
    "lymph_nodes.positive": "Lymph nodes with cancer",
    "metastatic_site": "Spread to",
    "biomarker": "Biomarker",
    "treatment": "Treatment",
    "date": "Date",
    "care_team": "Care team",
    "sex": "Sex",
    "age": "Age",
    "lab": "Lab result",
    "ecog": "Performance status (ECOG)",
}
_BREAST_MARKERS = ("ER", "PR", "HER2")


@dataclass
class FactView:
    """One fact as shown: its id, document, group, and the patient's word on it."""

    id: str
    document_id: str | None
    document_kind: str | None
    fact: Fact
    status: str = "extracted"  # extracted | confirmed | corrected | deleted | patient
    corrects: str | None = None  # for a patient fact: the id of the fact it replaces

    @property
    def group(self) -> str:
        return _GROUP_OF.get(self.fact.field, "other")

    @property
    def label(self) -> str:
        return LABELS.get(self.fact.field, self.fact.field.replace("_", " ").capitalize())

    @property
    def display(self) -> str:
        return display_value(self.fact.field, self.fact.value)

    def to_json(self) -> dict[str, Any]:
        """JSON for the API and the profile export."""
        return {
            "id": self.id,
            "document_id": self.document_id,
            "document_kind": self.document_kind,
            "group": self.group,
            "label": self.label,
            "display": self.display,
            "status": self.status,
            "corrects": self.corrects,
            **self.fact.to_json(),
        }


@dataclass
class ProfileView:
    """The merged profile plus everything the profile page shows."""

    profile: Profile
    facts: list[FactView] = field(default_factory=list)
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    def grouped(self) -> dict[str, list[FactView]]:
        """Facts that are not deleted, by group, in display order."""
        out: dict[str, list[FactView]] = {g: [] for g in GROUPS}
        for v in self.facts:
            if v.status != "deleted":
                out[v.group].append(v)
        return out

    def to_json(self) -> dict[str, Any]:
        """JSON for the API and the profile export."""
        return {
            "profile": self.profile.to_json(),
            "facts": [v.to_json() for v in self.facts],
            "conflicts": self.conflicts,
            "missing": self.missing,
        }


def fact_from_json(data: dict[str, Any]) -> Fact:
    """A Fact from its stored JSON (unknown keys ignored)."""
    known = {k: v for k, v in data.items() if k in Fact.__dataclass_fields__ and k != "evidence"}
    evidence = [
        Evidence(
            document=str(e.get("document") or ""),
            page=int(e["page"]) if isinstance(e.get("page"), int) else None,
            start=int(e.get("start") or 0),
            end=int(e.get("end") or 0),
            text=str(e.get("text") or ""),
        )
        for e in data.get("evidence") or []
        if isinstance(e, dict)
    ]
    return Fact(evidence=evidence, **known)


def fact_id_of(document_id: str, fact: Fact) -> str:
    """A stable id for a fact: the same document, field, value and span give the same id."""
    ev = fact.evidence[0] if fact.evidence else None
    key = json.dumps(
        [
            document_id,
            fact.field,
            fact.value,
            ev.page if ev else None,
            ev.start if ev else None,
            ev.end if ev else None,
        ],
        sort_keys=True,
        default=str,
    )
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]


def display_value(field_name: str, value: Any) -> str:
    """A fact's value in plain words."""
    if isinstance(value, dict):
        if field_name == "cancer_type":
            code = value.get("oncotree_code")
            return f"{value.get('name') or ''}" + (f" ({code})" if code else "")
        if field_name == "date":
            return f"{value.get('event') or 'date'}: {value.get('date') or '?'}"
        if field_name == "care_team":
            return ", ".join(str(value[k]) for k in ("role", "name") if value.get(k))
        parts = [value.get(k) for k in ("name", "result", "value", "type", "method", "start", "date")]
        return " ".join(str(p) for p in parts if p not in (None, ""))
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


def coerce_value(fact: Fact, text: str | None) -> Any:
    """The patient's corrected value, shaped like the original fact's value."""
    text = (text or "").strip()
    if not text:
        raise InputError("Type the correct value, or choose Delete to remove the fact.")
    if len(text) > 200:
        raise InputError("That value is too long (200 characters at most).")
    old = fact.value
    if isinstance(old, bool):
        return text.lower() in ("yes", "true", "present", "positive")
    if isinstance(old, int | float):
        try:
            return int(text) if isinstance(old, int) else float(text.replace(",", "."))
        except ValueError as exc:
            raise InputError(f"{LABELS.get(fact.field, fact.field)} must be a number.") from exc
    if isinstance(old, dict):
        if fact.field == "cancer_type":
            return {"name": text, "oncotree_code": None}
        if fact.field == "biomarker":
            return {"name": old.get("name"), "result": text, "value": None, "method": None}
        key = "date" if fact.field == "date" else "name"
        return {**old, key: text}
    return text


def _apply(
    stored: list[tuple[str, str | None, Fact]], corrections: dict[str, tuple[str, Any, str]]
) -> list[FactView]:
    views: list[FactView] = []
    seen: set[str] = set()
    for doc_id, kind, fact in stored:
        fid = fact_id_of(doc_id, fact)
        if fid in seen:
            continue
        seen.add(fid)
        fact.conflict = False
        view = FactView(fid, doc_id, kind, fact)
        views.append(view)
        action, value, when = corrections.get(fid, ("", None, ""))
        if action == "confirm":
            view.status = "confirmed"
        elif action == "delete":
            view.status = "deleted"
        elif action == "correct":
            view.status = "corrected"
            own = Fact(field=fact.field, value=value, confidence=1.0, rule="patient", source_date=when[:10])
            views.append(FactView("p" + fid, None, "patient", own, status="patient", corrects=fid))
    return views


def _conflicts(views: list[FactView]) -> list[dict[str, Any]]:
    groups: dict[str, list[FactView]] = {}
    for v in views:
        if v.fact.conflict:
            name = v.fact.value.get("name") if isinstance(v.fact.value, dict) else None
            groups.setdefault(f"{v.fact.field}:{name or ''}", []).append(v)
    groups = {k: vs for k, vs in groups.items() if len({v.display.strip().lower() for v in vs}) > 1}
    return [
        {
            "field": vs[0].fact.field,
            "label": vs[0].label + (f" {k.split(':', 1)[1]}" if k.split(":", 1)[1] else ""),
            "values": [{"fact_id": v.id, "document_id": v.document_id, "display": v.display} for v in vs],
        }
        for k, vs in groups.items()
    ]


def missing_items(p: Profile, has_documents: bool) -> list[str]:
    """What the records did not tell us, in plain words."""
    if not has_documents:
        return ["No records have been read yet: upload a pathology report, a visit summary or a FHIR file."]
    out = []
    if not (p.cancer_type or p.histology):
        out.append("The type of cancer (diagnosis and cell type).")
    if not (p.tnm.t or p.tnm.n or p.stage_group):
        out.append("The stage (TNM or stage group).")
    if not p.grade:
        out.append("The tumour grade.")
    if p.lymph_nodes.get("examined") is None and p.lymph_nodes.get("positive") is None:
        out.append("Lymph node results.")
    names = {b.name.upper() for b in p.biomarkers}
    if not p.biomarkers:
        out.append("Biomarker results (for example hormone receptors, HER2, MMR/MSI or gene tests).")
    elif _is_breast(p):
        lacking = [m for m in _BREAST_MARKERS if m not in names]
        if lacking:
            out.append(f"Breast cancer biomarkers not found: {', '.join(lacking)}.")
    if not p.treatments:
        out.append("Treatments (surgery, medicines, radiation).")
    return out


def _is_breast(p: Profile) -> bool:
    site = (p.primary_site or "").lower()
    name = str((p.cancer_type or {}).get("name") or "").lower()
    return "breast" in site or "breast" in name


def build_view(
    stored: list[tuple[str, str | None, Fact]],
    corrections: dict[str, tuple[str, Any, str]],
    has_documents: bool = True,
) -> ProfileView:
    """Merge the owner's facts with their corrections into the profile the page and exports show."""
    views = _apply(stored, corrections)
    active = [v for v in views if v.status not in ("deleted", "corrected")]
    for v in active:
        if v.status == "confirmed":
            v.fact.confidence = 1.0
    kinds = {v.document_id: v.document_kind or "other" for v in views if v.document_id}
    profile = build_profile([v.fact for v in active], kinds)
    conflicts = _conflicts(active)
    flagged = {x["fact_id"] for c in conflicts for x in c["values"]}
    for v in active:
        v.fact.conflict = v.fact.conflict and v.id in flagged
    return ProfileView(
        profile=profile,
        facts=views,
        conflicts=conflicts,
        missing=missing_items(profile, has_documents or bool(stored)),
    )
