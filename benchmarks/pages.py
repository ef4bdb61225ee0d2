"""Time every dashboard page in headless Chromium on a large corpus.

    .venv/bin/python benchmarks/pages.py [--articles 2000] [--repeats 3] [--cold-starts 5]

Builds (once; reused while the file exists) a corpus database of the sample articles plus N
articles from the scale corpus at benchmarks/results/pages-<N>.sqlite3, then serves the dashboard
on it as ``make run`` does (``python -m ui.serve``) and drives Debian's Chromium with Playwright:

- cold start: from launching a fresh server process to the Summary page fully drawn in a fresh
  browser context (nothing cached); the first start fills any on-disk analysis cache, then
  ``--cold-starts`` more find the analysis saved: their median and range, one start being one
  sample of a noisy machine;
- each page with the analysis cached in the server: from ``page.goto`` of its URL (a new session)
  and from a click on its link in the sidebar navigation (same session, coming from another page)
  to the page fully drawn; median of ``--repeats``;
- each of the Summary's other tabs (the Summary opens on its chart-free Commitments tab): from
  ``page.goto`` of its link (``?section=…``) and from a click on the tab, coming from the
  Commitments tab just loaded (so Plotly's JavaScript, from the browser's cache, is loaded into the
  page after the click), to the tab fully drawn; median of ``--repeats``. Before these timings
  every page and tab is opened once, so the browser has every script cached; what a first visit
  loads is timed by the cold starts, each of which then clicks the first chart tab, the Summary's
  Coverage, which is when a fresh browser first loads Plotly.

A page is fully drawn when its h1 shows its title, Streamlit's script has stopped (no status
widget, ``data-test-script-state="notRunning"``), nothing is stale or a skeleton, every Plotly
chart has drawn its SVG and the page's own landmark element is present; a page showing an
exception stops the benchmark. Results go to benchmarks/results/pages.md and pages.json, the
server's output to a log in the temporary folder. Timings are never asserted in the test suite:
the machines are shared and noisy.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

PROJECT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(PROJECT), str(PROJECT / "tests")]

from benchmark import RESULTS, ROOT, load_texts  # noqa: E402  (this folder is on sys.path)
from briefing import config  # noqa: E402
from briefing.storage import Store  # noqa: E402
from live_app import CHROMIUM, CHROMIUM_ARGS, served_app  # noqa: E402  (the browser tests' harness)

PAGE_TARGET_S = 2.0
COLD_START_TARGET_S = 5.0
#: Generous waits: a cold start analyses the whole corpus when no analysis is cached.
COLD_TIMEOUT_MS = 900_000
PAGE_TIMEOUT_MS = 120_000

#: (url path, title in the nav and the h1, CSS selector of an element only that page draws when done).
PAGES = [
    ("", "Summary", '[data-testid="stMetric"]'),
    ("us_vs_china", "US vs China", '[data-testid="stPlotlyChart"]'),
    ("articles", "Articles", ".article-body"),
    ("briefing", "Briefing", '[data-testid="stDownloadButton"]'),
    ("corpus", "Corpus", '[data-testid="stDataFrame"]'),
]

#: The Summary's tabs after the first: each draws a chart, which the first (Commitments) does not,
#: so a chart drawn after a click is the new tab's.
SUMMARY_TABS = ["Coverage", "Vocabulary", "Timeline"]
CHART = '[data-testid="stPlotlyChart"]'

DRAWN = """([heading, landmark]) => {
    if (document.querySelector('[data-testid="stException"]')) return 'exception';
    const h1s = [...document.querySelectorAll('[data-testid="stHeading"] h1')];
    if (!h1s.some((h1) => h1.textContent.trim() === heading)) return false;
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
    if (app.getAttribute('data-test-connection-state') !== 'CONNECTED') return false;
    if (document.querySelector('[data-testid="stStatusWidget"]')) return false;
    if (document.querySelector('[data-testid="stSkeleton"], [data-stale="true"]')) return false;
    if (!document.querySelector(landmark)) return false;
    return [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].every((c) => c.querySelector('.main-svg'));
}"""


def corpus_database(size: int) -> Path:
    """The database of the sample articles plus ``size`` scale-corpus articles, built once.

    It is built under a temporary name and renamed when complete, so an interrupted build is
    never reused. The sample folder is seeded here so that the server never writes to it.
    """
    path = RESULTS / f"pages-{size}.sqlite3"
    if path.exists():
        print(f"Reusing {path.relative_to(ROOT)}", flush=True)
        return path
    partial = path.with_name(path.name + ".partial")
    for stale in RESULTS.glob(partial.name + "*"):
        stale.unlink()
    RESULTS.mkdir(exist_ok=True)
    store = Store(partial)
    store.seed_from_folder(config.ARTICLES_DIR)
    start = time.perf_counter()
    for number, data in enumerate(load_texts(size), start=1):
        store.add_bytes(f"scale-{number:05d}.txt", data)
        if number % 100 == 0:
            print(f"  stored {number:,} of {size:,} articles ({time.perf_counter() - start:.0f} s)", flush=True)
    store.close()
    partial.rename(path)
    print(f"Built {path.relative_to(ROOT)} in {time.perf_counter() - start:.0f} s", flush=True)
    return path


def wait_drawn(page: Page, title: str, landmark: str, timeout: float) -> None:
    """Wait until the page titled ``title`` is fully drawn; a page showing an exception fails at once."""
    state = page.wait_for_function(DRAWN, arg=[title, landmark], timeout=timeout, polling=50).json_value()
    if state == "exception":
        raise RuntimeError(f"the {title} page shows an exception: "
                           f"{page.get_by_test_id('stException').first.inner_text()[:500]}")


def cold_start(browser, database: Path, log_path: Path) -> dict:
    """Seconds from launching a fresh server to it answering, and to the first page fully drawn;
    then from a click on the Summary's first chart tab to it drawn (Plotly's first load)."""
    _, title, landmark = PAGES[0]
    with served_app({"BRIEFING_DB": str(database)}, log_path) as (base_url, launched):
        healthy = time.perf_counter() - launched
        context = browser.new_context(viewport={"width": 1280, "height": 1400})
        page = context.new_page()
        page.goto(base_url)
        wait_drawn(page, title, landmark, COLD_TIMEOUT_MS)
        drawn = time.perf_counter() - launched
        first_chart_tab = click_tab(page, SUMMARY_TABS[0])
        context.close()
    return {"server_answering_s": healthy, "first_page_s": drawn, "passes": drawn <= COLD_START_TARGET_S,
            "first_chart_tab_s": first_chart_tab}


def click_tab(page: Page, label: str) -> float:
    """Seconds from a click on the Summary's tab ``label`` to the tab fully drawn."""
    start = time.perf_counter()
    page.get_by_test_id("stMain").get_by_role("tab", name=label).click()
    wait_drawn(page, PAGES[0][1], CHART, PAGE_TIMEOUT_MS)
    return time.perf_counter() - start


def page_timings(browser, database: Path, log_path: Path, repeats: int) -> list[dict]:
    """Per page, the median seconds to draw it by URL and by a click in the navigation."""
    rows = []
    with served_app({"BRIEFING_DB": str(database)}, log_path) as (base_url, _):
        context = browser.new_context(viewport={"width": 1280, "height": 1400})
        page = context.new_page()
        # Not timed: fills the server's analysis cache, and the browser's with every page's scripts
        # (a first visit's loading is the cold start's).
        for path, title, landmark in [*PAGES, *((f"?section={label}", PAGES[0][1], CHART) for label in SUMMARY_TABS)]:
            page.goto(f"{base_url}/{path}")
            wait_drawn(page, title, landmark, COLD_TIMEOUT_MS)
        for index, (path, title, landmark) in enumerate(PAGES):
            by_url, by_click = [], []
            for _ in range(repeats):
                start = time.perf_counter()
                page.goto(f"{base_url}/{path}")
                wait_drawn(page, title, landmark, PAGE_TIMEOUT_MS)
                by_url.append(time.perf_counter() - start)
            for _ in range(repeats):
                _, previous_title, previous_landmark = PAGES[index - 1]  # arrive from another page
                page.goto(f"{base_url}/{PAGES[index - 1][0]}")
                wait_drawn(page, previous_title, previous_landmark, PAGE_TIMEOUT_MS)
                start = time.perf_counter()
                page.locator('[data-testid="stSidebarNav"] a').filter(has_text=title).first.click()
                wait_drawn(page, title, landmark, PAGE_TIMEOUT_MS)
                by_click.append(time.perf_counter() - start)
            rows.append(_row(title, by_url, by_click))
        for label in SUMMARY_TABS:
            by_url, by_click = [], []
            for _ in range(repeats):
                start = time.perf_counter()
                page.goto(f"{base_url}/?section={label}")
                wait_drawn(page, PAGES[0][1], CHART, PAGE_TIMEOUT_MS)
                by_url.append(time.perf_counter() - start)
            for _ in range(repeats):
                page.goto(base_url)  # the Commitments tab draws no chart, so none is left over
                wait_drawn(page, PAGES[0][1], PAGES[0][2], PAGE_TIMEOUT_MS)
                by_click.append(click_tab(page, label))
            rows.append(_row(f"{PAGES[0][1]}, {label} tab", by_url, by_click))
        context.close()
    return rows


def _row(view: str, by_url: list[float], by_click: list[float]) -> dict:
    row = {"page": view, "by_url_s": statistics.median(by_url), "by_click_s": statistics.median(by_click),
           "by_url_runs_s": by_url, "by_click_runs_s": by_click}
    row["by_url_passes"] = row["by_url_s"] <= PAGE_TARGET_S
    row["by_click_passes"] = row["by_click_s"] <= PAGE_TARGET_S
    print(f"  {view}: by URL {row['by_url_s']:.2f} s, by click {row['by_click_s']:.2f} s", flush=True)
    return row


def corpus_size(database: Path) -> dict:
    store = Store(database)
    try:
        rows = store.list(include_deleted=False)
    finally:
        store.close()
    return {"stored_articles": len(rows), "english_articles": sum(row.language == "en" for row in rows)}


def _verdict(passes: bool) -> str:
    return "pass" if passes else "FAIL"


def table(report: dict) -> str:
    lines = [f"| page | by URL (s) | by click (s) | target {PAGE_TARGET_S:g} s |", "|---|---:|---:|---|"]
    lines += [f"| {row['page']} | {row['by_url_s']:.2f} | {row['by_click_s']:.2f} | "
              f"{_verdict(row['by_url_passes'])} / {_verdict(row['by_click_passes'])} |" for row in report["pages"]]
    lines += ["", f"| cold start | server answering (s) | first page drawn (s) | target {COLD_START_TARGET_S:g} s "
                  "| then a click on the Coverage tab (s) |", "|---|---:|---:|---|---:|"]
    first, *cached = report["cold_starts"]
    lines.append(f"| first (fills the on-disk analysis cache if it is empty) | {first['server_answering_s']:.2f} | "
                 f"{first['first_page_s']:.2f} | {_verdict(first['passes'])} | {first['first_chart_tab_s']:.2f} |")
    if cached:
        answering, drawn, tab = ([start[name] for start in cached]
                                 for name in ("server_answering_s", "first_page_s", "first_chart_tab_s"))
        lines.append(f"| analysis cached on disk: median of {len(cached)} (range) | {statistics.median(answering):.2f} | "
                     f"{statistics.median(drawn):.2f} ({min(drawn):.2f}–{max(drawn):.2f}) | "
                     f"{_verdict(statistics.median(drawn) <= COLD_START_TARGET_S)}, "
                     f"{sum(start['passes'] for start in cached)} of {len(cached)} runs | "
                     f"{statistics.median(tab):.2f} ({min(tab):.2f}–{max(tab):.2f}) |")
    lines.append(f"\n{report['articles']:,} scale articles plus the sample corpus ({report['stored_articles']:,} "
                 f"stored); pages: median of {report['repeats']} runs with the analysis cached in the server and "
                 "every page and tab opened once before (the browser's cache filled), by URL (a new session) and by "
                 "a click in the sidebar (from the previous page) or, for a Summary tab, on the tab (from the "
                 "Commitments tab just loaded, so a click on a chart tab includes loading Plotly's JavaScript into "
                 "the page); cold start: from launching `python -m ui.serve` to the Summary drawn in a browser with "
                 "nothing cached, then a click on its Coverage tab, the first chart such a browser draws. "
                 f"{report['when']}, {report['cpus']} CPUs, headless Chromium "
                 "1280×1400" + "".join(f", {name}={value}" for name, value in report["settings"].items()) + ".")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000, help="scale-corpus articles to load (default 2000)")
    parser.add_argument("--repeats", type=int, default=3, help="timed runs per page (default 3)")
    parser.add_argument("--cold-starts", type=int, default=5,
                        help="cold starts timed with the analysis cached, after the first (default 5)")
    args = parser.parse_args()
    database = corpus_database(args.articles)
    report = {"when": datetime.now(timezone.utc).isoformat(timespec="seconds"), "machine": platform.platform(),
              "cpus": os.cpu_count(), "articles": args.articles, "repeats": args.repeats, "cold_starts": args.cold_starts,
              "page_target_s": PAGE_TARGET_S, "cold_start_target_s": COLD_START_TARGET_S, **corpus_size(database),
              # The server inherits the environment: a BRIEFING_* setting changes what is measured.
              "settings": {name: value for name, value in sorted(os.environ.items()) if name.startswith("BRIEFING_")}}
    logs = Path(tempfile.mkdtemp(prefix="briefing-pages-benchmark-"))
    print(f"Server logs: {logs}", flush=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            report["cold_starts"] = []
            for number in range(1, args.cold_starts + 2):
                report["cold_starts"].append(cold_start(browser, database, logs / f"cold-start-{number}.log"))
                print(f"  cold start {number}: first page in {report['cold_starts'][-1]['first_page_s']:.2f} s",
                      flush=True)
            report["pages"] = page_timings(browser, database, logs / "pages.log", args.repeats)
        finally:
            browser.close()
    (RESULTS / "pages.json").write_text(json.dumps(report, indent=2))
    markdown = table(report)
    (RESULTS / "pages.md").write_text(markdown + "\n")
    print(markdown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
