"""Background jobs: survive restarts, never run twice at once, and one bad document never blocks others."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from records_web_helpers import REPORT

from onconav.app import create_app
from onconav.config import Settings
from onconav.records import jobs
from onconav.records.jobs import JobRunner, run_pending, runner_for
from onconav.records.service import service_for
from onconav.records.store import DocumentRow, JobRow
from onconav.storage.db import Database


def _crash_mid_job(settings: Settings, attempts: int = 1) -> str:
    """Upload a document and leave its job 'running', as a process killed while reading it would."""
    db = Database(settings)
    svc = service_for(db)
    doc_id = svc.upload("alice", "r.txt", REPORT.encode())
    job = JobRunner(svc, workers=0).claim_next()
    assert job is not None and job.document_id == doc_id
    with db.session() as s:
        s.get(DocumentRow, doc_id).status = "processing"  # type: ignore[union-attr]
        s.get(JobRow, job.id).attempts = attempts  # type: ignore[union-attr]
    db.engine.dispose()
    return doc_id


def test_app_startup_resumes_unfinished_jobs(settings: Settings) -> None:
    doc_id = _crash_mid_job(settings)
    app = create_app(settings)
    with TestClient(app):  # lifespan: resume + start the workers
        runner = runner_for(app.state.runtime.db)
        assert runner.running
        assert runner.wait_idle(120)
        info = service_for(app.state.runtime.db).document("alice", doc_id)
        assert info.status == "done" and info.kind == "pathology_report"
    assert not runner.running  # the workers stop with the app


def test_a_document_that_keeps_crashing_is_set_aside(settings: Settings) -> None:
    doc_id = _crash_mid_job(settings, attempts=jobs.MAX_ATTEMPTS)
    db = Database(settings)
    assert runner_for(db, workers=0).resume() == 1
    assert run_pending(db) == {"error": 1}
    info = service_for(db).document("alice", doc_id)
    assert info.status == "error" and "set aside" in (info.error or "")


def test_a_job_is_claimed_once(settings: Settings) -> None:
    db = Database(settings)
    service_for(db).upload("alice", "r.txt", REPORT.encode())
    a, b = JobRunner(service_for(db), 0), JobRunner(service_for(db), 0)
    assert a.claim_next() is not None
    assert b.claim_next() is None


def test_an_unexpected_crash_in_one_document_does_not_stop_the_others(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    import onconav.records.parsers as parsers

    real = parsers.parse_bytes

    def flaky(data: bytes, filename: str, limits: object = None):  # type: ignore[no-untyped-def]
        if filename == "boom.txt":
            raise RuntimeError("parser bug")
        return real(data, filename, limits)  # type: ignore[arg-type]

    monkeypatch.setattr(parsers, "parse_bytes", flaky)
    db = Database(settings)
    svc = service_for(db)
    bad = svc.upload("alice", "boom.txt", REPORT.encode())
    good = svc.upload("alice", "fine.txt", REPORT.encode())
    assert run_pending(db) == {"error": 1, "done": 1}
    assert svc.document("alice", good).status == "done"
    bad_info = svc.document("alice", bad)
    assert bad_info.status == "error" and "reprocessing" in (bad_info.error or "")
    # Nothing lost: once the bug is fixed, reprocessing reads the stored original.
    monkeypatch.setattr(parsers, "parse_bytes", real)
    svc.reprocess("alice")
    assert run_pending(db) == {"done": 2}
    assert svc.document("alice", bad).status == "done"


def test_worker_threads_read_uploads_in_the_background(settings: Settings) -> None:
    db = Database(settings)
    runner = JobRunner(service_for(db), workers=2)
    runner.start()
    try:
        ids = [service_for(db).upload("alice", f"r{i}.txt", REPORT.encode()) for i in range(4)]
        runner.notify()
        assert runner.wait_idle(120)
    finally:
        runner.stop()
    assert {service_for(db).document("alice", i).status for i in ids} == {"done"}


def test_cli_reprocess_and_list(settings: Settings) -> None:
    import json

    from typer.testing import CliRunner

    from onconav.cli import app
    from onconav.security.accounts import create_user

    db = Database(settings)
    user = create_user(db, "dana@example.org", "correct horse battery staple")
    doc_id = service_for(db).upload(user.id, "r.txt", REPORT.encode())
    runner = CliRunner()
    res = runner.invoke(app, ["records", "reprocess", "--owner", "dana@example.org"])
    assert res.exit_code == 0, res.output
    assert "1 document(s) queued" in res.output and "1 done" in res.output  # read once, not twice
    res = runner.invoke(app, ["records", "list", "--json"])
    rows = json.loads(res.output)
    assert [(r["id"], r["status"], r["kind"]) for r in rows] == [(doc_id, "done", "pathology_report")]
    assert "r.txt" not in res.output  # file names are never printed by the admin listing
    res = runner.invoke(app, ["records", "reprocess", "--owner", "nobody@example.org"])
    assert res.exit_code != 0
