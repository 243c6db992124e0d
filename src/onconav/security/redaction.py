"""Redact identifiers from text that leaves the machine (an outside LLM, a bug report), and restore them.

    r = redact(text)           # r.text "[NAME_1] seen on [DATE_2]", r.mapping {"[NAME_1]": "Ann Lee", ...}
    restore(reply, r.mapping)  # puts the originals back into the LLM's reply

Detected: emails, SSNs, phone/fax numbers, MRNs and other labelled record numbers, dates of birth,
other dates, street addresses, ZIP codes, and names. Names are the hard part: we catch labelled
fields ("Patient:", "Name:", "Pathologist:", "Signed by"), honorifics and "Dr.", "Last, First"
forms, signature lines with credentials ("Jane Roe, MD"), and a first name from our list followed by
a capitalised word; every later occurrence of a found surname is replaced too. A name that appears
only bare in running text, with a first name not in the list, is missed (see benchmarks/redaction.py).
The same original always maps to the same placeholder within one call.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from onconav.security.redaction_names import FIRST_NAMES, LAST_NAMES, NOT_NAMES

KINDS = ("EMAIL", "SSN", "PHONE", "MRN", "DOB", "DATE", "ADDRESS", "ZIP", "NAME")
_PRIORITY = {k: i for i, k in enumerate(KINDS)}


@dataclass
class Redaction:
    """Redacted text and the placeholder -> original mapping needed to restore it."""

    text: str
    mapping: dict[str, str] = field(default_factory=dict)

    def kinds(self) -> dict[str, int]:
        """How many distinct values of each kind were replaced."""
        out: dict[str, int] = {}
        for ph in self.mapping:
            kind = ph[1:].split("_")[0]
            out[kind] = out.get(kind, 0) + 1
        return out


_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|Jun(?:e)?|Jul(?:y)?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_DATE = (
    rf"(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-](?:\d{{4}}|\d{{2}})|\d{{4}}-\d{{2}}-\d{{2}}|"
    rf"{_MONTHS}\.? \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}|\d{{1,2}} {_MONTHS}\.? \d{{4}}|"
    rf"\d{{1,2}}-{_MONTHS}-\d{{2,4}}|{_MONTHS} \d{{4}})"
)
_NAME_WORD = r"[A-Z][a-zA-Z'\-]+"
_CRED = r"(?:M\.?D\.?|D\.?O\.?|Ph\.?D\.?|R\.?N\.?|N\.?P\.?|PA-C|MBBS|FCAP|FACS|MSN|APRN|CRNP)"
_STREET_TYPES = (
    r"(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|"
    r"Terrace|Ter|Circle|Cir|Parkway|Pkwy|Highway|Hwy|Trail|Trl|Square|Sq|Loop|Row|Pike)"
)
_STATE_TEXT = (
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY "
    "NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR"
)
_STATES = _STATE_TEXT.split()
_STATE = "(?:" + "|".join(sorted(_STATES)) + ")"

_PATTERNS: list[tuple[str, re.Pattern[str], int]] = [
    ("EMAIL", re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}"), 0),
    ("SSN", re.compile(r"\b\d{3}-\d{2}-\d{4}\b"), 0),
    (
        "SSN",
        re.compile(r"(?i)\b(?:SSN|social security(?: number| no\.?)?)\s*[:#]?\s*(\d{9}|\d{3} \d{2} \d{4})\b"),
        1,
    ),
    ("PHONE", re.compile(r"(?<![\w/.-])(?:\+?1[ .-]?)?(?:\(\d{3}\)\s?|\d{3}[ .-])\d{3}[ .-]\d{4}(?!\d)"), 0),
    (
        "MRN",
        re.compile(
            r"(?i)\b(?:MRN|MR ?#|medical record(?: number| no\.?| #)?|record (?:number|no\.?|#)|"
            r"patient id|acct(?:ount)?(?: no\.?| #| number)?|accession(?: no\.?| #| number)?|"
            r"case (?:no\.?|#|number)|specimen (?:no\.?|#|id)|member id|insurance id)\s*[:#]?\s*"
            r"([A-Z0-9][A-Z0-9\-]{3,19})\b"
        ),
        1,
    ),
    (
        "DOB",
        re.compile(rf"(?i)\b(?:DOB|D\.O\.B\.|date of birth|birth ?date|born(?: on)?)\s*[:\-]?\s*({_DATE})"),
        1,
    ),
    ("DATE", re.compile(rf"\b{_DATE}\b"), 0),
    (
        "ADDRESS",
        re.compile(
            rf"\b\d{{1,6}} (?:[NSEW]\.? )?(?:{_NAME_WORD} ){{1,3}}{_STREET_TYPES}\.?"
            r"(?:,? (?:Apt|Apartment|Suite|Ste|Unit|#)\.? ?\w{1,6})?"
        ),
        0,
    ),
    ("ADDRESS", re.compile(r"(?i)\bP\.? ?O\.? Box \d{1,6}\b"), 0),
    ("ADDRESS", re.compile(rf"\b([A-Z][a-z]+(?: [A-Z][a-z]+){{0,2}}), {_STATE}\b(?= \d{{5}})"), 1),
    ("ZIP", re.compile(rf"(?<=\b{_STATE} )\d{{5}}(?:-\d{{4}})?\b"), 0),
    ("ZIP", re.compile(r"(?i)\b(?:zip(?: code)?|postal code)\s*[:#]?\s*(\d{5}(?:-\d{4})?)\b"), 1),
]

_NAME_LABEL = (
    r"(?:patient(?: name)?|name|pt|client|physician|surgeon|pathologist|radiologist|oncologist|"
    r"provider|ordering(?: physician| provider)?|referring(?: physician| provider)?|attending|"
    r"requested by|reported by|dictated by|transcribed by|(?:electronically )?signed(?: by)?|"
    r"verified by|resident|fellow|cc|copy to|contact|emergency contact|next of kin|guarantor|"
    r"mother|father|spouse|caregiver|nurse|author|from|to)"
)
_NAME_SEQ = rf"{_NAME_WORD}(?:,? (?:{_NAME_WORD}|[A-Z]\.))*(?: {_NAME_WORD})?"
_NAME_PATTERNS = [
    re.compile(rf"(?im)^[ \t]*{_NAME_LABEL}\s*:[ \t]*({_NAME_WORD}(?:,? (?:{_NAME_WORD}|[A-Z]\.)){{0,3}})"),
    re.compile(rf"(?i:\b{_NAME_LABEL})\s*:\s*({_NAME_WORD}(?:,? (?:{_NAME_WORD}|[A-Z]\.)){{0,3}})"),
    re.compile(
        rf"\b(?:Dr|Mr|Mrs|Ms|Miss|Mx|Prof)\.? ((?:[A-Z]\. )?{_NAME_WORD}(?: (?:[A-Z]\.? )?{_NAME_WORD})?)"
    ),
    re.compile(rf"\b((?:{_NAME_WORD} )(?:[A-Z]\. )?{_NAME_WORD}),? {_CRED}\b"),
    re.compile(rf"(?i:signed by|signature)\s*:?\s*(?:Dr\.? )?({_NAME_SEQ})"),
    re.compile(r"\b([A-Z][A-Z'\-]{1,20}, [A-Z][A-Z'\-]{1,20}(?: [A-Z]\.?)?)\b"),
]
_INITIAL_LAST = re.compile(r"\b[A-Z]\. ?([A-Z][a-zA-Z'\-]+)\b")
_WORD = re.compile(rf"\b{_NAME_WORD}\b")


def _pattern_spans(text: str) -> list[tuple[int, int, str]]:
    spans = []
    for kind, pat, group in _PATTERNS:
        for m in pat.finditer(text):
            spans.append((m.start(group), m.end(group), kind))
    return spans


_HONORIFIC = {"dr", "dr.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "mx", "prof", "prof."}


def _clean_name(value: str) -> str:
    words = value.replace(",", " ").split()
    while words and words[0].lower() in _HONORIFIC:
        words.pop(0)
    while words and (words[-1].lower() in NOT_NAMES or not words[-1][:1].isupper()):
        words.pop()
    return " ".join(words)


def _name_spans(text: str) -> list[tuple[int, int, str]]:
    spans: list[tuple[int, int, str]] = []
    for pat in _NAME_PATTERNS:
        for m in pat.finditer(text):
            raw = m.group(1)
            value = _clean_name(raw)
            if value and value.split()[0].lower() not in NOT_NAMES:
                start = m.start(1) + raw.find(value.split()[0])
                spans.append((start, m.start(1) + _cut(raw, value), "NAME"))
    words = list(_WORD.finditer(text))
    for a, b in zip(words, words[1:], strict=False):
        gap = text[a.end() : b.start()]
        if a.group() in FIRST_NAMES and gap in (" ", " . ") and b.group().lower() not in NOT_NAMES:
            spans.append((a.start(), b.end(), "NAME"))
    for m in _INITIAL_LAST.finditer(text):
        if m.group(1) in LAST_NAMES:
            spans.append((m.start(), m.end(), "NAME"))
    return spans


def _cut(raw: str, cleaned: str) -> int:
    """Length of the prefix of `raw` that covers the cleaned name."""
    last = cleaned.split()[-1]
    idx = raw.rfind(last)
    return idx + len(last) if idx >= 0 else len(raw)


def _propagate(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Once a name is found, hide its parts wherever else they appear."""
    parts = {
        w.lower()
        for s, e, k in spans
        if k == "NAME"
        for w in re.findall(_NAME_WORD, text[s:e])
        if len(w) > 2 and w.lower() not in NOT_NAMES
    }
    extra = [(m.start(), m.end(), "NAME") for m in _WORD.finditer(text) if m.group().lower() in parts]
    return spans + extra


def _resolve(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Keep non-overlapping spans: longest first, then by kind priority."""
    chosen: list[tuple[int, int, str]] = []
    for s, e, k in sorted(spans, key=lambda x: (-(x[1] - x[0]), _PRIORITY[x[2]], x[0])):
        if e > s and all(e <= cs or s >= ce for cs, ce, _ in chosen):
            chosen.append((s, e, k))
    return sorted(chosen)


def redact(text: str) -> Redaction:
    """Replace identifiers with numbered placeholders like [NAME_1]; returns text and mapping."""
    spans = _resolve(_propagate(text, _pattern_spans(text) + _name_spans(text)))
    out: list[str] = []
    mapping: dict[str, str] = {}
    by_value: dict[tuple[str, str], str] = {}
    counters: dict[str, int] = {}
    pos = 0
    for s, e, kind in spans:
        value = text[s:e]
        key = (kind, value.lower())
        if key not in by_value:
            counters[kind] = counters.get(kind, 0) + 1
            by_value[key] = f"[{kind}_{counters[kind]}]"
            mapping[by_value[key]] = value
        out.append(text[pos:s])
        out.append(by_value[key])
        pos = e
    out.append(text[pos:])
    return Redaction("".join(out), mapping)


def restore(text: str, mapping: dict[str, str]) -> str:
    """Put the original values back in place of their placeholders."""
    if not mapping:
        return text
    pat = re.compile("|".join(re.escape(k) for k in sorted(mapping, key=len, reverse=True)))
    return pat.sub(lambda m: mapping[m.group()], text)
