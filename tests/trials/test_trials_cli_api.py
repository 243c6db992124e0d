from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from onconav.app import create_app
from onconav.cli import app as cli_app
from onconav.config import Settings
from onconav.trials.store import TrialStore

runner = CliRunner()


def test_cli_import_match_json_and_batch(home: Path, fixtures: Path, tmp_path: Path) -> None:
    res = runner.invoke(
        cli_app,
        [
            "trials",
            "import",
            str(fixtures / "search_page1.json"),
            str(fixtures / "search_page2.json"),
            str(fixtures / "bad_truncated.json"),
        ],
    )
    assert res.exit_code == 0 and "imported 4" in res.output and "1 file(s) skipped" in res.output
    html = tmp_path / "list.html"
    res = runner.invoke(
        cli_app,
        [
            "trials",
            "match",
            "--profile",
            str(fixtures / "profile_her2_breast.json"),
            "--zip",
            "20892",
            "--json",
            "--html",
            str(html),
        ],
    )
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    first = out["trials"][0]
    assert first["nct_id"] == "NCT90000001" and first["rank"] == 1
    assert set(first) >= {"nct_id", "title", "rank", "score", "eligibility", "criteria", "nearest_site"}
    assert {"text", "kind", "verdict", "evidence"} <= set(first["criteria"][0])
    assert first["nearest_site"]["city"] == "Bethesda"
    page = html.read_text()
    assert "Testumab" in page and "would settle this" in page and "not medical advice" in page
    res = runner.invoke(
        cli_app,
        ["trials", "match", "--batch", str(fixtures / "cases.jsonl"), "--text-field", "summary", "--json"],
    )
    lines = [json.loads(x) for x in res.output.splitlines()]
    assert [x["id"] for x in lines] == ["case-1", "case-2"]
    assert lines[1]["trials"][0]["nct_id"] == "NCT90000002"


def test_cli_bad_input_gives_messages(home: Path, fixtures: Path, tmp_path: Path) -> None:
    res = runner.invoke(cli_app, ["trials", "match", "--profile", str(fixtures / "profile_her2_breast.json")])
    assert res.exit_code != 0 and "no trials stored" in str(res.exception)
    runner.invoke(cli_app, ["trials", "import", str(fixtures / "search_page1.json")])
    empty = tmp_path / "empty.json"
    empty.write_text("{}")
    res = runner.invoke(cli_app, ["trials", "match", "--profile", str(empty)])
    assert "profile is empty" in str(res.exception)
    res = runner.invoke(
        cli_app,
        ["trials", "match", "--profile", str(fixtures / "profile_her2_breast.json"), "--zip", "99999"],
    )
    assert "ZIP" in str(res.exception)
    res = runner.invoke(cli_app, ["trials", "show", "NCT00000000"])
    assert "not in the local store" in str(res.exception)
    res = runner.invoke(cli_app, ["trials", "list", "--json"])
    assert {r["nct_id"] for r in json.loads(res.output)} == {"NCT90000001", "NCT90000002"}


def test_api_match_and_get(settings: Settings, store: TrialStore, fixtures: Path) -> None:
    client = TestClient(create_app(settings))
    profile = json.loads((fixtures / "profile_her2_breast.json").read_text())
    res = client.post("/api/trials/match", json={"profile": profile, "zip": "20892", "status": "recruiting"})
    assert res.status_code == 200
    body = res.json()
    assert body["trials"][0]["nct_id"] == "NCT90000001"
    assert all(t["nct_id"] != "NCT90000003" for t in body["trials"])
    assert client.get("/api/trials/NCT90000002").json()["trial"]["title"].startswith("Checkpoint")
    assert client.get("/api/trials/NCT00000000").status_code == 404
    bad = client.post("/api/trials/match", json={"profile": profile, "zip": "00000"})
    assert bad.status_code == 400 and "ZIP" in bad.json()["detail"]
    assert client.post("/api/trials/match", json={"profile": {}}).status_code == 400
