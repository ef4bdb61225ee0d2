"""The three dashboard pages, run headless with Streamlit's AppTest.

AppTest runs the scripts but no JavaScript, so these tests pin what each page *sends*
(metrics, tables, messages, selected widgets); tests/test_browser.py checks what a browser shows.
"""

from __future__ import annotations

from datetime import date
from html import escape
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from briefing import config
from briefing.pipeline import Analysis, analyze_folder
from support import PROJECT_ROOT, SEEDS_DIR

APP = str(PROJECT_ROOT / "app.py")
ARTICLES_PAGE = "pages/page_articles.py"
US_VS_CHINA_PAGE = "pages/page_us_vs_china.py"


@pytest.fixture(autouse=True)
def fresh_cache():
    """st.cache_data outlives an AppTest: every test starts (and leaves) with an empty cache."""
    st.cache_data.clear()
    yield
    st.cache_data.clear()


@pytest.fixture(scope="module")
def analysis() -> Analysis:
    return analyze_folder(SEEDS_DIR)


@pytest.fixture
def seeds_dir(monkeypatch):
    """Pin the corpus to the sample articles whatever BRIEFING_ARTICLES_DIR says."""
    monkeypatch.setattr(config, "ARTICLES_DIR", SEEDS_DIR)
    return SEEDS_DIR


def run_app(page: str | None = None, article: str | None = None) -> AppTest:
    """Run the app, optionally on ``page`` and with ``?article=`` set, and check it did not raise."""
    at = AppTest.from_file(APP, default_timeout=60)
    if article is not None:
        at.query_params["article"] = article
    at.run()
    if page is not None:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def metrics(at: AppTest) -> dict[str, str]:
    return {metric.label: metric.value for metric in at.metric}


def shown_html(at: AppTest) -> str:
    return "\n".join(element.value for element in at.html)


# --- Summary -------------------------------------------------------------------------------


def test_summary_is_the_default_page_and_runs_without_exceptions(seeds_dir):
    at = run_app()
    assert [title.value for title in at.title] == ["Summary"]
    assert not at.warning
    assert not at.error


def test_summary_metrics_count_articles_and_distinct_known_outlets(seeds_dir, analysis):
    at = run_app()
    known_outlets = {article.outlet for article in analysis.articles if article.outlet}
    shown = metrics(at)
    assert shown["Articles"] == str(len(analysis.articles)) == "5"
    # AP, AP, unknown, South China Morning Post, Financial Times: the unknown one is not an outlet.
    assert shown["Outlets"] == str(len(known_outlets)) == "3"


def test_summary_date_metrics_follow_the_dates_read_from_the_articles(seeds_dir, analysis):
    at = run_app()
    dates = sorted(a.published.value for a in analysis.articles if a.published.value)
    shown = metrics(at)
    assert shown["Undated articles"] == str(len(analysis.articles) - len(dates))
    first, last = date.fromisoformat(dates[0]), date.fromisoformat(dates[-1])
    assert shown["Days covered"] == str((last - first).days + 1) == "3"
    assert f"Dated articles run from {dates[0]} to {dates[-1]}." in [c.value for c in at.caption]


def test_summary_table_has_one_row_per_article_in_corpus_order(seeds_dir, analysis):
    at = run_app()
    assert len(at.dataframe) == 1
    frame = at.dataframe[0].value
    assert len(frame) == len(analysis.articles)
    assert list(frame["File"]) == [a.source_file for a in analysis.articles]
    assert list(frame["Title"]) == [a.display_title for a in analysis.articles]


# --- US vs China ---------------------------------------------------------------------------


def test_us_vs_china_page_runs_and_shows_its_heading_and_article_count(seeds_dir, analysis):
    at = run_app(US_VS_CHINA_PAGE)
    assert [title.value for title in at.title] == ["US vs China"]
    assert metrics(at)["Articles in the corpus"] == str(len(analysis.articles))


# --- Articles ------------------------------------------------------------------------------


def test_articles_page_selects_the_first_article_by_default(seeds_dir, analysis):
    at = run_app(ARTICLES_PAGE)
    first = analysis.articles[0]
    assert [title.value for title in at.title] == ["Articles"]
    (select,) = at.selectbox
    assert select.label == "Article"
    assert select.options == [f"{a.display_title} — {a.outlet or 'unknown outlet'}" for a in analysis.articles]
    assert select.value == first.id
    assert escape(first.display_title) in shown_html(at)
    assert at.query_params["article"] == first.id
    assert not at.warning


def test_articles_page_opens_the_article_named_by_id_in_the_query_string(seeds_dir, analysis):
    wanted = analysis.articles[3]
    at = run_app(ARTICLES_PAGE, article=wanted.id)
    assert at.selectbox[0].value == wanted.id
    html = shown_html(at)
    assert escape(wanted.display_title) in html
    assert escape(analysis.articles[0].display_title) not in html
    assert not at.warning


def test_articles_page_accepts_a_source_file_name_in_the_query_string(seeds_dir, analysis):
    wanted = analysis.articles[2]
    at = run_app(ARTICLES_PAGE, article=wanted.source_file)
    assert at.selectbox[0].value == wanted.id
    assert escape(wanted.display_title) in shown_html(at)
    # The link is rewritten to the canonical id.
    assert at.query_params["article"] == wanted.id
    assert not at.warning


def test_articles_page_warns_about_an_unknown_article_and_falls_back_to_the_first(seeds_dir, analysis):
    at = run_app(ARTICLES_PAGE, article="0000000000000000")
    first = analysis.articles[0]
    assert len(at.warning) == 1
    assert "not in the corpus" in at.warning[0].value
    assert at.selectbox[0].value == first.id
    assert escape(first.display_title) in shown_html(at)
    assert at.query_params["article"] == first.id


def test_articles_page_switches_article_when_the_selectbox_changes(seeds_dir, analysis):
    at = run_app(ARTICLES_PAGE)
    wanted = analysis.articles[4]
    at.selectbox[0].select(wanted.id).run()
    assert not at.exception
    assert at.selectbox[0].value == wanted.id
    assert escape(wanted.display_title) in shown_html(at)
    assert at.query_params["article"] == wanted.id


@pytest.mark.parametrize("index, label", [(0, "(0 lines)"), (4, "(1 line)"), (2, "(4 lines)")])
def test_articles_page_lists_removed_lines_in_an_expander_with_their_count(seeds_dir, analysis, index, label):
    wanted = analysis.articles[index]
    at = run_app(ARTICLES_PAGE, article=wanted.id)
    labels = [expander.label for expander in at.expander]
    assert labels == [f"Removed while cleaning {label}"]


# --- Degenerate corpora --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("page", "title"),
    [(None, "Summary"), (US_VS_CHINA_PAGE, "US vs China"), (ARTICLES_PAGE, "Articles")],
)
def test_every_page_shows_an_info_message_when_the_corpus_folder_is_empty(monkeypatch, tmp_path, page, title):
    monkeypatch.setattr(config, "ARTICLES_DIR", tmp_path)
    at = run_app(page)
    assert [t.value for t in at.title] == [title]
    assert len(at.info) == 1
    assert not at.error
    assert not at.dataframe
    assert not at.selectbox


@pytest.mark.parametrize("page", [None, US_VS_CHINA_PAGE, ARTICLES_PAGE])
def test_every_page_shows_an_info_message_when_the_corpus_folder_does_not_exist(monkeypatch, tmp_path, page):
    monkeypatch.setattr(config, "ARTICLES_DIR", tmp_path / "missing")
    at = run_app(page)
    assert len(at.info) == 1


@pytest.fixture
def corpus_with_unreadable_files(monkeypatch, tmp_path) -> Path:
    good = next(iter(sorted(SEEDS_DIR.glob("000_*"))))
    (tmp_path / good.name).write_bytes(good.read_bytes())
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    monkeypatch.setattr(config, "ARTICLES_DIR", tmp_path)
    return tmp_path


def test_summary_warns_about_unreadable_files_and_still_shows_the_good_article(corpus_with_unreadable_files):
    at = run_app()
    assert len(at.warning) == 1
    assert "2 file(s) could not be read" in at.warning[0].value
    skipped, articles = at.dataframe[0].value, at.dataframe[1].value
    assert sorted(skipped["File"]) == ["empty.txt", "report.pdf"]
    assert list(articles["File"]) == [p.name for p in corpus_with_unreadable_files.glob("000_*")]
    assert metrics(at)["Articles"] == "1"
