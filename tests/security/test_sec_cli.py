"""CLI `users` and `keys` groups (create, invite, reset-link, list, set-role, rotate, status); SMTP mail."""

from __future__ import annotations

import json
import smtplib
from typing import Any

import pytest
from typer.testing import CliRunner

from onconav.cli import app as cli
from onconav.config import Settings
from onconav.errors import ConfigError
from onconav.security import mail
from onconav.storage.crypto import Crypto
from onconav.storage.db import Database


def run(*args: str, stdin: str | None = None) -> Any:
    return CliRunner().invoke(cli, list(args), input=stdin)


def test_users_commands(settings: Settings) -> None:
    r = run(
        "users",
        "create",
        "op@example.org",
        "--role",
        "admin",
        "--password-stdin",
        stdin="operator password 1\n",
    )
    assert r.exit_code == 0, r.output
    assert json.loads(r.output)["role"] == "admin"
    assert run("users", "create", "bad", "--password-stdin", stdin="operator password 1\n").exit_code != 0
    link = run("users", "invite", "new@example.org", "--base-url", "https://onconav.example").output.strip()
    assert link.startswith("https://onconav.example/invite/")
    reset = run("users", "reset-link", "op@example.org").output.strip()
    assert "/reset/" in reset
    assert run("users", "reset-link", "ghost@example.org").exit_code != 0
    assert run("users", "set-role", "op@example.org", "patient").exit_code == 0
    rows = [json.loads(x) for x in run("users", "list").output.splitlines()]
    assert [(x["email"], x["role"]) for x in rows] == [("op@example.org", "patient")]


def test_keys_rotate_keeps_data_readable(settings: Settings) -> None:
    db = Database(settings)
    c = Crypto(settings, db)
    blob = c.encrypt_for("owner", b"kept", "ctx")
    before = (settings.home / "master.key").read_text()
    r = run("keys", "rotate")
    assert r.exit_code == 0 and "rewrapped" in r.output
    after = (settings.home / "master.key").read_text()
    assert after != before and len(after.split()) == 1
    assert Crypto(settings, db).decrypt_for("owner", blob, "ctx") == b"kept"
    status = json.loads(run("keys", "status").output)
    assert list(status["data_keys_by_kid"]) == [status["current_kid"]]


class FakeSMTP:
    """Stands in for an SMTP server connection; keeps what was sent."""

    sent: list[Any] = []

    def __init__(self, host: str, port: int, timeout: float = 0) -> None:
        self.host, self.port = host, port

    def __enter__(self) -> FakeSMTP:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def login(self, user: str, password: str) -> None:
        assert (user, password) == ("u", "p w")

    def send_message(self, msg: Any) -> None:
        FakeSMTP.sent.append(msg)


def test_mail_goes_through_smtp(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(smtplib, "SMTP", FakeSMTP)
    s = settings.with_(smtp_url="smtp://u:p%20w@127.0.0.1:2525?from=help@onconav.example")
    mail.send(s, "pat@example.org", "Reset", "link")
    msg = FakeSMTP.sent[-1]
    assert msg["To"] == "pat@example.org" and msg["From"] == "help@onconav.example"
    with pytest.raises(ConfigError):
        mail.send(settings, "pat@example.org", "x", "y")
