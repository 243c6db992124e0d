"""JSON API for trials: POST /api/trials/match, GET /api/trials/{nct_id}."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from onconav.trials import service
from onconav.trials.store import TrialStore

router = APIRouter(prefix="/api/trials", tags=["trials"])


class MatchRequest(BaseModel):
    profile: dict[str, Any] | None = Field(
        None, description="a profile as `records extract --json` prints it"
    )
    text: str | None = Field(None, description="a free-text case summary (optional)")
    zip: str | None = Field(None, description="US ZIP code for distances")
    status: str = Field("any", description="any | recruiting | open")
    sort: str = Field("score", description="score | distance")
    limit: int | None = Field(50, ge=1, le=10_000)


class CriterionOut(BaseModel):
    text: str
    kind: str
    section: str
    verdict: str
    evidence: str
    settle: str | None = None


class SiteOut(BaseModel):
    facility: str
    city: str
    state: str
    status: str
    distance_miles: float | None = None
    contact: str = ""


class TrialOut(BaseModel):
    nct_id: str
    title: str
    rank: int
    score: float
    eligibility: str
    status: str
    phases: list[str]
    primary_purpose: str
    reasons: list[str]
    criteria: list[CriterionOut]
    nearest_site: SiteOut | None = None


class MatchResponse(BaseModel):
    id: str | None = None
    trials: list[TrialOut]


class TrialDetail(BaseModel):
    trial: dict[str, Any]
    criteria: list[dict[str, Any]]


def _store(request: Request) -> TrialStore:
    store = getattr(request.app.state, "trial_store", None)
    if store is None:
        store = service.open_store(request.app.state.settings)
        request.app.state.trial_store = store
    return store


@router.post("/match", response_model=MatchResponse)
def match(body: MatchRequest, request: Request) -> dict[str, Any]:
    """Judge every stored trial against the profile (and/or summary), best first."""
    opts = service.options(body.zip, body.status, body.sort, body.limit)
    store = _store(request)
    if body.profile is None and body.text:
        matches = service.match_text(store, body.text, opts)
    else:
        matches = service.match_profile(store, body.profile or {}, opts, text=body.text or "")
    return service.case_json(None, matches)


@router.get("/{nct_id}", response_model=TrialDetail)
def get_trial(nct_id: str, request: Request) -> dict[str, Any]:
    """One stored trial with its parsed criteria."""
    pt = _store(request).get(nct_id)
    return {"trial": pt.trial.to_json(), "criteria": [c.to_json() for c in pt.criteria]}
