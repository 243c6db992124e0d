"""The second-opinion kit: summary, records checklist, questions, letters, where to go and timing."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from onconav.errors import InputError
from onconav.guidance.case import Case
from onconav.guidance.centers import REMOTE_NOTE, NearbyCenter, nearest_centers, place_of
from onconav.guidance.checklist import ChecklistEntry, records_checklist
from onconav.guidance.data import GuidanceData, load_guidance
from onconav.guidance.gaps import GapReport, check_gaps
from onconav.guidance.letters import HOW_TO_ASK_INTRO, Letter, conversation_lines, letters_for
from onconav.guidance.questions import ChosenQuestion, choose_questions, gap_questions, merge_questions
from onconav.guidance.summary import SummaryItem, case_summary, timeline
from onconav.guidance.timing import Timing, timing_for

DISCLAIMER = (
    "This kit organizes what your records show and what guidelines list; it is not medical advice and it "
    "does not replace your care team. Check every item with your doctors."
)
MAX_QUESTIONS = 18
UPLOADS_THAT_HELP = (
    "A pathology report (from the biopsy or surgery): it gives the exact cancer type, grade and often "
    "the stage.",
    "Biomarker or genomic test reports: they show which recommended tests are already done.",
    "Imaging reports (CT, MRI, PET): they show whether and where the cancer has spread.",
    "Your treatment plan or the latest oncology visit note: it shows what is planned.",
    "A FHIR export from your patient portal, if your hospital offers one.",
)


@dataclass
class SpecialistLine:
    role: str
    why: str


@dataclass
class Kit:
    """Everything on the kit page and in the PDF."""

    generated: str
    personal: bool
    cancer_type: str | None
    code: str | None
    summary: list[SummaryItem]
    timeline: list[SummaryItem]
    gaps: GapReport
    checklist: list[ChecklistEntry]
    questions: list[ChosenQuestion]
    how_to_ask: str
    conversation: list[str]
    letters: list[Letter]
    specialists: list[SpecialistLine]
    timing: Timing
    zip: str | None = None
    place: str | None = None
    centers: list[NearbyCenter] = field(default_factory=list)
    zip_error: str | None = None
    remote_note: str = REMOTE_NOTE
    uploads_that_help: list[str] = field(default_factory=list)
    disclaimer: str = DISCLAIMER
    guidance_version: str = ""

    def to_json(self) -> dict[str, Any]:
        """A plain dict for JSON output."""
        return asdict(self)

    def missing_records(self) -> list[str]:
        """Ids of checklist items that are not in the uploads."""
        return [c.id for c in self.checklist if not c.have]


def _specialists(case: Case, data: GuidanceData) -> list[SpecialistLine]:
    entry = data.specialists_for(case.code, case.codes[1:])
    return [SpecialistLine(s.role, s.why) for s in entry.specialists]


def _centers(data: GuidanceData, zip_code: str | None, case: Case) -> tuple[list[NearbyCenter], str | None]:
    if not zip_code or not zip_code.strip():
        return [], None
    child = True if case.profile.age is not None and case.profile.age < 18 else None
    try:
        return nearest_centers(data.centers, zip_code, limit=6, child=child), None
    except InputError as exc:
        return [], f"{exc}. Check the ZIP code; the rest of the kit does not depend on it."


def build_kit(case: Case, data: GuidanceData, zip_code: str | None = None, strict_zip: bool = False) -> Kit:
    """Build the kit for a case; an unknown ZIP is reported in the kit (or raised when strict_zip)."""
    gaps = check_gaps(case, data)
    centers, zip_error = _centers(data, zip_code, case)
    if zip_error and strict_zip:
        raise InputError(zip_error)
    bank = choose_questions(case, gaps, data, limit=12)
    questions = merge_questions(bank, gap_questions(gaps))[:MAX_QUESTIONS]
    first_center = centers[0].name if centers else None
    return Kit(
        generated=date.today().isoformat(),
        personal=not case.empty,
        cancer_type=case.cancer_name or None,
        code=case.code or None,
        summary=case_summary(case),
        timeline=timeline(case),
        gaps=gaps,
        checklist=records_checklist(case, data),
        questions=questions,
        how_to_ask=HOW_TO_ASK_INTRO,
        conversation=conversation_lines(case),
        letters=letters_for(case, first_center),
        specialists=_specialists(case, data),
        timing=timing_for(case, data),
        zip=zip_code.strip() if zip_code and zip_code.strip() else None,
        place=place_of(zip_code) if zip_code and not zip_error else None,
        centers=centers,
        zip_error=zip_error,
        uploads_that_help=list(UPLOADS_THAT_HELP) if case.empty or not case.codes else [],
        guidance_version=data.version,
    )


def kit_for(case: Case, pack_dir: Path, zip_code: str | None = None, strict_zip: bool = False) -> Kit:
    """Load the guidance data from a pack folder and build the kit."""
    return build_kit(case, load_guidance(pack_dir), zip_code, strict_zip)


def link_documents(kit: Kit, names: dict[str, str]) -> Kit:
    """Evidence pointing at stored documents (by id) gets the file name, keeping the id for links."""
    items = [*kit.summary, *kit.timeline]
    refs = [e for i in items for e in i.evidence] + [e for g in kit.gaps.items for e in g.evidence]
    for ref in refs:
        if ref.document in names:
            ref.doc_id, ref.document = ref.document, names[ref.document]
    return kit


def apply_edits(kit: Kit, questions_text: str | None = None, letters: dict[str, str] | None = None) -> Kit:
    """The patient's edited questions (one per line) and letters replace the generated ones."""
    if questions_text is not None:
        lines = [ln.strip().lstrip("-*•").strip() for ln in questions_text.splitlines()]
        kit.questions = [
            ChosenQuestion(f"edited_{i}", ln[:1000], "edited", "written or edited by you", 0)
            for i, ln in enumerate(ln for ln in lines if ln)
        ][:60]
    for letter in kit.letters:
        edited = (letters or {}).get(letter.id)
        if edited is not None and edited.strip():
            letter.body = edited.replace("\r\n", "\n").strip()[:20000]
    return kit
