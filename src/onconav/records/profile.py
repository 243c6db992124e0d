"""Merge facts from one or more documents into one Profile; conflicts are flagged, never dropped."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from onconav.domain import Biomarker, Fact, Profile, Tnm
from onconav.records.extract.assumptions import CM0_ASSUMED, CN0_ASSUMED
from onconav.records.extract.bm_status import NO_RESULT_VALUES

_SINGLE = (
    "cancer_type",
    "primary_site",
    "laterality",
    "histology",
    "grade",
    "stage_group",
    "tumor_size_cm",
    "margins",
    "lvi",
    "pni",
    "tnm.prefix",
    "tnm.t",
    "tnm.n",
    "tnm.m",
    "tnm.edition",
    "lymph_nodes.examined",
    "lymph_nodes.positive",
    "histology_code",
    "depth",
    "hospital",
    "age",
    "sex",
    "ecog",
)
# Which kind of document is trusted most for a field (lower is better); others rank after these.
_KIND_RANK = {
    "histology": (
        "pathology_report",
        "genomic_report",
        "operative_note",
        "discharge_summary",
        "clinical_note",
        "imaging_report",
    ),
    "biomarker": ("genomic_report", "pathology_report", "lab_report"),
}


def _kind_rank(f: Fact, field: str, kinds: dict[str, str]) -> int:
    order = _KIND_RANK.get(field.split(".")[0] if field != "histology_code" else "histology")
    if not order or not f.evidence:
        return 0
    kind = kinds.get(f.evidence[0].document, "")
    return order.index(kind) if kind in order else len(order)


def _rank(f: Fact, field: str, kinds: dict[str, str]) -> tuple[Any, ...]:
    """Sort key: stated before derived (a stated "MX"/"NX" gives no category, so an assumed cM0/cN0
    that staging would use goes first; the stated words stay among the facts), trusted kind, newer,
    more confident."""
    not_assessed = field in ("tnm.m", "tnm.n") and str(f.value).upper() in ("MX", "NX")
    return (not_assessed, f.derived, _kind_rank(f, field, kinds), _neg_date(f.source_date), -f.confidence)


def _neg_date(d: str | None) -> str:
    # Newer dates sort first: invert the characters of the ISO date; undated facts go last.
    return "".join(chr(0x7F - ord(c)) for c in d) if d else "\x7f"


def _norm(value: Any) -> Any:
    """A value as compared for conflicts: case, spacing and trailing dots do not make a difference."""
    if isinstance(value, str):
        return " ".join(value.lower().split()).rstrip(".")
    return value


def _key(value: Any) -> str:
    if isinstance(value, dict):
        return repr(
            sorted((k, _norm(v)) for k, v in value.items() if k in ("name", "oncotree_code", "result"))
        )
    return repr(_norm(value))


def _choose(facts: list[Fact], field: str, kinds: dict[str, str]) -> Fact:
    """The winning fact; facts from other documents that disagree are all marked conflict=True."""
    ordered = sorted(facts, key=lambda f: _rank(f, field, kinds))
    stated = [f for f in ordered if not f.derived] or ordered
    values = {_key(f.value) for f in stated}
    docs = {f.evidence[0].document for f in stated if f.evidence}
    if len(values) > 1 and len(docs) > 1:
        for f in stated:
            f.conflict = True
    return ordered[0]


def _drop_refuted_assumptions(facts: list[Fact]) -> list[Fact]:
    """Derived facts that assumed cM0 or cN0 go when any document shows distant or nodal spread."""
    refuted = []
    if any(f.field == "metastatic_site" and not f.negated for f in facts):
        refuted.append(CM0_ASSUMED)
    if any(f.field == "tnm.n" and not f.negated and re.match(r"N[1-3]", str(f.value)) for f in facts):
        refuted.append(CN0_ASSUMED)
    if not refuted:
        return facts
    return [f for f in facts if not (f.derived and any(m in (f.rule or "") for m in refuted))]


def build_profile(facts: list[Fact], kinds: dict[str, str] | None = None) -> Profile:
    """One Profile from facts of any number of documents (kinds maps document name to document kind)."""
    kinds = kinds or {}
    by_field: dict[str, list[Fact]] = defaultdict(list)
    facts = _drop_refuted_assumptions(facts)
    for f in facts:
        if not f.negated or f.field in ("lvi", "pni", "margins"):
            by_field[f.field].append(f)
    winners = {name: _choose(fs, name, kinds) for name, fs in by_field.items() if name in _SINGLE}
    chosen = {name: f.value for name, f in winners.items()}
    p = Profile(
        cancer_type=chosen.get("cancer_type"),
        primary_site=chosen.get("primary_site"),
        laterality=chosen.get("laterality"),
        histology=chosen.get("histology"),
        grade=chosen.get("grade"),
        tnm=Tnm(
            prefix=chosen.get("tnm.prefix"),
            t=chosen.get("tnm.t"),
            n=chosen.get("tnm.n"),
            m=chosen.get("tnm.m"),
            edition=chosen.get("tnm.edition"),
        ),
        stage_group=chosen.get("stage_group"),
        tumor_size_cm=chosen.get("tumor_size_cm"),
        lymph_nodes={
            "examined": chosen.get("lymph_nodes.examined"),
            "positive": chosen.get("lymph_nodes.positive"),
        },
        margins=chosen.get("margins"),
        lvi=chosen.get("lvi"),
        pni=chosen.get("pni"),
        hospital=chosen.get("hospital"),
        age=chosen.get("age") if isinstance(chosen.get("age"), int) else None,
        sex=chosen.get("sex"),
        ecog=chosen.get("ecog") if isinstance(chosen.get("ecog"), int) else None,
    )
    _add_lists(p, by_field, kinds)
    p.assumed = sorted(
        name
        for name, f in winners.items()
        if f.derived and any(m in (f.rule or "") for m in (CM0_ASSUMED, CN0_ASSUMED))
    )
    return p


def _add_lists(p: Profile, by_field: dict[str, list[Fact]], kinds: dict[str, str]) -> None:
    """Biomarkers, metastatic sites, treatments, dates, care team and document kinds."""
    p.biomarkers = _biomarkers(by_field.get("biomarker", []), kinds)
    p.metastatic_sites = sorted({str(f.value) for f in by_field.get("metastatic_site", [])})
    p.treatments = _unique([f.value for f in by_field.get("treatment", [])], ("type", "name", "start"))
    p.dates = _unique([f.value for f in by_field.get("date", [])], ("event", "date"))
    p.care_team = _unique([f.value for f in by_field.get("care_team", [])], ("role", "name"))
    p.document_kinds = sorted(set(kinds.values()))


def _biomarkers(facts: list[Fact], kinds: dict[str, str]) -> list[Biomarker]:
    """One biomarker per name; a test with a result beats one that was pending or not done."""
    groups: dict[str, list[Fact]] = defaultdict(list)
    names: dict[str, str] = {}
    for f in facts:
        if isinstance(f.value, dict) and f.value.get("name"):
            key = str(f.value["name"]).upper()
            names.setdefault(key, str(f.value["name"]))
            groups[key].append(f)
    out = []
    for key, fs in groups.items():
        name = names[key]
        done = [f for f in fs if str(f.value.get("result") or "").lower() not in NO_RESULT_VALUES]
        v = _choose(done or fs, "biomarker", kinds).value
        out.append(Biomarker(name=name, result=v.get("result"), value=v.get("value"), method=v.get("method")))
    return out


def _unique(values: list[Any], keys: tuple[str, ...]) -> list[Any]:
    seen: set[tuple[Any, ...]] = set()
    out = []
    for v in values:
        k = tuple(v.get(x) for x in keys) if isinstance(v, dict) else (v,)
        if k not in seen:
            seen.add(k)
            out.append(v)
    return out
