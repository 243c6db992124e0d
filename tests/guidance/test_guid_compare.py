"""Compare two opinions: topics lined up, agreements and differences, questions, no ranking; file inputs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from onconav.config import PROJECT_ROOT
from onconav.errors import InputError
from onconav.guidance.compare import compare_plans, plan_text_from_json, sentences
from onconav.guidance.data import load_guidance
from onconav.guidance.plans import plan_text_from_bytes, plan_text_from_file

PLANS = Path(__file__).parent / "fixtures" / "plans"
DATA = load_guidance(PROJECT_ROOT / "knowledge")
RANKING = re.compile(r"(?i)\b(better|best|superior|inferior|worse|should choose|prefer|wrong plan)\b")


def rows(a: str, b: str) -> dict[str, str]:
    return {r.topic: r.agreement for r in compare_plans(a, b, DATA).rows}


def test_two_plans_side_by_side() -> None:
    c = compare_plans(
        plan_text_from_file(PLANS / "plan_a.txt"), plan_text_from_file(PLANS / "plan_b.txt"), DATA
    )
    got = {r.topic: r.agreement for r in c.rows}
    assert got["diagnosis"] == "agree"  # stage IIIA, pT3aN1, adenocarcinoma in both
    assert got["intent"] == "agree"
    assert got["systemic"] == "partly"  # both chemotherapy, different drugs
    assert got["radiation"] == "differ"  # 'no radiation' vs chemoradiation
    assert got["trials"] == "only_b"
    sys_row = next(r for r in c.rows if r.topic == "systemic")
    assert "gemcitabine" in sys_row.a_keys and "mfolfirinox" in sys_row.b_keys
    assert "Radiation" in " ".join(c.differ) and any("Goal" in a for a in c.agree)


def test_questions_for_both_doctors_and_never_a_ranking() -> None:
    c = compare_plans(
        plan_text_from_file(PLANS / "plan_a.txt"), plan_text_from_file(PLANS / "plan_b.txt"), DATA
    )
    text = " ".join(c.questions).lower()
    for needle in (
        "guidelines or research studies",
        "review my case together",
        "tumor board",
        "third opinion",
        "read my test results",
    ):
        assert needle in text
    everything = " ".join([c.note, *c.questions, *[r.agreement_label for r in c.rows]])
    assert not RANKING.search(everything.replace("weigh", ""))


def test_identical_plans_agree_everywhere_they_speak() -> None:
    text = plan_text_from_file(PLANS / "plan_a.txt")
    c = compare_plans(text, text, DATA)
    assert all(r.agreement in ("agree", "neither") for r in c.rows) and not c.differ


def test_json_plan_reads_topic_fields() -> None:
    from_json = plan_text_from_file(PLANS / "plan_b.json")
    got = rows(plan_text_from_file(PLANS / "plan_a.txt"), from_json)
    assert got["radiation"] == "differ" and got["trials"] == "only_b"
    assert plan_text_from_json({"text": "Plan: surgery first."}) == "Plan: surgery first."


def test_pdf_plan_is_read(tmp_path: Path) -> None:
    from onconav.guidance.pdf import html_to_pdf

    body = "".join(f"<p>{line}</p>" for line in (PLANS / "plan_b.txt").read_text().splitlines())
    pdf = html_to_pdf(f"<html><body>{body}</body></html>")
    text = plan_text_from_bytes(pdf, "second.pdf")
    assert "mFOLFIRINOX" in text and "NCT01234567" in text


@pytest.mark.parametrize(("a", "b"), [("", "Plan: surgery."), ("Plan: surgery.", "   ")])
def test_empty_plan_is_a_clear_error(a: str, b: str) -> None:
    with pytest.raises(InputError, match="empty"):
        compare_plans(a, b, DATA)


def test_bad_files_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not found"):
        plan_text_from_file(tmp_path / "missing.txt")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(InputError, match="JSON"):
        plan_text_from_file(bad)
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    with pytest.raises(InputError, match="empty"):
        plan_text_from_file(empty)
    with pytest.raises(InputError):
        plan_text_from_json([1, 2])
    with pytest.raises(InputError, match="too long"):
        compare_plans("surgery. " * 10_000, "surgery", DATA)


def test_negated_treatment_is_kept_apart() -> None:
    got = rows(
        "No surgery is recommended. Palliative chemotherapy.", "Surgery (Whipple) first, then chemotherapy."
    )
    assert got["surgery"] == "differ"


def test_sentences_split_lines_and_bullets() -> None:
    assert sentences("- Surgery first.\n* Then chemo. After that, scans.") == [
        "Surgery first.",
        "Then chemo.",
        "After that, scans.",
    ]
