"""A real `onconav serve`: uploads through the API, kill -9 mid-upload, restart: every acknowledged
upload is intact, the database passes its integrity check, and no uploaded text is on disk in plaintext."""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from onconav.config import Settings
from onconav.security import audit
from onconav.security.accounts import create_user
from onconav.security.sessions import create_api_token
from onconav.storage.crypto import crypto_for
from onconav.storage.db import Database
from onconav.storage.files import BlobStore

MARKER = "WOMBAT-PLAINTEXT-{i}-CANARY"


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(home: Path, port: int) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "ONCONAV_HOME": str(home),
        "ONCONAV_RATE_LIMITS": "0",
        "ONCONAV_PACK_DIR": str(home / "none"),
    }
    exe = str(Path(sys.executable).with_name("onconav"))
    proc = subprocess.Popen(
        [exe, "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(600):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.kill()
    pytest.fail("server did not start")


def _report(i: int) -> bytes:
    return (
        f"PATHOLOGY REPORT {i}\nDiagnosis: adenocarcinoma of the colon. {MARKER.format(i=i)}\n" * 200
    ).encode()


def test_kill_9_during_uploads(settings: Settings) -> None:
    db = Database(settings)
    user = create_user(db, "crash@example.org", "crash test password")
    token = create_api_token(db, user.id, "crash")[1]
    port = _port()
    proc = _serve(settings.home, port)
    acked: dict[str, int] = {}
    lock = threading.Lock()

    def uploader(start: int) -> None:
        with httpx.Client(
            base_url=f"http://127.0.0.1:{port}", timeout=30, headers={"Authorization": f"Bearer {token}"}
        ) as c:
            for i in range(start, start + 1000, 3):
                try:
                    r = c.post("/api/records", files={"files": (f"r{i}.txt", _report(i), "text/plain")})
                except httpx.HTTPError:
                    return
                if r.status_code in (200, 201, 202):
                    with lock:
                        acked[r.json()["documents"][0]["id"]] = i

    threads = [threading.Thread(target=uploader, args=(k,)) for k in range(3)]
    for t in threads:
        t.start()
    deadline = time.monotonic() + 120
    try:
        while len(acked) < 9 and time.monotonic() < deadline and any(t.is_alive() for t in threads):
            time.sleep(0.05)
    finally:
        os.kill(proc.pid, signal.SIGKILL)  # mid-upload: the uploader threads are still sending
        proc.wait()
        for t in threads:
            t.join()
    assert len(acked) >= 9, "uploads were not acknowledged"
    proc = _serve(settings.home, port)
    try:
        with httpx.Client(
            base_url=f"http://127.0.0.1:{port}", headers={"Authorization": f"Bearer {token}"}
        ) as c:
            listed = {d["id"] for d in c.get("/api/records").json()}
            assert set(acked) <= listed
            for doc_id in acked:
                assert c.get(f"/api/records/{doc_id}").status_code == 200
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    assert (
        sqlite3.connect(settings.home / "onconav.db").execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    )
    store = BlobStore(settings, crypto_for(Database(settings)))
    originals = {store.get(user.id, b) for b in store.list(user.id)}  # every stored blob decrypts
    for i in acked.values():
        assert _report(i) in originals
    assert audit.verify(Database(settings)) == (True, None)
    raw = b"".join(p.read_bytes() for p in settings.home.rglob("*") if p.is_file())
    assert b"WOMBAT-PLAINTEXT" not in raw and b"adenocarcinoma of the colon" not in raw
