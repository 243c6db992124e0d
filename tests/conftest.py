"""Shared fixtures: a temporary ONCONAV_HOME per test, the shared data folder, no network."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from onconav.config import PROJECT_ROOT, Settings

SHARED = (PROJECT_ROOT.parent / "shared" / "data").resolve()
PACK = PROJECT_ROOT / "knowledge"


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Block sockets to anything but loopback: tests are hermetic."""
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: object) -> object:
        host = address[0] if isinstance(address, tuple) else address
        if (
            isinstance(host, str)
            and host not in {"127.0.0.1", "::1", "localhost"}
            and not host.startswith("/")
        ):
            raise OSError(f"network access blocked in tests: {host}")
        return real_connect(self, address)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", guarded)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh data folder, also exported as ONCONAV_HOME for CLI calls."""
    h = tmp_path / "home"
    h.mkdir()
    monkeypatch.setenv("ONCONAV_HOME", str(h))
    monkeypatch.setenv("ONCONAV_RATE_LIMITS", "0")
    return h


@pytest.fixture
def settings(home: Path) -> Settings:
    """Settings pointing at the temporary data folder."""
    return Settings(home=home, pack_dir=PACK, rate_limits_enabled=False)


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """../shared/data, or skip the test with a reason when it is absent."""
    if not SHARED.is_dir():
        pytest.skip(f"shared data folder not found at {SHARED}")
    return SHARED


@pytest.fixture(scope="session")
def pack_dir() -> Path:
    return PACK


@pytest.fixture(scope="session")
def pack_runtime(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A runtime whose knowledge base holds the project's starter pack (imported once per session)."""
    from onconav.runtime import Runtime

    home = tmp_path_factory.mktemp("packhome")
    rt = Runtime(Settings(home=home, pack_dir=PACK, rate_limits_enabled=False))
    rt.kb.import_paths([PACK / "articles"])
    return rt


@pytest.fixture
def client(settings: Settings):  # type: ignore[no-untyped-def]
    """A TestClient for a fresh app on an empty data folder."""
    from fastapi.testclient import TestClient

    from onconav.app import create_app

    with TestClient(create_app(settings)) as c:
        yield c
