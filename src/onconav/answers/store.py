"""Stored answers: permalinks, the browse page, and privacy of personal answers."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Boolean, String, Text, select
from sqlalchemy.orm import Mapped, mapped_column

from onconav.domain import Answer, AnswerSection, Block, Citation, Topic, Triage
from onconav.errors import NotFoundError
from onconav.storage.db import Base, Database


class StoredAnswer(Base):
    __tablename__ = "answers"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    created_at: Mapped[str] = mapped_column(String(40), index=True)
    topic_code: Mapped[str] = mapped_column(String(40), default="", index=True)
    topic_name: Mapped[str] = mapped_column(String(200), default="")
    question: Mapped[str] = mapped_column(Text)
    personal: Mapped[bool] = mapped_column(Boolean, default=False)
    owner_id: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    weak: Mapped[bool] = mapped_column(Boolean, default=False)
    payload: Mapped[str] = mapped_column(Text)


def save_answer(db: Database, answer: Answer, *, owner_id: str | None, personal: bool) -> None:
    """Persist an answer so its permalink works."""
    with db.session() as s:
        s.add(
            StoredAnswer(
                id=answer.id,
                created_at=answer.created_at,
                question=answer.question,
                topic_code=answer.topic.oncotree_code if answer.topic else "",
                topic_name=answer.topic.name if answer.topic else "",
                personal=personal,
                owner_id=owner_id,
                weak=answer.weak_evidence,
                payload=json.dumps(answer.to_json()),
            )
        )


def answer_from_json(d: dict[str, Any]) -> Answer:
    """Rebuild an Answer from its JSON form."""
    tri = d.get("triage") or {}
    return Answer(
        id=d["id"],
        question=d["question"],
        created_at=d["created_at"],
        kb_version=d.get("kb_version", ""),
        topic=Topic(**d["topic"]) if d.get("topic") else None,
        intent=d.get("intent", "other"),
        triage=Triage(
            level=tri.get("level", "routine"),
            message=tri.get("message", ""),
            actions=tri.get("actions") or [],
            redirect=tri.get("redirect"),
        ),
        sections=[
            AnswerSection(
                heading=s["heading"],
                blocks=[
                    Block(
                        type=b["type"],
                        text=b.get("text"),
                        items=b.get("items"),
                        citations=b.get("citations", []),
                        attribution=b.get("attribution"),
                    )
                    for b in s["blocks"]
                ],
            )
            for s in d.get("sections", [])
        ],
        citations=[Citation(**c) for c in d.get("citations", [])],
        disclaimer=d.get("disclaimer", ""),
        generated_by=d.get("generated_by", ""),
        grounded_in=d.get("grounded_in", ""),
        bottom_line=d.get("bottom_line", ""),
        weak_evidence=d.get("weak_evidence", False),
        personal_facts=d.get("personal_facts") or [],
        markdown=d.get("markdown", ""),
    )


def load_answer(db: Database, answer_id: str, viewer_id: str | None = None) -> Answer:
    """A stored answer; personal answers are visible only to their owner (others get NotFound)."""
    with db.session() as s:
        row = s.get(StoredAnswer, answer_id)
        if row is None or (row.personal and (viewer_id is None or viewer_id != row.owner_id)):
            raise NotFoundError("no such answer")
        return answer_from_json(json.loads(row.payload))


def browse_answers(db: Database, limit_per_topic: int = 20) -> dict[str, list[dict[str, Any]]]:
    """Public, well-grounded answers grouped by cancer type name (newest first)."""
    groups: dict[str, list[dict[str, Any]]] = {}
    with db.session() as s:
        rows = s.scalars(
            select(StoredAnswer)
            .where(StoredAnswer.personal.is_(False), StoredAnswer.weak.is_(False))
            .order_by(StoredAnswer.created_at.desc())
            .limit(500)
        )
        for r in rows:
            group = groups.setdefault(r.topic_name or "General questions", [])
            if len(group) < limit_per_topic and all(g["question"] != r.question for g in group):
                group.append({"id": r.id, "question": r.question, "created_at": r.created_at})
    return dict(sorted(groups.items()))


def delete_answers_of(db: Database, owner_id: str) -> int:
    """Remove every answer an account owns (account deletion)."""
    with db.session() as s:
        rows = s.scalars(select(StoredAnswer).where(StoredAnswer.owner_id == owner_id)).all()
        for r in rows:
            s.delete(r)
        return len(rows)
