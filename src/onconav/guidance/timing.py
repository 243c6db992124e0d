"""Timing: is there usually time for a second opinion here, and when must treatment not wait?"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from onconav.guidance.case import Case
from onconav.guidance.data import GuidanceData, UrgencyEntry

ALWAYS_NOW = (
    "If you have signs of an emergency (trouble breathing, chest pain, heavy bleeding, fainting, confusion, "
    "new weakness of the legs, or a fever during chemotherapy), call 911 or your care team now; do not wait "
    "for any appointment."
)

_URGENT_WORDS = (
    "do not delay",
    "emergency",
    "should not wait",
    "should not delay",
    "within days",
    "right away",
)


@dataclass
class Timing:
    """How long a second opinion can usually wait, and the situations that cannot wait."""

    usual_wait: list[str]
    do_not_wait: list[str]
    urgent: bool
    matched: list[str] = field(default_factory=list)
    emergency_note: str = ALWAYS_NOW
    sources: list[dict[str, Any]] = field(default_factory=list)


def _situations(case: Case) -> list[str]:
    p = case.profile
    out = [case.cancer_name, p.histology or ""]
    for site in p.metastatic_sites:
        out.append(f"{site} metastases")
    return [s.lower() for s in out if s]


def _entries(case: Case, data: GuidanceData) -> list[UrgencyEntry]:
    situations = _situations(case)
    for code in case.codes or [""]:
        found = data.urgency_for(code or None, situations)
        if any(e.id != "default" for e in found):
            return found
    return data.urgency_for(None, situations)


def timing_for(case: Case, data: GuidanceData) -> Timing:
    """Urgency guidance that fits this case (the default entry when nothing specific applies)."""
    entries = _entries(case, data)
    wait: list[str] = []
    never: list[str] = []
    sources: list[dict[str, Any]] = []
    for e in entries:
        if e.usual_wait not in wait:
            wait.append(e.usual_wait)
        never += [d for d in e.do_not_wait if d not in never]
        sources += [
            s.model_dump(exclude_none=True)
            for s in e.sources
            if s.model_dump(exclude_none=True) not in sources
        ]
    urgent = any(e.id != "default" and any(w in e.usual_wait.lower() for w in _URGENT_WORDS) for e in entries)
    return Timing(
        usual_wait=wait, do_not_wait=never, urgent=urgent, matched=[e.id for e in entries], sources=sources
    )
