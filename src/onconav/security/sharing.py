"""Caregiver grants: a patient lets another account read chosen parts of their data, revocably."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from onconav.errors import InputError, NotFoundError
from onconav.security import audit
from onconav.security.models import GRANTABLE_SCOPES, GrantRow, UserRow
from onconav.security.tokens import iso, new_id, now
from onconav.storage.db import Database


def grant(db: Database, owner_id: str, grantee_id: str, scopes: list[str]) -> str:
    """Give (or update) read access to some scopes; returns the grant id."""
    if owner_id == grantee_id:
        raise InputError("You already see your own data.")
    chosen = sorted({s for s in scopes if s in GRANTABLE_SCOPES})
    if not chosen:
        raise InputError("Choose at least one thing the caregiver may see.")
    with db.session() as s:
        row = s.scalars(
            select(GrantRow).where(
                GrantRow.owner_id == owner_id,
                GrantRow.grantee_id == grantee_id,
                GrantRow.revoked_at.is_(None),
            )
        ).first()
        if row is None:
            row = GrantRow(
                id=new_id(), owner_id=owner_id, grantee_id=grantee_id, created_at=iso(now()), scopes=""
            )
            s.add(row)
        row.scopes = ",".join(chosen)
        gid = row.id
    audit.record(db, owner_id, "sharing.granted", owner_id=owner_id, record_id=gid, detail=",".join(chosen))
    return gid


def revoke(db: Database, owner_id: str, grant_id: str) -> None:
    """End a grant the owner gave (NotFoundError if it is not theirs)."""
    with db.session() as s:
        row = s.get(GrantRow, grant_id)
        if row is None or row.owner_id != owner_id or row.revoked_at is not None:
            raise NotFoundError("no such caregiver access")
        row.revoked_at = iso(now())
    audit.record(db, owner_id, "sharing.revoked", owner_id=owner_id, record_id=grant_id)


def active_scopes(db: Database, owner_id: str, grantee_id: str) -> set[str]:
    """Scopes the grantee may currently read of the owner's data."""
    with db.session() as s:
        rows = s.scalars(
            select(GrantRow.scopes).where(
                GrantRow.owner_id == owner_id,
                GrantRow.grantee_id == grantee_id,
                GrantRow.revoked_at.is_(None),
            )
        )
        return {sc for r in rows for sc in r.split(",") if sc}


def owners_shared_with(db: Database, grantee_id: str, scope: str) -> list[str]:
    """Owner ids who granted `scope` to this account."""
    with db.session() as s:
        rows = s.execute(
            select(GrantRow.owner_id, GrantRow.scopes).where(
                GrantRow.grantee_id == grantee_id, GrantRow.revoked_at.is_(None)
            )
        )
        return sorted({o for o, sc in rows if scope in sc.split(",")})


def _describe(s: Any, rows: Any, other: str) -> list[dict[str, Any]]:
    out = []
    for r in rows:
        user = s.get(UserRow, getattr(r, other))
        out.append(
            {
                "id": r.id,
                "email": user.email if user else "(deleted account)",
                "user_id": getattr(r, other),
                "scopes": r.scopes.split(","),
                "created_at": r.created_at,
            }
        )
    return out


def grants_given(db: Database, owner_id: str) -> list[dict[str, Any]]:
    """Active grants the owner gave (with the caregiver's email)."""
    with db.session() as s:
        rows = s.scalars(select(GrantRow).where(GrantRow.owner_id == owner_id, GrantRow.revoked_at.is_(None)))
        return _describe(s, list(rows), "grantee_id")


def grants_received(db: Database, grantee_id: str) -> list[dict[str, Any]]:
    """Active grants others gave this account (with the patient's email)."""
    with db.session() as s:
        rows = s.scalars(
            select(GrantRow).where(GrantRow.grantee_id == grantee_id, GrantRow.revoked_at.is_(None))
        )
        return _describe(s, list(rows), "owner_id")
