"""The hospital or clinic a report comes from: an explicit label, else the letterhead at the top."""

from __future__ import annotations

import re

from onconav.domain import Fact
from onconav.records.extract.base import Source, fact

_LABEL = re.compile(
    r"^[ \t]*(?:facility|hospital|institution|medical\s+center|performing\s+(?:site|facility|laboratory)|"
    r"location|site\s+name)\s*:[ \t]*(?P<n>[^\n]{3,80})$",
    re.I | re.M,
)
_KEY = (
    r"(?i:hospitals?|medical\s+cent(?:er|re)|cancer\s+(?:cent(?:er|re)|institute)|clinic|health\s+system|"
    r"infirmary|health\s+(?:sciences\s+)?cent(?:er|re)|university\s+hospital)"
)
_NAME_WORD = r"(?:[A-Z][\w'.&-]*|of|the|and|for|de|at|&)"
# A name: capitalised words ending in a hospital word, optionally "of <Place>" after it.
_NAME = re.compile(
    rf"(?P<n>(?:{_NAME_WORD}\s+){{0,7}}?[A-Z][\w'.&-]*\s+{_KEY}(?:\s+(?:of|at)\s+(?:the\s+)?[A-Z][\w.-]*"
    rf"(?:\s+[A-Z][\w.-]*){{0,3}})?|(?-i:[A-Z][A-Z'.&-]*\s+(?:[A-Z][A-Z'.&-]*\s+){{0,6}}?)(?-i:HOSPITAL|"
    rf"MEDICAL\s+CENTER|CANCER\s+CENTER|CLINIC))",
)
_KEY_RX = re.compile(_KEY, re.I)
# Words that describe a service or a document rather than name an institution.
_GENERIC = {
    "the",
    "outpatient",
    "oncology",
    "surgical",
    "surgery",
    "breast",
    "medical",
    "visit",
    "day",
    "urology",
    "hematology",
    "radiation",
    "infusion",
    "cancer",
    "general",
    "follow-up",
    "clinic",
    "pathology",
    "report",
    "note",
    "your",
    "our",
    "this",
    "a",
    "an",
    "community",
    "local",
    "private",
    "teaching",
    "referring",
    "department",
    "dept",
    "of",
    "and",
    "at",
    "for",
    "to",
    "gyn",
    "gyne",
    "gynecologic",
    "thoracic",
    "lung",
}
_HEADER_LINES = 6
# What may precede a letterhead name on its line: nothing, or a short heading and a separator.
_LEAD = re.compile(r"^\s*(?:[^,|:\n]{0,40}(?:,|\||\s-|–|—)\s*)?$")


def _clean(name: str) -> str | None:
    name = re.split(r"\s+(?:-|–|—|\|)\s+|,\s+|\s{2,}", name.strip())[0].strip(" .,:;-")
    words = name.split()
    if not (2 <= len(words) <= 10) or not _KEY_RX.search(name):
        return None
    keyword = _KEY_RX.search(name)
    lead = name[: keyword.start()].split() if keyword else words
    if not lead or all(w.lower().strip(".,") in _GENERIC for w in lead):
        return None
    return name


def _labelled(text: str, src: Source) -> Fact | None:
    for mt in _LABEL.finditer(text):
        raw = re.split(r"\s+(?:-|–|—|\|)\s+|;|\s{2,}", mt.group("n"))[0].strip(" .,:;")
        if (
            3 <= len(raw) <= 80
            and re.match(r"[A-Z0-9]", raw)
            and raw.lower() not in ("n/a", "none", "unknown")
        ):
            return fact("hospital", raw, src, text, mt.start("n"), mt.start("n") + len(raw), confidence=0.85)
    return None


def _letterhead(text: str, src: Source) -> Fact | None:
    offset = 0
    seen = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped and len(stripped) <= 120:
            seen += 1
            for mt in _NAME.finditer(line):
                name = _clean(mt.group("n"))
                lead = line[: line.index(name)] if name else ""
                if name and len(stripped.split()) <= 14 and _LEAD.match(lead):
                    start = offset + line.index(name)
                    return fact("hospital", name, src, text, start, start + len(name), confidence=0.7)
        if seen >= _HEADER_LINES:
            break
        offset += len(line)
    return None


def extract_hospital(text: str, src: Source) -> list[Fact]:
    """A hospital fact from "Facility:"/"Hospital:"/"Institution:" labels or a letterhead line."""
    got = _labelled(text, src) or _letterhead(text, src)
    return [got] if got else []
