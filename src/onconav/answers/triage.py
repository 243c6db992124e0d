"""Safety triage: spot emergencies, urgent symptoms and requests the assistant must redirect.

Explainable by design: a lexicon of phrases (data/triage_rules.yaml) plus a few checks on each sentence.
A symptom word counts only when the sentence reports it (first person, a carer, time words, a
temperature) and not when it is negated ("no fever"), hypothetical ("if I get a fever"), in the
distant past ("a seizure 3 years ago") or part of a general question ("what is neutropenic fever?").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from onconav.domain import Triage, TriageLevel
from onconav.errors import ConfigError

RULES_PATH = Path(__file__).resolve().parent.parent / "data" / "triage_rules.yaml"

_SENTENCE = re.compile(r"(?:[^.!?;\n]|\.(?=\d))+[.!?;]*")
_SUBJECT = (
    r"(?:i|we|he|she|there|my (?:\w+ ){0,2}\w+|his \w+|her \w+|"
    r"(?:mom|mum|dad|husband|wife|son|daughter|kid|child|baby|partner))"
)
_VERB = (
    r"(?:have|has|had|got|get|getting|am|is|are|was|were|been|feel|feels|felt|feeling|keep|keeps|kept|started|"
    r"start|just|can'?t|cannot|couldn'?t|woke|went|suddenly|think|seem|seems|look|looks|developed|noticed|coughed|"
    r"threw|passed|fainted|collapsed|hit|spiked|running|having|haven'?t|hasn'?t|hurts?|aches?|won'?t|"
    r"doesn'?t|'s|'m|'ve)"
)
_SUBJECT_VERB = re.compile(
    rf"\b{_SUBJECT}\s*{_VERB}(?=\W|$)|\b(?:i'?m|im|i'?ve|ive|he'?s|she'?s|we'?re|there'?s)\b"
)
_TIME = re.compile(
    r"\b(?:right now|now|today|tonight|this (?:morning|afternoon|evening|week)|since|last night|yesterday|"
    r"all day|all night|for (?:\d+|an?|one|two|three|four|five|six|several|(?:a )?few) "
    r"(?:hours?|days?|weeks?|minutes?)|(?:\d+|two|three|four|five|few) (?:days?|hours?) (?:ago|after)|"
    r"suddenly|just|keeps?|won'?t stop|nonstop)\b"
)
_PRONOUN = re.compile(r"\b(?:i|me|my|we|our|us|he|she|him|his|her)\b")
_FRAME = re.compile(
    r"\b(?:what (?:is|are|does|do (?:you|they|doctors|people)|causes?|happens|counts|should i watch|"
    r"should i look)|what'?s (?:the|a|an)|whats|"
    r"how (?:do|does|can|should|is|are|common|often|long|likely|fast|to|would)|why (?:do|does|is|am|are)|"
    r"is (?:it|this|that|\w+(?: \w+){0,3}) (?:a |an )?"
    r"(?:normal|common|side effect|sign|symptom|dangerous|serious)|"
    r"(?:can|could|does|do) (?:\w+ ){1,4}cause|signs? of|symptoms? of|warning signs|watch (?:out )?for|"
    r"look out for|prevent|avoid|risk of|chances? of|rates?|percent|statistics?|survival|tell me about|"
    r"difference between|when (?:should|do|to)|information about|explain|considered|patients|people|"
    r"(?:is|are) (?:\w+ ){0,4}(?:a |an )?(?:normal|common|side effects?|signs?|symptoms?)\b|"
    r"^ ?(?:can|should|may|could) (?:i|we|he|she) (?:take|eat|drink|use|give|have|get|do)\b|"
    r"(?:is|could) (?:this|that|it|my \w+)(?: \w+){0,4} (?:be )?(?:cancer|malignant))\b"
)
_HYPOTHETICAL = re.compile(
    r"\b(?<!sure )(?<!know )(?<!wonder )(?<!wondering )(?:if|what if|in case|unless|whether)\b"
)
_REMOTE = re.compile(
    r"\b(?:(?:\d+|a|two|three|few|several) (?:years?|months?) ago|last year|years ago|in the past|"
    r"history of|used to)\b"
)
_NEGATOR = re.compile(
    r"\b(?:no|not|never|without|denies|denied|none|nor|don'?t|doesn'?t|didn'?t|isn'?t|wasn'?t|aren'?t|hasn'?t)\b"
    r"(?! (?:sure|certain|know|tell))"
)
_RESOLVED = re.compile(r"\b(?:gone|went away|resolved|cleared up|broke|is over)\b")
_TREATMENT = re.compile(
    r"\b(?:chemo\w*|infusion|treatment|immunotherapy|neutropeni\w*|counts?|white (?:blood )?(?:cells?|count)|"
    r"wbc|anc|transplant|folfox|folfiri|keytruda|opdivo|nivolumab|pembrolizumab|rituximab|port)\b"
)
_TEMP = re.compile(
    r"\b(?:temp\w*|fever\w*|fevr|running(?: a)?|hit|spiked(?: to)?|reading|at)\D{0,15}?(\d{2,3}(?:\.\d)?)\b"
    r"|\b(\d{2,3}(?:\.\d)?)\s*(?:°|degrees)|\b((?:3[5-9]|4[0-2]|9[5-9]|10\d)\.\d)\b"
)
_UNSURE = re.compile(
    r"\b(?:not sure|maybe|might|a little|slight\w*|low[- ]grade|feverish|warm|kind of|sort of|is that)\b"
)
_HOT = re.compile(r"\b(?:burning up|chills|rigors|shaking|shaky|shivering|(?:so|really|very) hot)\b")

MESSAGES: dict[str, str] = {
    "emergency": (
        "What you describe can be a medical emergency. Please get help now: call 911 or go to the nearest "
        "emergency room. Don't wait for an answer here."
    ),
    "crisis": (
        "You matter, and you don't have to carry this alone. Please reach out right now: call or text 988 "
        "(Suicide & Crisis Lifeline, US) or call 911 if you might act on these thoughts."
    ),
    "urgent": (
        "This is worth a call to your cancer care team today. Don't wait for your next appointment; use the "
        "after-hours number if the office is closed."
    ),
    "routine": "",
    "dose": (
        "Questions about how much of a medicine to take need your care team or pharmacist, who know your "
        "whole treatment. Please call them; I can help you prepare the question."
    ),
    "stop_treatment": (
        "Stopping, skipping or changing treatment is a decision to make with your oncology team, who can "
        "weigh the reasons with you. Please talk to them before changing anything; I can help you list "
        "your concerns."
    ),
    "diagnosis": (
        "I can't tell whether you have cancer or what stage it is; only a doctor who examines you and your "
        "test results can. Please see your doctor about it; I can explain terms and help you prepare "
        "questions."
    ),
}

ACTIONS: dict[str, list[str]] = {
    "emergency": [
        "Call 911 or go to the nearest emergency room now.",
        "Tell them you have cancer and which treatment you are on, and when you last had it.",
        "Then let your oncology team know (use their 24-hour line).",
    ],
    "fever": [
        "Call your oncology team's 24-hour line now, or go to the emergency room.",
        "Say you are on cancer treatment and may have low counts: fever then needs care within the hour.",
        "Take your temperature again and write down the number and time.",
    ],
    "crisis": [
        "Call or text 988 (Suicide & Crisis Lifeline) now; in danger, call 911.",
        "Stay with someone you trust and keep away from anything you could use to hurt yourself.",
        "Tell your care team how you are feeling; they can help.",
    ],
    "urgent": [
        "Call your cancer care team today (after-hours line if the office is closed).",
        "Note when it started, how bad it is and what makes it better or worse.",
        "Call 911 if it suddenly gets worse, or with trouble breathing, chest pain, confusion or fainting.",
    ],
    "clot": [
        "Call your cancer care team today; a swollen, painful leg or arm can be a blood clot.",
        "Call 911 right away if you also feel short of breath or have chest pain.",
    ],
}


Patterns = tuple[re.Pattern[str], ...]


@dataclass(frozen=True)
class Rule:
    id: str
    level: str
    care: str
    label: str
    strong: tuple[re.Pattern[str], ...]
    weak: tuple[re.Pattern[str], ...]


@dataclass(frozen=True)
class Hit:
    rule: Rule
    level: str
    phrase: str


def _compile(patterns: list[str], macros: dict[str, str]) -> tuple[re.Pattern[str], ...]:
    out = []
    for p in patterns:
        for name, value in macros.items():
            p = p.replace("{" + name + "}", value)
        out.append(re.compile(rf"(?<![\w'])(?:{p})", re.I))
    return tuple(out)


@lru_cache(maxsize=4)
def load_rules(path: str = str(RULES_PATH)) -> tuple[tuple[Rule, ...], dict[str, Patterns]]:
    """Read and compile the triage lexicon (cached)."""
    try:
        raw: Any = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        macros = {str(k): str(v) for k, v in raw.get("macros", {}).items()}
        rules = tuple(
            Rule(
                r["id"],
                r["level"],
                r.get("care", r["level"]),
                r["label"],
                _compile(r.get("strong", []), macros),
                _compile(r.get("weak", []), macros),
            )
            for r in raw["rules"]
        )
        redirects = {k: _compile(v, macros) for k, v in raw.get("redirects", {}).items()}
    except (OSError, yaml.YAMLError, KeyError, TypeError, AttributeError, re.error) as exc:
        raise ConfigError(f"triage rules could not be loaded from {path}: {exc}") from exc
    return rules, redirects


def _normalize(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'").replace("‘", "'").lower())


def _negated(sentence: str, start: int, end: int) -> bool:
    before = sentence[:start].split()[-5:]
    if _NEGATOR.search(" ".join(before)):
        return True
    return bool(_RESOLVED.search(" ".join(sentence[end:].split()[:6])))


def _reported(sentence: str, message_has_report: bool) -> bool:
    """Does this sentence report something happening, rather than ask about it in general?"""
    if _SUBJECT_VERB.search(sentence):
        return True
    framed = bool(_FRAME.search(sentence))
    if framed:
        return False
    if _TIME.search(sentence) or _PRONOUN.search(sentence):
        return True
    return "?" not in sentence or message_has_report


def _counts(sentence: str, m: re.Match[str], strong: bool, message_has_report: bool) -> bool:
    if _negated(sentence, m.start(), m.end()) or _HYPOTHETICAL.search(sentence[: m.start()]):
        return False
    if strong:
        return True
    if _REMOTE.search(sentence):
        return False
    return _reported(sentence, message_has_report)


def _fever_level(text: str, sentence: str) -> str:
    """Fever on treatment, with chills or at 100.4 F / 38 C or above is an emergency."""
    for m in _TEMP.finditer(text):
        value = float(m.group(1) or m.group(2) or m.group(3))
        if 35 <= value <= 43 or 95 <= value <= 110:
            return "emergency" if (value >= 100.4 or 38.0 <= value <= 43) else "urgent"
    if _HOT.search(text) and _TREATMENT.search(text):
        return "emergency"
    if _UNSURE.search(sentence):
        return "urgent"
    if _TREATMENT.search(text) or _HOT.search(text):
        return "emergency"
    return "urgent"


def find_hits(text: str) -> list[Hit]:
    """Every rule that fires on the text, with the phrase that fired it."""
    rules, _ = load_rules()
    norm = _normalize(text)
    sentences = [s.group() for s in _SENTENCE.finditer(norm)]
    has_report = any(_SUBJECT_VERB.search(s) or _TIME.search(s) for s in sentences)
    hits: list[Hit] = []
    for rule in rules:
        for sentence in sentences:
            hit = _rule_hit(rule, norm, sentence, has_report)
            if hit is not None:
                hits.append(hit)
                break
    return hits


def _rule_hit(rule: Rule, text: str, sentence: str, has_report: bool) -> Hit | None:
    for strong, patterns in ((True, rule.strong), (False, rule.weak)):
        for pattern in patterns:
            for m in pattern.finditer(sentence):
                if _counts(sentence, m, strong, has_report):
                    level = _fever_level(text, sentence) if rule.id == "fever" else rule.level
                    return Hit(rule, level, m.group().strip())
    return None


def detect_redirect(text: str) -> str | None:
    """'dose', 'stop_treatment' or 'diagnosis' when the text asks for one of those, else None."""
    _, redirects = load_rules()
    norm = _normalize(text)
    for kind, patterns in redirects.items():
        if any(p.search(norm) for p in patterns):
            return kind
    return None


def triage(text: str) -> Triage:
    """Classify a message as emergency, urgent or routine, with what to do now and why."""
    hits = find_hits(text)
    redirect = detect_redirect(text)
    level: TriageLevel = "routine"
    if any(h.level == "emergency" for h in hits):
        level = "emergency"
    elif hits:
        level = "urgent"
    top = [h for h in hits if h.level == level]
    matched = [f'{h.rule.label}: "{h.phrase}"' for h in top]
    if level == "routine":
        return Triage("routine", MESSAGES[redirect] if redirect else "", [], [], redirect)
    care = top[0].rule.care
    if any(h.rule.care == "crisis" for h in top):
        care = "crisis"
    if level == "emergency" and care not in {"crisis", "fever"}:
        care = "emergency"
    if level == "urgent" and care == "fever":
        care = "urgent"
    message = MESSAGES["crisis"] if care == "crisis" else MESSAGES[level]
    return Triage(level, message, list(ACTIONS[care]), matched, redirect)
