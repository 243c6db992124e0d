"""Export holds everything; deletion leaves nothing readable and one audit entry without health data."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

from fastapi.testclient import TestClient

from conftest import PASSWORD, csrf_of
from onconav.answers.store import save_answer
from onconav.security import audit
from onconav.security.export import register_exporter
from onconav.storage.crypto import Crypto, crypto_for
from onconav.storage.db import Database
from onconav.storage.files import BlobStore

MARKER = b"QUOKKA-PATHOLOGY-7731 invasive lobular carcinoma"


def _stored_file_exporter(db: Database, crypto: Crypto, owner_id: str) -> dict[str, bytes]:
    store = BlobStore(db.settings, crypto)
    return {f"originals/{bid}.txt": store.get(owner_id, bid) for bid in store.list(owner_id)}


register_exporter("test_files", _stored_file_exporter)


def _seed(acct, app) -> str:  # type: ignore[no-untyped-def]
    rt = app.state.runtime
    blob_id = BlobStore(rt.settings, crypto_for(rt.db)).put(acct.id, MARKER)
    answer = rt.answers.ask("What does QUOKKA-QUESTION-9921 mean for me?", store=False)
    save_answer(rt.db, answer, owner_id=acct.id, personal=True)
    return blob_id


def test_export_contains_everything(two_users) -> None:  # type: ignore[no-untyped-def]
    alice, bob = two_users
    blob_id = _seed(alice, alice.client.app)
    r = alice.client.get("/account/export")
    assert r.status_code == 200 and r.headers["content-type"] == "application/zip"
    z = zipfile.ZipFile(io.BytesIO(r.content))
    names = set(z.namelist())
    assert {
        "account.json",
        "audit.json",
        "answers/answers.json",
        f"test_files/originals/{blob_id}.txt",
    } <= names
    assert z.read(f"test_files/originals/{blob_id}.txt") == MARKER
    assert json.loads(z.read("account.json"))["email"] == "alice@example.org"
    assert "QUOKKA-QUESTION-9921" in z.read("answers/answers.json").decode()
    assert any(e["action"] == "account.exported" for e in json.loads(z.read("audit.json")))
    api = TestClient(alice.client.app).get(
        "/api/me/export", headers={"Authorization": f"Bearer {alice.token}"}
    )
    assert api.status_code == 200 and "account.json" in zipfile.ZipFile(io.BytesIO(api.content)).namelist()
    bob_zip = zipfile.ZipFile(io.BytesIO(bob.client.get("/account/export").content))
    assert not any(n.startswith("test_files/originals/") for n in bob_zip.namelist())
    assert all(b"QUOKKA" not in bob_zip.read(n) for n in bob_zip.namelist())


def _raw(home: Path) -> bytes:
    return b"".join(p.read_bytes() for p in home.rglob("*") if p.is_file() and p.name != "master.key")


def test_deletion_leaves_nothing_readable(two_users, settings) -> None:  # type: ignore[no-untyped-def]
    alice, bob = two_users
    app = alice.client.app
    blob_id = _seed(alice, app)
    sealed = next((settings.files_dir).rglob(blob_id)).read_bytes()
    bad = alice.post("/account/delete", {"password": "wrong password here", "confirm": "DELETE"})
    assert bad.status_code == 400
    r = alice.post("/account/delete", {"password": PASSWORD, "confirm": "delete"})
    assert r.status_code == 200 and "Account deleted" in r.text
    db = app.state.runtime.db
    raw = _raw(settings.home)
    for needle in (b"alice@example.org", b"QUOKKA-QUESTION-9921", b"QUOKKA-PATHOLOGY"):
        assert needle not in raw, needle
    assert not Crypto(settings, db).has_key(alice.id)
    try:
        Crypto(settings, db).decrypt_for(alice.id, sealed, f"blob:{blob_id}")
        raise AssertionError("a shredded ciphertext decrypted")
    except Exception as exc:
        assert type(exc).__name__ == "IntegrityError"
    r = alice.client.post(
        "/signin",
        data={"email": alice.email, "password": PASSWORD, "csrf_token": csrf_of(alice.client, "/signin")},
    )
    assert r.status_code == 401
    entries = audit.entries_for_owner(db, alice.id)
    assert entries[0]["action"] == "account.deleted" and audit.verify(db) == (True, None)
    assert bob.client.get("/account").status_code == 200  # others untouched


def test_api_delete_needs_confirmation(two_users) -> None:  # type: ignore[no-untyped-def]
    alice, _ = two_users
    with TestClient(alice.client.app) as bare:
        h = {"Authorization": f"Bearer {alice.token}"}
        assert bare.delete("/api/me", headers=h).status_code == 422
        assert bare.delete("/api/me", params={"confirm": "yes"}, headers=h).status_code == 204
        assert bare.get("/api/me", headers=h).status_code == 401
