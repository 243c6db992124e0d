"""Split eligibility text into inclusion and exclusion items (odd escapes, nested lists, tables)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_ESCAPES = re.compile(r"\\([<>=\[\]*^_\-#+.()~|`!])")
_SECTION_RE = re.compile(r"\b(inclusion|exclusion|eligibility)\s+criteri(?:a|on)\b", re.I)
_BULLET_RE = re.compile(
    r"^(\s*)(?:(?:[*\-•·◦▪o+]|\d{1,2}[.)]|[a-zA-Z][.)]|\(?[ivx]{1,4}\)|\(\w\))\s+|-{1,2}(?=[A-Za-z]))(.*)$"
)
_NEW_ITEM = re.compile(
    r"\b(must|should|age[ds]?|years|performance|ecog|karnofsky|adequate|willing|able to|"
    r"consent|donor|pregnan)\b",
    re.I,
)
_OR_PARENT = re.compile(
    r"\b(one of the following|any of the following|including|such as|either|as follows)\b", re.I
)
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}")
_GROUP_START = re.compile(r"^(phase|cohort|arm|part|group|stage|for)\b", re.I)
_GROUP_NOISE = {
    "inclusion",
    "exclusion",
    "criteria",
    "criterion",
    "for",
    "subjects",
    "with",
    "participants",
    "patients",
    "the",
    "of",
    "eligibility",
}


@dataclass
class RawItem:
    """One criterion's words plus where it sits (section, cohort group, parent line)."""

    text: str
    section: str
    group: str = ""
    parent: str = ""


def clean_text(text: str) -> str:
    """Undo markdown escapes and normalise comparison signs and spaces."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ESCAPES.sub(r"\1", text)
    for a, b in (
        ("≥", ">="),
        ("≤", "<="),
        ("=<", "<="),
        ("=>", ">="),
        ("\u00a0", " "),
        ("\ufffd", "'"),
        ("–", "-"),
        ("—", "-"),
    ):
        text = text.replace(a, b)
    return text


def _group_key(line: str) -> str:
    words = re.findall(r"[a-z0-9]+", line.lower())
    key = " ".join(w for w in words if w not in _GROUP_NOISE)
    return "" if not key or key.startswith("all") else key


def _section_of(line: str, current: str) -> tuple[str, str] | None:
    """(section, group) when the line is a section heading, else None."""
    stripped = line.strip().strip("*#:-_ ").strip()
    match = _SECTION_RE.search(stripped)
    if not match or (len(stripped) > 100 and match.start() > 6):
        return None
    section = (
        "exclusion"
        if match.group(1).lower() == "exclusion"
        else ("inclusion" if match.group(1).lower() == "inclusion" else current)
    )
    return section, _group_key(stripped)


def _is_group_heading(line: str) -> bool:
    s = line.strip()
    if not s or len(s) > 80 or s.endswith(".") or _BULLET_RE.match(line):
        return False
    letters = [c for c in s if c.isalpha()]
    upper = bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.8 and len(letters) > 3
    return (
        upper
        or (s.endswith(":") and len(s.split()) <= 8)
        or bool(_GROUP_START.match(s) and len(s.split()) <= 4)
    )


def _table_row(line: str) -> str | None:
    if "|" not in line or line.count("|") < 2:
        return None
    if _TABLE_SEP.match(line.replace("|", " |")):
        return ""
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    return "; ".join(c for c in cells if c)


def split_criteria(text: str) -> list[RawItem]:
    """Split eligibility text into items; unmarked text before any heading counts as inclusion."""
    items: list[RawItem] = []
    section, group = "inclusion", ""
    parents: dict[int, RawItem] = {}  # indent -> item ending with ':' that introduces a sub-list
    for raw_line in clean_text(text or "").split("\n"):
        line = raw_line.rstrip()
        if not line.strip():
            continue
        heading = _section_of(line, section)
        if heading:
            section, group, parents = heading[0], heading[1], {}
            continue
        row = _table_row(line)
        if row is not None:
            if row:
                items.append(RawItem(row, section, group))
            continue
        bullet = _BULLET_RE.match(line)
        if not bullet and _is_group_heading(line):
            group, parents = _group_key(line) or group, {}
            continue
        body = (bullet.group(2) if bullet else line).strip()
        indent = len(bullet.group(1).expandtabs(4)) if bullet else len(line) - len(line.lstrip())
        if _is_continuation(body, bullet is not None, items):
            items[-1].text = f"{items[-1].text} {body}"
            continue
        owner = _or_owner(items, parents, indent, body)
        if owner is not None:
            owner.text = f"{owner.text} {body};"
            continue
        parent = " ".join(parents[i].text for i in sorted(parents) if i < indent)
        items.append(RawItem(body, section, group, parent))
        parents = {i: t for i, t in parents.items() if i < indent}
        if body.endswith(":"):
            parents[indent] = items[-1]
    return [i for i in items if len(i.text) > 2]


def _or_owner(items: list[RawItem], parents: dict[int, RawItem], indent: int, body: str) -> RawItem | None:
    """The open parent item when this line is one alternative of an 'any of the following' list."""
    below = [i for i in parents if i < indent]
    if not below and parents and len(body) <= 600 and not _NEW_ITEM.search(body):
        below = [max(parents)]  # a flat list right under its 'one of the following:' line
    if not below or not items:
        return None
    owner = parents[max(below)]
    return owner if _OR_PARENT.search(owner.text.split(":")[0]) else None


def _is_continuation(body: str, bulleted: bool, items: list[RawItem]) -> bool:
    if not items:
        return False
    if body.upper().startswith("NOTE"):
        return True
    prev = items[-1].text
    return not bulleted and bool(body[:1].islower()) and not prev.endswith(":")
