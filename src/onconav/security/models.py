"""Security tables (users, sessions, API tokens, invitations, password resets, caregiver grants,
audit log) and the `User` value passed around the app as the signed-in actor.

Secrets (session tokens, API tokens, invitation and reset tokens) are stored only as SHA-256
hashes; the TOTP secret is stored encrypted with the account's data key.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Boolean, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from onconav.storage.crypto import DataKey  # noqa: F401  (registers the data_keys table)
from onconav.storage.db import Base

ROLES = ("patient", "caregiver", "admin")
SCOPES = ("answers", "profile", "documents", "kit", "trials")
GRANTABLE_SCOPES = ("answers", "profile", "documents", "kit", "trials")
ACTIONS = ("read", "write", "delete")


@dataclass(frozen=True)
class User:
    """The signed-in actor (`request.state.user`)."""

    id: str
    email: str
    role: str = "patient"
    totp_enabled: bool = False
    via_token: bool = False  # authenticated by an API token (CSRF does not apply)

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


class UserRow(Base):
    __tablename__ = "users"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True, index=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20), default="patient")
    created_at: Mapped[str] = mapped_column(String(40))
    totp_secret: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    totp_enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    totp_last_step: Mapped[int] = mapped_column(Integer, default=0)

    def to_user(self, via_token: bool = False) -> User:
        """The value object for this row."""
        return User(
            id=self.id, email=self.email, role=self.role, totp_enabled=self.totp_enabled, via_token=via_token
        )


class SessionRow(Base):
    __tablename__ = "auth_sessions"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(32), ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[str] = mapped_column(String(40))
    expires_at: Mapped[str] = mapped_column(String(40))
    mfa_pending: Mapped[bool] = mapped_column(Boolean, default=False)


class ApiTokenRow(Base):
    __tablename__ = "api_tokens"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(32), ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    created_at: Mapped[str] = mapped_column(String(40))
    last_used_at: Mapped[str | None] = mapped_column(String(40), nullable=True)


class InvitationRow(Base):
    """An invitation link: to create an account (operator) or to become someone's caregiver."""

    __tablename__ = "invitations"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    kind: Mapped[str] = mapped_column(String(20))  # "account" | "caregiver"
    inviter_id: Mapped[str | None] = mapped_column(String(32), nullable=True, index=True)
    email: Mapped[str] = mapped_column(String(320), default="")
    role: Mapped[str] = mapped_column(String(20), default="patient")
    scopes: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[str] = mapped_column(String(40))
    expires_at: Mapped[str] = mapped_column(String(40))
    used: Mapped[bool] = mapped_column(Boolean, default=False)


class PasswordResetRow(Base):
    __tablename__ = "password_resets"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(32), ForeignKey("users.id", ondelete="CASCADE"), index=True)
    expires_at: Mapped[str] = mapped_column(String(40))
    used: Mapped[bool] = mapped_column(Boolean, default=False)


class GrantRow(Base):
    """A patient (owner) lets another account (grantee) read some scopes of their data."""

    __tablename__ = "caregiver_grants"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    owner_id: Mapped[str] = mapped_column(String(32), index=True)
    grantee_id: Mapped[str] = mapped_column(String(32), index=True)
    scopes: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[str] = mapped_column(String(40))
    revoked_at: Mapped[str | None] = mapped_column(String(40), nullable=True)


class AuditRow(Base):
    """Append-only, hash-chained audit entry (no health data, no email addresses)."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    ts: Mapped[str] = mapped_column(String(40))
    actor_id: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    action: Mapped[str] = mapped_column(String(60))
    owner_id: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    record_id: Mapped[str | None] = mapped_column(String(100), nullable=True)
    ip: Mapped[str | None] = mapped_column(String(64), nullable=True)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    detail: Mapped[str] = mapped_column(Text, default="")
