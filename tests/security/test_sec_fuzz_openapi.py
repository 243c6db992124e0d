"""Schemathesis against /api/openapi.json: no input makes the API answer 5xx.

Bounded in CI (ONCONAV_FUZZ_EXAMPLES, default 30 examples per operation); `make fuzz` runs it longer.
Runs both anonymously and with a Bearer token, so the signed-in routes are exercised too.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

schemathesis = pytest.importorskip("schemathesis")

from hypothesis import HealthCheck, given  # noqa: E402
from hypothesis import settings as hyp_settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402

from onconav.app import create_app  # noqa: E402
from onconav.config import Settings  # noqa: E402
from onconav.runtime import Runtime  # noqa: E402
from onconav.security.accounts import create_user  # noqa: E402
from onconav.security.sessions import create_api_token  # noqa: E402

EXAMPLES = int(os.environ.get("ONCONAV_FUZZ_EXAMPLES", "30"))
_STATE: dict[str, str] = {}
CALLS: list[str] = []


@pytest.fixture(scope="module")
def api_schema(pack_runtime, tmp_path_factory):  # type: ignore[no-untyped-def]
    home: Path = tmp_path_factory.mktemp("fuzzhome")
    settings = Settings(home=home, pack_dir=pack_runtime.settings.pack_dir, rate_limits_enabled=False)
    app = create_app(settings)
    rt = Runtime(settings)
    rt.__dict__["kb"] = pack_runtime.kb  # share the imported starter pack, keep a private database
    app.state.runtime = rt
    user = create_user(rt.db, "fuzz@example.org", "fuzzing password 123")
    _STATE["token"] = create_api_token(rt.db, user.id, "fuzz")[1]
    return schemathesis.openapi.from_asgi("/api/openapi.json", app)


def _run_operation(operation, token: str) -> None:  # type: ignore[no-untyped-def]
    @given(case=operation.as_strategy())
    @hyp_settings(
        max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None
    )
    def run(case) -> None:  # type: ignore[no-untyped-def]
        if case.method.upper() == "DELETE" and case.path == "/api/me":
            case.query = {"confirm": "no"}  # keep the fuzzing account alive for the other operations
        headers = {"Authorization": f"Bearer {token}"} if hash(repr(case.query)) % 2 else None
        case.call_and_validate(headers=headers, checks=[not_a_server_error])
        CALLS.append(case.path)

    run()


def test_fuzz_api_has_no_server_errors(api_schema) -> None:  # type: ignore[no-untyped-def]
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 5
    for operation in operations:
        _run_operation(operation, _STATE["token"])
    assert len(set(CALLS)) >= len({op.path for op in operations}) - 1  # every operation was really called
