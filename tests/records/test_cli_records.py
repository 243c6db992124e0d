"""`onconav records extract`: files, JSON contract, bad files and JSONL batches."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from onconav.cli import app

runner = CliRunner()
REPORT = "Left breast lumpectomy: invasive ductal carcinoma, 1.8 cm. pT1c pN0 (0/3). ER positive (90%).\n"


def test_extract_json_contract(tmp_path: Path, home: Path) -> None:
    good = tmp_path / "path.txt"
    good.write_text(REPORT)
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(b"\x00\x01 not a pdf")
    res = runner.invoke(app, ["records", "extract", str(good), str(bad), "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert set(out) == {"documents", "profile", "facts"}
    docs = {Path(d["file"]).name: d for d in out["documents"]}
    assert docs["path.txt"]["pages"] == 1 and "error" not in docs["path.txt"]
    assert docs["scan.pdf"]["error"]
    prof = out["profile"]
    for key in (
        "cancer_type",
        "primary_site",
        "laterality",
        "histology",
        "grade",
        "tnm",
        "stage_group",
        "tumor_size_cm",
        "lymph_nodes",
        "margins",
        "lvi",
        "biomarkers",
        "treatments",
    ):
        assert key in prof
    assert prof["tnm"]["t"] == "T1c" and prof["tnm"]["prefix"] == "p"
    assert prof["cancer_type"]["oncotree_code"] == "IDC"
    for f in out["facts"]:
        assert {"field", "value", "derived", "evidence"} <= set(f)
        for ev in f["evidence"]:
            assert REPORT[ev["start"] : ev["end"]] == ev["text"]


def test_extract_summary(tmp_path: Path, home: Path) -> None:
    good = tmp_path / "r.txt"
    good.write_text(REPORT)
    res = runner.invoke(app, ["records", "extract", str(good)])
    assert res.exit_code == 0
    assert "Breast Invasive Ductal Carcinoma" in res.output and "pT1c" in res.output


def test_batch(tmp_path: Path, home: Path) -> None:
    src = tmp_path / "b.jsonl"
    src.write_text(
        json.dumps({"id": "r1", "body": "Colon adenocarcinoma, pT3 pN1b."})
        + "\n"
        + json.dumps({"id": 2, "body": ""})
        + "\n"
    )
    res = runner.invoke(app, ["records", "extract", "--batch", str(src), "--text-field", "body", "--json"])
    assert res.exit_code == 0, res.output
    lines = [json.loads(x) for x in res.output.splitlines()]
    assert [x["id"] for x in lines] == ["r1", 2]
    assert lines[0]["profile"]["tnm"]["t"] == "T3"
    assert lines[1]["facts"] == [] and lines[1]["profile"]["tnm"]["t"] is None


def test_batch_bad_json_is_clear_error(tmp_path: Path, home: Path) -> None:
    src = tmp_path / "b.jsonl"
    src.write_text("{not json\n")
    res = runner.invoke(app, ["records", "extract", "--batch", str(src)])
    assert res.exit_code != 0


def test_no_arguments_is_an_error(home: Path) -> None:
    res = runner.invoke(app, ["records", "extract"])
    assert res.exit_code != 0
