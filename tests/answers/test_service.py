"""AnswerService on the starter pack: end-to-end answers, JSON contract, bad input, privacy."""

from __future__ import annotations

import pytest

from onconav.domain import Profile
from onconav.errors import InputError, NotFoundError

REQUIRED_KEYS = {
    "question",
    "id",
    "created_at",
    "kb_version",
    "topic",
    "intent",
    "triage",
    "sections",
    "citations",
    "disclaimer",
    "generated_by",
    "markdown",
}


def test_answer_json_contract(pack_runtime) -> None:  # type: ignore[no-untyped-def]
    a = pack_runtime.answers.ask("What records should I bring to a second opinion?").to_json()
    assert set(a) >= REQUIRED_KEYS
    assert a["triage"]["level"] == "routine" and a["intent"] == "second_opinion"
    assert a["sections"] and all("heading" in s and s["blocks"] for s in a["sections"])
    ns = {c["n"] for c in a["citations"]}
    assert all(set(b["citations"]) <= ns for s in a["sections"] for b in s["blocks"])
    assert {"n", "doc_id", "title", "url", "publisher", "passage"} <= set(a["citations"][0])
    assert a["disclaimer"] in a["markdown"]


def test_topic_detected(pack_runtime) -> None:  # type: ignore[no-untyped-def]
    a = pack_runtime.answers.ask("What does stage IIIA colon cancer mean?")
    assert a.topic is not None and a.topic.oncotree_code in {"COAD", "COADREAD", "BOWEL"}


@pytest.mark.parametrize("question", ["", "   ", "x" * 20000])
def test_empty_and_huge_questions_are_refused(pack_runtime, question: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError):
        pack_runtime.answers.ask(question)


def test_emergency_is_recognised_before_anything_else(pack_runtime) -> None:  # type: ignore[no-untyped-def]
    a = pack_runtime.answers.ask("I'm burning up and shaking two days after my infusion")
    assert a.triage.level == "emergency"
    assert a.sections[0].blocks[0].type == "alert"


def test_personal_answers_are_private(pack_runtime) -> None:  # type: ignore[no-untyped-def]
    profile = Profile(cancer_type={"name": "Breast", "oncotree_code": "BRCA"})
    a = pack_runtime.answers.ask("What treatments are there?", profile=profile, owner_id="user-a")
    assert pack_runtime.answers.get(a.id, viewer_id="user-a").id == a.id
    with pytest.raises(NotFoundError):
        pack_runtime.answers.get(a.id, viewer_id="user-b")
    with pytest.raises(NotFoundError):
        pack_runtime.answers.get(a.id)


def test_empty_knowledge_base_answers_honestly(settings) -> None:  # type: ignore[no-untyped-def]
    from onconav.runtime import Runtime

    a = Runtime(settings).answers.ask("What is ampullary cancer?")
    assert a.weak_evidence and not a.citations


def test_personal_answer_says_which_facts_it_used(pack_runtime) -> None:  # type: ignore[no-untyped-def]
    from onconav.domain import Biomarker, Tnm

    profile = Profile(
        cancer_type={"name": "Invasive Breast Carcinoma", "oncotree_code": "BRCA"},
        stage_group="IIB",
        tnm=Tnm(prefix="p", t="T2", n="N1"),
        biomarkers=[Biomarker(name="HER2", result="positive", value="3+", method="IHC")],
    )
    a = pack_runtime.answers.ask("What treatments are there for me?", profile=profile, owner_id="u1")
    assert a.topic is not None and a.topic.oncotree_code == "BRCA"  # topic defaults to the profile's type
    assert "stage IIB" in a.personal_facts and "HER2-positive" in a.personal_facts
    assert "Because your records show" in a.markdown and "stage IIB" in a.markdown
    assert any("BRCA" in c.doc_id or "breast" in c.doc_id for c in a.citations)
