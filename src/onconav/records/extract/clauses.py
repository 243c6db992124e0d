"""Clause boundaries and synoptic questions in report text, tolerant of scanned (OCR) line breaks.

Scanned reports break lines in mid-sentence ("The tumor does not\ninvade the perinephric fat"), so a
line break ends a clause only when the next line starts a new statement: a capital letter, a digit or
a bullet, after a line that does not end on a word that needs a continuation ("not", "the", "into").
A synoptic question ("Perirenal adipose tissue: tumor does not involve") is read by its answer.
"""

from __future__ import annotations

import re

_BOUNDARY = re.compile(
    r"[.:]\s+(?=[A-Z(-])|\.(?=[A-Z][a-z])|;|\n|\b(?:but|BUT|But|although|Although|however|However)\b|"
    r"\s-\s?(?=[A-Za-z])"
)
# A line ending on one of these words goes on in the next line whatever case that line starts with.
_CONTINUES = re.compile(
    r"\b(?:not|no|the|a|an|of|into|in|to|through|and|or|with|without|by|for|does|do|did|is|are|was|were|"
    r"be|been|has|have|invades?|involves?|extends?|infiltrates?|penetrates?|reach(?:es)?|beyond|from)"
    r"[\s,]*$",
    re.I,
)
_NEW_LINE_START = re.compile(r"[ \t]*(?:[-•*>]|\d|[A-Z(])")


def clause_start(text: str, end: int, window: int = 200) -> int:
    """The start of the clause that ends at `end`."""
    lo = max(0, end - window)
    before = text[lo:end]
    start = lo
    for mt in _BOUNDARY.finditer(before):
        if mt.group(0) == "\n":
            line = before[: mt.start()]
            nxt = before[mt.end() :]
            if not _NEW_LINE_START.match(nxt) or _CONTINUES.search(line[-30:]):
                continue
        start = lo + mt.end()
    return start


def clause_before(text: str, start: int, window: int = 200) -> str:
    """The words of the clause before position `start`."""
    return text[clause_start(text, start, window) : start]


# "<structure> ... :" at a line's start or after a label prefix: a form question, not a finding.
_QUESTION_TAIL = re.compile(r"[^:\n.;]{0,45}?\s*:(?!\d)")
_ANSWER_YES = re.compile(
    r"^\s*(?:(?:very|only|focally?|grossly|microscopically)\s+)?(?:present|identified|yes|positive|involved|"
    r"invaded|infiltrated|extensive|focal|seen)\b|"
    r"^\s*(?:the\s+)?(?:tumou?r|carcinoma|neoplasm)\s+(?:\w+\s+)?(?:invades|involves|extends|infiltrates|is\s+present)",
    re.I,
)
_ANSWER_DOUBT = re.compile(
    r"\b(?:no|not|n'?t|without|negative|absent|free|questionabl\w*|possibl\w*|suspicious|equivocal|"
    r"cannot|indeterminate|appears?|margin)\b",
    re.I,
)


_LINE_START = re.compile(r"\n|\.\s|^")


def question_answer(text: str, start: int, end: int) -> bool | None:
    """For a structure named as a form question ("Perinephric fat: ..."), whether the answer says it is
    invaded; None when the words are not a question (a structure after a label is the label's answer:
    "Tumor extent: Pericolonic tissue Lymph nodes: 0/12")."""
    mt = _QUESTION_TAIL.match(text, end)
    if not mt:
        return None
    line = text[max(0, start - 60) : start]
    line = line[[m.end() for m in _LINE_START.finditer(line)][-1] :]
    if ":" in line:
        return None
    answer = text[mt.end() : mt.end() + 60].split("\n", 1)[0]
    return bool(_ANSWER_YES.match(answer) and not _ANSWER_DOUBT.search(answer))
