"""`onconav users ...`, `onconav keys ...`, `onconav audit ...`: accounts, encryption keys, audit log."""

from __future__ import annotations

import getpass
from typing import TYPE_CHECKING

import typer

from onconav.cli.common import echo_json, settings
from onconav.errors import IntegrityError

if TYPE_CHECKING:
    from onconav.storage.db import Database

users = typer.Typer(help="Accounts: create, invite, reset links, list, roles.", no_args_is_help=True)
keys = typer.Typer(help="Encryption keys: status and rotation of the master key.", no_args_is_help=True)
audit_app = typer.Typer(help="Audit log: verify the hash chain, show entries.", no_args_is_help=True)

BASE_URL = typer.Option("http://127.0.0.1:8000", "--base-url", help="Public address of the server.")


def _db() -> Database:
    from onconav.runtime import Runtime

    return Runtime(settings()).db


@users.command("create")
def users_create(
    email: str = typer.Argument(..., help="Email address (the sign-in name)."),
    role: str = typer.Option("patient", "--role", help="patient, caregiver or admin."),
    password_stdin: bool = typer.Option(False, "--password-stdin", help="Read the password from stdin."),
) -> None:
    """Create an account (asks for the password without echoing it)."""
    from onconav.security.accounts import create_user

    password = input() if password_stdin else getpass.getpass("Password (at least 10 characters): ")
    user = create_user(_db(), email, password, role=role)
    echo_json({"id": user.id, "email": user.email, "role": user.role})


@users.command("invite")
def users_invite(
    email: str = typer.Argument("", help="Who the invitation is for (optional)."),
    role: str = typer.Option("patient", "--role", help="Role of the new account."),
    base_url: str = BASE_URL,
) -> None:
    """Print a one-time link to create an account (use when sign-up is disabled)."""
    from onconav.security.accounts import create_invitation

    token = create_invitation(_db(), kind="account", email=email, role=role)
    typer.echo(f"{base_url.rstrip('/')}/invite/{token}")


@users.command("reset-link")
def users_reset_link(email: str = typer.Argument(...), base_url: str = BASE_URL) -> None:
    """Print a one-time password-reset link (valid for one hour)."""
    from onconav.errors import NotFoundError
    from onconav.security.accounts import create_reset

    token = create_reset(_db(), email)
    if token is None:
        raise NotFoundError("no account with that email")
    typer.echo(f"{base_url.rstrip('/')}/reset/{token}")


@users.command("list")
def users_list() -> None:
    """List accounts as JSON lines (id, email, role, created, two-factor)."""
    from onconav.security.accounts import list_users

    for row in list_users(_db()):
        echo_json(row)


@users.command("set-role")
def users_set_role(email: str = typer.Argument(...), role: str = typer.Argument(...)) -> None:
    """Change an account's role (patient, caregiver, admin). Admins still cannot read patients' records."""
    from onconav.security.accounts import set_role

    user = set_role(_db(), email, role)
    echo_json({"id": user.id, "email": user.email, "role": user.role})


@keys.command("status")
def keys_status() -> None:
    """Show which master key is current and how many data keys each key id wraps."""
    from onconav.storage.crypto import crypto_for

    echo_json(crypto_for(_db()).status(), pretty=True)


@keys.command("rotate")
def keys_rotate(
    new_key: str = typer.Option("", "--new-key", help="Use this key (base64); default: generate one."),
    keep_old: bool = typer.Option(False, "--keep-old", help="Keep the old key in the key file afterwards."),
) -> None:
    """Rewrap every data key with a new master key while the server keeps running."""
    from onconav.storage.crypto import crypto_for, default_key_file, generate_key, write_key_file

    s = settings()
    fresh = new_key or generate_key()
    from_env = bool(s.master_key)
    if not from_env:
        path = default_key_file(s)
        old = [ln for ln in path.read_text().splitlines() if ln.strip()] if path.exists() else []
        write_key_file(path, [fresh, *old])  # running servers reload this file when they meet the new key id
    n = crypto_for(_db()).rotate_master(fresh)
    if not from_env and not keep_old:
        write_key_file(default_key_file(s), [fresh])
    typer.echo(f"rewrapped {n} data keys")
    if from_env:
        typer.echo("The master key comes from ONCONAV_MASTER_KEY: set it to this new key before restarting:")
        typer.echo(fresh)


@audit_app.command("verify")
def audit_verify() -> None:
    """Check the audit log's hash chain; exit code 1 (and the first bad entry) if it was altered."""
    from onconav.security.audit import verify

    ok, bad = verify(_db())
    if not ok:
        raise IntegrityError(f"audit log tampered with or damaged at entry {bad}")
    typer.echo("audit log OK")


@audit_app.command("show")
def audit_show(
    limit: int = typer.Option(50, "--limit", min=1, max=10000),
    owner: str = typer.Option("", "--owner", help="Only entries about this account id."),
) -> None:
    """Print the newest audit entries as JSON lines."""
    from onconav.security.audit import entries_for_owner, recent

    db = _db()
    for row in entries_for_owner(db, owner, limit) if owner else recent(db, limit):
        echo_json(row)


def register(app: typer.Typer) -> None:
    """Add the `users`, `keys` and `audit` groups."""
    app.add_typer(users, name="users")
    app.add_typer(keys, name="keys")
    app.add_typer(audit_app, name="audit")
