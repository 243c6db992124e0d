"""Sign-up, sign-in, sign-out, session fixation, cookies, reset links, invitations, two-factor, API tokens."""

from __future__ import annotations

import pyotp
from fastapi.testclient import TestClient

from conftest import PASSWORD, api_token_for, csrf_of, signup
from onconav.app import create_app
from onconav.config import Settings
from onconav.security.accounts import create_invitation, create_reset
from onconav.security.sessions import COOKIE


def test_signup_signin_signout_round_trip(client: TestClient) -> None:
    acct = signup(client, "Pat@Example.org")
    assert acct.email == "Pat@Example.org"
    page = client.get("/account")
    assert page.status_code == 200 and "pat@example.org" in page.text
    r = client.post("/signout", data={"csrf_token": csrf_of(client, "/account")}, follow_redirects=False)
    assert r.status_code == 303
    r = client.get("/account", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/signin?next=%2Faccount")
    r = client.post(
        "/signin",
        data={
            "email": "pat@example.org",
            "password": PASSWORD,
            "next": "/account",
            "csrf_token": csrf_of(client, "/signin"),
        },
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"] == "/account"


def test_wrong_password_and_unknown_email_get_the_same_answer(client: TestClient) -> None:
    signup(client, "pat@example.org")
    client.cookies.clear()
    answers = []
    for email, pw in (("pat@example.org", "wrong password!!"), ("nobody@example.org", PASSWORD)):
        r = client.post(
            "/signin", data={"email": email, "password": pw, "csrf_token": csrf_of(client, "/signin")}
        )
        answers.append((r.status_code, "do not match" in r.text))
    assert answers == [(401, True), (401, True)]


def test_weak_password_and_duplicate_email_are_clear_errors(client: TestClient) -> None:
    r = client.post(
        "/signup",
        data={
            "email": "a@example.org",
            "password": "short",
            "password2": "short",
            "csrf_token": csrf_of(client, "/signup"),
        },
    )
    assert r.status_code == 400 and "at least 10" in r.text
    signup(client, "a@example.org")
    client.cookies.clear()
    r = client.post(
        "/signup",
        data={
            "email": "a@example.org",
            "password": PASSWORD,
            "password2": PASSWORD,
            "csrf_token": csrf_of(client, "/signup"),
        },
    )
    assert r.status_code == 400 and "already exists" in r.text


def test_session_id_changes_at_signin_and_planted_ids_are_ignored(client: TestClient) -> None:
    signup(client, "pat@example.org")
    client.cookies.clear()
    client.cookies.set(COOKIE, "attacker-chosen-session-id")
    r = client.post(
        "/signin",
        data={"email": "pat@example.org", "password": PASSWORD, "csrf_token": csrf_of(client, "/signin")},
        follow_redirects=False,
    )
    first = r.cookies.get(COOKIE)
    assert first and first != "attacker-chosen-session-id"
    client.cookies.set(COOKIE, first)
    r = client.post(
        "/signin",
        data={"email": "pat@example.org", "password": PASSWORD, "csrf_token": csrf_of(client, "/signin")},
        follow_redirects=False,
    )
    second = r.cookies.get(COOKIE)
    assert second and second != first
    with TestClient(client.app) as other:  # the old id no longer works
        other.cookies.set(COOKIE, first)
        assert other.get("/account", follow_redirects=False).status_code == 303


def test_session_cookie_flags(settings: Settings) -> None:
    with TestClient(create_app(settings.with_(https=True)), base_url="https://testserver") as c:
        r = c.post(
            "/signup",
            data={
                "email": "s@example.org",
                "password": PASSWORD,
                "password2": PASSWORD,
                "csrf_token": csrf_of(c, "/signup"),
            },
            follow_redirects=False,
        )
        cookie = r.headers["set-cookie"].lower()
        assert "httponly" in cookie and "samesite=lax" in cookie and "secure" in cookie
        assert "strict-transport-security" in r.headers


def test_signup_can_be_disabled_and_invitations_still_work(settings: Settings) -> None:
    app = create_app(settings.with_(signup_enabled=False))
    with TestClient(app) as c:
        assert "invitation only" in c.get("/signup").text
        r = c.post(
            "/signup",
            data={
                "email": "x@example.org",
                "password": PASSWORD,
                "password2": PASSWORD,
                "csrf_token": csrf_of(c, "/signin"),
            },
        )
        assert r.status_code == 403
        token = create_invitation(app.state.runtime.db, kind="account", email="x@example.org")
        r = c.post(
            f"/invite/{token}",
            data={
                "email": "x@example.org",
                "password": PASSWORD,
                "password2": PASSWORD,
                "csrf_token": csrf_of(c, f"/invite/{token}"),
            },
            follow_redirects=False,
        )
        assert (
            r.status_code == 303 and c.get("/api/me", headers={"X-CSRF-Token": csrf_of(c)}).status_code == 200
        )
        assert c.get(f"/invite/{token}").status_code == 404  # one use only


def test_password_reset_link_works_once_and_signs_out_everywhere(client: TestClient) -> None:
    acct = signup(client, "pat@example.org")
    token = create_reset(
        client.app.state.runtime.db, "pat@example.org"
    )  # what `onconav users reset-link` prints
    assert token
    with TestClient(client.app) as c2:
        new = "a brand new passphrase"
        r = c2.post(
            f"/reset/{token}",
            data={"password": new, "password2": new, "csrf_token": csrf_of(c2, f"/reset/{token}")},
        )
        assert r.status_code == 200 and "Password changed" in r.text
        assert c2.get(f"/reset/{token}").status_code == 404
    assert acct.client.get("/account", follow_redirects=False).status_code == 303  # old session ended
    assert api_token_for(client, "pat@example.org", new).startswith("onc_")


def test_reset_request_does_not_reveal_accounts(client: TestClient) -> None:
    signup(client, "pat@example.org")
    texts = [
        client.post("/reset", data={"email": e, "csrf_token": csrf_of(client, "/reset")}).text
        for e in ("pat@example.org", "ghost@example.org")
    ]
    assert texts[0] == texts[1]


def test_two_factor_setup_and_signin(client: TestClient) -> None:
    acct = signup(client, "pat@example.org")
    page = acct.post("/account/2fa/start").text
    secret = page.split('<code class="secret">')[1].split("<")[0]
    code = pyotp.TOTP(secret).now()
    assert acct.post("/account/2fa/confirm", {"code": code}, follow_redirects=False).status_code == 303
    client.post("/signout", data={"csrf_token": csrf_of(client, "/account")})
    r = client.post(
        "/signin",
        data={"email": "pat@example.org", "password": PASSWORD, "csrf_token": csrf_of(client, "/signin")},
        follow_redirects=False,
    )
    assert r.headers["location"].startswith("/signin/2fa")
    assert client.get("/account", follow_redirects=False).status_code == 303  # not signed in yet
    bad = client.post("/signin/2fa", data={"code": "000000", "csrf_token": csrf_of(client, "/signin/2fa")})
    assert bad.status_code == 401
    totp = pyotp.TOTP(secret)
    good = totp.at(totp.timecode(__import__("datetime").datetime.now()) * 30 + 30)  # next step: not a replay
    r = client.post(
        "/signin/2fa",
        data={"code": good, "csrf_token": csrf_of(client, "/signin/2fa")},
        follow_redirects=False,
    )
    assert r.status_code == 303 and client.get("/account").status_code == 200
    with TestClient(client.app) as bare:
        r = bare.post("/api/auth/token", json={"email": "pat@example.org", "password": PASSWORD})
        assert r.status_code == 401 and "totp_code" in r.json()["detail"]


def test_api_tokens_authenticate_without_csrf_and_can_be_revoked(client: TestClient) -> None:
    acct = signup(client, "pat@example.org")
    token = api_token_for(client, acct.email)
    with TestClient(client.app) as bare:
        h = {"Authorization": f"Bearer {token}"}
        assert bare.get("/api/me", headers=h).json()["email"] == "pat@example.org"
        assert bare.get("/api/me").status_code == 401
        page = acct.client.get("/account").text
        tid = page.split('action="/account/tokens/')[1].split("/")[0]
        assert acct.post(f"/account/tokens/{tid}/revoke", follow_redirects=False).status_code == 303
        r = bare.get("/api/me", headers=h)
        assert r.status_code == 401 and "not valid" in r.json()["detail"]


def test_asking_needs_no_account(client: TestClient) -> None:
    r = client.post(
        "/ask", data={"question": "What is a biopsy?", "csrf_token": csrf_of(client)}, follow_redirects=False
    )
    assert r.status_code in (303, 400, 503) and r.status_code != 401
