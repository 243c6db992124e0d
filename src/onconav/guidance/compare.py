"""Compare two opinions: line up two plans by topic, mark agreements and differences, never rank them."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from onconav.errors import InputError
from onconav.guidance.case import treatment_categories
from onconav.guidance.data import GuidanceData

Agreement = Literal["agree", "differ", "partly", "only_a", "only_b", "neither"]
TOPICS: tuple[tuple[str, str], ...] = (
    ("diagnosis", "Diagnosis and stage (as each doctor read it)"),
    ("surgery", "Surgery"),
    ("systemic", "Systemic therapy (chemotherapy, targeted, immunotherapy, hormone)"),
    ("radiation", "Radiation"),
    ("trials", "Clinical trials"),
    ("intent", "Goal of treatment"),
    ("timing", "Timing and order"),
)
AGREEMENT_LABELS = {
    "agree": "Both say the same",
    "differ": "They differ",
    "partly": "Partly the same",
    "only_a": "Only the first plan mentions this",
    "only_b": "Only the second plan mentions this",
    "neither": "Neither plan mentions this",
}
NEUTRAL_NOTE = (
    "onconav only lines the two plans up. It does not rank them or pick one: two careful doctors can "
    "read the same case differently, and only your doctors, with you, can weigh the plans for your situation."
)
MAX_PLAN_CHARS = 60_000
_KEYS: dict[str, list[str]] = {
    "diagnosis": [
        r"\bstage\s+(?:0|I{1,3}V?|IV)[ABC]?\d?\b",
        r"\b[cpy]?T[0-4][a-d]?\s*[cpy]?N[0-3][a-c]?",
        r"\b(?:adeno|squamous|small cell|ductal|lobular|serous|urothelial)\w*\b",
        r"\b(?:resectable|borderline resectable|unresectable|locally advanced|metasta\w+)\b",
    ],
    "surgery": [
        r"\b\w*ectomy\b|\bwhipple\b|\bresection\b|\bexcision\b|\bdissection\b|\bsurgery\b|"
        r"\boperation\b|\btransplant\b"
    ],
    "systemic": [
        r"\b\w+(?:mab|nib|platin|taxel|rubicin|citabine|zolomide|lutamide|trozole|rafenib)\b|"
        r"\b(?:m?FOLFIRINOX|FOLFOX|FOLFIRI|CAPOX|XELOX|tamoxifen|fulvestrant|fluorouracil|5-FU|"
        r"cyclophosphamide|irinotecan|pemetrexed|etoposide|leuprolide|abiraterone)\b",
        r"\b(?:chemotherapy|immunotherapy|targeted therapy|hormone therapy|endocrine therapy|chemo)\b",
    ],
    "radiation": [
        r"\b(?:chemoradiation|chemoradiotherapy|radiation|radiotherapy|SBRT|IMRT|proton|"
        r"brachytherapy|stereotactic)\b",
        r"\b\d+(?:\.\d+)?\s*Gy\b",
    ],
    "trials": [r"\bNCT\d{8}\b", r"\b(?:clinical trial|trial|study)\b"],
    "intent": [
        r"\b(?:curative|cure|palliative|control|comfort|adjuvant|neoadjuvant|definitive|"
        r"maintenance|surveillance|watchful waiting|active surveillance)\b"
    ],
    "timing": [
        r"\b(?:before surgery|after surgery|neoadjuvant|adjuvant|first|followed by|"
        r"within \d+ (?:days|weeks)|\d+ cycles|\d+ (?:weeks|months)|immediately|right away|"
        r"as soon as possible|total neoadjuvant)\b"
    ],
}
_NEGATION = re.compile(r"(?i)\b(no|not|without|avoid|defer|decline|instead of|rather than|unnecessary)\b")


@dataclass
class TopicRow:
    """One topic, with what each plan says and whether they agree."""

    topic: str
    label: str
    a: list[str]
    b: list[str]
    a_keys: list[str]
    b_keys: list[str]
    agreement: Agreement
    agreement_label: str
    question: str | None = None


@dataclass
class Comparison:
    """Two plans side by side, with questions for both doctors."""

    rows: list[TopicRow]
    agree: list[str]
    differ: list[str]
    questions: list[str]
    note: str = NEUTRAL_NOTE
    label_a: str = "Opinion A"
    label_b: str = "Opinion B"
    sources: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """A plain dict for JSON output."""
        return asdict(self)


def sentences(text: str) -> list[str]:
    """Split plan text into short statements (lines, bullets and sentences)."""
    out = []
    for line in re.split(r"[\r\n]+", text):
        line = line.strip(" \t-*•")
        for part in re.split(r"(?<=[.;!?])\s+(?=[A-Z0-9])", line):
            part = part.strip()
            if len(part) >= 3:
                out.append(part)
    return out


def _normalize(topic: str, raw: str) -> str:
    key = re.sub(r"\s+", " ", raw.lower()).strip()
    if re.match(r"[cpy]?t[0-4]", key):
        key = re.sub(r"[cpy](?=n\d)", "", key.replace(" ", ""))
    if key == "chemo":
        key = "chemotherapy"
    return key


def _drug_classes(keys: list[str]) -> list[str]:
    """Treatment classes (chemotherapy, targeted, ...) of the drug names, so 'which drugs' and 'what kind'
    are compared separately."""
    out: list[str] = []
    for key in keys:
        for category in treatment_categories([{"type": "", "name": key}]):
            if category not in keys and category not in out and category not in ("surgery", "radiation"):
                out.append(category)
    return out


def _keys(topic: str, text: str) -> list[str]:
    found: list[str] = []
    for pattern in _KEYS[topic]:
        for mt in re.finditer(pattern, text, re.I):
            key = _normalize(topic, mt.group(0))
            prefix = "no " if _NEGATION.search(text[max(0, mt.start() - 30) : mt.start()]) else ""
            if prefix + key not in found:
                found.append(prefix + key)
    return found


def read_plan(text: str) -> dict[str, tuple[list[str], list[str]]]:
    """For each topic: the plan's statements about it, and normalized keys for comparing."""
    if not text or not text.strip():
        raise InputError("a plan is empty: paste or upload the text of both plans")
    if len(text) > MAX_PLAN_CHARS:
        raise InputError(f"a plan is too long ({len(text)} characters; the limit is {MAX_PLAN_CHARS})")
    out: dict[str, tuple[list[str], list[str]]] = {}
    parts = sentences(text)
    for topic, _ in TOPICS:
        said = [s for s in parts if _keys(topic, s)]
        keys: list[str] = []
        for s in said:
            keys += [k for k in _keys(topic, s) if k not in keys]
        if topic == "systemic":
            keys += _drug_classes(keys)
        out[topic] = (said[:8], keys)
    return out


def _agreement(a: list[str], b: list[str]) -> Agreement:
    if not a and not b:
        return "neither"
    if not b:
        return "only_a"
    if not a:
        return "only_b"
    sa, sb = set(a), set(b)
    if sa == sb:
        return "agree"
    return "partly" if sa & sb else "differ"


def _topic_question(topic: str, label: str, agreement: Agreement) -> str | None:
    if agreement in ("agree", "neither"):
        return None
    if agreement in ("only_a", "only_b"):
        return (
            f"{label}: one plan includes it and the other does not mention it. What would it add "
            "for me, and what would leaving it out mean?"
        )
    if agreement == "partly":
        return (
            f"{label}: the plans overlap but are not the same. Where exactly do they differ, and why "
            "did each of you choose your version?"
        )
    return (
        f"{label}: the plans say different things. What led each of you to your choice, and what "
        "would make you choose the other?"
    )


def compare_plans(text_a: str, text_b: str, data: GuidanceData | None = None) -> Comparison:
    """Line the two plans up topic by topic; questions for both doctors come from the question bank."""
    plan_a, plan_b = read_plan(text_a), read_plan(text_b)
    rows = []
    for topic, label in TOPICS:
        (sa, ka), (sb, kb) = plan_a[topic], plan_b[topic]
        agreement = _agreement(ka, kb)
        rows.append(
            TopicRow(
                topic,
                label,
                sa,
                sb,
                ka,
                kb,
                agreement,
                AGREEMENT_LABELS[agreement],
                _topic_question(topic, label, agreement),
            )
        )
    differ = [r.label for r in rows if r.agreement in ("differ", "partly", "only_a", "only_b")]
    agree = [r.label for r in rows if r.agreement == "agree"]
    return Comparison(
        rows=rows, agree=agree, differ=differ, questions=_questions(rows, data), sources=_sources(data)
    )


def _questions(rows: list[TopicRow], data: GuidanceData | None) -> list[str]:
    diagnosis_differs = any(r.topic == "diagnosis" and r.agreement in ("differ", "partly") for r in rows)
    out: list[str] = []
    for q in data.questions if data else []:
        if not q.triggers.opinions_differ:
            continue
        if q.id == "od_pathology_disagree" and not diagnosis_differs:
            continue
        out.append(q.text)
    out += [r.question for r in rows if r.question]
    return out


def _sources(data: GuidanceData | None) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for q in data.questions if data else []:
        if q.triggers.opinions_differ:
            out += [
                s.model_dump(exclude_none=True)
                for s in q.sources
                if s.model_dump(exclude_none=True) not in out
            ]
    return out


def plan_text_from_json(data: Any) -> str:
    """Plan text from JSON: {"text": ...}, or topic fields like {"surgery": ..., "radiation": ...}."""
    if isinstance(data, str):
        return data
    if not isinstance(data, dict):
        raise InputError(
            "a JSON plan must be an object with 'text' or topic fields (surgery, radiation, ...)"
        )
    if isinstance(data.get("text"), str):
        return str(data["text"])
    lines = []
    for key, value in data.items():
        if isinstance(value, str | int | float):
            lines.append(f"{key.replace('_', ' ').capitalize()}: {value}.")
        elif isinstance(value, list):
            lines += [f"{key.replace('_', ' ').capitalize()}: {v}." for v in value if isinstance(v, str)]
    if not lines:
        raise InputError("the JSON plan has no text: give 'text' or topic fields such as 'surgery'")
    return "\n".join(lines)
