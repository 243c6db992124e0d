"""The audit log is hash-chained: edits, deletions and forged rows are caught; the CLI reports them."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from onconav.cli import app as cli
from onconav.config import Settings
from onconav.security import audit
from onconav.storage.db import Database


@pytest.fixture
def db(settings: Settings) -> Database:
    d = Database(settings)
    for i in range(5):
        audit.record(d, f"user{i}", "documents.read", owner_id="patient", record_id=f"doc{i}", ip="10.0.0.1")
    return d


def test_untouched_chain_verifies(db: Database) -> None:
    assert audit.verify(db) == (True, None)
    assert [e["record_id"] for e in audit.entries_for_owner(db, "patient")][:2] == ["doc4", "doc3"]


@pytest.mark.parametrize(
    "sql, bad",
    [
        ("UPDATE audit_log SET actor_id = 'someone-else' WHERE id = 3", 3),
        ("DELETE FROM audit_log WHERE id = 2", 3),
        ("UPDATE audit_log SET ts = '2001-01-01T00:00:00+00:00' WHERE id = 5", 5),
    ],
)
def test_edits_are_caught(db: Database, sql: str, bad: int) -> None:
    with db.engine.begin() as conn:
        conn.execute(text(sql))
    assert audit.verify(db) == (False, bad)


def test_recomputing_a_plain_hash_is_not_enough(db: Database) -> None:
    import hashlib

    with db.engine.begin() as conn:
        conn.execute(
            text("UPDATE audit_log SET action = 'nothing', hash = :h WHERE id = 5"),
            {"h": hashlib.sha256(b"forged").hexdigest()},
        )
    assert audit.verify(db) == (False, 5)


def test_cli_verify(db: Database, settings: Settings) -> None:
    runner = CliRunner()
    ok = runner.invoke(cli, ["audit", "verify"])
    assert ok.exit_code == 0 and "OK" in ok.output
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE audit_log SET ip = '1.2.3.4' WHERE id = 4"))
    bad = runner.invoke(cli, ["audit", "verify"])
    assert bad.exit_code != 0 and "entry 4" in str(bad.exception)
    shown = runner.invoke(cli, ["audit", "show", "--limit", "2"])
    assert shown.exit_code == 0 and shown.output.count("documents.read") == 2
