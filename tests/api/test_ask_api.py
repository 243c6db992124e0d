"""JSON API: /api/ask, /api/search, /api/answers/{id}, OpenAPI."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from onconav.app import create_app


@pytest.fixture(scope="module")
def api(pack_runtime):  # type: ignore[no-untyped-def]
    app = create_app(pack_runtime.settings)
    app.state.runtime = pack_runtime
    with TestClient(app) as c:
        yield c


def test_ask_returns_the_answer_contract(api: TestClient) -> None:
    r = api.post("/api/ask", json={"question": "What biomarker tests should my lung cancer have?"})
    assert r.status_code == 200
    a = r.json()
    assert a["intent"] == "biomarkers" and a["citations"] and a["sections"]
    assert api.get(f"/api/answers/{a['id']}").json()["question"] == a["question"]


def test_bad_questions_are_400_with_detail(api: TestClient) -> None:
    r = api.post("/api/ask", json={"question": ""})
    assert r.status_code == 400 and "question" in r.json()["detail"].lower()
    assert api.post("/api/ask", json={}).status_code == 422
    assert api.post("/api/ask", json={"question": "a" * 20001}).status_code == 422


def test_search(api: TestClient) -> None:
    r = api.get("/api/search", params={"q": "fever during chemotherapy", "k": 3})
    hits = r.json()["hits"]
    assert r.status_code == 200 and 1 <= len(hits) <= 3
    assert {"doc_id", "chunk_id", "title", "url", "score", "snippet"} <= set(hits[0])


def test_openapi_lists_routes(api: TestClient) -> None:
    paths = api.get("/api/openapi.json").json()["paths"]
    assert "/api/ask" in paths and "/api/search" in paths
