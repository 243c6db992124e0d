"""Trial dataclasses: a stored study, its sites, its parsed criteria, and match results."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Verdict = Literal["met", "not_met", "unknown"]
Eligibility = Literal["likely", "uncertain", "ineligible"]

RECRUITING_STATUSES = frozenset({"RECRUITING"})
OPEN_STATUSES = frozenset({"RECRUITING", "NOT_YET_RECRUITING", "ENROLLING_BY_INVITATION", "AVAILABLE"})


@dataclass
class Site:
    """One trial location with its own recruiting status."""

    facility: str = ""
    city: str = ""
    state: str = ""
    zip: str = ""
    country: str = ""
    status: str = ""  # the site's own status; "" when the registry does not give one
    lat: float | None = None
    lon: float | None = None
    contact: str = ""

    def place(self) -> str:
        """'City, State' (or country) for display."""
        parts = [p for p in (self.city, self.state or self.country) if p]
        return ", ".join(parts)


@dataclass
class Trial:
    """A study as stored: registry fields plus the raw eligibility text."""

    nct_id: str
    title: str
    official_title: str = ""
    summary: str = ""
    status: str = ""
    phases: list[str] = field(default_factory=list)
    study_type: str = ""
    primary_purpose: str = ""
    conditions: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    interventions: list[str] = field(default_factory=list)
    eligibility_text: str = ""
    min_age: float | None = None
    max_age: float | None = None
    sex: str = "ALL"
    healthy_volunteers: bool = False
    sites: list[Site] = field(default_factory=list)
    last_update: str = ""
    source: str = ""

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Trial:
        """Rebuild a trial from `to_json` output."""
        known = set(cls.__dataclass_fields__)
        kwargs = {k: v for k, v in data.items() if k in known}
        kwargs["sites"] = [
            Site(**{k: v for k, v in s.items() if k in Site.__dataclass_fields__})
            for s in data.get("sites") or []
            if isinstance(s, dict)
        ]
        return cls(**kwargs)

    def is_treatment(self) -> bool:
        """True for interventional treatment studies (or unknown purpose)."""
        purpose = (self.primary_purpose or "").upper()
        return (
            purpose in {"", "TREATMENT"} and (self.study_type or "INTERVENTIONAL").upper() != "OBSERVATIONAL"
        )


@dataclass
class Criterion:
    """One eligibility item: its words, section, recognised kind and extracted parameters."""

    text: str
    section: Literal["inclusion", "exclusion"]
    kind: str = "other"
    params: dict[str, Any] = field(default_factory=dict)
    index: int = 0

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Criterion:
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})


@dataclass
class CriterionResult:
    """A verdict on one criterion with the patient evidence and what would settle it."""

    text: str
    kind: str
    section: str
    verdict: Verdict
    evidence: str
    settle: str = ""
    index: int = 0

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "text": self.text,
            "kind": self.kind,
            "section": self.section,
            "verdict": self.verdict,
            "evidence": self.evidence,
        }
        if self.settle:
            out["settle"] = self.settle
        return out


@dataclass
class NearestSite:
    facility: str
    city: str
    state: str
    status: str
    distance_miles: float | None
    contact: str = ""

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        if self.distance_miles is not None:
            out["distance_miles"] = round(self.distance_miles, 1)
        return out


@dataclass
class TrialMatch:
    """One trial judged for one patient."""

    trial: Trial
    eligibility: Eligibility
    score: float
    criteria: list[CriterionResult]
    nearest_site: NearestSite | None = None
    rank: int = 0
    reasons: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "nct_id": self.trial.nct_id,
            "title": self.trial.title,
            "rank": self.rank,
            "score": round(self.score, 4),
            "eligibility": self.eligibility,
            "status": self.trial.status,
            "phases": self.trial.phases,
            "primary_purpose": self.trial.primary_purpose,
            "reasons": self.reasons,
            "criteria": [c.to_json() for c in self.criteria],
            "nearest_site": self.nearest_site.to_json() if self.nearest_site else None,
        }
