"""Browser tests: the dashboard served by uvicorn on loopback, driven in Debian's headless Chromium
through Playwright (never a downloaded browser). Where Chromium or Playwright is missing the tests
skip with a message, except in CI (``CI=true``), where they fail."""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
import threading
import time
from pathlib import Path

import pytest

from tests.api.coded_store import coded_store_path, shared_provider

CHROMIUM = os.environ.get("EVENTWIRE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
DOCS_SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
# The tests always take the screenshots (a page that cannot render fails); they land in
# docs/screenshots/ only when EVENTWIRE_SCREENSHOTS=1, so a plain test run leaves the tree clean.
SCREENSHOTS = (
    DOCS_SCREENSHOTS
    if os.environ.get("EVENTWIRE_SCREENSHOTS") == "1"
    else Path(tempfile.gettempdir()) / "eventwire-screenshots"
)


def _missing(reason: str) -> None:
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(f"browser tests cannot run in CI: {reason} (run .ci/web.sh)")
    pytest.skip(f"browser tests skipped: {reason} (install it with .ci/web.sh)")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def web_db(tmp_path_factory, pipeline, seed_text):
    return coded_store_path(tmp_path_factory.mktemp("web-store"), pipeline, seed_text)


@pytest.fixture(scope="session")
def server_url(web_db, pipeline):
    """The app on 127.0.0.1 and a free port, in a thread for the whole session."""
    import uvicorn

    from eventwire.api import ApiSettings, create_app

    app = create_app(
        ApiSettings(db=str(web_db)), provider=shared_provider(web_db), pipeline=pipeline
    )
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser():
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        _missing(f"no Chromium at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("the Playwright Python package is not installed")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser, server_url):
    """A fresh page; any JavaScript error or request to another host fails the test."""
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    opened = context.new_page()
    problems: list[str] = []
    opened.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    opened.on(
        "console",
        lambda message: (
            problems.append(f"console: {message.text}") if message.type == "error" else None
        ),
    )

    def only_loopback(route):
        if route.request.url.startswith(server_url):
            route.continue_()
        else:
            problems.append(f"request left the server: {route.request.url}")
            route.abort()

    opened.route("**/*", only_loopback)
    opened.base_url = server_url
    yield opened
    context.close()
    assert not problems, problems


def open_view(page, fragment: str) -> None:
    """Go to ``#fragment`` and wait until the view says it finished loading."""
    before = _route_count(page) if page.url.startswith(page.base_url) else 0
    page.goto(f"{page.base_url}/#{fragment}")
    wait_rendered(page, before)


def screenshot(page, name: str, *, full_page: bool = False) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


def _route_count(page) -> int:
    try:
        return int(
            page.evaluate("(document.getElementById('view') || {dataset: {}}).dataset.route || 0")
        )
    except Exception:  # about:blank or a page still loading
        return 0


def wait_rendered(page, before: int) -> None:
    """Wait for a render started after ``before`` renders to finish."""
    page.wait_for_function(
        "before => { const v = document.getElementById('view');"
        " return v && Number(v.dataset.route || 0) > before && v.dataset.ready === '1'; }",
        arg=before,
        timeout=30_000,
    )
