"""Data passed between record parsers and extractors."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

DOCUMENT_KINDS = (
    "pathology_report",
    "imaging_report",
    "lab_report",
    "genomic_report",
    "operative_note",
    "clinical_note",
    "discharge_summary",
    "treatment_plan",
    "medication_list",
    "fhir_bundle",
    "other",
)


@dataclass
class Page:
    """Text of one page (1-based number); offsets of facts are relative to this text."""

    number: int
    text: str
    ocr_confidence: float | None = None


@dataclass
class ParsedDocument:
    """What a parser returns: the text by page, how it was read, and any structured content."""

    file: str
    media_type: str
    pages: list[Page] = field(default_factory=list)
    ocr: bool = False
    kind: str = "other"
    fhir_resources: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    document_date: str | None = None

    @property
    def text(self) -> str:
        """All pages joined with form feeds."""
        return "\f".join(p.text for p in self.pages)
