"""AnswerService: triage, understand, retrieve, compose, store. The one entry point for asking."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from onconav.answers.intents import detect_intent
from onconav.answers.lay import lay_expansions
from onconav.answers.personal import personal_facts, steering_terms
from onconav.answers.render import answer_markdown
from onconav.answers.topics import TopicGuess, detect_topic
from onconav.config import Settings
from onconav.domain import Answer, Profile, SearchHit
from onconav.errors import InputError, OnconavError

if TYPE_CHECKING:
    from onconav.answers.llm_composer import Composer
    from onconav.knowledge.store import KnowledgeStore
    from onconav.storage.db import Database

MAX_QUESTION_CHARS = 2000
INTENT_TERMS = {
    "second_opinion": "second opinion",
    "clinical_trials": "clinical trials",
    "biomarkers": "biomarkers testing",
    "side_effects": "side effects",
    "staging": "stages",
    "prognosis": "outlook survival",
    "treatment": "treatment by stage",
    "tests": "tests diagnose",
    "symptoms": "symptoms",
    "overview": "what it is",
    "coping": "coping",
    "costs": "costs insurance",
}


def interleave(runs: list[list[SearchHit]], limit: int) -> list[SearchHit]:
    """Round-robin merge of ranked lists, first list first, without duplicates."""
    out: list[SearchHit] = []
    seen: set[str] = set()
    for rank in range(max((len(r) for r in runs), default=0)):
        for run in runs:
            if rank < len(run) and run[rank].chunk_id not in seen:
                seen.add(run[rank].chunk_id)
                out.append(run[rank])
    return out[:limit]


def clean_question(question: str) -> str:
    """Strip, collapse whitespace and refuse empty or huge questions with a clear message."""
    text = " ".join((question or "").replace("\x00", " ").split())
    if not text:
        raise InputError("Please type a question.")
    if len(text) > MAX_QUESTION_CHARS:
        raise InputError(
            f"That question is {len(text):,} characters long; please keep it under {MAX_QUESTION_CHARS:,} "
            "(a sentence or two works best)."
        )
    return text


class AnswerService:
    """Answers questions from the knowledge base (extractive by default, LLM optional)."""

    def __init__(self, settings: Settings, kb: KnowledgeStore, db: Database) -> None:
        self.settings = settings
        self.kb = kb
        self.db = db

    def search(self, question: str, k: int = 10, *, per_doc: int = 1) -> list[SearchHit]:
        """Passages for a question, with cancer-type query expansion."""
        text = " ".join((question or "").split())[:MAX_QUESTION_CHARS]
        if not text:
            return []
        guess = self._understand(text, None)
        return self.kb.index.search(
            text, k=k, expansions=guess.expansions, per_doc=per_doc, cancer_types=guess.codes
        )

    def ask(
        self,
        question: str,
        *,
        profile: Profile | None = None,
        store: bool = True,
        owner_id: str | None = None,
    ) -> Answer:
        """Answer a question: safety triage first, then a cited, structured answer."""
        from onconav.answers.composer import ExtractiveComposer
        from onconav.answers.triage import triage

        text = clean_question(question)
        tri = triage(text)
        guess = self._understand(text, profile)
        intent = detect_intent(text)
        facts = personal_facts(profile) if profile else []
        hits = self._retrieve(text, guess, intent) if not self.kb.is_empty() else []
        if tri.level == "emergency" and intent not in {"side_effects", "symptoms"}:
            intent = "emergency"
        composer: Composer = ExtractiveComposer(bottom_line_lookup=self._bottom_line)
        if self.settings.llm_url:  # optional: an LLM rewrites from the same passages, extractive as fallback
            from onconav.answers.llm_composer import LlmComposer

            composer = LlmComposer.from_settings(self.settings, fallback=composer)
        answer = composer.compose(
            question=text,
            intent=intent,
            topic=guess.topic,
            triage=tri,
            hits=hits,
            profile=profile,
            topic_codes=guess.codes,
            personal_facts=facts,
        )
        answer.id = uuid.uuid4().hex[:16]
        answer.created_at = datetime.now(UTC).isoformat(timespec="seconds")
        answer.kb_version = self.kb.version
        answer.markdown = answer_markdown(answer)
        if store:
            from onconav.answers.store import save_answer

            save_answer(self.db, answer, owner_id=owner_id, personal=profile is not None)
        return answer

    @staticmethod
    def _understand(text: str, profile: Profile | None) -> TopicGuess:
        """Cancer type (the profile's by default) and the query expansions: vocabulary, lay words, profile."""
        default_code = (profile.cancer_type or {}).get("oncotree_code") if profile else None
        guess = detect_topic(text, default_code=default_code)
        steer = steering_terms(profile) if profile else []
        guess.expansions = [*guess.expansions, *lay_expansions(text), *steer]
        return guess

    def _retrieve(self, text: str, guess: TopicGuess, intent: str) -> list[SearchHit]:
        """Fuse three searches: the question, the question without its cancer type (general guidance),
        and the cancer type with the intent (type-specific sections)."""
        index = self.kb.index
        runs = [index.search(text, k=12, expansions=guess.expansions, per_doc=4, cancer_types=guess.codes)]
        if guess.topic is not None:
            general = guess.without_topic(text)
            if len(general.split()) >= 3:  # general guidance: pages not tied to one cancer type
                runs.append([h for h in index.search(general, k=12, per_doc=4) if not h.cancer_types][:8])
            focus = f"{guess.topic.name} {INTENT_TERMS.get(intent, '')}".strip()
            wanted = set(guess.codes)
            runs.append(
                [
                    h
                    for h in index.search(
                        focus, k=8, expansions=guess.expansions, per_doc=3, cancer_types=guess.codes
                    )
                    if wanted & set(h.cancer_types)
                ][:6]
            )
        return interleave(runs, limit=16)

    def _bottom_line(self, doc_id: str) -> SearchHit | None:
        """The 'Bottom line' passage of a pack article, if it has one."""
        if not doc_id.startswith("onconav:"):
            return None
        try:
            doc = self.kb.get_document(doc_id)
        except OnconavError:
            return None
        for p in doc.passages:
            if p.heading.lower().startswith("bottom line"):
                return SearchHit(
                    doc_id=doc.doc_id,
                    chunk_id=p.chunk_id,
                    title=doc.title,
                    url=doc.url,
                    score=0.0,
                    snippet="",
                    heading=p.heading,
                    text=p.text,
                    publisher=doc.publisher,
                    kind=doc.kind,
                )
        return None

    def get(self, answer_id: str, viewer_id: str | None = None) -> Answer:
        """A stored answer by id (personal answers only for their owner)."""
        from onconav.answers.store import load_answer

        return load_answer(self.db, answer_id, viewer_id=viewer_id)

    def browse(self) -> dict[str, list[dict[str, Any]]]:
        """Public answered questions grouped by cancer type."""
        from onconav.answers.store import browse_answers

        return browse_answers(self.db)
