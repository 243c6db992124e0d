"""Background reading of uploaded records: a small worker pool in the app process, jobs kept in the database.

Jobs are rows (`records_jobs`), so they survive restarts: on startup `resume()` puts jobs that were
running when the process stopped back in the queue, and the workers pick them up. A job is claimed
with a conditional UPDATE, so two workers (or the app and `onconav records reprocess`) never read the
same job at once. One failing document marks only itself as an error; a document that crashed the
process three times is given up with a clear message instead of being retried for ever.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from sqlalchemy import select, update

from onconav.records import store
from onconav.records.service import RecordsService, service_for
from onconav.records.store import DocumentRow, JobRow
from onconav.storage.db import Database

log = logging.getLogger("onconav.records.jobs")

MAX_ATTEMPTS = 3
IDLE_WAIT_S = 2.0


class JobRunner:
    """Runs queued record jobs on worker threads; `run_pending()` runs them in the caller's thread."""

    def __init__(self, service: RecordsService, workers: int = 2) -> None:
        self.service = service
        self.db = service.db
        self.workers = max(0, workers)
        self._threads: list[threading.Thread] = []
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._busy = 0

    # ------------------------------------------------------------------ claiming and running

    def claim_next(self) -> JobRow | None:
        """Atomically take the oldest pending job (None when there is none)."""
        for _ in range(5):  # another worker may win the race for a job: try the next one
            with self.db.session() as s:
                job = s.scalars(
                    select(JobRow).where(JobRow.status == "pending").order_by(JobRow.created_at, JobRow.id)
                ).first()
                if job is None:
                    return None
                res: Any = s.execute(
                    update(JobRow)
                    .where(JobRow.id == job.id, JobRow.status == "pending")
                    .values(status="running", attempts=JobRow.attempts + 1, updated_at=store.now())
                )
                if res.rowcount == 1:
                    job.status, job.attempts = "running", job.attempts + 1
                    return job
        return None

    def run_job(self, job: JobRow) -> str:
        """Read the job's document; the job ends done whatever the document's outcome."""
        if job.attempts > MAX_ATTEMPTS:
            status = self.service._fail(
                job.document_id,
                "This document stopped the reader several times and was set aside; "
                "try uploading it again or as a different file type.",
            )
        else:
            try:
                status = self.service.process(job.document_id)
            except Exception as exc:  # noqa: BLE001 - a job must never kill its worker
                log.warning("job %s failed: %s", job.id, type(exc).__name__)
                status = "error"
        self._finish(job.id, "error" if status == "error" else "done")
        return status

    def _finish(self, job_id: str, status: str) -> None:
        with self.db.session() as s:
            row = s.get(JobRow, job_id)
            if row is not None:
                row.status, row.updated_at = status, store.now()

    def run_pending(self, limit: int | None = None) -> dict[str, int]:
        """Run queued jobs in this thread until none is left (or `limit`); counts by outcome."""
        counts: dict[str, int] = {}
        while limit is None or sum(counts.values()) < limit:
            job = self.claim_next()
            if job is None:
                break
            status = self.run_job(job)
            counts[status] = counts.get(status, 0) + 1
        return counts

    # ------------------------------------------------------------------ the worker pool

    def resume(self) -> int:
        """Requeue jobs left running by a stopped process; returns how many (call once at startup)."""
        with self.db.session() as s:
            res: Any = s.execute(
                update(JobRow)
                .where(JobRow.status == "running")
                .values(status="pending", updated_at=store.now())
            )
            s.execute(update(DocumentRow).where(DocumentRow.status == "processing").values(status="queued"))
            return int(res.rowcount or 0)

    def start(self) -> None:
        """Start the worker threads (idempotent)."""
        with self._lock:
            if self._threads or self.workers == 0:
                return
            self._stop.clear()
            for n in range(self.workers):
                t = threading.Thread(target=self._loop, name=f"onconav-records-{n}", daemon=True)
                t.start()
                self._threads.append(t)
        self.notify()

    def notify(self) -> None:
        """Wake the workers: a job was queued."""
        self._wake.set()

    def stop(self, timeout: float = 30.0) -> None:
        """Ask the workers to finish their current job and stop; unstarted jobs stay queued."""
        self._stop.set()
        self._wake.set()
        with self._lock:
            threads, self._threads = self._threads, []
        for t in threads:
            t.join(timeout)

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                job = self.claim_next()
            except Exception as exc:  # noqa: BLE001 - e.g. the database is briefly locked
                log.warning("could not claim a records job: %s", type(exc).__name__)
                job = None
            if job is None:
                self._wake.wait(IDLE_WAIT_S)
                self._wake.clear()
                continue
            with self._lock:
                self._busy += 1
            try:
                self.run_job(job)
            except Exception as exc:  # noqa: BLE001 - keep the worker alive whatever happens
                log.warning("records job crashed: %s", type(exc).__name__)
            finally:
                with self._lock:
                    self._busy -= 1

    @property
    def running(self) -> bool:
        """Whether worker threads are alive."""
        return any(t.is_alive() for t in self._threads)

    def idle(self) -> bool:
        """No job pending or running (in the database)."""
        with self.db.session() as s:
            q = select(JobRow.id).where(JobRow.status.in_(("pending", "running"))).limit(1)
            return s.scalars(q).first() is None

    def wait_idle(self, timeout: float = 60.0) -> bool:
        """Block until no job is pending or running, or the timeout passes; True when idle."""
        done = threading.Event()
        waited = 0.0
        while not self.idle():
            if waited >= timeout:
                return False
            done.wait(0.05)
            waited += 0.05
        return True


def runner_for(db: Database, workers: int = 2) -> JobRunner:
    """One JobRunner per Database (the app's worker pool)."""
    runner: JobRunner | None = getattr(db, "_onconav_records_runner", None)
    if runner is None:
        runner = JobRunner(service_for(db), workers=workers)
        db._onconav_records_runner = runner  # type: ignore[attr-defined]
    return runner


def run_pending(db: Database, limit: int | None = None) -> dict[str, int]:
    """Run queued record jobs in this thread (for the CLI and tests)."""
    return runner_for(db, workers=0).run_pending(limit)
