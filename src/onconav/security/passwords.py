"""Password hashing with argon2id (argon2-cffi) and the password policy."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from onconav.errors import InputError

MIN_LENGTH = 10
MAX_LENGTH = 256

# argon2id with OWASP's recommended minimum (19 MiB, 2 passes, 1 lane): affordable on small servers.
_hasher = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1, hash_len=32, salt_len=16)
_DUMMY = _hasher.hash("onconav-timing-equaliser")


def check_policy(password: str) -> None:
    """Refuse passwords that are too short or too long, with a clear message."""
    if len(password) < MIN_LENGTH:
        raise InputError(f"Please choose a password of at least {MIN_LENGTH} characters.")
    if len(password) > MAX_LENGTH:
        raise InputError(f"Please keep the password under {MAX_LENGTH} characters.")


def hash_password(password: str) -> str:
    """An argon2id hash string of the password."""
    check_policy(password)
    return _hasher.hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    """Whether the password matches; spends the same time when there is no such user."""
    try:
        return _hasher.verify(stored_hash or _DUMMY, password) and stored_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    """Whether the hash uses older parameters and should be replaced at next sign-in."""
    return _hasher.check_needs_rehash(stored_hash)
