"""Envelope encryption at rest: one AES-GCM data key per account, wrapped by a master key.

Contract used by other packages:

    crypto = Crypto(settings, db)
    blob = crypto.encrypt_for(owner_id, plaintext, context="doc:123")   # bytes
    crypto.decrypt_for(owner_id, blob, context="doc:123")               # plaintext bytes
    crypto.shred(owner_id)            # delete the data key: everything of that owner becomes unreadable
    crypto.rotate_master(new_key)     # rewrap every data key with a new master key (no downtime)

The context string is authenticated (AES-GCM associated data) together with the owner id, so a
ciphertext moved to another owner or another record fails to decrypt (IntegrityError).

Master keys come from `settings.master_key` (a comma-separated list: the first is current, the
others are older keys still accepted for unwrapping) or from a key file with one key per line
(`settings.master_key_file`, or `<home>/master.key`, generated with 0600 permissions outside
production mode). A key is 32 random bytes in URL-safe base64; any other string is stretched with
HKDF (works, but a random key is better). Each master key has a short key id (kid) stored next to
every wrapped data key, so rotation rewraps keys one by one while readers keep working: a process
that meets an unknown kid reloads the key file.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import os
import secrets
import threading
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy import LargeBinary, String, select
from sqlalchemy.orm import Mapped, mapped_column

from onconav.config import Settings
from onconav.errors import ConfigError, IntegrityError
from onconav.storage.db import Base, Database

log = logging.getLogger("onconav.crypto")

VERSION = b"\x01"
NONCE = 12
SYSTEM_OWNER_PREFIX = "system:"


class DataKey(Base):
    """A per-account data key, wrapped (AES-GCM) by the master key named by `kid`."""

    __tablename__ = "data_keys"
    owner_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    kid: Mapped[str] = mapped_column(String(16), index=True)
    wrapped: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[str] = mapped_column(String(40))


def generate_key() -> str:
    """A fresh random master key as URL-safe base64 text."""
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode("ascii")


def parse_key(text: str) -> bytes:
    """32 key bytes from base64 text, or HKDF-stretched from any other non-empty string."""
    text = text.strip()
    if not text:
        raise ConfigError("empty master key")
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        if len(raw) == 32:
            return raw
    except ValueError:
        pass
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=b"onconav-master", info=b"v1").derive(
        text.encode()
    )


def key_id(key: bytes) -> str:
    """Short public identifier of a master key (never reveals the key)."""
    return hashlib.sha256(b"onconav-kid" + key).hexdigest()[:12]


def default_key_file(settings: Settings) -> Path:
    """Where the key file lives: the configured one, or `<home>/master.key`."""
    return settings.master_key_file or settings.home / "master.key"


def write_key_file(path: Path, keys: Iterable[str]) -> None:
    """Atomically write a key file (one key per line, newest first) readable only by the owner."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write("\n".join(keys) + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def load_keyring(settings: Settings) -> list[bytes]:
    """Master keys, current first; generates `<home>/master.key` in non-production mode if none."""
    if settings.master_key:
        return [parse_key(k) for k in settings.master_key.split(",") if k.strip()]
    path = default_key_file(settings)
    if settings.master_key_file and not path.exists():
        raise ConfigError(f"master key file not found: {path}")
    if not path.exists():
        if settings.production:
            raise ConfigError(
                "Production mode needs a master key (ONCONAV_MASTER_KEY or ONCONAV_MASTER_KEY_FILE)."
            )
        write_key_file(path, [generate_key()])
        log.warning("generated a new master key at %s: back it up, without it the data cannot be read", path)
    lines = [
        ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")
    ]
    if not lines:
        raise ConfigError(f"master key file is empty: {path}")
    return [parse_key(k) for k in lines]


def _aad(owner_id: str, context: str) -> bytes:
    return owner_id.encode() + b"\x00" + context.encode()


class Crypto:
    """Per-account envelope encryption backed by the `data_keys` table."""

    def __init__(self, settings: Settings, db: Database) -> None:
        self.settings = settings
        self.db = db
        self._lock = threading.RLock()
        self._masters: dict[str, bytes] = {}
        self._current = ""
        self._cache: dict[str, AESGCM] = {}
        self._system: dict[str, bytes] = {}
        self._load_masters()

    def _load_masters(self) -> None:
        keys = load_keyring(self.settings)
        self._masters = {key_id(k): k for k in keys}
        self._current = key_id(keys[0])

    @property
    def current_kid(self) -> str:
        """The key id new data keys are wrapped with."""
        return self._current

    def _unwrap(self, row: DataKey) -> bytes:
        if row.kid not in self._masters:
            self._load_masters()  # a rotation may have written a new key file
        master = self._masters.get(row.kid)
        if master is None:
            raise ConfigError(f"data key for an account is wrapped by unknown master key {row.kid}")
        blob = row.wrapped
        try:
            return AESGCM(master).decrypt(blob[:NONCE], blob[NONCE:], b"dk:" + row.owner_id.encode())
        except InvalidTag as exc:
            raise IntegrityError("a wrapped data key failed its integrity check") from exc

    def _wrap(self, owner_id: str, dk: bytes, master: bytes) -> bytes:
        nonce = secrets.token_bytes(NONCE)
        return nonce + AESGCM(master).encrypt(nonce, dk, b"dk:" + owner_id.encode())

    def _key(self, owner_id: str, create: bool) -> AESGCM | None:
        with self._lock:
            if owner_id in self._cache:
                return self._cache[owner_id]
            with self.db.session() as s:
                row = s.get(DataKey, owner_id)
                if row is None:
                    if not create:
                        return None
                    dk = AESGCM.generate_key(bit_length=256)
                    s.add(
                        DataKey(
                            owner_id=owner_id,
                            kid=self._current,
                            created_at=_now(),
                            wrapped=self._wrap(owner_id, dk, self._masters[self._current]),
                        )
                    )
                else:
                    dk = self._unwrap(row)
            self._cache[owner_id] = AESGCM(dk)
            return self._cache[owner_id]

    def encrypt_for(self, owner_id: str, plaintext: bytes, context: str) -> bytes:
        """Encrypt bytes for an owner; `context` (e.g. "doc:<id>") is bound as associated data."""
        key = self._key(owner_id, create=True)
        assert key is not None
        nonce = secrets.token_bytes(NONCE)
        return VERSION + nonce + key.encrypt(nonce, plaintext, _aad(owner_id, context))

    def decrypt_for(self, owner_id: str, blob: bytes, context: str) -> bytes:
        """Decrypt what `encrypt_for` produced; IntegrityError if tampered, shredded or misplaced."""
        if not blob or blob[:1] != VERSION or len(blob) < 1 + NONCE + 16:
            raise IntegrityError("not an onconav ciphertext")
        key = self._key(owner_id, create=False)
        if key is None:
            raise IntegrityError("no data key for this account (deleted?)")
        try:
            return key.decrypt(blob[1 : 1 + NONCE], blob[1 + NONCE :], _aad(owner_id, context))
        except InvalidTag as exc:
            raise IntegrityError("ciphertext failed its integrity check") from exc

    def has_key(self, owner_id: str) -> bool:
        """Whether an owner still has a data key."""
        with self.db.session() as s:
            return s.get(DataKey, owner_id) is not None

    def shred(self, owner_id: str) -> None:
        """Delete an owner's data key (crypto-shredding): their ciphertexts become unreadable."""
        with self._lock:
            self._cache.pop(owner_id, None)
            if owner_id.startswith(SYSTEM_OWNER_PREFIX):
                raise ConfigError("system keys cannot be shredded")
            with self.db.session() as s:
                row = s.get(DataKey, owner_id)
                if row is not None:
                    s.delete(row)

    def system_secret(self, label: str) -> bytes:
        """A stable 32-byte secret for a server purpose (CSRF, audit chain), kept as a wrapped data key."""
        if label in self._system:
            return self._system[label]
        owner = SYSTEM_OWNER_PREFIX + label
        self._key(owner, create=True)
        with self.db.session() as s:
            row = s.get(DataKey, owner)
            assert row is not None
            secret = self._unwrap(row)
        self._system[label] = secret
        return secret

    def rotate_master(self, new_key: str | bytes) -> int:
        """Rewrap every data key with `new_key` (old keys stay usable until done); returns the count."""
        new = parse_key(new_key) if isinstance(new_key, str) else new_key
        new_kid = key_id(new)
        with self._lock:
            self._masters[new_kid] = new
        done = 0
        with self.db.session() as s:
            owners = list(s.scalars(select(DataKey.owner_id).where(DataKey.kid != new_kid)))
        for owner in owners:  # one short transaction per key: readers are never blocked for long
            with self._lock, self.db.session() as s:
                row = s.get(DataKey, owner)
                if row is None or row.kid == new_kid:
                    continue
                row.wrapped = self._wrap(owner, self._unwrap(row), new)
                row.kid = new_kid
                done += 1
        with self._lock:
            self._current = new_kid
        return done

    def status(self) -> dict[str, object]:
        """Key ids in use and how many data keys each wraps."""
        with self.db.session() as s:
            kids = list(s.scalars(select(DataKey.kid)))
        counts: dict[str, int] = {}
        for k in kids:
            counts[k] = counts.get(k, 0) + 1
        return {"current_kid": self._current, "known_kids": sorted(self._masters), "data_keys_by_kid": counts}


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


_SHARED_LOCK = threading.Lock()


def crypto_for(db: Database) -> Crypto:
    """One shared Crypto per Database (keeps the data-key cache coherent within a process)."""
    with _SHARED_LOCK:
        c: Crypto | None = getattr(db, "_onconav_crypto", None)
        if c is None:
            c = Crypto(db.settings, db)
            db._onconav_crypto = c  # type: ignore[attr-defined]
        return c
