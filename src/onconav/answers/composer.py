"""ExtractiveComposer: build a structured, cited answer from retrieved passages (no LLM needed)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from onconav.answers.facets import facet_of, facet_rank
from onconav.answers.text import DISCLAIMER, UPLOAD_INVITATION, relevance, sentences, split_blocks
from onconav.domain import Answer, AnswerSection, Block, Citation, Profile, SearchHit, Topic, Triage

MIN_RELEVANCE = 0.34
MAX_SECTIONS = 6
MAX_BLOCKS_PER_SECTION = 3
MAX_QUESTIONS = 8
BottomLineLookup = Callable[[str], SearchHit | None]


@dataclass
class _Draft:
    """Citations are numbered in order of first use."""

    citations: list[Citation] = field(default_factory=list)
    by_chunk: dict[str, int] = field(default_factory=dict)

    def cite(self, hit: SearchHit) -> int:
        n = self.by_chunk.get(hit.chunk_id)
        if n is None:
            n = len(self.citations) + 1
            self.by_chunk[hit.chunk_id] = n
            self.citations.append(
                Citation(
                    n=n,
                    doc_id=hit.doc_id,
                    chunk_id=hit.chunk_id,
                    title=hit.title,
                    url=hit.url,
                    publisher=hit.publisher,
                    passage=hit.text,
                    heading=hit.heading,
                )
            )
        return n


class ExtractiveComposer:
    """Compose an answer only from passage text: every block cites the passages it came from."""

    name = "extractive"

    def __init__(self, bottom_line_lookup: BottomLineLookup | None = None) -> None:
        self.bottom_line_lookup = bottom_line_lookup

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
        """Build the answer: safety first, then sections in reading order, questions, bottom line."""
        draft = _Draft()
        sections: list[AnswerSection] = []
        safety = _safety_section(triage)
        if safety:
            sections.append(safety)
        scores = {h.chunk_id: relevance(question, h) for h in hits}
        relevant = [h for h in hits if scores[h.chunk_id] >= MIN_RELEVANCE * 0.8]
        weak = not hits or max(scores.values(), default=0.0) < MIN_RELEVANCE
        if weak:
            sections.append(_weak_section(draft, hits[:3]))
            bottom = ""
        else:
            codes = set(topic_codes or ([topic.oncotree_code] if topic else []))
            relevant = _topic_first(relevant, codes)
            body = _content_sections(draft, intent, _dedupe(relevant))
            sections.extend(body)
            questions = _questions_section(draft, relevant)
            quotes = _quotes_section(draft, relevant)
            sections.extend(s for s in (quotes, questions) if s)
            bottom = self._bottom_line(draft, relevant)
        return Answer(
            id="",
            question=question,
            created_at="",
            kb_version="",
            topic=topic,
            intent=intent,
            triage=triage,
            sections=sections,
            citations=draft.citations,
            disclaimer=DISCLAIMER,
            generated_by=self.name,
            grounded_in=_grounded_in(draft.citations),
            bottom_line=bottom,
            weak_evidence=weak,
            personal_facts=list(personal_facts or []),
        )

    def _bottom_line(self, draft: _Draft, hits: list[SearchHit]) -> str:
        for h in hits:
            if facet_of(h.heading) == "bottom_line":
                return f"{_first_sentences(h.text, 2)} [{draft.cite(h)}]"
        if self.bottom_line_lookup:
            for h in hits[:3]:
                found = self.bottom_line_lookup(h.doc_id)
                if found:
                    return f"{_first_sentences(found.text, 2)} [{draft.cite(found)}]"
        if hits:
            return f"{_first_sentences(hits[0].text, 1)} [{draft.cite(hits[0])}]"
        return ""


def _topic_first(hits: list[SearchHit], codes: set[str]) -> list[SearchHit]:
    """Passages from documents about the question's cancer type come before general ones (stable)."""
    if not codes:
        return hits
    return sorted(hits, key=lambda h: not codes.intersection(h.cancer_types))


def _first_sentences(text: str, n: int) -> str:
    paragraph = next((b.text for b in split_blocks(text) if b.type == "paragraph" and b.text), text)
    return " ".join(sentences(paragraph or "")[:n])


def _safety_section(triage: Triage) -> AnswerSection | None:
    if triage.level == "routine" and not triage.redirect:
        return None
    heading = {"emergency": "Get help now", "urgent": "Call your care team today"}.get(
        triage.level, "About your request"
    )
    block = Block(type="alert", text=triage.message, items=list(triage.actions) or None)
    return AnswerSection(heading=heading, blocks=[block])


def _weak_section(draft: _Draft, hits: list[SearchHit]) -> AnswerSection:
    blocks = [
        Block(
            type="paragraph",
            text=(
                "The knowledge base does not have a good answer to this question, so we will not guess. "
                "Your care team is the best place to ask it."
            ),
        )
    ]
    if hits:
        items = [f"{h.title}: {h.heading}" for h in hits]
        blocks.append(Block(type="list", items=items, citations=[draft.cite(h) for h in hits]))
        blocks[-1].text = "These pages came closest; they may or may not help:"
    return AnswerSection(heading="What we could find", blocks=blocks)


def _dedupe(hits: list[SearchHit]) -> list[SearchHit]:
    out: list[SearchHit] = []
    seen: list[set[str]] = []
    for h in hits:
        words = set(re.findall(r"[a-z]{4,}", h.text.lower()))
        if any(len(words & s) / max(1, len(words | s)) > 0.6 for s in seen):
            continue
        seen.append(words)
        out.append(h)
    return out


def _content_sections(draft: _Draft, intent: str, hits: list[SearchHit]) -> list[AnswerSection]:
    usable = [h for h in hits if facet_of(h.heading) not in {"questions", "bottom_line"}]
    if sum(1 for h in usable if h.heading != h.title) >= 3:  # intros say little; keep them only if needed
        usable = [h for h in usable if h.heading != h.title]
    chosen: list[SearchHit] = []
    per_doc: dict[str, int] = {}
    for h in usable:  # at most three sections from one document keeps the answer balanced
        if per_doc.get(h.doc_id, 0) < 3 and len(chosen) < MAX_SECTIONS:
            per_doc[h.doc_id] = per_doc.get(h.doc_id, 0) + 1
            chosen.append(h)
    order = {h.chunk_id: (facet_rank(intent, facet_of(h.heading)), i) for i, h in enumerate(chosen)}
    chosen.sort(key=lambda h: order[h.chunk_id])  # reading order; ties keep topic-first relevance order
    sections: dict[str, AnswerSection] = {}
    for h in chosen:
        blocks = _blocks_from(h, draft.cite(h))
        if not blocks:
            continue
        heading = _section_heading(h)
        sections.setdefault(heading.lower(), AnswerSection(heading=heading)).blocks.extend(blocks)
    return list(sections.values())


def _section_heading(h: SearchHit) -> str:
    heading = h.heading.strip()
    return h.title if len(heading) < 4 or heading == h.title else heading


def _blocks_from(hit: SearchHit, n: int) -> list[Block]:
    blocks: list[Block] = []
    for b in split_blocks(hit.text)[:MAX_BLOCKS_PER_SECTION]:
        if b.type == "paragraph" and b.text:
            b.text = " ".join(sentences(b.text)[:4])
        if b.type == "list" and facet_of(hit.heading) == "records":
            b.type = "checklist"
        b.citations = [n]
        blocks.append(b)
    return blocks


def _questions_section(draft: _Draft, hits: list[SearchHit]) -> AnswerSection | None:
    items: list[str] = []
    cites: list[int] = []
    seen: set[str] = set()
    for h in hits:
        if facet_of(h.heading) != "questions":
            continue
        for b in split_blocks(h.text):
            for item in b.items or []:
                key = re.sub(r"\W+", " ", item.lower()).strip()
                if key in seen or not item.rstrip().endswith("?"):
                    continue
                seen.add(key)
                items.append(item)
                n = draft.cite(h)
                if n not in cites:
                    cites.append(n)
        if len(items) >= MAX_QUESTIONS:
            break
    if not items:
        return None
    return AnswerSection(
        "Questions to ask your care team",
        [Block(type="questions", items=items[:MAX_QUESTIONS], citations=cites)],
    )


def _quotes_section(draft: _Draft, hits: list[SearchHit]) -> AnswerSection | None:
    quotes = [h for h in hits if h.speaker][:2]
    if not quotes:
        return None
    blocks = [
        Block(
            type="quote", text=h.text, attribution=f"{h.speaker}, in “{h.title}”", citations=[draft.cite(h)]
        )
        for h in quotes
    ]
    return AnswerSection("What experts say", blocks)


def _grounded_in(citations: list[Citation]) -> str:
    if not citations:
        return "No passage in the knowledge base matched this question well."
    docs = {c.doc_id for c in citations}
    publishers = sorted({c.publisher for c in citations if c.publisher})
    return (
        f"Grounded in {len(citations)} passage{'s' * (len(citations) != 1)} from {len(docs)} "
        f"document{'s' * (len(docs) != 1)}" + (f" ({'; '.join(publishers)})" if publishers else "") + "."
    )


__all__ = ["ExtractiveComposer", "UPLOAD_INVITATION"]
