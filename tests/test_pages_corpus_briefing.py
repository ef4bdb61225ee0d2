"""The Corpus and Briefing pages, run headless with Streamlit's AppTest."""

from __future__ import annotations

import pytest
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from briefing import config
from offered_files import OfferedFiles
from support import FIXTURES_DIR, PROJECT_ROOT, SEEDS_DIR, seed

APP = str(PROJECT_ROOT / "app.py")
CORPUS_PAGE = "pages/page_corpus.py"
BRIEFING_PAGE = "pages/page_briefing.py"
NEW_ARTICLE = (FIXTURES_DIR / "no_title.txt").read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def isolated_corpus(monkeypatch, tmp_path):
    """Fresh caches and a database of the test's own, seeded from the sample articles; app.py runs
    on every AppTest run, as on a server (see test_pages_apptest.declared_navigation)."""
    st.cache_data.clear()
    st.cache_resource.clear()
    monkeypatch.setattr(config, "ARTICLES_DIR", SEEDS_DIR)
    monkeypatch.setattr(config, "DATABASE_PATH", tmp_path / "db" / "corpus.sqlite3")
    original_init = PagesManager.__init__

    def init(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


def run(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def open_page(page: str, **query) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    for name, value in query.items():
        at.query_params[name] = value
    run(at)
    at.switch_page(page)
    return run(at)


def table(at: AppTest, first_column: str):
    (frame,) = [df.value for df in at.dataframe if df.value.columns[0] == first_column]
    return frame


def articles_metric(at: AppTest) -> str:
    at.switch_page("pages/page_summary.py")
    run(at)
    return next(m.value for m in at.metric if m.label == "Articles")


def test_corpus_page_lists_the_seeded_articles():
    at = open_page(CORPUS_PAGE)
    stored = table(at, "Title")
    assert len(stored) == 5 and not stored["Deleted"].any()


def test_uploaded_files_are_added_refused_or_flagged_with_a_reason():
    at = open_page(CORPUS_PAGE)
    uploader = at.get("file_uploader")[0]
    uploader.upload("new.txt", NEW_ARTICLE.encode(), "text/plain")
    uploader.upload("again.txt", NEW_ARTICLE.encode(), "text/plain")
    uploader.upload("empty.txt", b"", "text/plain")
    uploader.upload("binary.txt", bytes(range(256)) * 8, "text/plain")
    at.button(key="FormSubmitter:upload-Add uploaded files").click()
    run(at)
    outcomes = table(at, "Outcome")
    assert list(outcomes["Outcome"]) == ["added", "duplicate", "refused", "refused"]
    assert "duplicate of new.txt" in outcomes["Details"][1]
    assert "empty" in outcomes["Details"][2] and "binary" in outcomes["Details"][3]
    assert len(table(at, "Title")) == 6
    assert articles_metric(at) == "6"


def test_pasted_text_is_added_and_a_bad_date_is_refused_with_the_reason():
    at = open_page(CORPUS_PAGE)
    at.text_area[0].input(NEW_ARTICLE)
    at.text_input[2].input("20 July")
    at.button(key="FormSubmitter:paste-Add pasted text").click()
    run(at)
    outcomes = table(at, "Outcome")
    assert list(outcomes["Outcome"]) == ["refused"] and "YYYY-MM-DD" in outcomes["Details"][0]
    at.text_area[0].input(NEW_ARTICLE)
    at.text_input[0].input("Climate talks resume")
    at.text_input[1].input("Example Wire")
    at.text_input[2].input("2023-07-20")
    at.button(key="FormSubmitter:paste-Add pasted text").click()
    run(at)
    assert list(table(at, "Outcome")["Outcome"]) == ["added"]
    stored = table(at, "Title")
    assert "Climate talks resume" in list(stored["Title"]) and "Example Wire" in list(stored["Outlet"])


def test_a_correction_is_saved_and_shown_on_the_analysis_pages():
    at = open_page(CORPUS_PAGE)
    at.selectbox(key="correct-article").select(seed("002").id)  # the article with no outlet
    run(at)
    outlet_input = next(t for t in at.text_input if t.label == "Outlet")
    outlet_input.input("Example Wire")
    at.button(key="FormSubmitter:correct-Save corrections").click()
    run(at)
    assert [s.value for s in at.success] == ["Corrections saved; the analysis is updated."]
    at.switch_page("pages/page_summary.py")
    run(at)
    assert next(m.value for m in at.metric if m.label == "Outlets") == "4"
    at.session_state["section"] = "Timeline"  # the Summary's tab holding its table of articles
    run(at)
    assert "Example Wire" in list(table(at, "Title")["Outlet"])


def test_delete_and_restore_change_the_corpus_the_pages_analyse():
    at = open_page(CORPUS_PAGE)
    at.button(key="delete").click()
    run(at)
    at.button(key="confirm-delete").click()
    run(at)
    assert table(at, "Title")["Deleted"].sum() == 1
    assert articles_metric(at) == "4"
    at.switch_page(CORPUS_PAGE)
    run(at)
    at.button(key="restore").click()
    run(at)
    assert table(at, "Title")["Deleted"].sum() == 0
    assert articles_metric(at) == "5"


@pytest.mark.parametrize("output_format", ["md", "html", "pdf", "docx"])
def test_briefing_format_choice_names_the_download(monkeypatch, output_format):
    offered = OfferedFiles(monkeypatch)
    at = open_page(BRIEFING_PAGE)
    at.get("button_group")[0].set_value(output_format)
    run(at)
    (download,) = at.get("download_button")
    name, _, _ = offered.click(download)
    # The full name (date, scope) is pinned in test_report.
    assert name.endswith(f".{output_format}")


def test_briefing_preview_holds_the_commitments_and_the_sources():
    at = open_page(BRIEFING_PAGE)
    preview = "\n".join(element.value for element in at.html)
    for label in ("Information exchange on export controls", "Expert talks on trade secrets",
                  "Working group on commercial issues", "Minister-level meetings"):
        assert label in preview
    assert "<h2>Sources</h2>" in preview


def test_briefing_on_a_filter_that_matches_nothing_says_so():
    at = open_page(BRIEFING_PAGE, outlet="AP", articles=[a for a in ["b7d06b8e7c7a8f52"]])
    assert [i.value.startswith("No article matches the filters") for i in at.info] == [True]
    assert not at.get("download_button")


def test_briefing_counts_one_source_in_the_singular():
    at = open_page(BRIEFING_PAGE, outlet="Financial Times")
    assert "1 source cited; the note covers exactly what the filters show." in [c.value for c in at.caption]
