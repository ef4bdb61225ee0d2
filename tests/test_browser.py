"""The dashboard in a real Chromium: what an analyst actually sees.

A session fixture serves the app with `streamlit run` on a free port; pytest-playwright drives
Debian's Chromium (never a downloaded one). These tests do not skip when Chromium is missing:
a missing browser is a broken test setup and must fail loudly.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import ConsoleMessage, Page, expect

from briefing.pipeline import analyze_folder
from support import PROJECT_ROOT, SEEDS_DIR

SCREENSHOTS = PROJECT_ROOT / "test-artifacts" / "screenshots"
SERVER_LOG_DIR = PROJECT_ROOT / "test-artifacts"
CHROMIUM = os.environ.get("BRIEFING_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
RENDER_TIMEOUT_MS = 30_000
APP_TITLE = "US–China briefing"

#: Every page, as (url path, title shown in the nav and in its h1, screenshot name).
PAGES = [("", "Summary", "summary"), ("us_vs_china", "US vs China", "us_vs_china"), ("articles", "Articles", "articles")]


# --- Fixtures: browser, server ------------------------------------------------------------


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1280, "height": 1400}}


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


@contextmanager
def serve_app(log_name: str) -> Iterator[str]:
    """Run `streamlit run app.py` on the sample corpus and a free port; yield its base URL.

    The server is stopped by its PID when the block ends, whether or not the tests passed.
    """
    port = _free_port()
    log_path = SERVER_LOG_DIR / log_name
    log_path.parent.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "BRIEFING_ARTICLES_DIR": str(SEEDS_DIR)}
    command = [
        sys.executable, "-m", "streamlit", "run", "app.py",
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
    ]
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        base_url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while not _healthy(f"{base_url}/_stcore/health"):
            if process.poll() is not None:
                pytest.fail(f"streamlit exited with {process.returncode}:\n{log_path.read_text()}")
            if time.monotonic() > deadline:
                pytest.fail(f"streamlit not healthy after 60 s:\n{log_path.read_text()}")
            time.sleep(0.25)
        yield base_url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture(scope="session")
def app_url() -> Iterator[str]:
    """The base URL of one server shared by the tests."""
    with serve_app("streamlit-server.log") as base_url:
        yield base_url


@pytest.fixture(scope="session")
def analysis():
    return analyze_folder(SEEDS_DIR)


# --- Console errors -----------------------------------------------------------------------


class ConsoleErrors:
    """Console errors and uncaught page exceptions, minus the two known deep-link 404s.

    Opening a sub-page URL directly (/articles) makes Streamlit's frontend first probe
    ``/articles/_stcore/health`` and ``/articles/_stcore/host-config`` (the page path taken as
    the base path) before it finds the real base path; both answer 404 and are harmless.
    Anything else logged as an error, on any page, fails the test.
    """

    KNOWN_404_PATH = re.compile(
        r"/(?:%s)/_stcore/(?:health|host-config)" % "|".join(re.escape(path) for path, _, _ in PAGES if path)
    )
    NOT_FOUND = "the server responded with a status of 404"

    def __init__(self, page: Page) -> None:
        self.errors: list[str] = []
        self.ignored: list[str] = []
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.errors.append(f"pageerror: {error}"))

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        url = (message.location or {}).get("url", "")
        if self.NOT_FOUND in message.text and self.KNOWN_404_PATH.fullmatch(urlparse(url).path):
            self.ignored.append(url)
        else:
            self.errors.append(f"console: {message.text} @ {url}")


@pytest.fixture
def console_errors(page: Page) -> ConsoleErrors:
    return ConsoleErrors(page)


# --- Helpers ------------------------------------------------------------------------------


def wait_rendered(page: Page, heading: str, timeout: float = RENDER_TIMEOUT_MS) -> None:
    """Wait until the page titled ``heading`` has finished running and drawing.

    Rendered means: the page's h1 shows ``heading``, the script is not running, the
    websocket is connected, no skeleton or stale element is left, and every Plotly chart
    has drawn its SVG.
    """
    page.wait_for_function(
        """(heading) => {
            const h1s = [...document.querySelectorAll('[data-testid="stHeading"] h1')];
            if (!h1s.some((h1) => h1.textContent.trim() === heading)) return false;
            const app = document.querySelector('[data-testid="stApp"]');
            if (!app) return false;
            if (app.getAttribute('data-test-script-state') !== 'notRunning') return false;
            if (app.getAttribute('data-test-connection-state') !== 'CONNECTED') return false;
            if (document.querySelector('[data-testid="stSkeleton"]')) return false;
            if (document.querySelector('[data-stale="true"]')) return false;
            const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
            return charts.every((chart) => chart.querySelector('.main-svg'));
        }""",
        arg=heading,
        timeout=timeout,
    )


def screenshot(page: Page, name: str) -> Path:
    """Save the whole page to test-artifacts/screenshots/<name>.png.

    Streamlit scrolls inside its own container, so Playwright's full_page alone stops at the
    viewport: the viewport is stretched to the content's height for the shot, then restored.
    """
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    viewport = page.viewport_size
    content_height = page.evaluate(
        """() => Math.max(...[...document.querySelectorAll('[data-testid="stMain"], [data-testid="stSidebarContent"]')]
            .map((element) => element.scrollHeight), window.innerHeight)"""
    )
    if viewport and content_height > viewport["height"]:
        page.set_viewport_size({"width": viewport["width"], "height": content_height})
        try:
            page.screenshot(path=str(path), full_page=True)
        finally:
            page.set_viewport_size(viewport)
    else:
        page.screenshot(path=str(path), full_page=True)
    return path


def article_param(page: Page) -> str | None:
    values = parse_qs(urlparse(page.url).query).get("article")
    return values[0] if values else None


def option_label(article) -> str:
    """How the Articles selectbox names an article."""
    return f"{article.display_title} — {article.outlet or 'unknown outlet'}"


def card_title(page: Page):
    return page.locator(".article-card h3")


def nav_titles(page: Page) -> list[str]:
    """The page titles in the sidebar navigation, without their icons."""
    links = page.get_by_test_id("stSidebarNav").get_by_role("link").all_inner_texts()
    return [text.strip().splitlines()[-1].strip() for text in links]


def assert_declared_navigation(page: Page) -> None:
    """The app.py navigation is in charge: its three pages in the sidebar, its tab title."""
    assert nav_titles(page) == [heading for _, heading, _ in PAGES]
    assert page.title() == APP_TITLE


# --- Tests --------------------------------------------------------------------------------


@pytest.mark.parametrize(("path", "heading", "name"), PAGES, ids=[name for _, _, name in PAGES])
def test_every_page_opens_by_url_without_console_errors(page: Page, app_url, console_errors, path, heading, name):
    page.goto(f"{app_url}/{path}")
    wait_rendered(page, heading)
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    assert_declared_navigation(page)
    screenshot(page, name)
    assert console_errors.errors == []


def test_sidebar_links_navigate_between_pages(page: Page, app_url, console_errors):
    page.goto(app_url)
    wait_rendered(page, "Summary")
    nav = page.get_by_test_id("stSidebarNav")
    for path, heading, _ in [PAGES[1], PAGES[2], PAGES[0]]:
        nav.get_by_role("link", name=heading).click()
        wait_rendered(page, heading)
        assert urlparse(page.url).path == f"/{path}"
        expect(page.locator('[data-testid="stHeading"] h1')).to_have_text([heading])
        assert_declared_navigation(page)
    assert console_errors.errors == []


def test_articles_selectbox_switches_the_article_and_the_link(page: Page, app_url, console_errors, analysis):
    first, wanted = analysis.articles[0], analysis.articles[4]
    page.goto(f"{app_url}/articles")
    wait_rendered(page, "Articles")
    expect(card_title(page)).to_have_text(first.display_title)
    page.wait_for_url(re.compile(rf"[?&]article={first.id}"))

    page.get_by_test_id("stSelectbox").click()
    page.get_by_role("option", name=option_label(wanted), exact=True).click()
    page.wait_for_url(re.compile(rf"[?&]article={wanted.id}"))
    wait_rendered(page, "Articles")
    expect(card_title(page)).to_have_text(wanted.display_title)
    assert article_param(page) == wanted.id
    screenshot(page, "articles_switched")
    assert console_errors.errors == []


def test_articles_deep_link_opens_the_named_article(page: Page, app_url, console_errors, analysis):
    (wanted,) = [a for a in analysis.articles if a.source_file.startswith("003_")]
    page.goto(f"{app_url}/articles?article={wanted.id}")
    wait_rendered(page, "Articles")
    expect(card_title(page)).to_have_text(wanted.display_title)
    expect(page.get_by_role("combobox", name="Article")).to_have_value(option_label(wanted))
    assert article_param(page) == wanted.id
    expect(page.get_by_test_id("stAlert")).to_have_count(0)
    screenshot(page, "articles_deep_link")
    assert console_errors.errors == []


def test_summary_metric_values_are_shown_whole_not_cut_with_an_ellipsis(page: Page, app_url, console_errors):
    page.goto(app_url)
    wait_rendered(page, "Summary")
    cut = page.evaluate(
        """() => [...document.querySelectorAll('[data-testid="stMetricValue"]')]
            .filter((metric) => [metric, ...metric.querySelectorAll('*')]
                .some((element) => element.scrollWidth > element.clientWidth + 1))
            .map((metric) => metric.textContent)"""
    )
    assert cut == []
    assert console_errors.errors == []


def test_first_visit_to_a_fresh_server_by_a_sub_page_link_uses_the_declared_navigation(page: Page, analysis):
    wanted = analysis.articles[3]
    with serve_app("streamlit-fresh-server.log") as base_url:
        page.goto(f"{base_url}/articles?article={wanted.id}")
        wait_rendered(page, "Articles")
        expect(card_title(page)).to_have_text(wanted.display_title)
        screenshot(page, "articles_first_visit_fresh_server")
        assert_declared_navigation(page)
