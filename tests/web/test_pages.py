"""Web pages: home, ask form, answer permalink, source view, browse, escaping, errors."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from onconav.app import create_app


@pytest.fixture(scope="module")
def web(pack_runtime):  # type: ignore[no-untyped-def]
    app = create_app(pack_runtime.settings)
    app.state.runtime = pack_runtime
    with TestClient(app) as c:
        yield c


def csrf(client: TestClient, path: str = "/") -> dict[str, str]:
    page = client.get(path).text
    m = re.search(r'name="csrf_token" value="([^"]*)"', page)
    return {"csrf_token": m.group(1) if m else ""}


def ask(client: TestClient, question: str):  # type: ignore[no-untyped-def]
    return client.post("/ask", data={"question": question, **csrf(client)}, follow_redirects=False)


def test_home_has_labelled_ask_box_and_examples(web: TestClient) -> None:
    html = web.get("/").text
    assert '<label for="question">' in html and 'id="question"' in html
    assert "second opinion" in html.lower() and '<html lang="en">' in html


def test_ask_redirects_to_a_permalink_with_structure(web: TestClient) -> None:
    r = ask(web, "What records should I bring to a second opinion?")
    assert r.status_code == 303 and r.headers["location"].startswith("/answers/")
    html = web.get(r.headers["location"]).text
    assert "<h1>What records should I bring to a second opinion?</h1>" in html
    assert html.count("<h2>") >= 3 and 'class="cite"' in html
    assert "Please read" in html and "not medical advice" in html
    assert 'href="/docs/onconav%3A' in html  # citations link to their source view


def test_source_view_highlights_the_cited_passage(web: TestClient) -> None:
    r = ask(web, "What records should I bring to a second opinion?")
    html = web.get(r.headers["location"]).text
    link = re.search(r'href="(/docs/[^"]+)"', html).group(1).replace("&amp;", "&")  # type: ignore[union-attr]
    src = web.get(link).text
    assert 'id="passage"' in src and "highlight" in src


def test_html_in_questions_is_escaped(web: TestClient) -> None:
    r = ask(web, "<script>alert('x')</script> what is chemotherapy?")
    html = web.get(r.headers["location"]).text
    assert "<script>alert" not in html and "&lt;script&gt;" in html


def test_empty_question_gets_a_clear_message(web: TestClient) -> None:
    r = ask(web, "   ")
    assert r.status_code == 400 and "Please type a question" in r.text


def test_unknown_answer_and_document_are_404_pages(web: TestClient) -> None:
    assert web.get("/answers/doesnotexist").status_code == 404
    assert web.get("/docs/nope").status_code == 404


def test_browse_lists_answers_by_cancer_type(web: TestClient) -> None:
    ask(web, "What is ampullary cancer?")
    html = web.get("/browse").text
    assert "What is ampullary cancer?" in html and "Articles in the starter pack" in html


def test_kb_short_links_redirect(web: TestClient) -> None:
    r = web.get("/kb/second-opinion-how-to-ask", follow_redirects=False)
    assert r.status_code == 307 and r.headers["location"] == "/docs/onconav:second-opinion-how-to-ask"
