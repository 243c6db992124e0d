"""JSON API for asking and searching: POST /api/ask, GET /api/search, GET /api/answers/{id}."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field

from onconav.domain import Profile
from onconav.runtime import Runtime

router = APIRouter(prefix="/api", tags=["answers"])


class AskRequest(BaseModel):
    question: str = Field(..., max_length=20000, description="The question in the user's own words.")
    profile: dict[str, Any] | None = Field(None, description="Optional profile (records extract output).")


class SearchHitOut(BaseModel):
    doc_id: str
    chunk_id: str
    title: str
    url: str
    score: float
    snippet: str


class SearchOut(BaseModel):
    query: str
    hits: list[SearchHitOut]


def _rt(request: Request) -> Runtime:
    rt: Runtime = request.app.state.runtime
    return rt


def _viewer(request: Request) -> str | None:
    return getattr(getattr(request.state, "user", None), "id", None)


@router.post("/ask", summary="Ask a question; returns a structured, cited answer")
def api_ask(body: AskRequest, request: Request) -> dict[str, Any]:
    """Answer a question (safety triage first)."""
    profile = Profile.from_json(body.profile) if body.profile else None
    answer = _rt(request).answers.ask(body.question, profile=profile, owner_id=_viewer(request))
    return answer.to_json()


@router.get("/search", response_model=SearchOut, summary="Search the knowledge base")
def api_search(
    request: Request, q: str = Query("", max_length=2000), k: int = Query(10, ge=1, le=50)
) -> SearchOut:
    """BM25 search with cancer-type expansion."""
    hits = _rt(request).answers.search(q, k=k)
    return SearchOut(query=q, hits=[SearchHitOut(**h.to_json()) for h in hits])


@router.get("/answers/{answer_id}", summary="A stored answer by id")
def api_answer(answer_id: str, request: Request) -> dict[str, Any]:
    """A stored answer (personal answers only for their owner)."""
    return _rt(request).answers.get(answer_id, viewer_id=_viewer(request)).to_json()
