"""Envelope encryption: round trips, context binding, shredding, master-key rotation, production refusal."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from onconav.app import create_app
from onconav.config import Settings, load_settings
from onconav.errors import ConfigError, IntegrityError
from onconav.storage.crypto import Crypto, generate_key, key_id, parse_key
from onconav.storage.db import Database


@pytest.fixture
def crypto(settings: Settings) -> Crypto:
    return Crypto(settings, Database(settings))


def test_round_trip_and_context_binding(crypto: Crypto) -> None:
    blob = crypto.encrypt_for("alice", b"ER positive, HER2 negative", "doc:1")
    assert b"HER2" not in blob
    assert crypto.decrypt_for("alice", blob, "doc:1") == b"ER positive, HER2 negative"
    with pytest.raises(IntegrityError):
        crypto.decrypt_for("alice", blob, "doc:2")  # moved to another record
    crypto.encrypt_for("bob", b"x", "doc:1")
    with pytest.raises(IntegrityError):
        crypto.decrypt_for("bob", blob, "doc:1")  # moved to another owner
    tampered = blob[:-1] + bytes([blob[-1] ^ 1])
    with pytest.raises(IntegrityError):
        crypto.decrypt_for("alice", tampered, "doc:1")
    with pytest.raises(IntegrityError):
        crypto.decrypt_for("alice", b"garbage", "doc:1")


def test_generated_key_file_is_private(settings: Settings, crypto: Crypto) -> None:
    mode = stat.S_IMODE((settings.home / "master.key").stat().st_mode)
    assert mode == 0o600


def test_shred_makes_everything_unreadable(crypto: Crypto) -> None:
    blob = crypto.encrypt_for("alice", b"secret", "doc:1")
    crypto.shred("alice")
    assert not crypto.has_key("alice")
    with pytest.raises(IntegrityError):
        crypto.decrypt_for("alice", blob, "doc:1")
    fresh = Crypto(crypto.settings, crypto.db)  # no cache anywhere brings it back
    with pytest.raises(IntegrityError):
        fresh.decrypt_for("alice", blob, "doc:1")


def test_rotation_rewraps_keys_and_other_processes_keep_reading(settings: Settings, tmp_path: Path) -> None:
    key_file = tmp_path / "keys"
    old, new = generate_key(), generate_key()
    key_file.write_text(old + "\n")
    s = settings.with_(master_key_file=key_file)
    db = Database(s)
    writer, reader = Crypto(s, db), Crypto(s, db)
    blob = writer.encrypt_for("alice", b"pathology text", "doc:1")
    key_file.write_text(f"{new}\n{old}\n")  # what `onconav keys rotate` writes first
    assert writer.rotate_master(new) >= 1
    assert writer.status()["data_keys_by_kid"] == {key_id(parse_key(new)): 1}
    key_file.write_text(new + "\n")  # old key retired
    assert reader.decrypt_for("alice", blob, "doc:1") == b"pathology text"  # reloads the key file
    assert Crypto(s, db).decrypt_for("alice", blob, "doc:1") == b"pathology text"


def test_env_keys_accept_a_list_and_passphrases(settings: Settings) -> None:
    s = settings.with_(master_key="a long passphrase that is not base64!," + generate_key())
    c = Crypto(s, Database(s))
    assert c.decrypt_for("x", c.encrypt_for("x", b"ok", "t"), "t") == b"ok"
    assert not (settings.home / "master.key").exists()


def test_production_refuses_to_start_without_a_master_key(settings: Settings) -> None:
    with pytest.raises(ConfigError, match="master key"):
        create_app(settings.with_(production=True))
    with pytest.raises(ConfigError, match="master key"):
        load_settings({"ONCONAV_HOME": str(settings.home), "ONCONAV_PRODUCTION": "1"})
    ok = create_app(settings.with_(production=True, master_key=generate_key()))
    assert ok.state.settings.production


def test_missing_key_file_is_a_clear_error(settings: Settings, tmp_path: Path) -> None:
    s = settings.with_(master_key_file=tmp_path / "nope")
    with pytest.raises(ConfigError, match="not found"):
        Crypto(s, Database(s))
