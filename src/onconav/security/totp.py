"""Optional TOTP two-factor sign-in (pyotp); the secret is stored encrypted with the account's key."""

from __future__ import annotations

import time

import pyotp

from onconav.errors import AuthError, InputError, NotFoundError
from onconav.security.models import UserRow
from onconav.storage.crypto import crypto_for
from onconav.storage.db import Database

ISSUER = "onconav"
_CONTEXT = "totp"


def _secret(db: Database, row: UserRow) -> str:
    if row.totp_secret is None:
        raise InputError("Two-factor sign-in is not set up.")
    return crypto_for(db).decrypt_for(row.id, row.totp_secret, _CONTEXT).decode()


def start_setup(db: Database, user_id: str) -> tuple[str, str]:
    """Create a new (not yet active) secret; returns (secret, otpauth URI) to show once."""
    secret = pyotp.random_base32()
    with db.session() as s:
        row = s.get(UserRow, user_id)
        if row is None:
            raise NotFoundError("no such account")
        row.totp_secret = crypto_for(db).encrypt_for(user_id, secret.encode(), _CONTEXT)
        row.totp_enabled = False
        uri = pyotp.TOTP(secret).provisioning_uri(name=row.email, issuer_name=ISSUER)
    return secret, uri


def check_code(db: Database, user_id: str, code: str) -> bool:
    """Whether a 6-digit code is valid now (±30 s) and not a replay of an earlier one."""
    code = "".join(ch for ch in (code or "") if ch.isdigit())
    if len(code) != 6:
        return False
    with db.session() as s:
        row = s.get(UserRow, user_id)
        if row is None or row.totp_secret is None:
            return False
        totp = pyotp.TOTP(_secret(db, row))
        step = int(time.time()) // 30
        for offset in (0, -1, 1):
            candidate = step + offset
            if candidate > row.totp_last_step and totp.at(candidate * 30) == code:
                row.totp_last_step = candidate
                return True
    return False


def confirm_setup(db: Database, user_id: str, code: str) -> None:
    """Turn two-factor on once the user proves their app shows the right code."""
    if not check_code(db, user_id, code):
        raise InputError("That code did not match. Check the time on your phone and try the newest code.")
    with db.session() as s:
        row = s.get(UserRow, user_id)
        assert row is not None
        row.totp_enabled = True


def disable(db: Database, user_id: str, code: str) -> None:
    """Turn two-factor off (needs a current code)."""
    if not check_code(db, user_id, code):
        raise AuthError("That code did not match.")
    with db.session() as s:
        row = s.get(UserRow, user_id)
        assert row is not None
        row.totp_enabled = False
        row.totp_secret = None
