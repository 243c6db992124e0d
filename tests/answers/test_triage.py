"""Safety triage: emergencies and urgent symptoms caught in lay wording, look-alike questions left alone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from onconav.answers.triage import detect_redirect, load_rules, triage
from onconav.errors import ConfigError

CASES = [json.loads(line) for line in (Path(__file__).parent / "data" / "triage_cases.jsonl").read_text(
    encoding="utf-8").splitlines() if line.strip()]


def _cases(level: str) -> list[dict[str, object]]:
    return [c for c in CASES if c["level"] == level]


def test_case_file_has_the_required_mix() -> None:
    assert len(CASES) >= 160
    assert len(_cases("emergency")) >= 60
    assert len(_cases("urgent")) >= 35
    assert len(_cases("routine")) >= 65
    assert sum(1 for c in CASES if c["redirect"]) >= 15


@pytest.mark.parametrize(
    "text",
    [
        "I'm burning up and shaking two days after my infusion",
        "can't catch my breath",
        "my legs went numb and I can't pee",
        "I don't want to be here anymore",
        "my husband is really confused since this morning and he's on chemo",
        "coughing up blood this morning",
        "my daughter just had a seizure",
        "my face and neck are really swollen and the veins in my chest are bulging",
        "temp is 101.3 and i had chemo on tuesday",
    ],
)
def test_core_emergencies(text: str) -> None:
    result = triage(text)
    assert result.level == "emergency"
    assert result.matched and result.actions
    assert "911" in result.message or "988" in result.message


@pytest.mark.parametrize(
    "text",
    [
        "what is neutropenic fever?",
        "how do I prevent infections during chemo",
        "what is spinal cord compression",
        "is shortness of breath a side effect of radiation?",
        "what are the five year survival rates for pancreatic cancer",
        "what is the suicide rate among cancer patients",
        "no fever, no chills, just tired after my infusion",
        "I had a fever last week but it's gone now, the doctor said it was a virus",
        "if my husband has a seizure at home what should I do",
        "my dad had a seizure 3 years ago, can he still get this immunotherapy trial?",
    ],
)
def test_core_lookalikes_stay_routine(text: str) -> None:
    result = triage(text)
    assert result.level == "routine", result.matched
    assert result.actions == [] and result.matched == []


@pytest.mark.parametrize(
    "text",
    [
        "I've had diarrhea 5 or 6 times today since starting chemo",
        "mouth sores are so bad I can't eat anything",
        "I got a new rash all over my chest since starting immunotherapy",
        "my left calf is swollen and sore",
        "I'm running 99.9, is that a fever?",
    ],
)
def test_core_urgent(text: str) -> None:
    result = triage(text)
    assert result.level == "urgent"
    assert any("care team" in a for a in result.actions)


def test_self_harm_points_to_the_crisis_line() -> None:
    result = triage("honestly i'd rather be dead than go through another round")
    assert result.level == "emergency"
    assert "988" in result.message and any("988" in a for a in result.actions)


def test_fever_on_chemo_gets_fever_advice() -> None:
    result = triage("fever 102 after chemo yesterday what do i do")
    assert result.level == "emergency"
    assert any("temperature" in a for a in result.actions)


def test_leg_swelling_mentions_a_possible_clot() -> None:
    result = triage("my right leg is puffier than the left and the calf hurts")
    assert result.level == "urgent"
    assert any("clot" in a for a in result.actions)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("how many mg of oxycodone should I take for my pain", "dose"),
        ("can I double my dose of ondansetron if the nausea is bad?", "dose"),
        ("should I stop my chemo", "stop_treatment"),
        ("can I skip my next infusion? I have a wedding that weekend", "stop_treatment"),
        ("do I have cancer?", "diagnosis"),
        ("is this lump in my breast cancer", "diagnosis"),
        ("what stage am I based on these symptoms", "diagnosis"),
    ],
)
def test_redirects(text: str, kind: str) -> None:
    result = triage(text)
    assert result.level == "routine"
    assert result.redirect == kind
    assert result.message
    assert not any(ch.isdigit() for ch in result.message)  # never a dose or a number


@pytest.mark.parametrize(
    "text",
    ["How to diagnose Melanoma ?", "what is dose-dense chemotherapy", "how is lung cancer staged"],
)
def test_educational_questions_are_not_redirected(text: str) -> None:
    assert detect_redirect(text) is None


def test_an_emergency_wins_over_a_redirect() -> None:
    result = triage("I can't breathe, should I stop my chemo?")
    assert result.level == "emergency"
    assert "911" in result.message


def test_empty_text_is_routine() -> None:
    result = triage("")
    assert result.level == "routine" and result.redirect is None


def test_broken_rules_file_gives_a_config_error(tmp_path: Path) -> None:
    bad = tmp_path / "rules.yaml"
    content = "rules:\n  - id: x\n    level: emergency\n    label: x\n    weak: ['(unclosed']\n"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match="triage rules"):
        load_rules(str(bad))


def test_aggregate_gates_on_the_labelled_set() -> None:
    caught = strict = 0
    emergencies = _cases("emergency")
    for case in emergencies:
        level = triage(str(case["text"])).level
        strict += level == "emergency"
        caught += level in {"emergency", "urgent"}
    routine = _cases("routine")
    false_alarms = sum(triage(str(c["text"])).level != "routine" for c in routine)
    assert caught / len(emergencies) >= 0.95  # safe recall
    assert strict / len(emergencies) >= 0.90  # strict recall
    assert false_alarms / len(routine) <= 0.05
    redirects = [c for c in CASES if c["redirect"]]
    assert sum(triage(str(c["text"])).redirect == c["redirect"] for c in redirects) / len(redirects) >= 0.9
