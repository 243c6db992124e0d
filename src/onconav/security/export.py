"""Export everything an account owns as one zip.

Contract: other packages register exporters at import time:

    register_exporter("records", fn)   # fn(db, crypto, owner_id) -> {"relative/name.ext": bytes}

Files land in the zip under `<name>/<relative name>`. The records part adds the original files,
profile JSON and a FHIR Bundle; answers are registered here. The zip also holds `account.json`
(account details, sharing, API token names) and `audit.json` (who accessed the data).
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from typing import Any

from sqlalchemy import select

from onconav.security import audit
from onconav.security.accounts import get_user
from onconav.security.sessions import list_api_tokens
from onconav.security.sharing import grants_given, grants_received
from onconav.storage.crypto import Crypto
from onconav.storage.db import Database

Exporter = Callable[[Database, Crypto, str], dict[str, bytes]]
_EXPORTERS: dict[str, Exporter] = {}


def register_exporter(name: str, fn: Exporter) -> None:
    """Add (or replace) the exporter for one part of the data."""
    _EXPORTERS[name] = fn


def exporters() -> dict[str, Exporter]:
    """The registered exporters (name -> function)."""
    load_known_parts()
    return dict(_EXPORTERS)


def load_known_parts() -> None:
    """Import the packages that register exporters/deleters, so none is forgotten."""
    import importlib

    for name in (
        "onconav.records.store",
        "onconav.guidance.store",
        "onconav.trials.store",
        "onconav.records.export",
        "onconav.guidance.export",
    ):
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise


def _answers(db: Database, crypto: Crypto, owner_id: str) -> dict[str, bytes]:
    from onconav.answers.store import StoredAnswer

    with db.session() as s:
        rows = s.scalars(
            select(StoredAnswer).where(StoredAnswer.owner_id == owner_id).order_by(StoredAnswer.created_at)
        )
        items = [json.loads(r.payload) for r in rows]
    return {"answers.json": json.dumps(items, indent=2, ensure_ascii=False).encode()}


register_exporter("answers", _answers)


def account_info(db: Database, owner_id: str) -> dict[str, Any]:
    """The account part of an export."""
    user = get_user(db, owner_id)
    return {
        "id": user.id,
        "email": user.email,
        "role": user.role,
        "two_factor": user.totp_enabled,
        "shared_with": grants_given(db, owner_id),
        "shared_with_me": grants_received(db, owner_id),
        "api_tokens": list_api_tokens(db, owner_id),
    }


def build_export(db: Database, crypto: Crypto, owner_id: str) -> bytes:
    """The zip (bytes) of everything the owner has; records the export in the audit log."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        info = account_info(db, owner_id)
        zf.writestr("account.json", json.dumps(info, indent=2, ensure_ascii=False))
        for name, fn in sorted(exporters().items()):
            for rel, data in fn(db, crypto, owner_id).items():
                zf.writestr(f"{name}/{rel.lstrip('/')}", data)
        audit.record(db, owner_id, "account.exported", owner_id=owner_id)
        zf.writestr("audit.json", json.dumps(audit.entries_for_owner(db, owner_id), indent=2))
        zf.writestr(
            "README.txt",
            "Your onconav data: account.json, one folder per part, audit.json "
            "(who accessed your data). Keep this file somewhere safe.\n",
        )
    return buf.getvalue()
