"""IDOR matrix: for every route with an id parameter, user B gets exactly what a missing id gets (404)
for user A's ids, through pages (cookie + CSRF) and the API (Bearer token), and A's data is intact after.

Routes are found by walking the app, so routes added later are probed automatically; their id
parameters need a factory (see idor_registry.py) or the test fails naming them.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import idor_registry
from fastapi.routing import _IncludedRouter
from fastapi.testclient import TestClient

from conftest import Account, signup
from onconav.security.accounts import create_user

ID_PARAM = re.compile(r"\{(\w*id)(?::\w+)?\}")
PROBE_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
MISSING = "0123456789abcdef0123456789abcdef"


def walk(routes: list[Any]) -> list[Any]:
    out = []
    for r in routes:
        if isinstance(r, _IncludedRouter):
            out += walk(r.effective_candidates())
        elif getattr(r, "methods", None):
            out.append(r)
    return out


def id_routes(app: Any) -> list[tuple[str, str]]:
    """(method, path pattern) for every route that takes an id, except public ones."""
    found = []
    for r in walk(app.routes):
        if r.path in idor_registry.PUBLIC_ROUTES or not ID_PARAM.search(r.path):
            continue
        found += [(m, r.path) for m in sorted(r.methods) if m in PROBE_METHODS]
    return found


def fill(path: str, values: dict[str, str]) -> str:
    return ID_PARAM.sub(lambda m: values[m.group(1)], path)


def call(acct: Account, method: str, url: str) -> Any:
    if url.startswith("/api/"):
        return acct.client.request(
            method,
            url,
            headers={"Authorization": f"Bearer {acct.token}"},
            json={"action": "confirm"} if method in ("POST", "PUT", "PATCH") else None,
        )
    if method == "GET":
        return acct.client.get(url, follow_redirects=False)
    form = {"csrf_token": acct.csrf("/"), "action": "confirm"}  # a plausible body, so 404 is about the id
    return acct.client.request(method, url, data=form, follow_redirects=False)


def test_every_id_route_is_covered_and_isolated(two_users) -> None:  # type: ignore[no-untyped-def]
    alice, bob = two_users
    app = alice.client.app
    idor_registry.load_all(Path(__file__).resolve().parents[1])
    routes = id_routes(app)
    assert routes, "no routes with ids found: the route walker is broken"
    carol = create_user(app.state.runtime.db, "carol@example.org", "carol's long password")
    ctx = idor_registry.Ctx(app=app, db=app.state.runtime.db, owner=alice, other=carol, cache={})
    missing = [
        f"{p} {{{n}}}"
        for _, p in routes
        for n in ID_PARAM.findall(p)
        if idor_registry.factory_for(p, n) is None
    ]
    assert not missing, f"add IDOR id factories (tests/**/idor_*.py) for: {sorted(set(missing))}"
    urls = {}
    for method, path in routes:
        ids = {n: idor_registry.factory_for(path, n)(ctx) for n in ID_PARAM.findall(path)}  # type: ignore[misc]
        urls[(method, path)] = (fill(path, ids), fill(path, dict.fromkeys(ids, MISSING)))
    failures = []
    for (method, path), (url, ghost) in urls.items():
        got, expected = call(bob, method, url), call(bob, method, ghost)
        if (
            got.status_code != expected.status_code
            or not 400 <= got.status_code < 500
            or (got.status_code != 404 and expected.status_code == 200)
        ):
            failures.append(
                f"{method} {path}: B got {got.status_code}, missing id gives {expected.status_code}"
            )
        elif got.status_code != 404 and got.status_code not in (405, 422):
            failures.append(f"{method} {path}: B got {got.status_code}, expected 404")
        if method == "GET" and call(alice, method, url).status_code != 200:
            failures.append(f"{method} {path}: the owner cannot open their own id (factory broken?)")
    assert not failures, "\n".join(failures)
    for (method, path), (url, _) in urls.items():  # nothing of A's was changed or deleted by B
        if method == "GET":
            assert call(alice, "GET", url).status_code == 200, path
    assert alice.client.get("/api/me", headers={"Authorization": f"Bearer {alice.token}"}).status_code == 200


def test_anonymous_visitors_get_nothing(two_users) -> None:  # type: ignore[no-untyped-def]
    alice, _ = two_users
    app = alice.client.app
    ctx = idor_registry.Ctx(app=app, db=app.state.runtime.db, owner=alice, other=alice, cache={})
    answer_id = idor_registry.FACTORIES["answer_id"](ctx)
    with TestClient(app) as anon:
        assert anon.get(f"/answers/{answer_id}").status_code == 404
        assert anon.get(f"/api/answers/{answer_id}").status_code == 404
        assert anon.get("/account", follow_redirects=False).status_code == 303
        assert anon.get("/api/me").status_code == 401


def test_matrix_sees_routes_added_later(two_users) -> None:  # type: ignore[no-untyped-def]
    from fastapi import APIRouter

    alice, _ = two_users
    app = alice.client.app
    extra = APIRouter()

    @extra.get("/widgets/{widget_id}")
    def widget(widget_id: str) -> dict[str, str]:
        return {"id": widget_id}

    app.include_router(extra)
    assert ("GET", "/widgets/{widget_id}") in id_routes(app)


def test_signup_helper_is_used(client: TestClient) -> None:
    acct = signup(client, "solo@example.org")
    assert len(acct.id) == 32
