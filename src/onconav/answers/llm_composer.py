"""LlmComposer: an optional LLM rewrites the answer from numbered passages; every sentence is checked.

The extractive answer is always built first: it is the fallback and it owns the safety section, which
the LLM never sees or rewrites. The LLM gets the question (redacted when the endpoint is not on this
machine) and the numbered passages, nothing else (no profile, no personal facts). Its JSON reply is
validated strictly: a block citing an unknown passage number or citing nothing is dropped, and so is
every sentence or item whose content words do not overlap enough with the passages it cites. If too
little survives, or the call fails, the extractive answer is returned: the LLM never makes an answer fail.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from onconav.answers.composer import MIN_RELEVANCE, _Draft, _grounded_in
from onconav.answers.grounding import check_grounding, unsafe_advice
from onconav.answers.llm import LlmClient, LlmError, Message, client_for, is_loopback
from onconav.answers.text import relevance, sentences
from onconav.config import Settings
from onconav.domain import Answer, AnswerSection, Block, Citation, Profile, SearchHit, Topic, Triage
from onconav.errors import ExternalServiceError

MAX_PASSAGES = 8
MAX_PASSAGE_CHARS = 2000
MAX_SECTIONS = 6
MAX_BLOCKS = 4
MAX_ITEMS = 12
MIN_BLOCKS = 2
MIN_KEPT_SHARE = 0.5
BLOCK_TYPES = frozenset({"paragraph", "list", "steps", "checklist", "questions", "quote"})

_INLINE_CITE = re.compile(r"\s*\[(\d{1,3}(?:\s*,\s*\d{1,3})*)\]")

Reply = dict[str, Any]
log = logging.getLogger("onconav.answers.llm")


class Composer(Protocol):
    """What AnswerService needs from a composer (ExtractiveComposer and LlmComposer both fit)."""

    @property
    def name(self) -> str: ...

    def compose(
        self,
        *,
        question: str,
        intent: str,
        topic: Topic | None,
        triage: Triage,
        hits: list[SearchHit],
        profile: Profile | None = None,
        personal_facts: list[str] | None = None,
        topic_codes: list[str] | None = None,
    ) -> Answer: ...


@dataclass
class ComposeReport:
    """What happened to the LLM's reply: blocks proposed, kept, and why the rest were dropped."""

    used_llm: bool = False
    reason: str = ""
    proposed: int = 0
    kept: int = 0
    dropped: dict[str, int] = field(default_factory=dict)

    def drop(self, why: str) -> None:
        self.dropped[why] = self.dropped.get(why, 0) + 1


# --------------------------------------------------------------------------- prompt

SYSTEM_PROMPT = """You write answers for people with cancer and the people who care for them.
Answer the question using ONLY the numbered passages you are given. Rules:
- State only what the passages say. If they do not cover part of the question, leave that part out.
- Every block lists, in "citations", the numbers of the passages it is based on.
- Use plain, kind words and short sentences. Keep lists, steps and checklists as lists.
- Never give a drug dose, never tell anyone to start, stop, skip or change a treatment, and never say
  whether someone has cancer or what their stage or outlook is: point them to their care team instead.
- Do not mention these rules, and do not write passage numbers inside the text.
Reply with one JSON object and nothing else, in this shape:
{"sections": [{"heading": "...", "blocks": [
   {"type": "paragraph", "text": "...", "citations": [1]},
   {"type": "list", "text": "optional lead-in", "items": ["...", "..."], "citations": [2, 3]}]}],
 "bottom_line": {"text": "one or two sentences", "citations": [1]}}
Block types: paragraph, list, steps, checklist, questions (questions to ask the care team), quote
(a speaker's exact words copied from a passage)."""


def build_messages(question: str, intent: str, passages: Sequence[SearchHit]) -> list[Message]:
    """The chat messages: fixed instructions, then the question and the numbered passages only."""
    lines = [f"Question: {question}", f"Kind of question: {intent.replace('_', ' ')}", "", "Passages:"]
    for n, p in enumerate(passages, 1):
        where = f"{p.title} — {p.heading}" if p.heading and p.heading != p.title else p.title
        speaker = f" (spoken by {p.speaker})" if p.speaker else ""
        lines += ["", f"[{n}] {where}{speaker}", p.text[:MAX_PASSAGE_CHARS]]
    return [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": "\n".join(lines)}]


def select_passages(base: Answer, hits: Sequence[SearchHit], limit: int = MAX_PASSAGES) -> list[SearchHit]:
    """Passages the extractive answer cited (reading order), then other relevant retrieved ones."""
    by_chunk = {h.chunk_id: h for h in hits}
    out = [by_chunk.get(c.chunk_id) or _hit_of(c) for c in base.citations]
    seen = {h.chunk_id for h in out}
    out += [h for h in hits if h.chunk_id not in seen and relevance(base.question, h) >= MIN_RELEVANCE * 0.8]
    return out[:limit]


def _hit_of(c: Citation) -> SearchHit:
    return SearchHit(
        doc_id=c.doc_id,
        chunk_id=c.chunk_id,
        title=c.title,
        url=c.url,
        score=0.0,
        snippet="",
        heading=c.heading,
        text=c.passage,
        publisher=c.publisher,
    )


def parse_reply(text: str) -> Reply:
    """The first JSON object in the reply (fences and chatter tolerated); ValueError if there is none."""
    start = text.find("{")
    if start < 0:
        raise ValueError("no JSON object")
    try:
        data, _ = json.JSONDecoder().raw_decode(text, start)
    except json.JSONDecodeError as exc:
        raise ValueError("not valid JSON") from exc
    if not isinstance(data, dict) or not isinstance(data.get("sections"), list):
        raise ValueError("no 'sections' list")
    return data


# --------------------------------------------------------------------------- validation


@dataclass
class _Checker:
    """Validates reply blocks against the passages; renumbers citations in order of first use."""

    passages: list[SearchHit]
    draft: _Draft
    report: ComposeReport
    restore: Callable[[str], str]

    def cites(self, raw: object, text: str) -> list[SearchHit] | None:
        """The passages a block cites (listed or inline), or None if any number is unknown or none given."""
        numbers = [int(n) for m in _INLINE_CITE.finditer(text) for n in m.group(1).split(",")]
        listed = raw if isinstance(raw, list) else []
        good = [
            int(str(n))
            for n in listed
            if isinstance(n, int | str) and not isinstance(n, bool) and str(n).strip().isdecimal()
        ]
        if len(good) < len(listed):
            self.report.drop("bad citation")
            return None
        numbers += good
        if not numbers:
            self.report.drop("no citations")
            return None
        if any(not 1 <= n <= len(self.passages) for n in numbers):
            self.report.drop("unknown citation number")
            return None
        return [self.passages[n - 1] for n in dict.fromkeys(numbers)]

    def grounded(self, text: str, cited: list[SearchHit]) -> str:
        """The sentences of `text` that are grounded in the cited passages and safe ('' if none)."""
        sources = [f"{h.title} {h.heading} {h.text}" for h in cited]
        kept = []
        for s in sentences(_INLINE_CITE.sub("", text)):
            if len(re.findall(r"[A-Za-z]{2,}", s)) < 2:
                self.report.drop("fragment")
            elif unsafe_advice(s):
                self.report.drop("dose or stop-treatment advice")
            elif not check_grounding(s, sources):
                self.report.drop("ungrounded sentence")
            else:
                kept.append(s)
        return " ".join(kept)

    def block(self, raw: object) -> Block | None:
        """A validated block with final citation numbers, or None when nothing of it survives."""
        if not isinstance(raw, dict):
            return None
        self.report.proposed += 1
        kind = str(raw.get("type") or "paragraph").lower()
        text = str(raw.get("text") or "")[:1500]
        raw_items = raw.get("items")
        items = [
            str(i)[:500]
            for i in (raw_items if isinstance(raw_items, list) else [])
            if isinstance(i, str | int | float)
        ][:MAX_ITEMS]
        cited = self.cites(raw.get("citations"), text + " " + " ".join(items))
        if cited is None:
            return None
        if kind == "quote":
            return self._quote(text, cited)
        kind = kind if kind in BLOCK_TYPES else ("list" if items else "paragraph")
        kept_items = [g for g in (self.grounded(i, cited) for i in items) if g]
        kept_text = self.grounded(text, cited) if text.strip() else ""
        if not kept_items and not (kept_text and not items):
            return None
        self.report.kept += 1
        return Block(
            type=kind,
            text=self.restore(kept_text) or None,
            items=[self.restore(i) for i in kept_items] or None,
            citations=self._numbers(cited),
        )

    def _quote(self, text: str, cited: list[SearchHit]) -> Block | None:
        """A quote survives only if it is a speaker's exact words from a cited passage."""
        words = _norm(text)
        source = next((h for h in cited if h.speaker and words and words in _norm(h.text)), None)
        if source is None:
            self.report.drop("quote not found verbatim")
            return None
        self.report.kept += 1
        return Block(
            type="quote",
            text=text.strip().strip('“”"'),
            citations=self._numbers([source]),
            attribution=f"{source.speaker}, in “{source.title}”",
        )

    def heading(self, raw: object, blocks: list[Block]) -> str:
        """The reply's heading if grounded (one new word allowed), else the first cited passage's heading."""
        first = next(c for c in self.draft.citations if c.n == blocks[0].citations[0])
        fallback = first.heading or first.title
        text = str(raw or "").strip()[:120]
        sources = [
            f"{c.title} {c.heading} {c.passage}"
            for c in self.draft.citations
            if any(c.n in b.citations for b in blocks)
        ]
        return self.restore(text) if text and check_grounding(text, sources, slack=1) else fallback

    def _numbers(self, cited: list[SearchHit]) -> list[int]:
        return [self.draft.cite(h) for h in cited]


def _norm(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


# --------------------------------------------------------------------------- composer


class LlmComposer:
    """Composes with an LLM when it helps; the extractive answer is the floor, never worse than it."""

    def __init__(self, client: LlmClient, fallback: Composer, *, redact_question: bool | None = None) -> None:
        self.client = client
        self.fallback = fallback
        self.redact_question = not is_loopback(client.url) if redact_question is None else redact_question

    @property
    def name(self) -> str:
        return f"llm:{self.client.model}"

    @classmethod
    def from_settings(cls, settings: Settings, fallback: Composer) -> LlmComposer:
        """A composer for settings.llm_url (one shared HTTP client per endpoint)."""
        return cls(client_for(settings), fallback)

    def compose(
        self,
        *,
        question: str,
        intent: str,
        topic: Topic | None,
        triage: Triage,
        hits: list[SearchHit],
        profile: Profile | None = None,
        personal_facts: list[str] | None = None,
        topic_codes: list[str] | None = None,
    ) -> Answer:
        """Same contract as ExtractiveComposer.compose."""
        return self.compose_with_report(
            question=question,
            intent=intent,
            topic=topic,
            triage=triage,
            hits=hits,
            profile=profile,
            personal_facts=personal_facts,
            topic_codes=topic_codes,
        )[0]

    def compose_with_report(
        self,
        *,
        question: str,
        intent: str,
        topic: Topic | None,
        triage: Triage,
        hits: list[SearchHit],
        profile: Profile | None = None,
        personal_facts: list[str] | None = None,
        topic_codes: list[str] | None = None,
    ) -> tuple[Answer, ComposeReport]:
        """The answer and what happened to the LLM reply (for tests and benchmarks)."""
        base = self.fallback.compose(
            question=question,
            intent=intent,
            topic=topic,
            triage=triage,
            hits=hits,
            profile=profile,
            personal_facts=personal_facts,
            topic_codes=topic_codes,
        )
        report = ComposeReport()
        if triage.level == "emergency":
            report.reason = "emergency, answered at once"
        elif base.weak_evidence or not base.citations:
            report.reason = "weak evidence"
        else:
            try:
                return self._llm_answer(base, question, intent, select_passages(base, hits), report), report
            except ExternalServiceError as exc:
                report.reason = getattr(exc, "reason", "") or "endpoint error"
            except (ValueError, RecursionError) as exc:
                report.reason = f"invalid reply: {exc}"[:120]
            except Exception as exc:  # a bug here must never cost the patient their answer
                log.error("LLM composer failed (%s); using the extractive answer", type(exc).__name__)
                report.reason = f"internal error ({type(exc).__name__})"
        base.generated_by = f"{self.fallback.name} (llm fallback: {report.reason})"
        return base, report

    def _llm_answer(
        self, base: Answer, question: str, intent: str, passages: list[SearchHit], report: ComposeReport
    ) -> Answer:
        """Ask, validate, assemble; raises ValueError when too little of the reply is grounded."""
        sent, mapping = self._redacted(question)
        reply = parse_reply(self.client.complete(build_messages(sent, intent, passages)))
        restore_fn = _restorer(mapping)
        checker = _Checker(passages, _Draft(), report, restore_fn)
        sections = _sections(reply, checker)
        if report.kept < MIN_BLOCKS or report.kept < MIN_KEPT_SHARE * report.proposed:
            raise ValueError(f"too little grounded text ({report.kept} of {report.proposed} blocks kept)")
        has_safety = base.triage.level != "routine" or bool(base.triage.redirect)
        safety = base.sections[:1] if has_safety else []  # the extractive composer puts it first
        extras = _extras_from(base, sections, checker.draft)
        bottom = _bottom_line(reply.get("bottom_line"), checker) or _remap_text(base, checker.draft)
        report.used_llm = True
        return replace(
            base,
            sections=[*safety, *sections, *extras],
            citations=checker.draft.citations,
            bottom_line=bottom,
            grounded_in=_grounded_in(checker.draft.citations),
            generated_by=self.name,
        )

    def _redacted(self, question: str) -> tuple[str, dict[str, str]]:
        """The question as it may be sent; identifiers replaced when the endpoint is not on this machine."""
        if not self.redact_question:
            return question, {}
        try:
            from onconav.security.redaction import redact
        except ImportError as exc:  # never send unredacted text off the machine
            raise LlmError("LLM not used: redaction unavailable", "redaction unavailable") from exc
        r = redact(question)
        return r.text, r.mapping


def _restorer(mapping: dict[str, str]) -> Callable[[str], str]:
    if not mapping:
        return lambda s: s
    from onconav.security.redaction import restore

    return lambda s: restore(s, mapping)


def _sections(reply: Reply, checker: _Checker) -> list[AnswerSection]:
    """Validated sections from the reply, in its order, merged by heading."""
    out: dict[str, AnswerSection] = {}
    for raw in reply["sections"][:MAX_SECTIONS]:
        if not isinstance(raw, dict) or not isinstance(raw.get("blocks"), list):
            continue
        blocks = [b for b in (checker.block(x) for x in raw["blocks"][:MAX_BLOCKS]) if b]
        if blocks:
            heading = checker.heading(raw.get("heading"), blocks)
            out.setdefault(heading.lower(), AnswerSection(heading=heading)).blocks.extend(blocks)
    return list(out.values())


def _bottom_line(raw: object, checker: _Checker) -> str:
    """The reply's bottom line, kept only if grounded; '' otherwise."""
    if not isinstance(raw, dict):
        return ""
    counts = checker.report.proposed, checker.report.kept  # the bottom line is not a body block
    block = checker.block({"type": "paragraph", "text": raw.get("text"), "citations": raw.get("citations")})
    checker.report.proposed, checker.report.kept = counts
    if block is None or not block.text:
        return ""
    return f"{block.text} " + "".join(f"[{n}]" for n in block.citations)


def _remap_text(base: Answer, draft: _Draft) -> str:
    """The extractive bottom line, its [n] renumbered for the new citation list."""
    by_n = {c.n: c for c in base.citations}

    def renumber(m: re.Match[str]) -> str:
        c = by_n.get(int(m.group(1)))
        return f"[{draft.cite(_hit_of(c))}]" if c else ""

    return re.sub(r"\[(\d+)\]", renumber, base.bottom_line)


def _extras_from(base: Answer, sections: list[AnswerSection], draft: _Draft) -> list[AnswerSection]:
    """The extractive 'questions to ask' and expert quotes, when the LLM's answer has none of its own."""
    have = {b.type for s in sections for b in s.blocks}
    by_n = {c.n: c for c in base.citations}
    out = []
    for s in base.sections:
        kinds = {b.type for b in s.blocks}
        if kinds and kinds <= {"questions", "quote"} and not kinds & have:
            blocks = [
                Block(
                    type=b.type,
                    text=b.text,
                    items=b.items,
                    attribution=b.attribution,
                    citations=[draft.cite(_hit_of(by_n[n])) for n in b.citations if n in by_n],
                )
                for b in s.blocks
            ]
            out.append(AnswerSection(heading=s.heading, blocks=blocks))
    return out
