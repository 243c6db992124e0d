"""Render an Answer as markdown, the way a person reads it (disclaimer included)."""

from __future__ import annotations

from onconav.answers.text import UPLOAD_INVITATION
from onconav.domain import Answer, Block


def _cites(block: Block) -> str:
    return "".join(f"[{n}]" for n in block.citations)


def block_markdown(block: Block) -> str:
    """One block as markdown."""
    c = _cites(block)
    lines: list[str] = []
    if block.type == "quote":
        lines.append(f"> “{block.text}” {c}".rstrip())
        if block.attribution:
            lines.append(f"> — {block.attribution}")
        return "\n".join(lines)
    if block.text:
        lines.append(f"**{block.text}**" if block.type == "alert" else f"{block.text} {c}".rstrip())
    for i, item in enumerate(block.items or [], 1):
        if block.type == "steps":
            lines.append(f"{i}. {item}")
        elif block.type == "checklist":
            lines.append(f"- [ ] {item}")
        else:
            lines.append(f"- {item}")
    if block.items and c:
        lines.append(f"  {c}" if block.type != "alert" else "")
    return "\n".join(x for x in lines if x is not None)


def answer_markdown(answer: Answer) -> str:
    """The whole answer as markdown: title, topic, grounding, sections, bottom line, sources, disclaimer."""
    out = [f"# {answer.question}", ""]
    meta = [answer.topic.name if answer.topic else "General", answer.created_at[:10]]
    out += [" · ".join(m for m in meta if m), "", f"_{answer.grounded_in}_", ""]
    if answer.personal_facts:
        out += ["Because your records show: " + "; ".join(answer.personal_facts) + ".", ""]
    for section in answer.sections:
        out += [f"## {section.heading}", ""]
        for block in section.blocks:
            out += [block_markdown(block), ""]
    if answer.bottom_line:
        out += ["## Bottom line", "", answer.bottom_line, ""]
    if answer.citations:
        out += ["## Sources", ""]
        for c in answer.citations:
            where = f" — {c.heading}" if c.heading and c.heading != c.title else ""
            out.append(f"{c.n}. {c.title}{where}. {c.publisher}. {c.url}".rstrip())
        out.append("")
    if not answer.personal_facts:
        out += [f"_{UPLOAD_INVITATION}_", ""]
    out += ["---", f"**Disclaimer:** {answer.disclaimer}"]
    return "\n".join(out).strip() + "\n"
