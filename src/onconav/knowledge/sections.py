"""Split markdown-like text into passages by heading, keeping lists and numbered steps whole."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from onconav.domain import Passage

_HEADING = re.compile(r"^(#{1,6})\s*(.*?)\s*#*\s*$")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+•]|\d{1,2}[.)])\s+")
_NUMBERED = re.compile(r"^\s*\d{1,2}[.)]\s+")
MAX_PASSAGE_CHARS = 1800


def clean_inline(text: str) -> str:
    """Drop images, keep link labels, collapse spaces."""
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = text.replace("\u00a0", " ")
    return re.sub(r"[ \t]+", " ", text).strip()


@dataclass
class Block:
    """A paragraph or a whole list (bullets or numbered steps)."""

    kind: str  # paragraph | list | steps
    lines: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass
class RawSection:
    level: int
    heading: str
    path: list[str]
    lines: list[str] = field(default_factory=list)


def _iter_sections(text: str, title: str) -> list[RawSection]:
    lines = text.splitlines()
    sections = [RawSection(1, title, [title])]
    stack: list[tuple[int, str]] = []
    i = 0
    while i < len(lines):
        m = _HEADING.match(lines[i])
        if not m:
            sections[-1].lines.append(lines[i])
            i += 1
            continue
        level, heading = len(m.group(1)), clean_inline(m.group(2))
        if not heading:  # cancer.gov quirk: "##" on its own line, the heading text on the next line
            j = i + 1
            while j < len(lines) and not lines[j].strip():
                j += 1
            if j < len(lines) and len(lines[j]) < 160 and not _HEADING.match(lines[j]):
                heading, i = clean_inline(lines[j]), j
        i += 1
        if not heading:
            continue
        stack = [(lv, h) for lv, h in stack if lv < level] + [(level, heading)]
        sections.append(RawSection(level, heading, [h for _, h in stack]))
    return sections


def blocks_of(lines: list[str]) -> list[Block]:
    """Group lines into paragraphs and whole lists."""
    blocks: list[Block] = []
    current: Block | None = None
    for raw in lines:
        line = clean_inline(raw)
        if not line:
            if current and current.kind == "paragraph":
                current = None
            continue
        is_item = bool(_LIST_ITEM.match(raw))
        if is_item:
            kind = "steps" if _NUMBERED.match(raw) else "list"
            if current is None or current.kind == "paragraph":
                current = Block(kind)
                blocks.append(current)
            current.lines.append(line)
        elif current is not None and current.kind != "paragraph" and raw.startswith(("  ", "\t")):
            current.lines[-1] += " " + line  # continuation of a list item
        else:
            if current is None or current.kind != "paragraph":
                current = Block("paragraph")
                blocks.append(current)
            current.lines.append(line)
    for b in blocks:
        if b.kind == "paragraph":
            b.lines = [" ".join(b.lines)]
    return [b for b in blocks if b.text.strip()]


def _pack_blocks(blocks: list[Block]) -> list[list[Block]]:
    """Group blocks into passages under MAX_PASSAGE_CHARS, never splitting a block."""
    groups: list[list[Block]] = [[]]
    size = 0
    for b in blocks:
        n = len(b.text)
        if groups[-1] and size + n > MAX_PASSAGE_CHARS:
            groups.append([])
            size = 0
        groups[-1].append(b)
        size += n + 2
    return [g for g in groups if g]


def chunk_id_for(doc_id: str, position: int) -> str:
    """A stable passage id: the doc id and the passage position."""
    return f"{doc_id}#{position}"


def split_passages(doc_id: str, title: str, text: str) -> list[Passage]:
    """Split a markdown document into heading-scoped passages."""
    passages: list[Passage] = []
    for section in _iter_sections(text, title):
        blocks = blocks_of(section.lines)
        for group in _pack_blocks(blocks):
            body = "\n\n".join(b.text for b in group).strip()
            if len(body) < 20:
                continue
            heading = section.heading
            passages.append(
                Passage(
                    chunk_id=chunk_id_for(doc_id, len(passages)),
                    doc_id=doc_id,
                    heading=heading,
                    headings=section.path,
                    text=body,
                    position=len(passages),
                )
            )
    return passages


def content_hash(*parts: str) -> str:
    """A short sha256 of the given strings."""
    h = hashlib.sha256()
    for p in parts:
        h.update(p.encode("utf-8", "replace"))
        h.update(b"\x00")
    return h.hexdigest()[:32]
