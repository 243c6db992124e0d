from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

from onconav.config import Settings
from onconav.errors import ExternalServiceError, InputError, NotFoundError
from onconav.trials import service
from onconav.trials.ctgov import CtgovClient

FIX = Path(__file__).parent / "fixtures"


class FakeRegistry(BaseHTTPRequestHandler):
    """Serves recorded-style responses; the first /studies call answers 429 to exercise retries."""

    calls: list[dict[str, Any]] = []
    fail_first = True

    def do_GET(self) -> None:  # noqa: N802
        url = urlparse(self.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        FakeRegistry.calls.append({"path": url.path, **query})
        if url.path.endswith("/studies") and FakeRegistry.fail_first:
            FakeRegistry.fail_first = False
            return self._send(429, {"error": "slow down"}, {"Retry-After": "0"})
        if url.path.endswith("/studies"):
            name = "search_page2.json" if query.get("pageToken") == "PAGE2" else "search_page1.json"
            return self._send(200, json.loads((FIX / name).read_text()))
        if url.path.endswith("/studies/NCT90000001"):
            return self._send(200, json.loads((FIX / "study_her2.json").read_text()))
        if url.path.endswith("/studies/NCT99999999"):
            return self._send(503, {"error": "down"})
        return self._send(404, {"error": "no such study"})

    def _send(self, code: int, body: Any, headers: dict[str, str] | None = None) -> None:
        raw = json.dumps(body).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(raw)

    def log_message(self, *args: object) -> None:
        return None


@pytest.fixture
def registry() -> Iterator[str]:
    FakeRegistry.calls, FakeRegistry.fail_first = [], True
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeRegistry)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/api/v2"
    server.shutdown()
    server.server_close()


def test_search_pages_retries_and_caches(registry: str, tmp_path: Path) -> None:
    sleeps: list[float] = []
    with CtgovClient(registry, tmp_path / "cache", sleep=sleeps.append, backoff=0.01) as client:
        trials = list(client.search(condition="breast cancer", location="Maryland", statuses=["recruiting"]))
        assert [t.nct_id for t in trials] == ["NCT90000001", "NCT90000002", "NCT90000003", "NCT90000004"]
        first = FakeRegistry.calls[0]
        assert first["query.cond"] == "breast cancer" and first["filter.overallStatus"] == "RECRUITING"
        assert first["query.locn"] == "Maryland" and FakeRegistry.calls[-1]["pageToken"] == "PAGE2"
        made = client.requests_made
        assert made == 3  # one 429, then two pages
        list(client.search(condition="breast cancer", location="Maryland", statuses=["recruiting"]))
        assert client.requests_made == made  # second run is served from the on-disk cache
    assert sleeps  # rate limiting / backoff waited between calls


def test_single_study_and_errors(registry: str) -> None:
    with CtgovClient(registry, None, sleep=lambda s: None, retries=1, backoff=0.0) as client:
        assert client.study("nct90000001").title.startswith("Testumab")
        with pytest.raises(NotFoundError):
            client.study("NCT00000000")
        with pytest.raises(ExternalServiceError, match="did not answer"):
            client.study("NCT99999999")
        with pytest.raises(InputError):
            list(client.search())


def test_unreachable_server_is_an_external_service_error() -> None:
    with (
        CtgovClient("http://127.0.0.1:9", None, sleep=lambda s: None, retries=1) as client,
        pytest.raises(ExternalServiceError),
    ):
        client.study("NCT90000001")


def test_sync_fills_the_store(registry: str, settings: Settings) -> None:
    cfg = settings.with_(ctgov_base_url=registry)
    store = service.open_store(cfg)
    FakeRegistry.fail_first = False
    assert service.sync(store, cfg, condition="breast cancer") == 4
    assert store.count() == 4 and store.get("NCT90000002").trial.conditions == ["Non-small Cell Lung Cancer"]
