"""ExtractiveComposer: structure, citations, weak evidence, safety-first ordering, quotes."""

from __future__ import annotations

from onconav.answers.composer import ExtractiveComposer
from onconav.answers.render import answer_markdown
from onconav.domain import SearchHit, Triage

ROUTINE = Triage(level="routine", message="")


def hit(
    chunk: str,
    heading: str,
    text: str,
    title: str = "Second opinions",
    score: float = 10.0,
    speaker: str | None = None,
) -> SearchHit:
    return SearchHit(
        doc_id=chunk.split("#")[0],
        chunk_id=chunk,
        title=title,
        url="/kb/x",
        score=score,
        snippet=text[:50],
        heading=heading,
        text=text,
        publisher="onconav starter pack",
        speaker=speaker,
    )


HITS = [
    hit(
        "d1#1",
        "What to bring to a second opinion",
        "- Pathology report\n- Imaging reports and images\n- Treatment plan",
    ),
    hit(
        "d1#2",
        "Why a second opinion helps",
        "A second opinion can confirm the diagnosis. It can also show other treatment options. "
        "Most doctors welcome it. This sentence is extra. And this one too.",
    ),
    hit(
        "d2#3",
        "Questions to ask your care team",
        "- Would you help me get a second opinion?\n- Which records should I send?\n"
        "- A line that is not a question",
    ),
    hit("d2#4", "Bottom line", "Second opinions are common and can help you decide. Ask early."),
]


def compose(question: str, hits: list[SearchHit], triage: Triage = ROUTINE, intent: str = "second_opinion"):  # type: ignore[no-untyped-def]
    return ExtractiveComposer().compose(
        question=question, intent=intent, topic=None, triage=triage, hits=hits
    )


def test_every_block_cites_known_passages() -> None:
    a = compose("What should I bring to a second opinion?", HITS)
    numbers = {c.n for c in a.citations}
    blocks = [b for s in a.sections for b in s.blocks]
    assert blocks and all(b.citations and set(b.citations) <= numbers for b in blocks)
    for c in a.citations:  # each citation points at the passage the text came from
        assert c.passage in {h.text for h in HITS}


def test_reading_order_lists_whole_and_checklist() -> None:
    a = compose("What should I bring to a second opinion?", HITS)
    headings = [s.heading for s in a.sections]
    assert headings.index("Why a second opinion helps") < headings.index("What to bring to a second opinion")
    bring = a.sections[headings.index("What to bring to a second opinion")].blocks[0]
    assert bring.type == "checklist" and bring.items == [
        "Pathology report",
        "Imaging reports and images",
        "Treatment plan",
    ]
    why = a.sections[headings.index("Why a second opinion helps")].blocks[0]
    assert why.text and why.text.count(".") <= 4  # long paragraphs are trimmed to whole sentences


def test_questions_and_bottom_line() -> None:
    a = compose("What should I bring to a second opinion?", HITS)
    q = next(s for s in a.sections if s.heading == "Questions to ask your care team")
    assert q.blocks[0].items == ["Would you help me get a second opinion?", "Which records should I send?"]
    assert a.bottom_line.startswith("Second opinions are common") and a.bottom_line.endswith("]")
    md = answer_markdown(a)
    assert "## Sources" in md and "Disclaimer" in md and "- [ ] Pathology report" in md


def test_weak_evidence_says_so_instead_of_padding() -> None:
    off_topic = [hit("z#1", "Hair care", "Shampoo gently and use a soft brush.", title="Hair")]
    a = compose("Which hovercraft is best for commuting to Mars?", off_topic, intent="other")
    assert a.weak_evidence
    assert "does not have a good answer" in a.sections[0].blocks[0].text  # type: ignore[operator]
    assert compose("anything at all", [], intent="other").weak_evidence


def test_emergency_goes_first() -> None:
    tri = Triage(level="emergency", message="Call 911 now.", actions=["Call 911"])
    a = compose("What should I bring to a second opinion?", HITS, triage=tri)
    assert a.sections[0].heading == "Get help now" and a.sections[0].blocks[0].type == "alert"


def test_transcript_quotes_keep_attribution() -> None:
    quote = hit(
        "t#1",
        "Panel",
        "Bring your slides, not only the report, to a second opinion.",
        title="Panel on second opinions",
        speaker="Dr. Ada Example, pathologist",
    )
    a = compose("What should I bring to a second opinion?", [*HITS, quote])
    block = next(b for s in a.sections for b in s.blocks if b.type == "quote")
    assert block.text == quote.text and block.attribution and "Dr. Ada Example" in block.attribution
