"""The 'Trials for you' page: stored profile, pasted summary, options, printable list, privacy."""

from __future__ import annotations

import re

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from trials_web_helpers import csrf_of, signup, store_report

from onconav.app import create_app
from onconav.config import Settings
from onconav.trials.store import TrialStore

CASE = (
    "58-year-old woman with metastatic HER2-positive breast cancer (IHC 3+) to the liver, ER negative, "
    "ECOG 1, previously treated with paclitaxel, trastuzumab and pertuzumab."
)
INLINE = re.compile(r"<script(?![^>]*\bsrc=)|<style|style=\"")


@pytest.fixture
def app(settings: Settings, store: TrialStore) -> FastAPI:
    return create_app(settings)


def _paste(client: TestClient, **extra: str):  # type: ignore[no-untyped-def]
    data = {"summary": CASE, "csrf_token": csrf_of(client, "/trials"), **extra}
    return client.post("/trials", data=data)


def test_trials_page_needs_sign_in(app: FastAPI) -> None:
    with TestClient(app) as c:
        r = c.get("/trials", follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/signin")


def test_empty_profile_offers_the_paste_form(app: FastAPI) -> None:
    with TestClient(app) as c:
        signup(c, "alice@example.org")
        page = c.get("/trials").text
        assert "no diagnosis yet" in page and 'name="summary"' in page and 'name="csrf_token"' in page
        assert 'href="/trials.css"' in page and not INLINE.search(page)
        assert c.get("/trials.css").headers["content-type"].startswith("text/css")


def test_pasted_summary_lists_trials_with_reasons_and_nearest_site(app: FastAPI) -> None:
    with TestClient(app) as c:
        signup(c, "alice@example.org")
        page = _paste(c, zip="20892").text
        assert page.index("Testumab") < page.index("Trials that look ruled out")
        assert "Why it may fit" in page and "Not known yet, and how to find out" in page
        assert "would settle this" in page and "Bethesda" in page and "miles" in page
        assert "Trials that look ruled out" in page and "lung" in page.lower()
        assert not INLINE.search(page)
        printable = c.post(
            "/trials/print", data={"summary": CASE, "zip": "20892", "csrf_token": csrf_of(c, "/trials")}
        ).text
        assert "Testumab" in printable and "not medical advice" in printable
        assert 'href="/trials.css"' in printable and "<style" not in printable


def test_pasting_needs_csrf_and_text(app: FastAPI) -> None:
    with TestClient(app) as c:
        signup(c, "alice@example.org")
        assert c.post("/trials", data={"summary": CASE}).status_code == 403
        r = _paste(c, summary="   ")
        assert r.status_code == 400 and "Paste a case summary" in r.text


def test_bad_zip_and_distance_without_zip_are_explained(app: FastAPI) -> None:
    with TestClient(app) as c:
        signup(c, "alice@example.org")
        r = _paste(c, zip="00000", sort="distance")
        assert r.status_code == 200 and "unknown ZIP code 00000" in r.text
        assert "Sorting by distance needs a valid ZIP code" in r.text and "Testumab" in r.text


def test_recruiting_only_leaves_out_not_yet_recruiting(app: FastAPI) -> None:
    with TestClient(app) as c:
        signup(c, "alice@example.org")
        every = _paste(c).text
        recruiting = _paste(c, recruiting="1").text
        assert "NCT90000003" in every and "NCT90000003" not in recruiting


def test_stored_profile_is_matched_and_private(app: FastAPI) -> None:
    with TestClient(app) as alice, TestClient(app) as bob:
        alice_id = signup(alice, "alice@example.org")
        store_report(app, alice)
        page = alice.get("/trials?zip=20892").text
        assert 'your <a href="/profile">profile</a>' in page and "Testumab" in page
        printable = alice.get("/trials/print?zip=20892")
        assert printable.status_code == 200 and "Testumab" in printable.text
        signup(bob, "bob@example.org")
        assert bob.get(f"/trials?owner={alice_id}").status_code == 404
        assert bob.get(f"/trials/print?owner={alice_id}").status_code == 404
        own = bob.get("/trials").text
        assert "no diagnosis yet" in own and "Testumab" not in own
