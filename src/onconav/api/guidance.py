"""JSON API for personal guidance: POST /api/kit, POST /api/gaps, POST /api/compare."""

from __future__ import annotations

import base64
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from onconav.guidance.case import Case, case_from_json
from onconav.guidance.compare import compare_plans, plan_text_from_json
from onconav.guidance.data import GuidanceData, load_guidance
from onconav.guidance.gaps import check_gaps
from onconav.guidance.kit import build_kit
from onconav.guidance.pdf import kit_pdf

router = APIRouter(prefix="/api", tags=["guidance"])
_PROFILE_DOC = (
    "A profile, or the whole output of `onconav records extract --json` (with facts and documents)."
)


class KitRequest(BaseModel):
    profile: dict[str, Any] | None = Field(None, description=_PROFILE_DOC)
    zip: str | None = Field(None, max_length=10, description="US ZIP code for nearby cancer centers.")
    pdf: bool = Field(False, description="Also return the printable kit as base64-encoded PDF.")


class GapsRequest(BaseModel):
    profile: dict[str, Any] | None = Field(None, description=_PROFILE_DOC)


class CompareRequest(BaseModel):
    plan_a: str | dict[str, Any] = Field(
        ..., description="First plan: text, or {'text': ...}, or topic fields."
    )
    plan_b: str | dict[str, Any] = Field(..., description="Second plan, in the same forms.")


class EvidenceOut(BaseModel):
    document: str
    page: int | None
    quote: str
    start: int = Field(0, description="Character offset of the quote on its page.")
    end: int = 0
    doc_id: str | None = Field(None, description="Id of the stored document (profiles from an account).")


class SourceOut(BaseModel):
    title: str
    url: str
    publisher: str
    year: int
    version: str | None = None


class GapItemOut(BaseModel):
    test_id: str
    name: str
    status: str = Field(description="found | not_found | not_applicable")
    status_label: str
    sample: str = Field(description="tumor | germline | both | blood")
    sample_label: str
    why: str
    decides: str
    question: str
    settings: list[str]
    result: str | None
    evidence: list[EvidenceOut]
    note: str | None
    sources: list[SourceOut]


class GapReportOut(BaseModel):
    cancer_type: str | None
    code: str | None
    stage: str | None
    setting: str
    items: list[GapItemOut]
    germline_vs_tumor: str | None
    message: str | None


class SummaryItemOut(BaseModel):
    label: str
    value: str
    evidence: list[EvidenceOut]
    conflict: bool


class ChecklistOut(BaseModel):
    id: str
    name: str
    have: bool
    status: str
    in_uploads: list[str]
    why: str
    who_holds: str
    how_to_request: str
    important: bool
    sources: list[SourceOut]


class QuestionOut(BaseModel):
    id: str
    text: str
    category: str
    reason: str
    score: int


class LetterOut(BaseModel):
    id: str
    title: str
    to: str
    body: str


class CenterOut(BaseModel):
    name: str
    designation: str
    city: str
    state: str
    zip: str
    website: str
    adults: bool
    children: bool
    miles: float


class SpecialistOut(BaseModel):
    role: str
    why: str


class TimingOut(BaseModel):
    usual_wait: list[str]
    do_not_wait: list[str]
    urgent: bool
    matched: list[str]
    emergency_note: str
    sources: list[SourceOut]


class KitOut(BaseModel):
    generated: str
    personal: bool
    cancer_type: str | None
    code: str | None
    summary: list[SummaryItemOut]
    timeline: list[SummaryItemOut]
    gaps: GapReportOut
    checklist: list[ChecklistOut]
    questions: list[QuestionOut]
    how_to_ask: str
    conversation: list[str]
    letters: list[LetterOut]
    specialists: list[SpecialistOut]
    timing: TimingOut
    zip: str | None
    place: str | None
    centers: list[CenterOut]
    zip_error: str | None
    remote_note: str
    uploads_that_help: list[str]
    disclaimer: str
    guidance_version: str
    pdf_base64: str | None = None


class TopicRowOut(BaseModel):
    topic: str
    label: str
    a: list[str]
    b: list[str]
    a_keys: list[str]
    b_keys: list[str]
    agreement: str = Field(description="agree | partly | differ | only_a | only_b | neither")
    agreement_label: str
    question: str | None


class ComparisonOut(BaseModel):
    rows: list[TopicRowOut]
    agree: list[str]
    differ: list[str]
    questions: list[str]
    note: str
    label_a: str
    label_b: str
    sources: list[SourceOut]


def _data(request: Request) -> GuidanceData:
    return load_guidance(request.app.state.settings.pack_dir)


def _case(profile: dict[str, Any] | None) -> Case:
    return case_from_json(profile)


@router.post("/kit", response_model=KitOut, summary="Second-opinion kit for a profile")
def api_kit(body: KitRequest, request: Request) -> KitOut:
    """The kit as JSON; an unknown ZIP code is a 400 with a clear message."""
    kit = build_kit(_case(body.profile), _data(request), body.zip, strict_zip=True)
    out = KitOut.model_validate(kit.to_json())
    if body.pdf:
        out.pdf_base64 = base64.b64encode(kit_pdf(kit)).decode("ascii")
    return out


@router.post(
    "/kit/pdf",
    summary="Second-opinion kit as a PDF",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}}},
)
def api_kit_pdf(body: KitRequest, request: Request) -> Response:
    """The printable kit (PDF bytes)."""
    kit = build_kit(_case(body.profile), _data(request), body.zip, strict_zip=True)
    return Response(kit_pdf(kit), media_type="application/pdf", headers={"Cache-Control": "no-store"})


@router.post("/gaps", response_model=GapReportOut, summary="Biomarker gap check for a profile")
def api_gaps(body: GapsRequest, request: Request) -> GapReportOut:
    """Each recommended test: found (with result and evidence), not found, or not applicable."""
    return GapReportOut.model_validate(check_gaps(_case(body.profile), _data(request)).to_json())


@router.post("/compare", response_model=ComparisonOut, summary="Compare two treatment plans")
def api_compare(body: CompareRequest, request: Request) -> ComparisonOut:
    """Two plans side by side: agreements, differences and questions for both doctors."""
    text_a, text_b = plan_text_from_json(body.plan_a), plan_text_from_json(body.plan_b)
    return ComparisonOut.model_validate(compare_plans(text_a, text_b, _data(request)).to_json())
