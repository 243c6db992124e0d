"""The one authorization check every read and write of patient data goes through.

Contract:

    require_user(request) -> User
        FastAPI dependency. Raises AuthError (401) when nobody is signed in; the accounts
        middleware turns that into a redirect to /signin?next=... for GET pages and a JSON 401
        for /api routes.

    authorize(db, actor, owner_id, scope, action, record_id=None, ip=None) -> None
        scope in {"answers", "profile", "documents", "kit", "trials"},
        action in {"read", "write", "delete"}.
        The owner is always allowed. Anyone else (caregivers, and admins too) only with an active
        grant from the owner that covers the scope, and then only to read. Otherwise it raises
        NotFoundError (never PermissionDenied: we don't reveal that the record exists). Every
        access to another person's data, allowed or refused, writes an audit entry.

    visible_owner_ids(db, actor, scope) -> list[str]
        The actor's own id first, then owners who granted the actor that scope (for list views).

Typical use in a route:

    @router.get("/records/{document_id}")
    def show(document_id: str, request: Request, user: User = Depends(require_user)):
        doc = store.get(document_id)                       # NotFoundError if absent
        authorize(db, user, doc.owner_id, "documents", "read", record_id=document_id)
"""

from __future__ import annotations

from fastapi import Request

from onconav.errors import AuthError, InputError, NotFoundError
from onconav.security import audit
from onconav.security.models import ACTIONS, SCOPES, User
from onconav.security.sharing import active_scopes, owners_shared_with
from onconav.storage.db import Database

__all__ = ["User", "authorize", "current_user", "require_user", "visible_owner_ids"]


def current_user(request: Request) -> User | None:
    """The signed-in user, or None (never raises)."""
    user = getattr(request.state, "user", None)
    return user if isinstance(user, User) else None


def require_user(request: Request) -> User:
    """FastAPI dependency: the signed-in user, or AuthError (401 / redirect to /signin)."""
    user = current_user(request)
    if user is None:
        raise AuthError("Please sign in to see this.")
    return user


def client_ip(request: Request) -> str | None:
    """The caller's address (as seen after the reverse proxy, if uvicorn trusts it)."""
    return request.client.host if request.client else None


def authorize(
    db: Database,
    actor: User | None,
    owner_id: str | None,
    scope: str,
    action: str,
    record_id: str | None = None,
    ip: str | None = None,
) -> None:
    """Allow the owner; allow grantees to read granted scopes; otherwise NotFoundError (audited)."""
    if scope not in SCOPES or action not in ACTIONS:
        raise InputError(f"unknown scope/action {scope}/{action}")
    if actor is None or not owner_id:
        raise NotFoundError("not found")
    if actor.id == owner_id:
        return
    allowed = action == "read" and scope in active_scopes(db, owner_id, actor.id)
    audit.record(
        db,
        actor.id,
        f"{scope}.{action}" if allowed else f"denied.{scope}.{action}",
        owner_id=owner_id,
        record_id=record_id,
        ip=ip,
    )
    if not allowed:
        raise NotFoundError("not found")


def visible_owner_ids(db: Database, actor: User | None, scope: str) -> list[str]:
    """Owners whose `scope` data the actor may list: themselves, then who shared it with them."""
    if actor is None:
        return []
    if scope not in SCOPES:
        raise InputError(f"unknown scope {scope}")
    return [actor.id] + [o for o in owners_shared_with(db, actor.id, scope) if o != actor.id]
