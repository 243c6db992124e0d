"""One-page case summary: each line traced to the document (and words) it came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from onconav.domain import Fact
from onconav.guidance.case import Case
from onconav.guidance.gaps import EvidenceRef, fact_refs, result_text


@dataclass
class SummaryItem:
    """One line of the case summary."""

    label: str
    value: str
    evidence: list[EvidenceRef] = field(default_factory=list)
    conflict: bool = False


def _refs(case: Case, names: tuple[str, ...], match: str | None = None) -> tuple[list[EvidenceRef], bool]:
    facts: list[Fact] = []
    for name in names:
        facts += case.facts_for(name, match)
    return fact_refs(facts)[:3], any(f.conflict for f in facts)


def _add(
    out: list[SummaryItem],
    case: Case,
    label: str,
    value: Any,
    fields: tuple[str, ...],
    match: str | None = None,
) -> None:
    if value in (None, "", [], {}):
        return
    refs, conflict = _refs(case, fields, match)
    out.append(SummaryItem(label, str(value), refs, conflict))


def _stage_text(case: Case) -> str:
    p = case.profile
    tnm = "".join(x for x in (p.tnm.t, p.tnm.n, p.tnm.m) if x)
    parts = []
    if p.stage_group:
        group = str(p.stage_group)
        parts.append(group if group.lower().startswith("stage") else f"Stage {group}")
    if tnm:
        parts.append(f"{p.tnm.prefix or ''}{tnm}" + (f" ({p.tnm.edition})" if p.tnm.edition else ""))
    return "; ".join(parts)


def _nodes(case: Case) -> str:
    ln = case.profile.lymph_nodes
    pos, exam = ln.get("positive"), ln.get("examined")
    if pos is None and exam is None:
        return ""
    return f"{pos if pos is not None else '?'} of {exam if exam is not None else '?'} lymph nodes had cancer"


def _marker_name(f: Fact) -> str:
    return str(f.value.get("name") or "").lower() if isinstance(f.value, dict) else ""


def case_summary(case: Case) -> list[SummaryItem]:
    """Diagnosis, stage, biomarkers, treatments and timeline, each with its evidence."""
    p = case.profile
    out: list[SummaryItem] = []
    _add(out, case, "Diagnosis", case.cancer_name, ("cancer_type",))
    _add(out, case, "Histology (tissue type)", p.histology, ("histology",))
    _add(out, case, "Grade", p.grade, ("grade",))
    _add(out, case, "Stage", _stage_text(case), ("stage_group", "tnm.t", "tnm.n", "tnm.m"))
    _add(out, case, "Tumor size", f"{p.tumor_size_cm} cm" if p.tumor_size_cm else None, ("tumor_size_cm",))
    _add(out, case, "Lymph nodes", _nodes(case), ("lymph_nodes.positive", "lymph_nodes.examined"))
    _add(out, case, "Margins", p.margins, ("margins",))
    _add(out, case, "Spread to", ", ".join(p.metastatic_sites), ("metastatic_site",))
    for b in p.biomarkers:
        facts = [f for f in case.facts_for("biomarker") if _marker_name(f) == b.name.lower()]
        refs = fact_refs(facts)[:3]
        out.append(SummaryItem(f"Biomarker: {b.name}", result_text(b), refs, any(f.conflict for f in facts)))
    for t in p.treatments:
        when = f" ({t.get('start')})" if t.get("start") else ""
        _add(
            out,
            case,
            f"Treatment ({t.get('type') or 'other'})",
            f"{t.get('name')}{when}",
            ("treatment",),
            str(t.get("name") or ""),
        )
    return out


def timeline(case: Case) -> list[SummaryItem]:
    """Dated events (dates found and treatment starts), oldest first."""
    events: list[tuple[str, str, str]] = []
    for d in case.profile.dates:
        if d.get("date"):
            events.append((str(d["date"]), str(d.get("event") or "event"), "date"))
    for t in case.profile.treatments:
        if t.get("start"):
            events.append((str(t["start"]), f"{t.get('name')} started", "treatment"))
    out = []
    seen: set[tuple[str, str]] = set()
    for when, what, kind in sorted(events):
        if (when, what) in seen:
            continue
        seen.add((when, what))
        refs, _ = _refs(case, (kind,), when if kind == "date" else what.removesuffix(" started"))
        out.append(SummaryItem(when, what, refs))
    return out
