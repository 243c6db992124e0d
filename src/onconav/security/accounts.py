"""Accounts: sign-up, sign-in, roles, invitation links and one-time password-reset links."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select

from onconav.errors import AuthError, InputError, NotFoundError
from onconav.security import audit
from onconav.security.models import GRANTABLE_SCOPES, ROLES, InvitationRow, PasswordResetRow, User, UserRow
from onconav.security.passwords import hash_password, needs_rehash, verify_password
from onconav.security.sessions import end_all_sessions
from onconav.security.tokens import expired, in_, iso, new_id, new_token, now, token_hash
from onconav.storage.db import Database

_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]{1,253}\.[^@\s.]{2,63}$")
INVITE_LIFETIME = timedelta(days=7)
RESET_LIFETIME = timedelta(hours=1)


def normalize_email(email: str) -> str:
    """Lower-cased, trimmed email; InputError if it does not look like one."""
    e = (email or "").strip().lower()
    if not _EMAIL.match(e):
        raise InputError("Please enter a valid email address.")
    return e


def create_user(db: Database, email: str, password: str, role: str = "patient") -> User:
    """Create an account (InputError if the email is taken or the password too weak)."""
    e = normalize_email(email)
    if role not in ROLES:
        raise InputError(f"role must be one of {', '.join(ROLES)}")
    pw = hash_password(password)
    with db.session() as s:
        if s.scalars(select(UserRow.id).where(UserRow.email == e)).first():
            raise InputError(
                "An account with that email already exists. Try signing in or resetting the password."
            )
        row = UserRow(id=new_id(), email=e, password_hash=pw, role=role, created_at=iso(now()))
        s.add(row)
    audit.record(db, row.id, "account.created", owner_id=row.id)
    return row.to_user()


def authenticate(db: Database, email: str, password: str) -> User:
    """The user for these credentials; AuthError (same message either way) if wrong."""
    e = (email or "").strip().lower()
    with db.session() as s:
        row = s.scalars(select(UserRow).where(UserRow.email == e)).first()
        ok = verify_password(row.password_hash if row else None, password or "")
        if row is None or not ok:
            raise AuthError("That email and password do not match an account.")
        if needs_rehash(row.password_hash):
            row.password_hash = hash_password(password)
        return row.to_user()


def get_user(db: Database, user_id: str) -> User:
    """A user by id (NotFoundError if absent)."""
    with db.session() as s:
        row = s.get(UserRow, user_id)
        if row is None:
            raise NotFoundError("no such account")
        return row.to_user()


def find_by_email(db: Database, email: str) -> User | None:
    """A user by email, or None."""
    with db.session() as s:
        row = s.scalars(select(UserRow).where(UserRow.email == (email or "").strip().lower())).first()
        return row.to_user() if row else None


def list_users(db: Database) -> list[dict[str, str | bool]]:
    """Every account (id, email, role, created, 2FA) for the operator."""
    with db.session() as s:
        return [
            {
                "id": r.id,
                "email": r.email,
                "role": r.role,
                "created_at": r.created_at,
                "totp_enabled": r.totp_enabled,
            }
            for r in s.scalars(select(UserRow).order_by(UserRow.created_at))
        ]


def set_role(db: Database, email: str, role: str) -> User:
    """Change an account's role (operator command)."""
    if role not in ROLES:
        raise InputError(f"role must be one of {', '.join(ROLES)}")
    with db.session() as s:
        row = s.scalars(select(UserRow).where(UserRow.email == email.strip().lower())).first()
        if row is None:
            raise NotFoundError("no account with that email")
        row.role = role
        user = row.to_user()
    audit.record(db, None, "account.role_changed", owner_id=user.id, detail=role)
    return user


def create_invitation(
    db: Database,
    *,
    kind: str,
    inviter_id: str | None = None,
    email: str = "",
    role: str = "patient",
    scopes: list[str] | None = None,
) -> str:
    """An invitation token (shown once) for an account or for caregiver access."""
    if kind not in ("account", "caregiver"):
        raise InputError("unknown invitation kind")
    chosen = [x for x in (scopes or []) if x in GRANTABLE_SCOPES]
    if kind == "caregiver" and not chosen:
        raise InputError("Choose at least one thing the caregiver may see.")
    token = new_token()
    with db.session() as s:
        s.add(
            InvitationRow(
                id=new_id(),
                token_hash=token_hash(token),
                kind=kind,
                inviter_id=inviter_id,
                email=email.strip().lower()[:320],
                role=role if role in ROLES else "patient",
                scopes=",".join(chosen),
                created_at=iso(now()),
                expires_at=in_(INVITE_LIFETIME),
            )
        )
    audit.record(db, inviter_id, f"invite.{kind}", owner_id=inviter_id)
    return token


def get_invitation(db: Database, token: str) -> InvitationRow:
    """A usable invitation (NotFoundError if unknown, used or expired)."""
    with db.session() as s:
        row = s.scalars(
            select(InvitationRow).where(InvitationRow.token_hash == token_hash(token or ""))
        ).first()
        if row is None or row.used or expired(row.expires_at):
            raise NotFoundError("This invitation link is not valid any more. Ask for a new one.")
        return row


def mark_invitation_used(db: Database, invitation_id: str) -> None:
    """An invitation works only once."""
    with db.session() as s:
        row = s.get(InvitationRow, invitation_id)
        if row is not None:
            row.used = True


def create_reset(db: Database, email: str) -> str | None:
    """A one-time reset token for an account (None when no such account: callers say nothing)."""
    user = find_by_email(db, email)
    if user is None:
        return None
    token = new_token()
    with db.session() as s:
        s.add(PasswordResetRow(token_hash=token_hash(token), user_id=user.id, expires_at=in_(RESET_LIFETIME)))
    audit.record(db, None, "password.reset_link", owner_id=user.id)
    return token


def check_reset(db: Database, token: str) -> str:
    """The user id a reset token is for (NotFoundError if used, unknown or expired)."""
    with db.session() as s:
        row = s.get(PasswordResetRow, token_hash(token or ""))
        if row is None or row.used or expired(row.expires_at):
            raise NotFoundError("This reset link is not valid any more. Ask for a new one.")
        return row.user_id


def complete_reset(db: Database, token: str, new_password: str) -> User:
    """Set a new password with a reset token; ends every session of that account."""
    user_id = check_reset(db, token)
    pw = hash_password(new_password)
    with db.session() as s:
        reset = s.get(PasswordResetRow, token_hash(token))
        row = s.get(UserRow, user_id)
        if reset is None or row is None:
            raise NotFoundError("This reset link is not valid any more.")
        reset.used = True
        row.password_hash = pw
        user = row.to_user()
    end_all_sessions(db, user_id)
    audit.record(db, user_id, "password.reset", owner_id=user_id)
    return user
