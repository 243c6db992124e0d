"""authorize(): owners always; caregivers read granted scopes only; admins not without a grant; audited."""

from __future__ import annotations

import pytest

from onconav.config import Settings
from onconav.errors import NotFoundError
from onconav.security import audit, sharing
from onconav.security.accounts import create_user, set_role
from onconav.security.authz import authorize, visible_owner_ids
from onconav.storage.db import Database

PW = "a long enough password"


@pytest.fixture
def db(settings: Settings) -> Database:
    return Database(settings)


def test_owner_caregiver_stranger_admin(db: Database) -> None:
    pat = create_user(db, "pat@example.org", PW)
    care = create_user(db, "care@example.org", PW, role="caregiver")
    stranger = create_user(db, "x@example.org", PW)
    create_user(db, "root@example.org", PW)
    admin = set_role(db, "root@example.org", "admin")
    for action in ("read", "write", "delete"):
        authorize(db, pat, pat.id, "documents", action)
    gid = sharing.grant(db, pat.id, care.id, ["answers", "profile"])
    authorize(db, care, pat.id, "profile", "read", record_id="fact-1")
    for scope, action in (
        ("profile", "write"),
        ("documents", "read"),
        ("kit", "read"),
        ("answers", "delete"),
    ):
        with pytest.raises(NotFoundError):
            authorize(db, care, pat.id, scope, action)
    for actor in (stranger, admin, None):
        with pytest.raises(NotFoundError):
            authorize(db, actor, pat.id, "answers", "read")
    sharing.grant(db, pat.id, admin.id, ["documents"])
    authorize(db, admin, pat.id, "documents", "read")  # only because the patient granted it
    sharing.revoke(db, pat.id, gid)
    with pytest.raises(NotFoundError):
        authorize(db, care, pat.id, "profile", "read")
    actions = [e["action"] for e in audit.entries_for_owner(db, pat.id)]
    assert "profile.read" in actions and "denied.profile.write" in actions and "documents.read" in actions
    assert audit.verify(db) == (True, None)


def test_visible_owner_ids_and_revocation_by_others(db: Database) -> None:
    pat = create_user(db, "pat@example.org", PW)
    care = create_user(db, "care@example.org", PW)
    gid = sharing.grant(db, pat.id, care.id, ["answers"])
    assert visible_owner_ids(db, care, "answers") == [care.id, pat.id]
    assert visible_owner_ids(db, care, "documents") == [care.id]
    with pytest.raises(NotFoundError):
        sharing.revoke(db, care.id, gid)  # only the patient can end it
    assert visible_owner_ids(db, None, "answers") == []


def test_caregiver_invitation_through_the_pages(two_users) -> None:  # type: ignore[no-untyped-def]
    alice, bob = two_users
    page = alice.post(
        "/account/caregivers", {"email": "bob@example.org", "scopes": ["answers", "profile"]}
    ).text
    link = page.split("/invite/")[1].split("<")[0]
    r = bob.client.post(
        f"/invite/{link}", data={"csrf_token": bob.csrf(f"/invite/{link}")}, follow_redirects=False
    )
    assert r.status_code == 303
    assert "alice@example.org shares: answers, profile" in bob.client.get("/account").text
    assert "bob@example.org can see: answers, profile" in alice.client.get("/account").text
    assert alice.post("/account/caregivers", {"email": "", "scopes": []}).status_code == 400
