"""Browser test: ask a question in real Chromium and check the answer page."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.browser


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(pack_runtime):  # type: ignore[no-untyped-def]
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed (/usr/bin/chromium)")
    pytest.importorskip("playwright")
    import uvicorn

    from onconav.app import create_app

    app = create_app(pack_runtime.settings)
    app.state.runtime = pack_runtime
    port = free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(100):
        if srv.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=5)


def test_ask_in_browser_shows_headings_citations_and_disclaimer(server: str, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = browser.new_page(viewport={"width": 390, "height": 844})  # a phone
        page.goto(server + "/")
        page.get_by_label("Your question").fill(
            "How do I get a second opinion for ampullary cancer without offending my oncologist?"
        )
        page.get_by_role("button", name="Get an answer").click()
        page.wait_for_url("**/answers/*")
        assert "second opinion" in page.locator("h1").inner_text().lower()
        assert page.locator("article.answer h2").count() >= 4
        cite = page.locator("a.cite").first
        assert cite.is_visible()
        sources = page.locator("section.sources li a").first
        href = sources.get_attribute("href")
        assert href and href.startswith("/docs/")
        assert "not medical advice" in page.locator("footer.disclaimer").inner_text()
        out = Path(__file__).resolve().parents[2] / "benchmarks" / "out"
        out.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(out / "answer_page_phone.png"), full_page=True)
        sources.click()
        page.wait_for_url("**/docs/**")
        assert page.locator("#passage.highlight").count() == 1
        browser.close()
