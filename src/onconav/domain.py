"""Plain dataclasses shared by every part of onconav (no I/O, no framework imports)."""

from __future__ import annotations

import dataclasses
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Audience = Literal["patient", "professional"]
TriageLevel = Literal["emergency", "urgent", "routine"]


# --------------------------------------------------------------------------- knowledge


@dataclass
class Passage:
    """A section of a document, split at a heading; lists and steps are kept whole."""

    chunk_id: str
    doc_id: str
    heading: str
    headings: list[str]
    text: str
    position: int = 0
    speaker: str | None = None  # transcripts: who said it


@dataclass
class Document:
    """A knowledge-base document with the metadata needed to cite it."""

    doc_id: str
    title: str
    url: str = ""
    publisher: str = ""
    license: str = ""
    audience: Audience = "patient"
    reviewed: str = ""
    cancer_types: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    summary: str = ""
    kind: str = "article"  # article | transcript | guideline | web
    sources: list[dict[str, str]] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)
    content_hash: str = ""


@dataclass
class SearchHit:
    """One passage found by a search."""

    doc_id: str
    chunk_id: str
    title: str
    url: str
    score: float
    snippet: str
    heading: str = ""
    audience: str = "patient"
    text: str = ""
    publisher: str = ""
    cancer_types: list[str] = field(default_factory=list)
    kind: str = "article"
    speaker: str | None = None
    doc_passages: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "chunk_id": self.chunk_id,
            "title": self.title,
            "url": self.url,
            "score": round(self.score, 4),
            "snippet": self.snippet or make_snippet(self.text),
        }


def make_snippet(body: str, limit: int = 240) -> str:
    """The start of a passage, cut at a word boundary."""
    flat = " ".join(body.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rsplit(" ", 1)[0] + "…"


# --------------------------------------------------------------------------- answers


@dataclass
class Citation:
    n: int
    doc_id: str
    chunk_id: str
    title: str
    url: str
    publisher: str
    passage: str
    heading: str = ""


@dataclass
class Block:
    """A paragraph, list, numbered steps, checklist, questions or a quote."""

    type: str  # paragraph | list | steps | checklist | questions | quote | alert
    text: str | None = None
    items: list[str] | None = None
    citations: list[int] = field(default_factory=list)
    attribution: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": self.type, "citations": self.citations}
        if self.items is not None:
            out["items"] = self.items
        if self.text is not None:
            out["text"] = self.text
        if self.attribution:
            out["attribution"] = self.attribution
        return out


@dataclass
class AnswerSection:
    heading: str
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Triage:
    level: TriageLevel
    message: str
    actions: list[str] = field(default_factory=list)
    matched: list[str] = field(default_factory=list)
    redirect: str | None = None  # dose / stop-treatment / diagnosis requests


@dataclass
class Topic:
    name: str
    oncotree_code: str


@dataclass
class Answer:
    id: str
    question: str
    created_at: str
    kb_version: str
    topic: Topic | None
    intent: str
    triage: Triage
    sections: list[AnswerSection]
    citations: list[Citation]
    disclaimer: str
    generated_by: str
    grounded_in: str = ""
    bottom_line: str = ""
    weak_evidence: bool = False
    personal_facts: list[str] = field(default_factory=list)
    markdown: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "id": self.id,
            "created_at": self.created_at,
            "kb_version": self.kb_version,
            "topic": asdict(self.topic) if self.topic else None,
            "intent": self.intent,
            "triage": {
                "level": self.triage.level,
                "message": self.triage.message,
                "actions": self.triage.actions,
                "redirect": self.triage.redirect,
            },
            "grounded_in": self.grounded_in,
            "sections": [
                {"heading": s.heading, "blocks": [b.to_json() for b in s.blocks]} for s in self.sections
            ],
            "bottom_line": self.bottom_line,
            "citations": [asdict(c) for c in self.citations],
            "weak_evidence": self.weak_evidence,
            "personal_facts": self.personal_facts,
            "disclaimer": self.disclaimer,
            "generated_by": self.generated_by,
            "markdown": self.markdown,
        }


# --------------------------------------------------------------------------- records


@dataclass
class Evidence:
    """Where a fact came from: document, page, character span and the words."""

    document: str
    page: int | None
    start: int
    end: int
    text: str


@dataclass
class Fact:
    """One extracted fact with its evidence."""

    field: str
    value: Any
    evidence: list[Evidence] = dataclasses.field(default_factory=list)
    confidence: float = 0.9
    derived: bool = False
    rule: str | None = None
    negated: bool = False
    uncertain: bool = False
    conflict: bool = False
    source_date: str | None = None

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        return out


@dataclass
class Tnm:
    prefix: str | None = None
    t: str | None = None
    n: str | None = None
    m: str | None = None
    edition: str | None = None


@dataclass
class Biomarker:
    name: str
    result: str | None = None  # positive | negative | equivocal | mutated | wild-type | high | low | ...
    value: str | None = None  # e.g. "90%", "3+", "G12D", "TPS 60%"
    method: str | None = None  # IHC, FISH, NGS, PCR


@dataclass
class Profile:
    """A patient's clinical profile as `onconav records extract --json` prints it."""

    cancer_type: dict[str, str] | None = None  # {"name", "oncotree_code"}
    primary_site: str | None = None
    laterality: str | None = None
    histology: str | None = None
    grade: str | None = None
    tnm: Tnm = field(default_factory=Tnm)
    stage_group: str | None = None
    tumor_size_cm: float | None = None
    lymph_nodes: dict[str, int | None] = field(default_factory=lambda: {"examined": None, "positive": None})
    margins: str | None = None
    lvi: str | None = None
    pni: str | None = None
    metastatic_sites: list[str] = field(default_factory=list)
    biomarkers: list[Biomarker] = field(default_factory=list)
    treatments: list[dict[str, Any]] = field(default_factory=list)
    dates: list[dict[str, Any]] = field(default_factory=list)
    care_team: list[dict[str, Any]] = field(default_factory=list)
    age: int | None = None
    sex: str | None = None
    ecog: int | None = None
    document_kinds: list[str] = field(default_factory=list)
    hospital: str | None = None
    # Fields whose value rests on an assumption (no distant spread or no nodes described: cM0/cN0);
    # consumers treat them as likely, not known.
    assumed: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Profile:
        """Read a profile (or a whole `records extract` output) tolerantly."""
        if "profile" in data and isinstance(data["profile"], dict):
            data = data["profile"]
        known = set(cls.__dataclass_fields__)
        kwargs = {k: v for k, v in data.items() if k in known}
        tnm = kwargs.get("tnm")
        kwargs["tnm"] = (
            Tnm(**{k: v for k, v in tnm.items() if k in Tnm.__dataclass_fields__})
            if isinstance(tnm, dict)
            else Tnm()
        )
        kwargs["biomarkers"] = [
            Biomarker(**{k: v for k, v in b.items() if k in Biomarker.__dataclass_fields__})
            for b in (kwargs.get("biomarkers") or [])
            if isinstance(b, dict) and b.get("name")
        ]
        if not isinstance(kwargs.get("lymph_nodes"), dict):
            kwargs["lymph_nodes"] = {"examined": None, "positive": None}
        for key in ("metastatic_sites", "treatments", "dates", "care_team", "document_kinds", "assumed"):
            if not isinstance(kwargs.get(key), list):
                kwargs[key] = []
        return cls(**kwargs)

    def is_empty(self) -> bool:
        return not (
            self.cancer_type
            or self.histology
            or self.stage_group
            or self.tnm.t
            or self.biomarkers
            or self.treatments
        )
