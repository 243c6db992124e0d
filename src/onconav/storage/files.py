"""Encrypted blob store under `settings.files_dir`, crash-safe.

Contract:

    blobs = BlobStore(settings, crypto)
    blob_id = blobs.put(owner_id, data)     # returns only after the ciphertext is durable on disk
    blobs.get(owner_id, blob_id)            # plaintext bytes; NotFoundError if absent or not theirs
    blobs.delete(owner_id, blob_id)
    blobs.delete_all(owner_id)              # account deletion

Each blob is encrypted with the owner's data key (context "blob:<id>"), written to a temporary file
in the same folder, fsynced, renamed into place and the folder fsynced: a kill -9 at any moment
leaves either the whole blob or no blob, never a torn one. Stray temporary files are ignored and
removed by `sweep()`. Folder names are a keyed hash of the owner id, so the tree does not reveal
which account owns which file.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import shutil
from pathlib import Path

from onconav.config import Settings
from onconav.errors import NotFoundError
from onconav.storage.crypto import Crypto

_BLOB_ID = re.compile(r"^[0-9a-f]{32}$")
TMP_SUFFIX = ".tmp"


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms without directory fds
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class BlobStore:
    """Stores encrypted blobs per owner on the local disk."""

    def __init__(self, settings: Settings, crypto: Crypto) -> None:
        self.root = settings.files_dir
        self.crypto = crypto
        self._salt = crypto.system_secret("files")

    def _owner_dir(self, owner_id: str) -> Path:
        digest = hashlib.blake2b(owner_id.encode(), key=self._salt[:32], digest_size=16).hexdigest()
        return self.root / digest

    def _path(self, owner_id: str, blob_id: str) -> Path:
        if not _BLOB_ID.match(blob_id or ""):
            raise NotFoundError("no such file")
        return self._owner_dir(owner_id) / blob_id

    def put(self, owner_id: str, data: bytes) -> str:
        """Encrypt and durably store `data`; returns its blob id."""
        blob_id = secrets.token_hex(16)
        folder = self._owner_dir(owner_id)
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        sealed = self.crypto.encrypt_for(owner_id, data, f"blob:{blob_id}")
        tmp = folder / f".{blob_id}.{secrets.token_hex(4)}{TMP_SUFFIX}"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            view = memoryview(sealed)
            while view:
                n = os.write(fd, view)
                view = view[n:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, folder / blob_id)
        _fsync_dir(folder)
        return blob_id

    def get(self, owner_id: str, blob_id: str) -> bytes:
        """The plaintext of a blob the owner stored."""
        path = self._path(owner_id, blob_id)
        try:
            sealed = path.read_bytes()
        except FileNotFoundError as exc:
            raise NotFoundError("no such file") from exc
        return self.crypto.decrypt_for(owner_id, sealed, f"blob:{blob_id}")

    def exists(self, owner_id: str, blob_id: str) -> bool:
        """Whether the owner has this blob."""
        try:
            return self._path(owner_id, blob_id).is_file()
        except NotFoundError:
            return False

    def delete(self, owner_id: str, blob_id: str) -> None:
        """Remove one blob (NotFoundError if the owner has no such blob)."""
        path = self._path(owner_id, blob_id)
        try:
            path.unlink()
        except FileNotFoundError as exc:
            raise NotFoundError("no such file") from exc
        _fsync_dir(path.parent)

    def list(self, owner_id: str) -> list[str]:
        """Blob ids an owner has."""
        folder = self._owner_dir(owner_id)
        if not folder.is_dir():
            return []
        return sorted(p.name for p in folder.iterdir() if _BLOB_ID.match(p.name))

    def delete_all(self, owner_id: str) -> int:
        """Remove every blob of an owner (account deletion); returns how many."""
        n = len(self.list(owner_id))
        shutil.rmtree(self._owner_dir(owner_id), ignore_errors=True)
        return n

    def sweep(self) -> int:
        """Remove temporary files left by a crash; returns how many."""
        n = 0
        if self.root.is_dir():
            for tmp in self.root.glob(f"*/.*{TMP_SUFFIX}"):
                tmp.unlink(missing_ok=True)
                n += 1
        return n
