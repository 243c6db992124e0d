"""`onconav kit`, `onconav gaps`, `onconav compare`: text, JSON, PDF output and clear errors."""

from __future__ import annotations

import json
from pathlib import Path

from guid_helpers import FIXTURES, corrected
from typer.testing import CliRunner

from onconav.cli import app

PLANS = FIXTURES / "plans"
runner = CliRunner()


def _profile(tmp_path: Path, name: str, whole: bool = True) -> Path:
    data = corrected(name)
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(data if whole else data["profile"]))
    return path


def test_kit_text_json_and_pdf(tmp_path: Path, home: Path) -> None:
    prof = _profile(tmp_path, "colon_stage3")
    out = tmp_path / "kit.pdf"
    r = runner.invoke(app, ["kit", "--profile", str(prof), "--zip", "02115", "--pdf", str(out)])
    assert r.exit_code == 0, r.output
    assert "Colon Adenocarcinoma" in r.output and "Dana-Farber" in r.output
    assert out.read_bytes().startswith(b"%PDF")
    r = runner.invoke(app, ["kit", "--profile", str(prof), "--json"])
    kit = json.loads(r.stdout)
    assert kit["code"] == "COAD" and kit["centers"] == [] and len(kit["letters"]) == 3


def test_kit_without_profile_is_general(home: Path) -> None:
    r = runner.invoke(app, ["kit"])
    assert r.exit_code == 0 and "Uploads that would make this kit personal" in r.output


def test_kit_unknown_zip_and_bad_files(tmp_path: Path, home: Path) -> None:
    r = runner.invoke(app, ["kit", "--zip", "00000"])
    assert r.exit_code != 0 and "00000" in str(r.exception or r.output)
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2]")
    r = runner.invoke(app, ["kit", "--profile", str(bad)])
    assert r.exit_code != 0 and "JSON object" in str(r.exception)
    r = runner.invoke(app, ["gaps", "--profile", str(tmp_path / "missing.json")])
    assert r.exit_code != 0 and "not found" in str(r.exception)


def test_gaps_profile_object_and_json(tmp_path: Path, home: Path) -> None:
    prof = _profile(tmp_path, "lung_egfr", whole=False)
    r = runner.invoke(app, ["gaps", "--profile", str(prof)])
    assert r.exit_code == 0 and "FOUND IN YOUR RECORDS" in r.output and "EGFR" in r.output
    data = json.loads(runner.invoke(app, ["gaps", "--profile", str(prof), "--json"]).stdout)
    assert {i["test_id"]: i["status"] for i in data["items"]}["kras"] == "not_found"


def test_compare_text_and_json(home: Path) -> None:
    r = runner.invoke(app, ["compare", str(PLANS / "plan_a.txt"), str(PLANS / "plan_b.json")])
    assert r.exit_code == 0 and "THEY DIFFER" in r.output and "QUESTIONS FOR BOTH DOCTORS" in r.output
    data = json.loads(
        runner.invoke(app, ["compare", str(PLANS / "plan_a.txt"), str(PLANS / "plan_b.txt"), "--json"]).stdout
    )
    assert {r["topic"]: r["agreement"] for r in data["rows"]}["trials"] == "only_b"
