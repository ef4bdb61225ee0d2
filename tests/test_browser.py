"""The dashboard in a real Chromium: what an analyst actually sees.

A session fixture serves the app with `streamlit run` on a free port; pytest-playwright drives
Debian's Chromium (never a downloaded one). These tests do not skip when Chromium is missing:
a missing browser is a broken test setup and must fail loudly.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import ConsoleMessage, Page, expect

from briefing.ingest import article_id, parse_article
from briefing.pipeline import analyze_folder
from live_app import CHROMIUM, CHROMIUM_ARGS, served_app
from support import PROJECT_ROOT, SEEDS_DIR

SCREENSHOTS = PROJECT_ROOT / "test-artifacts" / "screenshots"
SERVER_LOG_DIR = PROJECT_ROOT / "test-artifacts"
RENDER_TIMEOUT_MS = 30_000
APP_TITLE = "US–China briefing"

#: Every page, as (url path, title shown in the nav and in its h1, screenshot name), in the nav's order.
PAGES = [
    ("", "Summary", "summary"),
    ("us_vs_china", "US vs China", "us_vs_china"),
    ("articles", "Articles", "articles"),
    ("briefing", "Briefing", "briefing"),
    ("corpus", "Corpus", "corpus"),
]
#: The pages the sidebar filters apply to (the Corpus page lists every stored article whatever they say).
ANALYSIS_PAGES = [entry for entry in PAGES if entry[1] != "Corpus"]


# --- Fixtures: browser, server ------------------------------------------------------------


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1280, "height": 1400}}


@contextmanager
def serve_app(log_name: str, articles_dir: Path = SEEDS_DIR, env: dict[str, str] | None = None) -> Iterator[str]:
    """Serve the app as `make run` does (python -m ui.serve) on a fresh database seeded from
    ``articles_dir`` (the sample corpus unless told), on a free port, with ``env`` added to the
    environment; yield its base URL.

    The server is stopped by its PID when the block ends, whether or not the tests passed.
    """
    log_path = SERVER_LOG_DIR / log_name
    database = log_path.with_suffix(".sqlite3")
    for stale in log_path.parent.glob(database.name + "*"):
        stale.unlink()
    with served_app({"BRIEFING_ARTICLES_DIR": str(articles_dir), "BRIEFING_DB": str(database), **(env or {})},
                     log_path) as (base_url, _):
        yield base_url


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
            # Let the page take the resize in (two frames) before the test goes on: an open
            # selectbox list closes on a late resize.
            page.wait_for_function("(height) => window.innerHeight === height", arg=viewport["height"])
            page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
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
    """The app.py navigation is in charge: its five pages in the sidebar, its tab title."""
    assert nav_titles(page) == [heading for _, heading, _ in PAGES]
    assert page.title() == APP_TITLE


def query_values(page: Page, name: str) -> list[str]:
    return parse_qs(urlparse(page.url).query).get(name, [])


def metric_value(page: Page, label: str):
    """The value of the metric labelled exactly ``label``."""
    label_locator = page.get_by_test_id("stMetricLabel").get_by_text(label, exact=True)
    return page.get_by_test_id("stMetric").filter(has=label_locator).get_by_test_id("stMetricValue")


def sidebar_multiselect(page: Page, label: str):
    return page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").filter(
        has=page.get_by_role("combobox", name=label, exact=True))


def chosen_values(page: Page, label: str) -> list[str]:
    """The chips shown in the sidebar multiselect ``label``."""
    return sidebar_multiselect(page, label).locator("[data-tag] [title]").all_inner_texts()


def pick_in_sidebar(page: Page, label: str, option: str) -> None:
    """Open the sidebar multiselect ``label``, choose ``option`` and close the list."""
    page.get_by_role("combobox", name=label, exact=True).click()
    page.get_by_role("option", name=option, exact=True).click()
    page.keyboard.press("Escape")


def alerts(page: Page):
    return page.get_by_test_id("stAlert")


def expect_no_exception(page: Page) -> None:
    expect(page.get_by_test_id("stException")).to_have_count(0)


def caption_texts(page: Page) -> list[str]:
    return [text.strip() for text in page.get_by_test_id("stCaptionContainer").all_inner_texts()]


# --- Helpers: dataframes and the Corpus page ---------------------------------------------------
#
# st.dataframe draws on a canvas; Glide Data Grid keeps an accessible <table role="grid"> inside it
# with the row count (aria-rowcount, header included) and the text of the cells it draws (the
# columns in view, so the first few of a wide table).


def data_grid(page: Page, first_column: str):
    """The st.dataframe whose first column is headed ``first_column``."""
    header = page.locator('table[role="grid"] th[aria-colindex="1"]', has_text=re.compile(rf"^{re.escape(first_column)}$"))
    return page.get_by_test_id("stDataFrame").filter(has=header)


def stored_table(page: Page):
    """Corpus page: the table of stored articles."""
    return data_grid(page, "Title")


def outcomes_table(page: Page):
    """Corpus page: what happened to each file just added."""
    return data_grid(page, "Outcome")


def grid_row_count(grid) -> int:
    return int(grid.locator('table[role="grid"]').get_attribute("aria-rowcount")) - 1


def grid_rows(grid) -> list[list[str]]:
    """The text of the drawn cells of every body row."""
    return grid.locator('table[role="grid"] tbody tr').evaluate_all(
        "(rows) => rows.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent))")


def grid_column(grid, index: int):
    """The cells of column ``index`` (1-based) of every body row, for expect()."""
    return grid.locator(f'table[role="grid"] tbody tr td[aria-colindex="{index}"]')


MIME_TYPES = {".txt": "text/plain", ".md": "text/markdown", ".html": "text/html"}


def add_files(page: Page, files: dict[str, bytes], statuses: list[str]) -> list[list[str]]:
    """On the Corpus page, upload ``files`` (name → bytes), press Add uploaded files, and wait until the
    outcome table lists them, one row per file, with ``statuses``; return its rows."""
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files([
        {"name": name, "mimeType": MIME_TYPES.get(Path(name).suffix, "application/octet-stream"), "buffer": data}
        for name, data in files.items()])
    expect(page.get_by_test_id("stFileChip")).to_have_count(len(files))
    expect(page.get_by_test_id("stFileChipIconSpinner")).to_have_count(0)  # every upload finished
    page.get_by_test_id("stBaseButton-secondaryFormSubmit").filter(has_text="Add uploaded files").click()
    outcomes = outcomes_table(page)
    expect(grid_column(outcomes, 1)).to_have_text(statuses, timeout=RENDER_TIMEOUT_MS)
    expect(grid_column(outcomes, 2)).to_have_text(list(files))
    wait_rendered(page, "Corpus")
    added = sum(status in ("added", "near-duplicate") for status in statuses)
    expect(alerts(page)).to_have_text([f"{added} of {len(files)} added."])
    expect(page.get_by_test_id("stFileChip")).to_have_count(0)  # the form was cleared
    return grid_rows(outcomes)


def choose_in_main(page: Page, key: str, option: str) -> None:
    """Pick ``option`` in the main-area selectbox with widget key ``key``.

    All but its last character is typed in, which leaves it the only option listed, and it is
    chosen with the keyboard: clicking an option is flaky (the list is virtualised and redrawn
    while it settles), and right after a rerun the list sometimes closes again as soon as it
    opens, so the whole pick is retried until the box shows the option (typed text alone never
    equals it).
    """
    combobox = page.locator(f".st-key-{key}").get_by_role("combobox")
    listed = page.get_by_role("option")
    for _ in range(4):
        combobox.fill(option[:-1])
        try:
            if combobox.get_attribute("aria-expanded") != "true":
                combobox.press("ArrowDown")
            expect(listed).to_have_text([option], timeout=3_000)
            if not combobox.get_attribute("aria-activedescendant"):
                combobox.press("ArrowDown")
            combobox.press("Enter")
            expect(combobox).to_have_value(option, timeout=3_000)
            break
        except AssertionError:
            combobox.press("Escape")
    expect(combobox).to_have_value(option)
    expect(combobox).to_have_attribute("aria-expanded", "false")


def summary_article_count(page: Page, base_url: str, expected: int) -> None:
    """Open the Summary on its Timeline tab (which holds the table of articles) in a fresh session
    and check its Articles metric."""
    page.goto(f"{base_url}/?section=Timeline")
    wait_rendered(page, "Summary")
    expect(metric_value(page, "Articles")).to_have_text(str(expected))


#: How many Plotly charts each page draws on the sample corpus, unfiltered, as it opens (the
#: Summary opens on its chart-free Commitments tab).
CHART_COUNTS = {"Summary": 0, "US vs China": 2, "Articles": 1, "Briefing": 0, "Corpus": 0}
#: How many Plotly charts each tab of the Summary draws on the sample corpus, in the tabs' order.
SUMMARY_TAB_CHARTS = {"Commitments": 0, "Coverage": 2, "Vocabulary": 1, "Timeline": 1}


def assert_charts_drawn(page: Page, heading: str, count: int | None = None) -> None:
    """The page draws ``count`` (by default, its CHART_COUNTS) charts, each with marks in it."""
    charts = page.get_by_test_id("stPlotlyChart")
    expect(charts).to_have_count(CHART_COUNTS[heading] if count is None else count)
    for chart in charts.all():
        expect(chart.locator(".main-svg").first).to_be_attached()
        # A drawn chart has marks in it, not just axes.
        assert chart.locator(".main-svg .trace .point, .main-svg .hm image").count() > 0


NO_MATCH = "No article matches the filters"


# --- Tests: every page, by URL and by navigation -----------------------------------------------


@pytest.mark.parametrize(("path", "heading", "name"), PAGES, ids=[name for _, _, name in PAGES])
def test_every_page_opens_by_url_with_its_charts_drawn_and_no_console_errors(
        page: Page, app_url, console_errors, path, heading, name):
    page.goto(f"{app_url}/{path}")
    wait_rendered(page, heading)
    expect_no_exception(page)
    expect(alerts(page)).to_have_count(0)
    assert_declared_navigation(page)
    assert_charts_drawn(page, heading)
    screenshot(page, name)
    assert console_errors.errors == []


def test_sidebar_links_navigate_between_pages_without_console_errors(page: Page, app_url, console_errors):
    page.goto(app_url)
    wait_rendered(page, "Summary")
    nav = page.get_by_test_id("stSidebarNav")
    for path, heading, name in [*PAGES[1:], PAGES[0]]:
        nav.get_by_role("link", name=heading).click()
        wait_rendered(page, heading)
        assert urlparse(page.url).path == f"/{path}"
        expect(page.locator('[data-testid="stHeading"] h1')).to_have_text([heading])
        expect_no_exception(page)
        assert_declared_navigation(page)
        assert_charts_drawn(page, heading)
        screenshot(page, f"{name}_by_navigation")
    assert console_errors.errors == []
    assert console_errors.ignored == []  # navigation inside the app never deep-links


def test_each_summary_tab_draws_its_charts_when_clicked_and_names_itself_in_the_link(
        page: Page, app_url, console_errors):
    page.goto(app_url)
    wait_rendered(page, "Summary")
    tabs = page.get_by_test_id("stMain").get_by_role("tab")
    expect(tabs).to_have_text(list(SUMMARY_TAB_CHARTS))
    expect(tabs.first).to_have_attribute("aria-selected", "true")
    for label, count in [*list(SUMMARY_TAB_CHARTS.items())[1:], ("Commitments", 0)]:
        tabs.filter(has_text=label).click()
        wait_rendered(page, "Summary")
        expect(tabs.filter(has_text=label)).to_have_attribute("aria-selected", "true")
        assert_charts_drawn(page, "Summary", count)
        # The first tab is the default, so the link names every tab but that one.
        assert parse_qs(urlparse(page.url).query).get("section") == (None if label == "Commitments" else [label])
        screenshot(page, f"summary_tab_{label.lower()}")
    page.goto(f"{app_url}/?section=Vocabulary")  # a link to a tab opens it
    wait_rendered(page, "Summary")
    expect(tabs.filter(has_text="Vocabulary")).to_have_attribute("aria-selected", "true")
    expect(chart_titled(page, "Corpus keywords (TF-IDF)")).to_have_count(1)
    assert console_errors.errors == []


# --- Tests: Articles -------------------------------------------------------------------------


def test_articles_selectbox_switches_the_article_and_the_link(page: Page, app_url, console_errors, analysis):
    first, wanted = analysis.articles[0], analysis.articles[4]
    page.goto(f"{app_url}/articles")
    wait_rendered(page, "Articles")
    expect(card_title(page)).to_have_text(first.display_title)
    page.wait_for_url(re.compile(rf"[?&]article={first.id}"))

    page.get_by_test_id("stMain").get_by_test_id("stSelectbox").click()
    page.get_by_role("option", name=option_label(wanted), exact=True).click()
    page.wait_for_url(re.compile(rf"[?&]article={wanted.id}"))
    wait_rendered(page, "Articles")
    expect(card_title(page)).to_have_text(wanted.display_title)
    expect(page.get_by_role("combobox", name="Article", exact=True)).to_have_value(option_label(wanted))
    assert article_param(page) == wanted.id
    screenshot(page, "articles_switched")
    assert console_errors.errors == []


def test_articles_deep_link_opens_the_named_article(page: Page, app_url, console_errors, analysis):
    (wanted,) = [a for a in analysis.articles if a.source_file.startswith("003_")]
    page.goto(f"{app_url}/articles?article={wanted.id}")
    wait_rendered(page, "Articles")
    expect(card_title(page)).to_have_text(wanted.display_title)
    expect(page.get_by_role("combobox", name="Article", exact=True)).to_have_value(option_label(wanted))
    assert article_param(page) == wanted.id
    expect(alerts(page)).to_have_count(0)
    screenshot(page, "articles_deep_link")
    assert console_errors.errors == []


def test_articles_deep_link_to_an_unknown_article_warns_and_shows_the_first(
        page: Page, app_url, console_errors, analysis):
    page.goto(f"{app_url}/articles?article=0000000000000000")
    wait_rendered(page, "Articles")
    expect(alerts(page)).to_have_text(["The article named in the link is not in the corpus; showing the first article."])
    expect(card_title(page)).to_have_text(analysis.articles[0].display_title)
    page.wait_for_url(re.compile(rf"[?&]article={analysis.articles[0].id}"))
    assert console_errors.errors == []


# --- Tests: filters ------------------------------------------------------------------------


def test_picking_an_outlet_in_the_sidebar_filters_the_summary_and_puts_it_in_the_url(
        page: Page, app_url, console_errors, analysis):
    ap_count = sum(a.outlet == "AP" for a in analysis.articles)
    page.goto(app_url)
    wait_rendered(page, "Summary")
    expect(metric_value(page, "Articles")).to_have_text(str(len(analysis.articles)))
    pick_in_sidebar(page, "Outlets", "AP")
    expect(metric_value(page, "Articles")).to_have_text(str(ap_count))
    page.wait_for_url(re.compile(r"[?&]outlet=AP(&|$)"))
    wait_rendered(page, "Summary")
    assert query_values(page, "outlet") == ["AP"]
    assert chosen_values(page, "Outlets") == ["AP"]
    expect(metric_value(page, "Outlets")).to_have_text("1")
    expect(page.get_by_text(f"Showing {ap_count} of {len(analysis.articles)} articles — filters: outlets: AP.")
           ).to_be_visible()
    screenshot(page, "summary_filtered_in_sidebar")
    assert console_errors.errors == []


@pytest.mark.parametrize(("path", "heading", "name"), ANALYSIS_PAGES, ids=[name for _, _, name in ANALYSIS_PAGES])
def test_a_link_with_an_outlet_opens_the_filtered_view_in_a_fresh_page(
        page: Page, app_url, console_errors, analysis, path, heading, name):
    ap = [a for a in analysis.articles if a.outlet == "AP"]
    page.goto(f"{app_url}/{path}?outlet=AP")
    wait_rendered(page, heading)
    expect_no_exception(page)
    assert chosen_values(page, "Outlets") == ["AP"]
    expect(page.get_by_text(f"Showing {len(ap)} of {len(analysis.articles)} articles — filters: outlets: AP.")
           ).to_be_visible()
    if heading == "Summary":
        expect(metric_value(page, "Articles")).to_have_text(str(len(ap)))
    elif heading == "US vs China":
        ap_quotes = sum(q.article_id in {a.id for a in ap} for q in analysis.quotes)
        expect(page.get_by_text(f"{ap_quotes} quotes.", exact=True)).to_be_visible()
    elif heading == "Briefing":
        expect(page.locator(".briefing p").first).to_contain_text(
            f"Scope: {len(ap)} articles from 1 identified outlet (AP),")
        expect(page.locator(".briefing li[id^='source-']")).to_have_count(len(ap))
    else:
        page.get_by_test_id("stMain").get_by_test_id("stSelectbox").click()
        expect(page.get_by_role("option")).to_have_text([option_label(a) for a in ap])
        page.keyboard.press("Escape")
    assert query_values(page, "outlet") == ["AP"]
    screenshot(page, f"{name}_filtered")
    assert console_errors.errors == []


def test_the_filtered_view_survives_navigating_to_other_pages_via_the_sidebar(
        page: Page, app_url, console_errors, analysis):
    ap = [a for a in analysis.articles if a.outlet == "AP"]
    ap_quotes = sum(q.article_id in {a.id for a in ap} for q in analysis.quotes)
    showing = f"Showing {len(ap)} of {len(analysis.articles)} articles — filters: outlets: AP."
    page.goto(f"{app_url}/?outlet=AP")
    wait_rendered(page, "Summary")
    expect(metric_value(page, "Articles")).to_have_text(str(len(ap)))
    nav = page.get_by_test_id("stSidebarNav")

    nav.get_by_role("link", name="US vs China").click()
    wait_rendered(page, "US vs China")
    expect(page.get_by_text(showing)).to_be_visible()
    expect(page.get_by_text(f"{ap_quotes} quotes.", exact=True)).to_be_visible()
    assert chosen_values(page, "Outlets") == ["AP"]
    page.wait_for_url(re.compile(r"/us_vs_china\?(.*&)?outlet=AP(&|$)"))
    screenshot(page, "us_vs_china_filtered_after_navigation")

    nav.get_by_role("link", name="Articles").click()
    wait_rendered(page, "Articles")
    expect(page.get_by_text(showing)).to_be_visible()
    expect(card_title(page)).to_have_text(ap[0].display_title)
    assert chosen_values(page, "Outlets") == ["AP"]
    page.wait_for_url(re.compile(r"/articles\?(.*&)?outlet=AP(&|$)"))

    nav.get_by_role("link", name="Summary").click()
    wait_rendered(page, "Summary")
    expect(metric_value(page, "Articles")).to_have_text(str(len(ap)))
    assert chosen_values(page, "Outlets") == ["AP"]
    assert console_errors.errors == []


def test_following_a_bottom_line_article_link_keeps_the_sidebar_filters(page: Page, app_url, console_errors):
    page.goto(f"{app_url}/?outlet=AP")
    wait_rendered(page, "Summary")
    page.locator(".bottom-line a").first.click()
    wait_rendered(page, "Articles")
    expect(page.get_by_text("Showing 2 of 5 articles — filters: outlets: AP.")).to_be_visible(timeout=5_000)
    assert chosen_values(page, "Outlets") == ["AP"]
    assert console_errors.errors == []


@pytest.mark.parametrize(("path", "heading", "name"), ANALYSIS_PAGES, ids=[name for _, _, name in ANALYSIS_PAGES])
def test_a_link_whose_filters_match_nothing_shows_the_info_message(
        page: Page, app_url, console_errors, analysis, path, heading, name):
    ap_article = next(a for a in analysis.articles if a.outlet == "AP")
    page.goto(f"{app_url}/{path}?outlet=Financial+Times&articles={ap_article.id}")
    wait_rendered(page, heading)
    expect_no_exception(page)
    expect(alerts(page)).to_have_count(1)
    expect(alerts(page)).to_contain_text(NO_MATCH)
    expect(page.get_by_test_id("stPlotlyChart")).to_have_count(0)
    expect(page.get_by_test_id("stMetric")).to_have_count(0)
    expect(page.get_by_test_id("stDownloadButton")).to_have_count(0)
    assert chosen_values(page, "Outlets") == ["Financial Times"]
    screenshot(page, f"{name}_no_match")
    assert console_errors.errors == []


def test_the_corpus_page_lists_every_stored_article_whatever_the_filters_say(
        page: Page, app_url, console_errors, analysis):
    ap_article = next(a for a in analysis.articles if a.outlet == "AP")
    page.goto(f"{app_url}/corpus?outlet=Financial+Times&articles={ap_article.id}")
    wait_rendered(page, "Corpus")
    expect_no_exception(page)
    expect(alerts(page)).to_have_count(0)
    assert chosen_values(page, "Outlets") == ["Financial Times"]
    assert grid_row_count(stored_table(page)) == len(analysis.articles)
    assert [row[0] for row in grid_rows(stored_table(page))] == [a.display_title for a in analysis.articles]
    assert console_errors.errors == []


def test_reset_filters_button_brings_back_every_article_and_clears_the_url(
        page: Page, app_url, console_errors, analysis):
    ap_article = next(a for a in analysis.articles if a.outlet == "AP")
    page.goto(f"{app_url}/?outlet=Financial+Times&articles={ap_article.id}")
    wait_rendered(page, "Summary")
    expect(alerts(page)).to_contain_text(NO_MATCH)
    page.get_by_test_id("stSidebar").get_by_role("button", name="Reset filters").click()
    expect(metric_value(page, "Articles")).to_have_text(str(len(analysis.articles)))
    wait_rendered(page, "Summary")
    expect(alerts(page)).to_have_count(0)
    assert chosen_values(page, "Outlets") == []
    page.wait_for_url(lambda url: "outlet=" not in url and "articles=" not in url)
    assert console_errors.errors == []


@pytest.mark.parametrize(("path", "heading", "name"), ANALYSIS_PAGES[:2], ids=[name for _, _, name in ANALYSIS_PAGES[:2]])
def test_a_link_naming_an_outlet_that_does_not_exist_says_so_at_the_top_and_shows_nothing(
        page: Page, app_url, console_errors, path, heading, name):
    page.goto(f"{app_url}/{path}?outlet=Reuters")
    wait_rendered(page, heading)
    expect_no_exception(page)
    expect(alerts(page)).to_have_text([
        "No article matches outlet 'Reuters' — showing nothing. Reset filters in the sidebar shows every article."])
    title_box = page.get_by_test_id("stHeading").locator("h1").bounding_box()
    alert_box = alerts(page).bounding_box()
    assert title_box["y"] < alert_box["y"] < title_box["y"] + title_box["height"] + 120  # right under the title
    expect(page.get_by_test_id("stMetric")).to_have_count(0)
    expect(page.get_by_test_id("stPlotlyChart")).to_have_count(0)
    expect(page.get_by_test_id("stDataFrame")).to_have_count(0)
    assert query_values(page, "outlet") == ["Reuters"]
    screenshot(page, f"{name}_unknown_outlet")
    assert console_errors.errors == []


# --- Tests: layout -------------------------------------------------------------------------


def chart_titled(page: Page, title: str):
    """The Plotly chart whose title reads ``title``."""
    return page.get_by_test_id("stPlotlyChart").filter(has=page.locator(".gtitle", has_text=title))


def boxes(locator) -> list[dict]:
    """Bounding boxes of the elements ``locator`` matches, with their text."""
    return locator.evaluate_all(
        """(elements) => elements.map((element) => {
            const box = element.getBoundingClientRect();
            return {text: element.textContent, left: box.left, right: box.right, top: box.top, bottom: box.bottom};
        }).filter((box) => box.right > box.left && box.bottom > box.top)"""
    )


def overlap(a: dict, b: dict, slack: float = 1.0) -> bool:
    return (min(a["right"], b["right"]) - max(a["left"], b["left"]) > slack
            and min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > slack)




def test_coverage_heatmap_title_does_not_overlap_its_column_labels(page: Page, app_url, console_errors):
    page.goto(f"{app_url}/?section=Coverage")
    wait_rendered(page, "Summary")
    heatmap = chart_titled(page, "Who reported what")
    (title,) = boxes(heatmap.locator(".gtitle"))
    labels = boxes(heatmap.locator(".xtick text"))
    assert labels
    assert [label["text"] for label in labels if overlap(title, label)] == []


def test_timeline_labels_the_date_of_every_dated_article(page: Page, app_url, console_errors, analysis):
    page.goto(f"{app_url}/?section=Timeline")
    wait_rendered(page, "Summary")
    timeline = chart_titled(page, "Articles by publication date")
    ticks = set(timeline.locator(".xtick text").all_text_contents())
    expected = {date.fromisoformat(a.published.value).strftime("%d %b %Y")
                for a in analysis.articles if a.published.value}
    assert expected == {"28 Aug 2023", "30 Aug 2023"}
    assert expected <= ticks


def test_distinctive_terms_scatter_labels_do_not_overprint_each_other(page: Page, app_url, console_errors):
    page.goto(f"{app_url}/us_vs_china")
    wait_rendered(page, "US vs China")
    scatter = chart_titled(page, "Distinctive terms")
    scatter.scroll_into_view_if_needed()
    expect(scatter.locator(".textpoint text").first).to_be_visible()
    labels = boxes(scatter.locator(".textpoint text"))
    assert len(labels) > 1
    clashes = [(a["text"], b["text"]) for i, a in enumerate(labels) for b in labels[i + 1:] if overlap(a, b)]
    assert clashes == []


#: The briefing file is built when its button is clicked (charts drawn, the document laid out):
#: 1-4 s alone, but over 30 s once with the machine's CPUs shared by other test runs. The wait is
#: for the download event itself, so a download that never starts still fails, only later.
DOWNLOAD_TIMEOUT_MS = 120_000


@pytest.mark.parametrize(("label", "extension", "magic"), [("PDF", "pdf", b"%PDF-"), ("Word (DOCX)", "docx", b"PK")])
def test_the_briefing_download_writes_the_note_when_clicked(
        page: Page, app_url, console_errors, tmp_path, label, extension, magic):
    page.goto(f"{app_url}/briefing")
    wait_rendered(page, "Briefing")
    page.get_by_test_id("stButtonGroup").get_by_role("radio", name=label, exact=True).click()
    # The button names the chosen format once the page has run again: only then is it this format's file.
    button = page.get_by_test_id("stDownloadButton").get_by_role("button", name=f"Download {label}")
    expect(button).to_be_enabled(timeout=RENDER_TIMEOUT_MS)
    wait_rendered(page, "Briefing")
    with page.expect_download(timeout=DOWNLOAD_TIMEOUT_MS) as download_info:
        button.click()
    download = download_info.value
    assert download.suggested_filename == f"briefing_2023-08-28_to_2023-08-30_all-articles.{extension}"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert saved.read_bytes().startswith(magic)
    assert console_errors.errors == []


def _luminance(page: Page, script: str) -> float:
    """Relative luminance (0 black … 1 white) of the CSS colour ``script`` returns."""
    red, green, blue = (int(part) for part in re.findall(r"\d+", page.evaluate(script))[:3])
    return (0.2126 * red + 0.7152 * green + 0.0722 * blue) / 255


#: Pages drawn in each colour scheme: (url path, heading, charts, screenshot name).
THEMED_VIEWS = [("us_vs_china", "US vs China", 2, "us_vs_china"), ("?section=Coverage", "Summary", 2, "summary_coverage"),
                ("articles", "Articles", 1, "articles")]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_app_follows_the_browsers_colour_scheme_with_readable_charts(
        browser, browser_context_args, app_url, scheme):
    context = browser.new_context(**browser_context_args, color_scheme=scheme)
    try:
        page = context.new_page()
        console_errors = ConsoleErrors(page)
        for path, heading, charts, name in THEMED_VIEWS:
            page.goto(f"{app_url}/{path}")
            wait_rendered(page, heading)
            assert_charts_drawn(page, heading, charts)
            background = _luminance(page, "() => getComputedStyle(document.querySelector('[data-testid=\"stApp\"]')).backgroundColor")
            ticks = _luminance(page, "() => getComputedStyle(document.querySelector('[data-testid=\"stPlotlyChart\"] .ytick text')).fill")
            assert (background < 0.2) if scheme == "dark" else (background > 0.9), (name, background)
            assert abs(background - ticks) > 0.4, (name, background, ticks)  # chart text stands out from the page
            screenshot(page, f"{name}_{scheme}")
        highlight = "() => getComputedStyle(document.querySelector('span[style*=\"background:#FFF1B8\"]')).color"
        assert _luminance(page, highlight) < 0.3  # dark text on the light commitment highlight, in both schemes
        assert console_errors.errors == []
    finally:
        context.close()


def grid_headers(grid) -> list[str]:
    """The headers of the columns a data grid draws: those in view, without scrolling sideways."""
    return [text.strip() for text in grid.locator('table[role="grid"] thead th').all_inner_texts()]


@pytest.mark.parametrize(("section", "first_column", "counts"), [
    ("Commitments", "Commitment", ["Articles", "Mentions", "Outlets"]),
    ("Timeline", "Title", ["Outlet", "Published", "Quotes"]),
])
def test_summary_tables_show_their_counts_without_scrolling_sideways_and_no_none(
        page: Page, app_url, console_errors, section, first_column, counts):
    page.goto(f"{app_url}/?section={section}")
    wait_rendered(page, "Summary")
    grid = data_grid(page, first_column)
    expect(grid).to_have_count(1)
    assert set(counts) <= set(grid_headers(grid))
    cells = [cell for row in grid_rows(grid) for cell in row]
    assert cells and "None" not in cells
    screenshot(page, f"summary_{section.lower()}_table")
    assert console_errors.errors == []


def test_summary_metric_values_are_shown_whole_not_cut_with_an_ellipsis(page: Page, app_url, console_errors):
    page.goto(app_url)
    wait_rendered(page, "Summary")
    expect(page.get_by_test_id("stMetric")).to_have_count(8)
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


def test_first_visit_to_a_fresh_server_by_a_sub_page_link_shows_no_page_not_found_dialog(page: Page, analysis):
    wanted = analysis.articles[3]
    with serve_app("streamlit-fresh-server-dialog.log") as base_url:
        page.goto(f"{base_url}/articles?article={wanted.id}")
        wait_rendered(page, "Articles")
        expect(card_title(page)).to_have_text(wanted.display_title)
        expect(page.get_by_text("Page not found")).to_have_count(0)


def test_the_served_dashboard_analyses_on_worker_processes(page: Page, console_errors, analysis):
    # Workers are forced on for five articles. Streamlit runs app.py as the main module, which
    # multiprocessing would have each new worker import (and so start a dashboard run inside it).
    workers = {"BRIEFING_WORKERS": "2", "BRIEFING_PARALLEL_MIN_ARTICLES": "2"}
    with serve_app("streamlit-workers.log", env=workers) as base_url:
        page.goto(base_url)
        wait_rendered(page, "Summary")
        expect(page.get_by_test_id("stMetric")).to_have_count(8)
        expect(page.get_by_test_id("stException")).to_have_count(0)
        expect(page.get_by_text(analysis.commitments[0].label).first).to_be_visible()
        log = (SERVER_LOG_DIR / "streamlit-workers.log").read_text()
    assert "Traceback" not in log
    assert "worker process died" not in log  # the workers did the work, no in-process redo
    assert console_errors.errors == []


# --- Tests: Corpus page (each on a server and database of its own: they change the corpus) -------

NEW_ARTICLE = (
    "US and China hold new round of trade talks\n\n"
    "US Trade Representative Katherine Tai spoke with Chinese Vice Premier He Lifeng by video on Thursday, "
    "the two governments said. Both sides agreed to keep communication channels open on tariffs and export "
    "controls. Chinese officials said the talks were constructive and that working teams would meet again soon.\n"
).encode()
NEW_ARTICLE_NAME = "trade-talks.txt"


def test_corpus_page_undo_restores_a_deleted_article_and_the_add_buttons_have_distinct_names(
        page: Page, console_errors, analysis):
    target = analysis.articles[0]
    label = f"{target.display_title} ({target.source_file})"
    with serve_app("streamlit-corpus-undo.log") as base_url:
        page.goto(f"{base_url}/corpus")
        wait_rendered(page, "Corpus")
        for name in ("Add uploaded files", "Add pasted text"):
            expect(page.get_by_role("button", name=name, exact=True, include_hidden=True)).to_have_count(1)
        expect(page.get_by_role("button", name="Add files", exact=True, include_hidden=True)).to_have_count(0)
        page.locator(".st-key-delete").get_by_role("button", name="Delete article").click()
        page.locator(".st-key-confirm-delete").get_by_role("button", name="Yes, delete").click()
        page.get_by_role("button", name="Undo").click()
        expect(alerts(page).filter(has_text="Restored “")).to_have_text(f"Restored “{label}”: it is back in the analysis.")
        wait_rendered(page, "Corpus")
        expect(page.locator(".st-key-delete").get_by_role("button", name="Delete article")).to_be_visible()
        screenshot(page, "corpus_after_undo")
        summary_article_count(page, base_url, len(analysis.articles))
    assert console_errors.errors == []


def test_corpus_page_adds_refuses_deletes_and_restores_articles(page: Page, console_errors, analysis):
    new = parse_article(NEW_ARTICLE, NEW_ARTICLE_NAME)
    label = f"{new.title} ({NEW_ARTICLE_NAME})"
    seeded = len(analysis.articles)
    with serve_app("streamlit-corpus-flow.log") as base_url:
        summary_article_count(page, base_url, seeded)

        page.goto(f"{base_url}/corpus")
        wait_rendered(page, "Corpus")
        assert grid_row_count(stored_table(page)) == seeded
        assert add_files(page, {NEW_ARTICLE_NAME: NEW_ARTICLE}, ["added"]) == [["added", NEW_ARTICLE_NAME, "added"]]
        expect(grid_column(stored_table(page), 1)).to_have_text([a.display_title for a in analysis.articles] + [new.title])
        screenshot(page, "corpus_after_adding")
        summary_article_count(page, base_url, seeded + 1)

        page.goto(f"{base_url}/corpus")
        wait_rendered(page, "Corpus")
        assert add_files(page, {NEW_ARTICLE_NAME: NEW_ARTICLE}, ["duplicate"]) == [
            ["duplicate", NEW_ARTICLE_NAME, f"duplicate of {NEW_ARTICLE_NAME}"]]
        assert grid_row_count(stored_table(page)) == seeded + 1

        binary = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
        rows = add_files(page, {"empty.txt": b"", "image.txt": binary, "notes.csv": b"a,b\n1,2\n"},
                         ["refused", "refused", "refused"])
        assert [row[:2] for row in rows] == [["refused", "empty.txt"], ["refused", "image.txt"], ["refused", "notes.csv"]]
        assert "empty" in rows[0][2] and "binary" in rows[1][2] and "unsupported file type '.csv'" in rows[2][2]
        assert grid_row_count(stored_table(page)) == seeded + 1
        screenshot(page, "corpus_refused_files")

        choose_in_main(page, "delete-article", label)
        page.locator(".st-key-delete").get_by_role("button", name="Delete article").click()
        page.locator(".st-key-confirm-delete").get_by_role("button", name="Yes, delete").click()
        expect(page.locator(".st-key-restore").get_by_role("button", name="Restore article")).to_be_visible()
        wait_rendered(page, "Corpus")
        deleted_note = alerts(page).filter(has_text="Deleted “")
        expect(deleted_note).to_have_text(f"Deleted “{label}”: it is left out of the analysis.")
        page.get_by_test_id("stMain").evaluate("(main) => main.scrollTo(0, 0)")
        assert deleted_note.bounding_box()["y"] < 300  # seen at the top, where the page opens
        expect(page.get_by_role("button", name="Undo")).to_be_in_viewport()
        assert grid_row_count(stored_table(page)) == seeded + 1  # a deleted article stays listed
        screenshot(page, "corpus_after_deleting")
        summary_article_count(page, base_url, seeded)
        expect(grid_column(data_grid(page, "Title"), 1)).to_have_text([a.display_title for a in analysis.articles])

        page.goto(f"{base_url}/corpus")
        wait_rendered(page, "Corpus")
        choose_in_main(page, "delete-article", label)
        page.locator(".st-key-restore").get_by_role("button", name="Restore article").click()
        expect(page.locator(".st-key-delete").get_by_role("button", name="Delete article")).to_be_visible()
        wait_rendered(page, "Corpus")
        summary_article_count(page, base_url, seeded + 1)
        expect(grid_column(data_grid(page, "Title"), 1)).to_have_text(
            [a.display_title for a in analysis.articles] + [new.title])
        screenshot(page, "summary_after_restoring")
    assert console_errors.errors == []


# The browser-safety test: article text is untrusted. An article carrying script, HTML and
# markdown-image payloads is added through the Corpus page and opened on every page; no script may
# run, no element of the payload may reach the DOM, and no request may leave the machine.

PAYLOAD_MD_NAME = "payload <svg onload=window.__pwned=10>.md"  # no quotes: Chromium sends " as %22
PAYLOAD_MD = b"""# US and China agree to **talks** <img src="https://tracker.invalid/title.png" onerror="window.__pwned=4">

US Commerce Secretary Gina Raimondo met Chinese Commerce Minister Wang Wentao in Beijing on Monday, officials said. <script>window.__pwned=1</script> The two governments agreed to hold regular talks on export controls and trade secrets.

Chinese officials described the meeting as **candid and pragmatic** and said both sides would keep in close touch. <img src="https://tracker.invalid/p.png" onerror="window.__pwned=2"> <iframe src="https://evil.invalid/"></iframe>

## A US official said more meetings between Washington and Beijing would follow <svg onload="window.__pwned=5"><circle r="4"/></svg>

Details from the US embassy: <a href="javascript:window.__pwned=3">x</a> and ![px](https://tracker.invalid/md.png) and [click](javascript:alert(1)) for the full statement by the Chinese ministry.
"""
PAYLOAD_HTML_NAME = "payload.html"
PAYLOAD_HTML = b"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>US and Chinese officials meet &lt;img src="https://tracker.invalid/t.png" onerror="window.__pwned=6"&gt;</title>
<meta property="og:site_name" content="&lt;b&gt;Tracker&lt;/b&gt; &lt;img src=https://tracker.invalid/site.png onerror=window.__pwned=7&gt; Times">
<script>window.__pwned=1</script>
</head><body><article>
<h1>US and Chinese officials meet &lt;img src="https://tracker.invalid/t.png" onerror="window.__pwned=6"&gt;</h1>
<p>US and Chinese trade officials met in Washington on Tuesday to discuss export controls, a US official said. <script>window.__pwned=1</script> The Chinese vice minister said both governments would keep talking about chips and investment.</p>
<p>A State Department spokesperson said the talks were useful and that further meetings were planned. <img src="https://tracker.invalid/p.png" onerror="window.__pwned=2"> <iframe src="https://evil.invalid/"></iframe></p>
<p>The statement quoted markup as text: &lt;script&gt;window.__pwned=8&lt;/script&gt; and &lt;iframe src="https://evil.invalid/"&gt;&lt;/iframe&gt; and ![px](https://tracker.invalid/md.png) and [click](javascript:alert(1)) and **bold words** from Beijing officials.</p>
<p>Chinese officials gave <a href="javascript:window.__pwned=3">x</a> no further details on the schedule. <svg onload="window.__pwned=5"><circle r="4"/></svg></p>
</article></body></html>
"""

#: What a payload that reached the DOM looks like: its elements, any inline event handler, and any
#: address attribute pointing at the payload's hosts or at javascript:. Checked in every frame.
PAYLOAD_TRACES_JS = r"""() => {
    const found = [];
    const describe = (element) => element.outerHTML.slice(0, 160);
    const selectors = ['img[src*="tracker.invalid"]', 'iframe[src*="evil.invalid"]', '[onerror]', '[onload]',
                       'a[href^="javascript:" i]', 'iframe[srcdoc]', 'object', 'embed'];
    for (const selector of selectors) {
        for (const element of document.querySelectorAll(selector)) found.push(`${selector}: ${describe(element)}`);
    }
    for (const script of document.querySelectorAll('script')) {
        if (script.textContent.includes('__pwned')) found.push(`script: ${describe(script)}`);
    }
    const addresses = /tracker\.invalid|evil\.invalid|^\s*javascript:/i;
    for (const element of document.querySelectorAll('*')) {
        for (const attribute of element.attributes) {
            const name = attribute.name.toLowerCase();
            if (name.startsWith('on')) found.push(`${name}: ${describe(element)}`);
            else if (['src', 'href', 'xlink:href', 'srcset', 'action', 'formaction', 'data', 'poster',
                      'background'].includes(name) && addresses.test(attribute.value)) {
                found.push(`${name}: ${describe(element)}`);
            } else if (name === 'style' && /url\(/i.test(attribute.value) && addresses.test(attribute.value)) {
                found.push(`style: ${describe(element)}`);
            }
        }
    }
    return found;
}"""


class Exposure:
    """What a page did that the payload could have caused: dialogs and requests off this machine."""

    LOCAL_HOSTS = {"127.0.0.1", "localhost"}

    def __init__(self, page: Page) -> None:
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        page.on("dialog", self._on_dialog)
        page.on("request", lambda request: self.requests.append(request.url))

    def _on_dialog(self, dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def remote_requests(self) -> list[str]:
        remote = []
        for url in self.requests:
            parsed = urlparse(url)
            if parsed.scheme in ("data", "blob"):
                continue
            if parsed.scheme not in ("http", "https", "ws", "wss") or parsed.hostname not in self.LOCAL_HOSTS:
                remote.append(url)
        return remote


def payload_traces(page: Page) -> list[str]:
    return [f"{frame.url}: {trace}" for frame in page.frames for trace in frame.evaluate(PAYLOAD_TRACES_JS)]


def pwned(page: Page) -> list:
    return [value for frame in page.frames if (value := frame.evaluate("() => window.__pwned")) is not None]


def assert_payload_inert(page: Page, exposure: Exposure, where: str) -> None:
    assert pwned(page) == [], where
    assert exposure.dialogs == [], where
    assert payload_traces(page) == [], where
    assert exposure.remote_requests() == [], where


def every_view() -> list[tuple[str, str]]:
    """(path and query, heading) of every page, and of every tab of the Summary."""
    return [(f"{path}?section={section}" if heading == "Summary" else path, heading) for path, heading, _ in PAGES
            for section in (SUMMARY_TAB_CHARTS if heading == "Summary" else [None])]


def normalised(text: str) -> str:
    return " ".join(text.split())


def test_article_payloads_are_shown_as_text_on_every_page_and_never_run(page: Page, console_errors, analysis):
    exposure = Exposure(page)
    md = parse_article(PAYLOAD_MD, PAYLOAD_MD_NAME)
    html = parse_article(PAYLOAD_HTML, PAYLOAD_HTML_NAME)
    assert (md.id, html.id) == (article_id(PAYLOAD_MD), article_id(PAYLOAD_HTML))
    assert (md.language, html.language) == ("en", "en")
    # What survived cleaning, and so is shown: the markup as text, the markdown image and link gone.
    assert "<script>window.__pwned=1</script>" in md.text and "<script>window.__pwned=8</script>" in html.text
    assert '<img src="https://tracker.invalid/p.png" onerror="window.__pwned=2">' in md.text
    assert '<a href="javascript:window.__pwned=3">x</a>' in md.text
    assert "tracker.invalid/md.png" not in md.text + html.text
    assert "<script>window.__pwned=1</script>" not in html.text  # a live script tag is dropped from HTML
    assert md.display_title.endswith('<img src="https://tracker.invalid/title.png" onerror="window.__pwned=4">')
    assert html.outlet.startswith("<b>Tracker</b> <img src=https://tracker.invalid/site.png")
    total = len(analysis.articles) + 2

    with serve_app("streamlit-browser-safety.log") as base_url:
        # The probes must not trip on Streamlit's own markup: every page of the pristine corpus is clean.
        for path, heading in every_view():
            page.goto(f"{base_url}/{path}")
            wait_rendered(page, heading)
            assert_payload_inert(page, exposure, f"pristine {path}")

        page.goto(f"{base_url}/corpus")
        wait_rendered(page, "Corpus")
        rows = add_files(page, {PAYLOAD_MD_NAME: PAYLOAD_MD, PAYLOAD_HTML_NAME: PAYLOAD_HTML}, ["added", "added"])
        assert [row[:2] for row in rows] == [["added", PAYLOAD_MD_NAME], ["added", PAYLOAD_HTML_NAME]]
        expect(grid_column(stored_table(page), 1)).to_have_text(
            [a.display_title for a in analysis.articles] + [md.display_title, html.display_title])
        screenshot(page, "payload_corpus")
        assert_payload_inert(page, exposure, "Corpus after upload")

        for article in (md, html):
            page.goto(f"{base_url}/articles?article={article.id}")
            wait_rendered(page, "Articles")
            expect(card_title(page)).to_have_text(article.display_title)
            expect(page.get_by_role("combobox", name="Article", exact=True)).to_have_value(option_label(article))
            expect(page.locator(".article-card")).to_contain_text(article.outlet or "unknown")
            expect(page.locator(".article-card")).to_contain_text(article.source_file)
            shown = [normalised(text) for text in page.locator(".article-body p").all_inner_texts()]
            assert shown == [normalised(line) for line in article.text.splitlines() if line.strip()]
            screenshot(page, f"payload_articles_{Path(article.source_file).suffix.lstrip('.')}")
            assert_payload_inert(page, exposure, f"Articles {article.source_file}")

        for section in SUMMARY_TAB_CHARTS:
            page.goto(f"{base_url}/?section={section}")
            wait_rendered(page, "Summary")
            expect(metric_value(page, "Articles")).to_have_text(str(total))
            if section == "Timeline":
                expect(grid_column(data_grid(page, "Title"), 1)).to_have_text(
                    [a.display_title for a in analysis.articles] + [md.display_title, html.display_title])
            screenshot(page, f"payload_summary_{section.lower()}")
            assert_payload_inert(page, exposure, f"Summary, {section} tab")

        page.goto(f"{base_url}/us_vs_china")
        wait_rendered(page, "US vs China")
        screenshot(page, "payload_us_vs_china")
        assert_payload_inert(page, exposure, "US vs China")

        page.goto(f"{base_url}/briefing")
        wait_rendered(page, "Briefing")
        expect(page.locator(".briefing p").first).to_contain_text(f"Scope: {total} articles from 4 identified outlets ({html.outlet}, AP,")
        # The markdown article reports a commitment, so the note cites it: its title, as text, in the sources.
        expect(page.locator(".briefing li[id^='source-']").filter(has_text=md.display_title)).to_have_count(1)
        screenshot(page, "payload_briefing")
        assert_payload_inert(page, exposure, "Briefing")
    assert console_errors.errors == []


@pytest.fixture(scope="module")
def payload_folder(tmp_path_factory) -> Path:
    """The sample articles plus the two payload articles."""
    folder = tmp_path_factory.mktemp("corpus-with-payloads")
    for path in SEEDS_DIR.iterdir():
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / PAYLOAD_MD_NAME).write_bytes(PAYLOAD_MD)
    (folder / PAYLOAD_HTML_NAME).write_bytes(PAYLOAD_HTML)
    return folder


@pytest.fixture(scope="module")
def payload_app_url(payload_folder) -> Iterator[str]:
    """A server of its own whose corpus is the payload folder (seeded from it, not uploaded); the
    tests using it only read."""
    with serve_app("streamlit-payload-corpus.log", payload_folder) as base_url:
        yield base_url


def test_a_filter_naming_the_payload_articles_puts_no_payload_element_in_any_page(
        page: Page, console_errors, payload_app_url):
    exposure = Exposure(page)
    both = f"articles={article_id(PAYLOAD_MD)}&articles={article_id(PAYLOAD_HTML)}"
    traces = {}
    # Every tab of the Summary: only the open one is drawn.
    views = [(path, heading, section) for path, heading, _ in ANALYSIS_PAGES
             for section in (SUMMARY_TAB_CHARTS if heading == "Summary" else [None])]
    for path, heading, section in views:
        page.goto(f"{payload_app_url}/{path}?{both}" + (f"&section={section}" if section else ""))
        wait_rendered(page, heading)
        expect(page.get_by_text(re.compile(r"^Showing 2 of 7 articles"))).to_be_visible()
        if section:
            screenshot(page, f"payload_summary_{section.lower()}_filtered")
        traces[heading, section] = payload_traces(page)
        assert pwned(page) == [] and exposure.dialogs == [] and exposure.remote_requests() == [], (heading, section)
    assert traces == {view[1:]: [] for view in views}
    assert console_errors.errors == []


def test_chart_labels_show_a_double_quote_in_a_title_as_typed(
        page: Page, console_errors, payload_folder, payload_app_url):
    payloads = analyze_folder(payload_folder)
    page.goto(f"{payload_app_url}/?section=Coverage")
    wait_rendered(page, "Summary")
    labels = chart_titled(page, "Who reported what").locator(".ytick text").all_text_contents()
    # A row per article reporting a commitment (the payload corpus has fewer commitments than the chart draws).
    assert len(labels) == sum(any(a.id in c.article_ids for c in payloads.commitments) for a in payloads.articles)
    assert [label for label in labels if "&quot;" in label] == []
    assert any('src="https://tracker.invalid/title.png"' in label for label in labels)
    assert console_errors.errors == []


def test_coverage_heatmap_column_labels_do_not_overprint_each_other(page: Page, console_errors, payload_app_url):
    page.goto(f"{payload_app_url}/?section=Coverage")
    wait_rendered(page, "Summary")
    ticks = chart_titled(page, "Who reported what").locator(".xtick text")
    ticks.first.scroll_into_view_if_needed()
    expect(ticks).to_have_count(5)  # drawn: the chart is measured once plotly has laid it out
    labels = boxes(ticks)
    assert len(labels) == 5
    clashes = [(a["text"], b["text"]) for i, a in enumerate(labels) for b in labels[i + 1:] if overlap(a, b)]
    assert clashes == []
