"""Encrypted blob store: isolation, no plaintext on disk or in the database, crash safety (kill -9)."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from onconav.config import Settings
from onconav.errors import NotFoundError
from onconav.storage.crypto import Crypto
from onconav.storage.db import Database
from onconav.storage.files import BlobStore

REPORT = b"SURGICAL PATHOLOGY: invasive ductal carcinoma, marker ZEBRA-4471-QUOKKA, ER positive."


@pytest.fixture
def store(settings: Settings) -> BlobStore:
    db = Database(settings)
    return BlobStore(settings, Crypto(settings, db))


def test_put_get_delete_and_isolation(store: BlobStore) -> None:
    bid = store.put("alice", REPORT)
    assert store.get("alice", bid) == REPORT and store.list("alice") == [bid]
    with pytest.raises(NotFoundError):
        store.get("bob", bid)
    with pytest.raises(NotFoundError):
        store.get("alice", "../../etc/passwd")
    with pytest.raises(NotFoundError):
        store.delete("bob", bid)
    store.delete("alice", bid)
    with pytest.raises(NotFoundError):
        store.get("alice", bid)


def _all_bytes(root: Path) -> bytes:
    return b"".join(p.read_bytes() for p in root.rglob("*") if p.is_file())


def test_no_plaintext_in_database_or_files(settings: Settings, store: BlobStore) -> None:
    bid = store.put("alice", REPORT)
    store.crypto.encrypt_for("alice", REPORT, "text:1")  # e.g. extracted text kept in a table
    raw = _all_bytes(settings.home)
    for needle in (b"ZEBRA-4471-QUOKKA", b"invasive ductal", b"ER positive"):
        assert needle not in raw
    assert bid.encode() in b"".join(p.name.encode() for p in settings.files_dir.rglob("*"))


WRITER = textwrap.dedent("""
    import hashlib, sys
    from pathlib import Path
    from onconav.config import Settings
    from onconav.storage.crypto import Crypto
    from onconav.storage.db import Database
    from onconav.storage.files import BlobStore
    s = Settings(home=Path(sys.argv[1]), rate_limits_enabled=False)
    store = BlobStore(s, Crypto(s, Database(s)))
    i = 0
    while True:
        data = hashlib.sha256(str(i).encode()).digest() * 20000  # 640 KB, slow enough to be cut mid-write
        bid = store.put("owner", data)
        print(i, bid, flush=True)  # acknowledged only after put() returned
        i += 1
""")


def test_kill_9_during_uploads_loses_no_acknowledged_blob(settings: Settings) -> None:
    Crypto(settings, Database(settings))  # create the key file and tables first
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(settings.home)], stdout=subprocess.PIPE, text=True
    )
    acked: list[tuple[int, str]] = []
    assert proc.stdout is not None
    for line in proc.stdout:
        i, bid = line.split()
        acked.append((int(i), bid))
        if len(acked) >= 15:
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    store = BlobStore(settings, Crypto(settings, Database(settings)))
    for i, bid in acked:
        assert store.get("owner", bid) == hashlib.sha256(str(i).encode()).digest() * 20000
    for bid in store.list("owner"):  # every complete file decrypts: nothing torn
        assert len(store.get("owner", bid)) == 640000
    store.sweep()
    assert not list(settings.files_dir.rglob("*.tmp"))
