"""The five dashboard pages, run headless with Streamlit's AppTest.

AppTest runs the scripts but no JavaScript, so these tests pin what each page *sends*
(metrics, tables, charts' specs, messages, selected widgets) and how the sidebar filters and
the link (query parameters) drive them; tests/test_browser.py checks what a browser shows.

Every expected figure is computed from ``analyze_folder(SEEDS_DIR)``, the same analysis the
app caches, and a few are also pinned as literals so a silent change of the sample corpus or
of the analysis is noticed here too.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from collections import Counter
from datetime import date
from html import escape, unescape
from html.parser import HTMLParser

import pandas as pd
import pytest
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from briefing import charts, config, report
from briefing.aggregates import distinct_labels
from briefing.filters import Filters, apply_filters
from briefing.pipeline import Analysis, analyze_folder
from briefing.report import FORMATS, build_briefing, file_name
from briefing.scenario import load_scenario
from briefing.storage import Store
from briefing.tables import article_label
from briefing.wording import MISSING
from offered_files import OfferedFiles
from ui import data as ui_data
from ui.render import md_escape
from support import PROJECT_ROOT, SEEDS_DIR, long_sentence_article

APP = str(PROJECT_ROOT / "app.py")
SUMMARY_PAGE = "pages/page_summary.py"
#: The Summary's tabs, in order; only the open one runs.
SUMMARY_SECTIONS = ["Commitments", "Coverage", "Vocabulary", "Timeline"]
US_VS_CHINA_PAGE = "pages/page_us_vs_china.py"
ARTICLES_PAGE = "pages/page_articles.py"
BRIEFING_PAGE = "pages/page_briefing.py"
CORPUS_PAGE = "pages/page_corpus.py"
#: The pages that analyse the corpus (and so obey the sidebar filters); the Corpus page manages it.
PAGES = [(SUMMARY_PAGE, "Summary"), (US_VS_CHINA_PAGE, "US vs China"), (ARTICLES_PAGE, "Articles"),
         (BRIEFING_PAGE, "Briefing")]
PAGE_IDS = ["summary", "us_vs_china", "articles", "briefing"]
NO_MATCH = "No article matches the filters"


# --- Fixtures ------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def fresh_cache():
    """st.cache_data and st.cache_resource outlive an AppTest: every test starts (and leaves)
    with empty caches, so no test sees another's corpus or scenario."""
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture(autouse=True)
def declared_navigation(monkeypatch):
    """Run app.py on every AppTest run, as the live server does.

    The pages live in a folder named ``pages/``. AppTest resets ``PagesManager.uses_pages_directory``
    before each run, so from the second run on Streamlit takes the app for a legacy
    pages-directory app and runs the page file alone, skipping app.py (and so the sidebar
    filters). A server sets the flag once and ``st.navigation`` clears it for good; here it is
    cleared as soon as AppTest has set it.
    """
    monkeypatch.setattr(PagesManager, "uses_pages_directory", None)
    original_init = PagesManager.__init__

    def init(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)


@pytest.fixture(autouse=True)
def seeds_dir(monkeypatch, tmp_path):
    """Pin the corpus to the sample articles whatever BRIEFING_ARTICLES_DIR says, in a fresh
    database of the test's own (seeded from that folder on first use)."""
    monkeypatch.setattr(config, "ARTICLES_DIR", SEEDS_DIR)
    monkeypatch.setattr(config, "DATABASE_PATH", tmp_path / "database" / "corpus.sqlite3")
    return SEEDS_DIR


@pytest.fixture(scope="module")
def analysis() -> Analysis:
    return analyze_folder(SEEDS_DIR)


def analysis_scenario():
    return load_scenario(config.SCENARIO_FILE)


# --- Helpers -------------------------------------------------------------------------------


def run_app(page: str | None = None, params: dict | None = None, **query) -> AppTest:
    """Open the app with the link's query ``params``, go to ``page``, and check nothing raised."""
    at = AppTest.from_file(APP, default_timeout=60)
    for name, value in {**(params or {}), **query}.items():
        at.query_params[name] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    if page is not None and page != SUMMARY_PAGE:
        at.switch_page(page).run()
        assert not at.exception, [e.value for e in at.exception]
    return at


def rerun(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def metrics(at: AppTest) -> dict[str, str]:
    return {metric.label: metric.value for metric in at.metric}


def shown_html(at: AppTest) -> str:
    return "\n".join(element.value for element in at.html)


class _EvidenceRows(HTMLParser):
    """(href, detail, evidence) of each row of the evidence tables the page sent."""

    def __init__(self):
        super().__init__()
        self.rows, self._cells, self._href, self._in_small = [], None, None, False

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self._cells, self._href = [""], None
        elif tag == "td" and self._cells is not None and self._cells != [""]:
            self._cells.append("")
        elif tag == "a" and self._cells is not None:
            self._href = unescape(dict(attrs)["href"])
        elif tag == "small":
            self._in_small = True
            self._cells.append("")

    def handle_endtag(self, tag):
        if tag == "small":
            self._in_small = False
        elif tag == "tr" and self._cells and self._href:
            detail = self._cells[1] if len(self._cells) > 2 else ""
            self.rows.append((self._href, detail.strip(), self._cells[-1].strip()))
            self._cells = None

    def handle_data(self, data):
        if self._cells is not None:
            self._cells[-1] += data


def evidence_rows(at: AppTest) -> list[tuple[str, str, str]]:
    parser = _EvidenceRows()
    for element in at.html:
        if "class='evidence'" in element.value:
            parser.feed(element.value)
    return parser.rows


def omitted_labels(at: AppTest) -> list[str]:
    html = next(e.value for e in at.html if "class='omitted'" in e.value)
    return [unescape(item) for item in re.findall(r"<li>(.*?) <small>", html)]


def table(at: AppTest, *columns: str) -> pd.DataFrame:
    """The one dataframe on the page whose columns start with ``columns``."""
    found = [df.value for df in at.dataframe if list(df.value.columns[: len(columns)]) == list(columns)]
    assert len(found) == 1, [list(df.value.columns) for df in at.dataframe]
    return found[0]


def open_section(at: AppTest, section: str) -> AppTest:
    """Open one of the Summary's tabs (only the open tab runs), as a click on it does: the tab is
    bound to the link's ``section`` parameter, which names any tab but the first."""
    at.session_state["section"] = section
    if section == SUMMARY_SECTIONS[0]:
        at.query_params.pop("section", None)
    else:
        at.query_params["section"] = section
    return rerun(at)


def articles_table(at: AppTest) -> pd.DataFrame:
    """The Summary's table of articles, in its Timeline tab."""
    return table(open_section(at, "Timeline"), "Title", "Outlet", "Published")


def commitments_table(at: AppTest) -> pd.DataFrame:
    """The Summary's table of commitments, in its Commitments tab."""
    return table(open_section(at, "Commitments"), "Commitment", "Articles")


def quotes_table(at: AppTest) -> pd.DataFrame:
    return table(at, "Speaker", "Side", "Quote")


def article_select(at: AppTest):
    (select,) = [s for s in at.selectbox if s.label == "Article"]
    return select


def outlets_filter(at: AppTest):
    return at.sidebar.multiselect(key="f_outlets")


def chart_layouts(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec)["layout"] for chart in at.get("plotly_chart")]


def chart_specs(at: AppTest) -> dict[str, dict]:
    """The first trace of each chart on the page, by the chart's title."""
    return {json.loads(c.proto.spec)["layout"]["title"]["text"]: json.loads(c.proto.spec)["data"][0]
            for c in at.get("plotly_chart")}


def axis_title(layout: dict, axis: str) -> str:
    title = layout.get(axis, {}).get("title", {})
    return title.get("text", "") if isinstance(title, dict) else str(title)


def captions(at: AppTest) -> list[str]:
    return [caption.value for caption in at.caption]


def ids_of_outlet(analysis: Analysis, outlet: str) -> list[str]:
    return [a.id for a in analysis.articles if a.outlet == outlet]


# --- A broken scenario file ----------------------------------------------------------------


@pytest.mark.parametrize("content, fault", [(b"[scenario\n", "not valid TOML"), (None, "no such file"),
                                            (b"a = " + b"[" * 100_000 + b"]" * 100_000, "nested too deeply")],
                         ids=["invalid TOML", "missing", "deeply nested"])
def test_a_broken_scenario_file_is_one_error_line_on_every_page_and_the_app_recovers_once_it_is_fixed(
        monkeypatch, tmp_path, content, fault):
    default_scenario = config.SCENARIO_FILE.read_bytes()
    scenario_file = tmp_path / "scenario.toml"
    if content is not None:
        scenario_file.write_bytes(content)
    monkeypatch.setattr(config, "SCENARIO_FILE", scenario_file)
    for page in (US_VS_CHINA_PAGE, CORPUS_PAGE, SUMMARY_PAGE):
        at = AppTest.from_file(APP, default_timeout=60).run()
        at.switch_page(page).run()
        assert not at.exception, [e.value for e in at.exception]
        (error,) = [error.value.replace("\\", "") for error in at.error]  # unescaped from markdown
        assert error.startswith(f"The scenario file cannot be used. {scenario_file}: ") and fault in error
        assert "\n" not in error and not at.title
    scenario_file.write_bytes(default_scenario)
    assert [title.value for title in rerun(at).title] == ["Summary"] and not at.error


# --- Summary -------------------------------------------------------------------------------


def test_summary_is_the_default_page_and_runs_without_exceptions():
    at = run_app()
    assert [title.value for title in at.title] == ["Summary"]
    assert not at.warning
    assert not at.error
    assert not at.info


def test_summary_opens_on_its_commitments_tab_and_sends_no_chart():
    # A first visit then draws no Plotly chart, so the browser need not load Plotly's JavaScript.
    at = run_app()
    assert [tab.label for tab in at.tabs] == SUMMARY_SECTIONS
    assert not at.get("plotly_chart")
    assert [list(frame.value.columns[:2]) for frame in at.dataframe] == [["Commitment", "Articles"]]


#: What each tab of the Summary draws: its charts' titles and its tables' first columns.
SECTION_CONTENTS = {
    "Commitments": (set(), [["Commitment", "Articles"]]),
    "Coverage": ({"Articles reporting each commitment", "Who reported what: mentions per article and commitment"}, []),
    "Vocabulary": ({"Corpus keywords (TF-IDF)"}, []),
    "Timeline": ({"Articles by publication date"}, [["Title", "Outlet"]]),
}


@pytest.mark.parametrize("section", SUMMARY_SECTIONS)
def test_each_summary_tab_runs_and_draws_only_its_own_section(section):
    at = open_section(run_app(), section)
    charts_shown, tables_shown = SECTION_CONTENTS[section]
    assert set(chart_specs(at)) == charts_shown
    assert [list(frame.value.columns[:2]) for frame in at.dataframe] == tables_shown
    assert [title.value for title in at.title] == ["Summary"] and len(at.metric) == 8  # above the tabs


def test_a_section_in_the_link_opens_that_summary_tab_and_an_unknown_one_is_ignored():
    assert set(chart_specs(run_app(section="Vocabulary"))) == {"Corpus keywords (TF-IDF)"}
    at = run_app(section="Nonsense")
    assert not at.get("plotly_chart")
    assert len(at.dataframe) == 1 and "section" not in at.query_params


def test_summary_metrics_equal_the_figures_of_the_analysed_corpus(analysis):
    at = run_app()
    dates = sorted(a.published.value for a in analysis.articles if a.published.value)
    sides = Counter(q.side for q in analysis.quotes)
    expected = {
        "Articles": len(analysis.articles),
        "Outlets": len({a.outlet for a in analysis.articles if a.outlet}),
        "Days covered": (date.fromisoformat(dates[-1]) - date.fromisoformat(dates[0])).days + 1,
        "Distinct commitments": len(analysis.commitments),
        "US quotes": sides["US"],
        "China quotes": sides["China"],
        "Other quotes": sides["other"],
        "Unattributed quotes": sides[None],
    }
    assert metrics(at) == {label: str(value) for label, value in expected.items()}
    # The sample corpus: AP, AP, unknown, SCMP, FT; four agreed commitments; every quote counted once.
    assert (expected["Articles"], expected["Outlets"], expected["Distinct commitments"]) == (5, 3, 4)
    assert sum(expected[f"{side} quotes"] for side in ("US", "China", "Other", "Unattributed")) == len(analysis.quotes)


def test_summary_caption_gives_the_dated_span_and_the_number_of_undated_articles(analysis):
    at = run_app()
    dates = sorted(a.published.value for a in analysis.articles if a.published.value)
    undated = len(analysis.articles) - len(dates)
    assert undated == 3
    assert f"Dated articles run from {dates[0]} to {dates[-1]}. No readable date: 3 articles." in captions(at)


def test_summary_articles_table_has_one_row_per_article_in_corpus_order(analysis):
    frame = articles_table(run_app())
    assert list(frame["File"]) == [a.source_file for a in analysis.articles]
    assert list(frame["Title"]) == [a.display_title for a in analysis.articles]
    assert list(frame["Quotes"]) == [sum(q.article_id == a.id for q in analysis.quotes) for a in analysis.articles]


def test_summary_commitments_table_lists_the_commitments_of_the_analysis_with_their_counts(analysis):
    frame = commitments_table(run_app())
    assert len(frame) == len(analysis.commitments) == 4
    assert list(frame["Commitment"]) == [c.label for c in analysis.commitments]
    assert list(frame["Articles"]) == [len(c.article_ids) for c in analysis.commitments]
    assert list(frame["Mentions"]) == [len(c.mentions) for c in analysis.commitments]


def test_summary_bottom_line_states_the_scope_and_links_its_evidence_to_articles(analysis):
    html = shown_html(run_app())
    assert '<ul class="bottom-line"' in html
    assert "<li>5 articles from 3 identified outlets, dated 2023-08-28 to 2023-08-30." in html
    assert "The governments made 4 distinct commitments" in html
    linked = set(re.findall(r'href="articles\?article=([0-9a-f]+)"', html))
    assert linked and linked <= {a.id for a in analysis.articles}


def test_summary_bottom_line_scope_uses_the_singular_for_one_outlet():
    html = shown_html(run_app(outlet="AP"))
    assert "<li>2 articles from 1 identified outlet, dated 2023-08-28 to 2023-08-30.</li>" in html


@pytest.mark.parametrize("index", range(4))
def test_evidence_for_commitment_selectbox_shows_that_commitments_mentions_and_references(analysis, index):
    commitment = analysis.commitments[index]
    at = run_app()
    select = at.selectbox(key="commitment-evidence")
    assert select.label == "Evidence for commitment"
    assert select.options == [c.label for c in analysis.commitments]
    select.select(commitment.id)
    rerun(at)
    assert at.selectbox(key="commitment-evidence").value == commitment.id
    rows = evidence_rows(at)
    assert [text for _, _, text in rows] == [m.evidence for m in commitment.mentions] + [
        r["evidence"] for r in commitment.references]
    assert sum(detail.endswith("refers back") for _, detail, _ in rows) == len(commitment.references)
    assert {href for href, _, _ in rows} == {f"articles?article={m.article_id}" for m in commitment.mentions} | {
        f"articles?article={r['article_id']}" for r in commitment.references}


def test_evidence_for_commitment_tables_differ_between_commitments(analysis):
    at = run_app()
    first = [text for _, _, text in evidence_rows(at)]
    at.selectbox(key="commitment-evidence").select(analysis.commitments[3].id)
    second = [text for _, _, text in evidence_rows(rerun(at))]
    assert first != second
    assert len(first) == len(analysis.commitments[0].mentions) + len(analysis.commitments[0].references)
    assert len(second) == len(analysis.commitments[3].mentions) + len(analysis.commitments[3].references)


# --- Charts: titles and axis titles on every page --------------------------------------------


CHARTS = {
    SUMMARY_PAGE: {
        "Articles reporting each commitment": ("Articles", "Commitment"),
        "Who reported what: mentions per article and commitment": ("Commitment", "Article"),
        "Corpus keywords (TF-IDF)": ("Score", "Term"),
        "Articles by publication date": ("Publication date", "Outlet"),
    },
    US_VS_CHINA_PAGE: {
        "Statements per issue, by side": ("Statements (US ← → China)", "Issue"),
        "Distinctive terms: US vs China statements": ("Uses in US statements", "Uses in China statements"),
    },
    ARTICLES_PAGE: {"This article's keywords (TF-IDF)": ("Score", "Term")},
    BRIEFING_PAGE: {},  # the note's charts are images in the downloads, not Plotly charts
}


@pytest.mark.parametrize("page", list(CHARTS), ids=PAGE_IDS)
def test_every_plotly_chart_on_the_page_has_its_title_and_axis_titles(page):
    at = run_app(page)
    sections = SUMMARY_SECTIONS if page == SUMMARY_PAGE else [None]
    layouts = [layout for section in sections for layout in chart_layouts(open_section(at, section) if section else at)]
    shown = {layout["title"]["text"]: (axis_title(layout, "xaxis"), axis_title(layout, "yaxis")) for layout in layouts}
    assert len(layouts) == len(CHARTS[page])
    assert set(shown) == set(CHARTS[page])
    for title, (x_title, y_title) in CHARTS[page].items():
        assert shown[title] == (x_title, y_title), title


def test_coverage_heatmap_has_an_x_axis_title():
    (heatmap,) = [layout for layout in chart_layouts(run_app(section="Coverage"))
                  if layout["title"]["text"].startswith("Who reported what")]
    assert axis_title(heatmap, "xaxis").strip()


# --- US vs China ---------------------------------------------------------------------------


def test_us_vs_china_page_counts_positions_and_issues_of_the_corpus(analysis):
    at = run_app(US_VS_CHINA_PAGE)
    assert [title.value for title in at.title] == ["US vs China"]
    by_issue: dict[str, set] = {}
    for position in analysis.positions:
        by_issue.setdefault(position.issue, set()).add(position.side)
    both = sum({"US", "China"} <= sides for sides in by_issue.values())
    assert (f"{len(analysis.positions)} positions on {len(by_issue)} issues; both sides speak on {both} of them."
            in captions(at))
    assert len(at.expander) == len(by_issue)
    assert [e.proto.expanded for e in at.expander] == [True] + [False] * (len(by_issue) - 1)


def test_us_vs_china_issue_expanders_show_a_us_and_a_china_column(analysis):
    at = run_app(US_VS_CHINA_PAGE)
    counts = Counter((p.issue, p.side) for p in analysis.positions)
    labels = {issue.id: issue.label for issue in analysis_scenario().issues}
    totals = Counter(p.issue for p in analysis.positions)
    top = min(totals, key=lambda issue: (-totals[issue], labels[issue]))  # most said first, then by name
    label = labels[top]
    first = at.expander[0]
    assert first.label.startswith(f"{label} — US {counts[top, 'US']} · China {counts[top, 'China']} · "
                                  f"other {counts[top, 'other']}")
    columns = [html.value for html in first.html]
    assert len(columns) == 2
    assert "<h4" in columns[0] and ">US</h4>" in columns[0]
    assert ">China</h4>" in columns[1]


def test_us_vs_china_quotes_table_lists_every_quote(analysis):
    at = run_app(US_VS_CHINA_PAGE)
    frame = quotes_table(at)
    assert len(frame) == len(analysis.quotes) > 0
    assert f"{len(analysis.quotes)} quotes." in captions(at)


def test_us_vs_china_counts_read_in_the_singular_when_there_is_one(analysis):
    at = run_app(US_VS_CHINA_PAGE, issue="taiwan")
    assert len([p for p in analysis.positions if p.issue == "taiwan"]) == 1
    assert "1 position on 1 issue; both sides speak on 0 of them." in captions(at)
    speaker = next(s for s, n in Counter(q.speaker for q in analysis.quotes).items() if n == 1)
    at = run_app(US_VS_CHINA_PAGE)
    at.multiselect(key="quote-speakers").set_value([speaker])
    assert "1 quote." in captions(rerun(at))


@pytest.mark.parametrize(("widget", "choice", "column"), [
    ("quote-sides", "China", "Side"),
    ("quote-speakers", "Gina Raimondo", "Speaker"),
])
def test_us_vs_china_quote_multiselects_narrow_the_quotes_table(analysis, widget, choice, column):
    at = run_app(US_VS_CHINA_PAGE)
    at.multiselect(key=widget).set_value([choice])
    frame = quotes_table(rerun(at))
    expected = [q for q in analysis.quotes if (q.side if column == "Side" else q.speaker) == choice]
    assert 0 < len(frame) == len(expected) < len(analysis.quotes)
    assert set(frame[column]) == {choice}


def test_us_vs_china_issue_multiselect_keeps_quotes_tagged_with_that_issue(analysis):
    at = run_app(US_VS_CHINA_PAGE)
    at.multiselect(key="quote-issues").set_value(["Export controls"])
    frame = quotes_table(rerun(at))
    expected = [q for q in analysis.quotes if "export_controls" in q.issues]
    assert 0 < len(frame) == len(expected) < len(analysis.quotes)
    assert all("Export controls" in cell.split(", ") for cell in frame["Issues"])


@pytest.mark.parametrize(("issue", "side"), [("economic_relationship", "US"), ("export_controls", "China"),
                                             ("dialogue", "other"), ("tariffs", "US")])
def test_evidence_behind_a_count_lists_the_positions_of_the_chosen_issue_and_side(analysis, issue, side):
    at = run_app(US_VS_CHINA_PAGE)
    at.selectbox(key="drill-issue").select(issue)
    at.selectbox(key="drill-side").select(side)
    rerun(at)
    expected = [p for p in analysis.positions if p.issue == issue and p.side == side]
    rows = evidence_rows(at)
    assert [text for _, _, text in rows] == [p.evidence for p in expected]
    assert [detail for _, detail, _ in rows] == [f"{p.stance} · {p.actor}" for p in expected]
    if not expected:
        assert "No evidence in the current view." in shown_html(at)
    noun = "position" if len(expected) == 1 else "positions"
    assert any(c.startswith(f"{len(expected)} {side} {noun} on ") for c in captions(at))


def test_evidence_behind_a_count_starts_on_the_side_the_filter_selects(analysis):
    at = run_app(US_VS_CHINA_PAGE, side="China")
    picker = at.selectbox(key="drill-side")
    assert (picker.value, picker.options) == ("China", ["China"])
    issue = at.selectbox(key="drill-issue").value
    expected = [p.evidence for p in analysis.positions if p.issue == issue and p.side == "China"]
    assert 0 < len(expected) == len(evidence_rows(at)) and [text for *_, text in evidence_rows(at)] == expected


def test_evidence_picker_gives_way_to_a_side_filter_set_after_another_side_was_picked():
    at = run_app(US_VS_CHINA_PAGE)
    at.selectbox(key="drill-side").select("China")
    assert rerun(at).selectbox(key="drill-side").value == "China"
    at.sidebar.multiselect(key="f_sides").set_value(["other", "US"])
    picker = rerun(at).selectbox(key="drill-side")
    assert (picker.value, picker.options) == ("US", ["US", "other"])


def test_us_vs_china_counts_one_issue_in_the_singular_and_names_the_filtered_issue_by_its_label(analysis):
    at = run_app(US_VS_CHINA_PAGE, issue="export_controls")
    positions = sum(p.issue == "export_controls" for p in analysis.positions)
    assert positions > 1
    assert f"{positions} positions on 1 issue; both sides speak on 1 of them." in captions(at)
    assert "Showing 5 of 5 articles — filters: issues\\: Export controls." in captions(at)


def test_summary_counts_one_undated_article_in_the_singular():
    at = run_app(outlet="South China Morning Post")
    assert "No article is dated. No readable date: 1 article." in captions(at)


# --- Articles ------------------------------------------------------------------------------


def test_articles_page_selects_the_first_article_by_default(analysis):
    at = run_app(ARTICLES_PAGE)
    first = analysis.articles[0]
    assert [title.value for title in at.title] == ["Articles"]
    select = article_select(at)
    assert select.options == [f"{a.display_title} — {a.outlet or 'unknown outlet'}" for a in analysis.articles]
    assert select.value == first.id
    assert escape(first.display_title) in shown_html(at)
    assert at.query_params["article"] == first.id
    assert not at.warning


def test_articles_page_opens_the_article_named_by_id_in_the_query_string(analysis):
    wanted = analysis.articles[3]
    at = run_app(ARTICLES_PAGE, article=wanted.id)
    assert article_select(at).value == wanted.id
    html = shown_html(at)
    assert escape(wanted.display_title) in html
    assert escape(analysis.articles[0].display_title) not in html
    assert not at.warning


def test_articles_page_accepts_a_source_file_name_in_the_query_string(analysis):
    wanted = analysis.articles[2]
    at = run_app(ARTICLES_PAGE, article=wanted.source_file)
    assert article_select(at).value == wanted.id
    assert escape(wanted.display_title) in shown_html(at)
    # The link is rewritten to the canonical id.
    assert at.query_params["article"] == wanted.id
    assert not at.warning


def test_articles_page_warns_about_an_unknown_article_and_falls_back_to_the_first(analysis):
    at = run_app(ARTICLES_PAGE, article="0000000000000000")
    first = analysis.articles[0]
    assert [w.value for w in at.warning] == ["The article named in the link is not in the corpus; showing the first article."]
    assert article_select(at).value == first.id
    assert escape(first.display_title) in shown_html(at)
    assert at.query_params["article"] == first.id


def test_articles_page_warns_when_the_linked_article_is_hidden_by_the_filters(analysis):
    (ft,) = [a for a in analysis.articles if a.outlet == "Financial Times"]
    at = run_app(ARTICLES_PAGE, outlet="AP", article=ft.id)
    assert [w.value for w in at.warning] == [
        "The article named in the link is hidden by the current filters; showing the first article shown."]
    assert article_select(at).value == ids_of_outlet(analysis, "AP")[0]
    assert escape(ft.display_title) not in shown_html(at)


def test_articles_page_switches_article_when_the_selectbox_changes(analysis):
    at = run_app(ARTICLES_PAGE)
    wanted = analysis.articles[4]
    article_select(at).select(wanted.id)
    rerun(at)
    assert article_select(at).value == wanted.id
    assert escape(wanted.display_title) in shown_html(at)
    assert at.query_params["article"] == wanted.id


@pytest.mark.parametrize("index", range(5))
def test_articles_page_metrics_count_what_was_extracted_from_the_article(analysis, index):
    article = analysis.articles[index]
    at = run_app(ARTICLES_PAGE, article=article.id)
    reported = {c.id for c in analysis.commitments if any(m.article_id == article.id for m in c.mentions)}
    # "Not reported here": the commitments found elsewhere that this article does not mention at all.
    not_mentioned = [c for c in analysis.commitments if article.id not in c.article_ids]
    assert metrics(at) == {
        "Quotes": str(sum(q.article_id == article.id for q in analysis.quotes)),
        "Positions": str(sum(p.article_id == article.id for p in analysis.positions)),
        "Commitments reported": str(len(reported)),
        "Not reported here": str(len(not_mentioned)),
    }


def test_articles_page_not_reported_here_table_names_the_commitments_the_article_omits(analysis):
    (scmp,) = [a for a in analysis.articles if a.outlet == "South China Morning Post"]
    at = run_app(ARTICLES_PAGE, article=scmp.id)
    assert metrics(at)["Not reported here"] == "4"
    assert omitted_labels(at) == [c.label for c in analysis.commitments]
    first = analysis.articles[0]
    at = run_app(ARTICLES_PAGE, article=first.id)
    assert omitted_labels(at) == [c.label for c in analysis.commitments if first.id not in c.article_ids]


def test_articles_page_tabs_hold_the_articles_quotes_positions_and_commitment_mentions(analysis):
    article = analysis.articles[0]
    at = run_app(ARTICLES_PAGE, article=article.id)
    assert [tab.label for tab in at.tabs] == ["Quotes", "Positions", "Commitment mentions"]
    quotes, positions, mentions = (tab.dataframe[0].value for tab in at.tabs)
    assert list(quotes["Quote"]) == [q.text for q in analysis.quotes if q.article_id == article.id]
    assert list(positions["Claim"]) == [p.claim for p in analysis.positions if p.article_id == article.id]
    assert len(mentions) == sum(m.article_id == article.id for c in analysis.commitments for m in c.mentions)


@pytest.mark.parametrize("index, label", [(0, "(0 lines)"), (4, "(1 line)"), (2, "(4 lines)")])
def test_articles_page_lists_removed_lines_in_an_expander_with_their_count(analysis, index, label):
    wanted = analysis.articles[index]
    at = run_app(ARTICLES_PAGE, article=wanted.id)
    labels = [expander.label for expander in at.expander]
    assert labels == [f"Removed while cleaning {label}"]


# --- Filters: sidebar widgets and the link ----------------------------------------------------


def assert_summary_shows_only_ap(at: AppTest, analysis: Analysis) -> None:
    ap_ids = ids_of_outlet(analysis, "AP")
    assert metrics(at)["Articles"] == str(len(ap_ids)) == "2"
    assert metrics(at)["Outlets"] == "1"
    assert list(articles_table(at)["Id"]) == ap_ids
    # Commitments are recounted on the AP articles; one reported by no AP article disappears.
    recounted = [(c.label, len(set(c.article_ids) & set(ap_ids))) for c in analysis.commitments]
    expected = [(label, count) for label, count in recounted if count]
    frame = commitments_table(at)
    assert list(zip(frame["Commitment"], frame["Articles"])) == expected
    assert len(frame) == 3 < len(analysis.commitments)
    assert metrics(at)["Distinct commitments"] == "3"
    assert "Showing 2 of 5 articles — filters: outlets\\: AP." in captions(at)


def test_picking_an_outlet_in_the_sidebar_narrows_the_summary_and_writes_it_in_the_link(analysis):
    at = run_app()
    assert outlets_filter(at).options == ["(unknown outlet)", "AP", "Financial Times", "South China Morning Post"]
    outlets_filter(at).set_value(["AP"])
    rerun(at)
    assert_summary_shows_only_ap(at, analysis)
    assert at.query_params["outlet"] == "AP"


def test_an_outlet_in_the_link_filters_the_summary_and_fills_the_sidebar_widget(analysis):
    at = run_app(outlet="AP")
    assert outlets_filter(at).value == ["AP"]
    assert_summary_shows_only_ap(at, analysis)


def test_an_outlet_filter_narrows_the_us_vs_china_quotes_and_the_articles_list(analysis):
    ap_ids = ids_of_outlet(analysis, "AP")
    at = run_app(US_VS_CHINA_PAGE, outlet="AP")
    frame = quotes_table(at)
    assert len(frame) == sum(q.article_id in ap_ids for q in analysis.quotes) < len(analysis.quotes)
    assert "Showing 2 of 5 articles — filters: outlets\\: AP." in captions(at)
    at.switch_page(ARTICLES_PAGE)
    rerun(at)
    assert article_select(at).value == ap_ids[0]
    assert len(article_select(at).options) == len(ap_ids)


def test_a_sidebar_filter_survives_switching_pages(analysis):
    at = run_app()
    outlets_filter(at).set_value(["AP"])
    rerun(at)
    at.switch_page(US_VS_CHINA_PAGE)
    rerun(at)
    assert outlets_filter(at).value == ["AP"]
    assert "Showing 2 of 5 articles — filters: outlets\\: AP." in captions(at)
    at.switch_page(SUMMARY_PAGE)
    rerun(at)
    assert_summary_shows_only_ap(at, analysis)


def test_a_china_side_in_the_link_limits_quotes_to_china(analysis):
    china = [q for q in analysis.quotes if q.side == "China"]
    at = run_app(side="China")
    shown = metrics(at)
    assert (shown["US quotes"], shown["China quotes"], shown["Other quotes"], shown["Unattributed quotes"]) == (
        "0", str(len(china)), "0", "0")
    assert shown["Articles"] == "5"  # the side filter narrows quotes, not articles
    at.switch_page(US_VS_CHINA_PAGE)
    frame = quotes_table(rerun(at))
    assert 0 < len(frame) == len(china) < len(analysis.quotes)
    assert set(frame["Side"]) == {"China"}
    assert at.sidebar.multiselect(key="f_sides").value == ["China"]


def test_an_issue_in_the_link_keeps_only_commitments_and_quotes_on_that_issue(analysis):
    at = run_app(issue="export_controls")
    expected = [c.label for c in analysis.commitments if "export_controls" in c.topics]
    assert list(commitments_table(at)["Commitment"]) == expected
    assert len(expected) == 2
    at.switch_page(US_VS_CHINA_PAGE)
    frame = quotes_table(rerun(at))
    assert len(frame) == sum("export_controls" in q.issues for q in analysis.quotes)
    assert all("Export controls" in cell.split(", ") for cell in frame["Issues"])


@pytest.mark.parametrize(("params", "expected"), [
    ({"from": "2023-08-29"}, 4),               # the AP piece of 2023-08-28 drops out; undated stay
    ({"from": "2023-08-29", "undated": "0"}, 1),
    ({"undated": "0"}, 2),
    ({"to": "2023-08-28", "undated": "0"}, 1),
])
def test_dates_in_the_link_narrow_the_articles_to_the_window(analysis, params, expected):
    at = run_app(params=params)
    assert metrics(at)["Articles"] == str(expected)
    assert len(articles_table(at)) == expected
    assert f"Showing {expected} of 5 articles" in " ".join(captions(at))


NO_MATCH_LINKS = {
    "ft_outlet_and_an_ap_article": lambda analysis: {"outlet": "Financial Times",
                                                     "articles": ids_of_outlet(analysis, "AP")[0]},
    "undated_scmp_with_undated_excluded": lambda analysis: {"outlet": "South China Morning Post", "undated": "0"},
}


@pytest.mark.parametrize("link", list(NO_MATCH_LINKS))
@pytest.mark.parametrize(("page", "title"), PAGES, ids=PAGE_IDS)
def test_filters_that_match_nothing_show_the_message_on_every_page(analysis, page, title, link):
    at = run_app(page, params=NO_MATCH_LINKS[link](analysis))
    assert [t.value for t in at.title] == [title]
    assert len(at.info) == 1
    assert at.info[0].value.startswith(NO_MATCH)
    assert "Reset filters" in at.info[0].value
    assert not at.dataframe
    assert not at.metric
    assert not at.get("plotly_chart")
    assert not at.error
    # The sidebar stays so the analyst can widen the filters.
    assert [b.label for b in at.sidebar.button] == ["Reset filters"]


def test_reset_filters_button_restores_every_article_and_clears_the_link(analysis):
    at = run_app(outlet="Financial Times", articles=ids_of_outlet(analysis, "AP")[0])
    assert at.info and at.info[0].value.startswith(NO_MATCH)
    at.sidebar.button[0].click()
    rerun(at)
    assert not at.info
    assert metrics(at)["Articles"] == "5"
    assert len(articles_table(at)) == 5
    assert outlets_filter(at).value == []
    assert at.sidebar.multiselect(key="f_articles").value == []
    assert "outlet" not in at.query_params and "articles" not in at.query_params


LINKS_NAMING_NOTHING = {
    "outlet": ({"outlet": "Reuters"}, "outlet 'Reuters'"),
    "outlet_markup": ({"outlet": "<script>alert(1)</script>"}, "outlet '\\<script\\>alert\\(1\\)\\</script\\>'"),
    "side": ({"side": "Martians"}, "side 'Martians'"),
    "issue": ({"issue": "no_such_issue"}, "issue 'no\\_such\\_issue'"),
    "articles": ({"articles": "0000000000000000"}, "article '0000000000000000'"),
    "dates_after": ({"from": "2030-01-01", "to": "2030-12-31"}, "dates '2030\\-01\\-01 to 2030\\-12\\-31'"),
    "dates_between": ({"from": "2023-08-29", "to": "2023-08-29"}, "dates '2023\\-08\\-29 to 2023\\-08\\-29'"),
    "date_malformed": ({"from": "2023-13-45"}, "dates '2023\\-13\\-45 \\(not a date in the form YYYY\\-MM\\-DD\\)'"),
}


@pytest.mark.parametrize("link", list(LINKS_NAMING_NOTHING))
@pytest.mark.parametrize(("page", "title"), PAGES, ids=PAGE_IDS)
def test_a_link_value_that_names_nothing_says_so_at_the_top_and_shows_nothing(page, title, link):
    params, named = LINKS_NAMING_NOTHING[link]
    at = run_app(page, params=params)
    assert [w.value for w in at.warning] == [
        f"No article matches {named} — showing nothing. **Reset filters** in the sidebar shows every article."]
    first, second = at.main.children[0], at.main.children[1]
    assert (first.type, first.value, second.type) == ("title", title, "warning")
    assert not at.metric and not at.dataframe and not at.get("plotly_chart") and not at.get("download_button")
    assert not at.info and not at.sidebar.caption
    # The link keeps naming it, so a reload or a copy of the link shows the same.
    assert {name: at.query_params.get(name) for name in params} == params
    assert [b.label for b in at.sidebar.button] == ["Reset filters"]


def test_reset_filters_after_a_link_naming_nothing_shows_every_article(analysis):
    at = run_app(outlet="Reuters", side="Martians", params={"from": "2030-01-01"})
    assert len(at.warning) == 3 and not at.metric
    at.sidebar.button[0].click()
    rerun(at)
    assert not at.warning
    assert metrics(at)["Articles"] == str(len(analysis.articles))
    assert not {"outlet", "side", "from"} & set(at.query_params)


def test_choosing_an_outlet_after_a_link_naming_nothing_replaces_the_links_outlet(analysis):
    at = run_app(outlet="Reuters")
    outlets_filter(at).set_value(["AP"])
    rerun(at)
    assert not at.warning
    assert_summary_shows_only_ap(at, analysis)
    assert at.query_params["outlet"] == "AP"


def test_a_links_outlet_that_a_new_article_brings_into_the_corpus_moves_into_the_sidebar_and_filters(analysis):
    at = run_app(outlet="Reuters")
    assert len(at.warning) == 1
    at.switch_page(CORPUS_PAGE)
    paste(rerun(at), PASTED_TEXT, title="Tai and He talk trade", outlet="Reuters")
    at.switch_page(SUMMARY_PAGE)
    rerun(at)
    assert outlets_filter(at).value == ["Reuters"]
    assert not at.warning
    assert metrics(at)["Articles"] == "1"
    assert at.query_params["outlet"] == "Reuters"


def test_a_link_mixing_a_valid_and_an_invalid_outlet_applies_the_valid_one_and_names_the_other(analysis):
    at = run_app(outlet=["AP", "Reuters"])
    assert [w.value for w in at.warning] == [
        "No article matches outlet 'Reuters' — showing the other outlets chosen."]
    assert at.main.children[1].type == "warning"
    assert outlets_filter(at).value == ["AP"]
    assert metrics(at)["Articles"] == "2"
    assert list(articles_table(at)["Id"]) == ids_of_outlet(analysis, "AP")
    assert at.query_params["outlet"] == ["AP", "Reuters"]


def test_a_link_whose_dates_are_no_dates_names_both_and_shows_nothing_until_reset():
    at = run_app(params={"from": "yesterday", "to": "2023-13-45"})
    assert [w.value for w in at.warning] == [
        "No article matches dates 'yesterday \\(not a date in the form YYYY\\-MM\\-DD\\)' or "
        "'2023\\-13\\-45 \\(not a date in the form YYYY\\-MM\\-DD\\)' — showing nothing. "
        "**Reset filters** in the sidebar shows every article."]
    assert not at.metric
    at.sidebar.button[0].click()
    rerun(at)
    assert not at.warning and metrics(at)["Articles"] == "5"
    assert at.sidebar.date_input[0].value == (date(2023, 8, 28), date(2023, 8, 30))
    assert "from" not in at.query_params and "to" not in at.query_params


@pytest.mark.parametrize("window", [("2020-01-01", "2020-01-02"), ("2030-01-01", "2030-12-31")],
                         ids=["before", "after"])
def test_a_date_window_outside_the_corpus_never_becomes_a_reversed_range(window):
    at = run_app(params={"from": window[0], "to": window[1]})
    start, end = at.sidebar.date_input[0].value
    assert start <= end
    if "from" in at.query_params and "to" in at.query_params:
        assert at.query_params["from"] <= at.query_params["to"]


# --- Degenerate corpora --------------------------------------------------------------------


@pytest.mark.parametrize(("page", "title"), PAGES, ids=PAGE_IDS)
def test_every_page_shows_an_info_message_when_the_corpus_folder_is_empty(monkeypatch, tmp_path, page, title):
    monkeypatch.setattr(config, "ARTICLES_DIR", tmp_path)
    at = run_app(page)
    assert [t.value for t in at.title] == [title]
    assert [i.value for i in at.info] == [
        "The corpus holds no analysed articles yet. Add coverage on the **Corpus** page."]
    assert not at.error
    assert not at.dataframe
    assert not at.selectbox
    assert not at.sidebar.multiselect  # no filters over an empty corpus


@pytest.mark.parametrize("page", [p for p, _ in PAGES], ids=PAGE_IDS)
def test_every_page_shows_an_info_message_when_the_corpus_folder_does_not_exist(monkeypatch, tmp_path, page):
    monkeypatch.setattr(config, "ARTICLES_DIR", tmp_path / "missing")
    at = run_app(page)
    assert len(at.info) == 1
    assert at.info[0].value.startswith("The corpus holds no analysed articles yet.")


@pytest.fixture
def corpus_with_unreadable_files(monkeypatch, tmp_path):
    good = next(iter(sorted(SEEDS_DIR.glob("000_*"))))
    (tmp_path / good.name).write_bytes(good.read_bytes())
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    monkeypatch.setattr(config, "ARTICLES_DIR", tmp_path)
    return tmp_path


def test_summary_warns_about_unreadable_files_and_still_shows_the_good_article(corpus_with_unreadable_files):
    at = run_app()
    assert len(at.warning) == 1
    assert at.warning[0].value == "Skipped, could not be read: 2 files."
    assert sorted(table(at, "File", "Why")["File"]) == ["empty.txt", "report.pdf"]
    assert list(articles_table(at)["File"]) == [p.name for p in corpus_with_unreadable_files.glob("000_*")]
    assert metrics(at)["Articles"] == "1"


# --- Briefing ------------------------------------------------------------------------------

FORMAT_LABELS = {"md": "Markdown", "html": "HTML", "pdf": "PDF", "docx": "Word (DOCX)"}
MAGIC = {"md": b"# Briefing: ", "html": b"<!doctype html>", "pdf": b"%PDF-", "docx": b"PK\x03\x04"}


@pytest.fixture
def downloads(monkeypatch) -> OfferedFiles:
    return OfferedFiles(monkeypatch)


def offered_file(at: AppTest, downloads: OfferedFiles, key: str) -> tuple[str, str, bytes]:
    """(file name, mime type, bytes) behind the download button ``key``."""
    return downloads.click(at.download_button(key=key))


def briefing_format(at: AppTest):
    return at.button_group(key="briefing-format")


def test_briefing_offers_the_four_formats_and_a_pdf_by_default(downloads, analysis):
    at = run_app(BRIEFING_PAGE)
    assert [t.value for t in at.title] == ["Briefing"]
    control = briefing_format(at)
    assert control.label == "Format"
    assert control.options == list(FORMAT_LABELS.values())
    assert control.value == "pdf"
    assert at.download_button(key="briefing-download").label == "Download PDF"
    name, mime, data = offered_file(at, downloads, "briefing-download")
    assert (name, mime) == (file_name(analysis, Filters(), "pdf"), "application/pdf")
    assert name == "briefing_2023-08-28_to_2023-08-30_all-articles.pdf"
    assert data.startswith(MAGIC["pdf"])


@pytest.mark.parametrize("chosen", [f for f in FORMATS if f != "pdf"])
def test_briefing_format_control_changes_the_download_and_its_file_extension(downloads, analysis, chosen):
    at = run_app(BRIEFING_PAGE)
    briefing_format(at).set_value(chosen)
    rerun(at)
    assert briefing_format(at).value == chosen
    button = at.download_button(key="briefing-download")
    assert button.label == f"Download {FORMAT_LABELS[chosen]}"
    name, _, data = offered_file(at, downloads, "briefing-download")
    assert name == file_name(analysis, Filters(), chosen) == f"briefing_2023-08-28_to_2023-08-30_all-articles.{chosen}"
    assert data.startswith(MAGIC[chosen])


def test_briefing_file_name_says_what_the_filters_cover(downloads, analysis):
    at = run_app(BRIEFING_PAGE, outlet="AP")
    briefing_format(at).set_value("md")
    name, _, data = offered_file(rerun(at), downloads, "briefing-download")
    assert name == file_name(apply_filters(analysis, Filters(outlets=("AP",))), Filters(outlets=("AP",)), "md")
    assert name == "briefing_2023-08-28_to_2023-08-30_ap.md"
    assert b"Scope: 2 articles from 1 identified outlet (AP)" in data


def test_briefing_preview_holds_the_commitments_and_the_sources(analysis):
    at = run_app(BRIEFING_PAGE)
    document = build_briefing(analysis, analysis_scenario(), with_charts=False)
    (preview,) = [html.value for html in at.html if "class='briefing'" in html.value]
    assert [s.value for s in at.subheader] == ["Preview"]
    assert len(analysis.commitments) == 4
    for commitment in analysis.commitments:
        assert escape(commitment.label, quote=False) in preview
    assert "<h2>Commitments</h2>" in preview and "<h2>Sources</h2>" in preview
    assert len(re.findall(r"<li id='source-\d+'", preview)) == len(document.sources) > 0
    assert f"{len(document.sources)} sources cited; the note covers exactly what the filters show." in captions(at)
    assert "<img" not in preview  # no charts in the preview


def test_briefing_with_filters_that_match_nothing_shows_the_info_message_and_offers_no_download(analysis):
    at = run_app(BRIEFING_PAGE, outlet="Financial Times", articles=ids_of_outlet(analysis, "AP")[0])
    assert [i.value for i in at.info][0].startswith(NO_MATCH)
    assert not at.download_button
    assert not at.button_group
    assert not [html for html in at.html if "class='briefing'" in html.value]


# --- Corpus --------------------------------------------------------------------------------

PASTED_TEXT = (
    "US Trade Representative Katherine Tai spoke with Chinese Vice Premier He Lifeng by video on Thursday, "
    "the two governments said. Both sides agreed to keep communication channels open on tariffs and export "
    "controls. Chinese officials said the talks were constructive and that working teams would meet again soon."
)


def stored_table(at: AppTest) -> pd.DataFrame:
    return table(at, "Title", "Deleted", "Outlet", "Published")


def outcomes_table(at: AppTest) -> pd.DataFrame:
    return table(at, "Outcome", "File", "Details")


def widget_by_label(widgets, label: str):
    (widget,) = [w for w in widgets if w.label == label]
    return widget


def paste(at: AppTest, text: str, title: str = "", outlet: str = "", published: str = "") -> AppTest:
    widget_by_label(at.text_area, "Article text").set_value(text)
    widget_by_label(at.text_input, "Title (optional)").set_value(title)
    widget_by_label(at.text_input, "Outlet (optional)").set_value(outlet)
    widget_by_label(at.text_input, "Published (optional, YYYY-MM-DD)").set_value(published)
    widget_by_label(at.button, "Add pasted text").click()
    return rerun(at)


def summary_metrics(at: AppTest) -> dict[str, str]:
    at.switch_page(SUMMARY_PAGE)
    return metrics(rerun(at))


def test_corpus_page_lists_every_stored_article(analysis):
    at = run_app(CORPUS_PAGE)
    assert [t.value for t in at.title] == ["Corpus"]
    assert [tab.label for tab in at.tabs] == ["Upload files", "Paste text"]
    frame = stored_table(at)
    assert list(frame["Id"]) == [a.id for a in analysis.articles]
    assert list(frame["File"]) == [a.source_file for a in analysis.articles]
    assert not frame["Deleted"].any()
    assert not [df for df in at.dataframe if "Outcome" in df.value.columns]  # nothing added yet


def test_pasting_an_article_adds_it_with_its_fields_as_corrections(analysis):
    at = run_app(CORPUS_PAGE)
    paste(at, PASTED_TEXT, title="Tai and He talk trade", outlet="Reuters", published="2023-09-01")
    assert [s.value for s in at.success] == ["1 of 1 added."]
    outcomes = outcomes_table(at)
    assert list(outcomes["Outcome"]) == ["added"]
    assert outcomes["File"][0].startswith("pasted-") and outcomes["File"][0].endswith(".txt")
    frame = stored_table(at)
    assert len(frame) == len(analysis.articles) + 1
    added = frame.iloc[-1]
    assert (added["Title"], added["Outlet"], added["Published"], added["Corrected"]) == (
        "Tai and He talk trade", "Reuters", "2023-09-01", "outlet, published, title")
    assert summary_metrics(at)["Articles"] == str(len(analysis.articles) + 1)
    assert "Tai and He talk trade" in list(articles_table(at)["Title"])


@pytest.mark.parametrize("published", ["30/08/2023", "2023-02-30", "yesterday"])
def test_pasting_with_a_bad_date_is_refused_with_the_reason(analysis, published):
    at = run_app(CORPUS_PAGE)
    paste(at, PASTED_TEXT, published=published)
    assert [w.value for w in at.warning] == ["0 of 1 added."]
    outcomes = outcomes_table(at)
    assert list(outcomes["Outcome"]) == ["refused"]
    assert list(outcomes["Details"]) == [f"'{published}' is not a date in the form YYYY-MM-DD"]
    assert len(stored_table(at)) == len(analysis.articles)


def test_pasting_too_little_text_is_refused_with_the_reason(analysis):
    at = run_app(CORPUS_PAGE)
    paste(at, "Too short to be an article.")
    outcomes = outcomes_table(at)
    assert list(outcomes["Outcome"]) == ["refused"]
    assert "words of text found" in outcomes["Details"][0]
    assert len(stored_table(at)) == len(analysis.articles)


def correct(at: AppTest, article_id: str, **fields: str) -> AppTest:
    at.selectbox(key="correct-article").select(article_id)
    rerun(at)
    labels = {"title": "Title", "outlet": "Outlet", "published": "Published (YYYY-MM-DD)"}
    for field_name, value in fields.items():
        widget_by_label(at.text_input, labels[field_name]).set_value(value)
    widget_by_label(at.button, "Save corrections").click()
    return rerun(at)


def test_saving_a_corrected_outlet_changes_the_summary_and_survives_a_rerun(analysis):
    (unknown,) = [a for a in analysis.articles if not a.outlet]
    at = run_app(CORPUS_PAGE)
    assert widget_by_label(at.text_input, "Outlet").value == (analysis.articles[0].outlet or "")
    correct(at, unknown.id, outlet="Reuters")
    assert [s.value for s in at.success] == ["Corrections saved; the analysis is updated."]
    assert widget_by_label(at.text_input, "Outlet").value == "Reuters"
    rerun(at)
    row = stored_table(at).set_index("Id").loc[unknown.id]
    assert (row["Outlet"], row["Corrected"]) == ("Reuters", "outlet")

    shown = summary_metrics(at)
    assert shown["Outlets"] == "4"
    assert articles_table(at).set_index("Id").loc[unknown.id, "Outlet"] == "Reuters"
    assert "Reuters" in outlets_filter(at).options
    rerun(at)
    assert articles_table(at).set_index("Id").loc[unknown.id, "Outlet"] == "Reuters"
    assert metrics(at)["Outlets"] == "4"


def test_the_stored_table_shows_a_correction_in_the_run_that_saves_it(analysis):
    (unknown,) = [a for a in analysis.articles if not a.outlet]
    at = run_app(CORPUS_PAGE)
    correct(at, unknown.id, outlet="Reuters")
    assert [s.value for s in at.success] == ["Corrections saved; the analysis is updated."]
    assert stored_table(at).set_index("Id").loc[unknown.id, "Outlet"] == "Reuters"


def test_a_correction_with_a_bad_date_is_not_saved(analysis):
    first = analysis.articles[0]
    at = run_app(CORPUS_PAGE)
    correct(at, first.id, published="2023-13-01")
    assert len(at.error) == 1
    assert at.error[0].value.startswith("Not saved: ")
    assert "not a date in the form" in at.error[0].value
    row = stored_table(at).set_index("Id").loc[first.id]
    assert (row["Published"], row["Corrected"]) == (first.published.value, MISSING)


def test_delete_then_restore_changes_the_deleted_column_and_the_summary(analysis):
    target = analysis.articles[1]
    total = len(analysis.articles)
    at = run_app(CORPUS_PAGE)
    at.selectbox(key="delete-article").select(target.id)
    rerun(at)
    assert [b.label for b in at.button if b.key in ("delete", "restore")] == ["Delete article"]
    at.button(key="delete").click()
    rerun(at)
    at.button(key="confirm-delete").click()
    rerun(at)
    frame = stored_table(at).set_index("Id")
    assert frame.loc[target.id, "Deleted"]
    assert not frame.drop(index=target.id)["Deleted"].any()
    assert len(frame) == total  # soft delete: still listed
    assert [b.label for b in at.button if b.key in ("delete", "restore")] == ["Restore article"]
    assert summary_metrics(at)["Articles"] == str(total - 1)
    assert target.id not in list(articles_table(at)["Id"])

    at.switch_page(CORPUS_PAGE)
    rerun(at)
    at.selectbox(key="delete-article").select(target.id)
    rerun(at)
    at.button(key="restore").click()
    rerun(at)
    assert not stored_table(at)["Deleted"].any()
    assert summary_metrics(at)["Articles"] == str(total)
    assert list(articles_table(at)["Id"]) == [a.id for a in analysis.articles]


def delete_buttons(at: AppTest) -> list[str]:
    return [b.label for b in at.button if b.key in ("delete", "confirm-delete", "cancel-delete", "restore")]


def test_delete_asks_for_confirmation_and_cancel_keeps_the_article(analysis):
    target = analysis.articles[1]
    at = run_app(CORPUS_PAGE)
    at.selectbox(key="delete-article").select(target.id)
    rerun(at)
    at.button(key="delete").click()
    rerun(at)
    assert delete_buttons(at) == ["Yes, delete", "Cancel"]
    (question,) = [w.value for w in at.warning]
    assert question.startswith(f"Delete “{md_escape(target.display_title)}")
    assert not stored_table(at)["Deleted"].any()
    at.button(key="cancel-delete").click()
    rerun(at)
    assert delete_buttons(at) == ["Delete article"]
    assert not stored_table(at)["Deleted"].any() and not at.success
    assert summary_metrics(at)["Articles"] == str(len(analysis.articles))


def test_a_confirmed_delete_is_said_at_the_top_with_an_undo_that_restores_the_article(analysis):
    target = analysis.articles[1]
    label = md_escape(f"{target.display_title} ({target.source_file})")
    at = run_app(CORPUS_PAGE)
    at.selectbox(key="delete-article").select(target.id)
    rerun(at)
    at.button(key="delete").click()
    rerun(at)
    at.button(key="confirm-delete").click()
    rerun(at)
    assert [s.value for s in at.success] == [f"Deleted “{label}”: it is left out of the analysis."]
    children = list(at.main.children.values())
    # Right under the title, with its Undo button.
    assert children[0].type == "title" and children[1].success[0].value.startswith("Deleted “")
    assert [b.key for b in children[1].button] == ["undo-delete"]
    assert stored_table(at).set_index("Id").loc[target.id, "Deleted"]
    at.button(key="undo-delete").click()
    rerun(at)
    assert [s.value for s in at.success] == [f"Restored “{label}”: it is back in the analysis."]
    assert not stored_table(at)["Deleted"].any()
    assert summary_metrics(at)["Articles"] == str(len(analysis.articles))


def test_the_stored_table_shows_whether_an_article_is_deleted_right_after_its_title_and_missing_values_as_a_dash(analysis):
    at = run_app(CORPUS_PAGE)
    frame = stored_table(at).set_index("Id")
    undated = next(a for a in analysis.articles if not a.outlet)
    assert (frame.loc[undated.id, "Outlet"], frame.loc[undated.id, "Published"]) == (MISSING, MISSING)
    assert "None" not in frame.astype(str).to_numpy() and not frame.isna().any().any()


def test_every_chosen_file_is_in_the_outcome_table_unsupported_types_refused_with_the_reason(analysis):
    at = run_app(CORPUS_PAGE)
    uploader = at.get("file_uploader")[0]
    uploader.upload("notes.csv", b"a,b\n1,2\n", "text/csv")
    uploader.upload("new.txt", PASTED_TEXT.encode(), "text/plain")
    uploader.upload("photo.png", b"\x89PNG\r\n", "image/png")
    widget_by_label(at.button, "Add uploaded files").click()
    rerun(at)
    outcomes = outcomes_table(at)
    assert list(outcomes["File"]) == ["notes.csv", "new.txt", "photo.png"]
    assert list(outcomes["Outcome"]) == ["refused", "added", "refused"]
    assert outcomes["Details"][0].startswith("unsupported file type '.csv'; supported: .txt")
    assert outcomes["Details"][2].startswith("unsupported file type '.png'")
    assert len(stored_table(at)) == len(analysis.articles) + 1


@pytest.mark.parametrize("text", ["", "  \n\t "], ids=["empty", "blank"])
def test_pasting_no_text_says_nothing_to_add_and_adds_nothing(analysis, text):
    at = run_app(CORPUS_PAGE)
    paste(at, text, title="A title")
    assert [i.value for i in at.info] == ["Nothing to add: the text box is empty."]
    assert not at.warning and not at.error
    assert not [df for df in at.dataframe if "Outcome" in df.value.columns]
    assert len(stored_table(at)) == len(analysis.articles)


def test_adding_with_no_file_chosen_says_nothing_to_add():
    at = run_app(CORPUS_PAGE)
    widget_by_label(at.button, "Add uploaded files").click()
    rerun(at)
    assert [i.value for i in at.info] == ["Nothing to add: choose one or more files first."]
    assert not [df for df in at.dataframe if "Outcome" in df.value.columns]


def test_corpus_page_over_an_empty_corpus_says_so_and_keeps_the_forms(monkeypatch, tmp_path):
    monkeypatch.setattr(config, "ARTICLES_DIR", tmp_path)
    at = run_app(CORPUS_PAGE)
    assert [i.value for i in at.info] == ["The corpus is empty. Upload files or paste text above."]
    assert not at.dataframe
    assert [b.label for b in at.button if b.label.startswith("Add ")] == ["Add uploaded files", "Add pasted text"]
    paste(at, PASTED_TEXT)
    assert len(stored_table(at)) == 1
    assert summary_metrics(at)["Articles"] == "1"


# --- The same corpus, the same page in every server process ---------------------------------

TWO_ISSUE_TALKS = (
    "US Commerce Secretary Gina Raimondo met Chinese Commerce Minister Wang Wentao in Beijing on Monday, "
    "officials said. The two governments agreed to hold regular talks on export controls and trade secrets. "
    "Chinese officials described the meeting as candid and pragmatic.\n"
)
_LABELS_IN_A_NEW_PROCESS = """
import json, sys
from pathlib import Path
from briefing.pipeline import analyze_folder
print(json.dumps([c.label for c in analyze_folder(Path(sys.argv[1])).commitments]))
"""


def test_the_summary_lists_talks_on_two_issues_as_one_commitment(monkeypatch, tmp_path):
    (tmp_path / "talks.txt").write_text(TWO_ISSUE_TALKS, encoding="utf-8")
    monkeypatch.setattr(config, "ARTICLES_DIR", tmp_path)
    (label,) = commitments_table(run_app())["Commitment"]
    assert label in ("Talks on export controls", "Talks on trade secrets")  # which one: see the next test


def test_a_two_issue_commitment_gets_the_same_label_in_every_server_process(tmp_path):
    (tmp_path / "talks.txt").write_text(TWO_ISSUE_TALKS, encoding="utf-8")
    labels = set()
    for seed in range(6):
        result = subprocess.run([sys.executable, "-c", _LABELS_IN_A_NEW_PROCESS, str(tmp_path)], cwd=PROJECT_ROOT,
                                env={**os.environ, "PYTHONHASHSEED": str(seed)}, capture_output=True, text=True,
                                check=True, timeout=120)
        labels.add(tuple(json.loads(result.stdout.strip().splitlines()[-1])))
    assert len(labels) == 1, labels


# --- Long lists: one page at a time -----------------------------------------------------------
# The pages draw a page of a long list (ui.widgets.paginate) and chart only the leading
# commitments (briefing.aggregates). The sample corpus is small, so these tests shrink the page sizes
# and limits to make its lists span several pages.


def _numbers_paged(count: int) -> None:
    import streamlit as st

    from ui.widgets import paginate

    st.text(" ".join(str(n) for n in paginate(list(range(1, count + 1)), key="numbers", noun="numbers")))


def paged_numbers(at: AppTest) -> list[int]:
    (text,) = at.text
    return [int(n) for n in text.value.split()]


def pager(at: AppTest, prefix: str):
    """The one pagination widget whose key starts with ``prefix``."""
    (found,) = [widget for widget in at.pagination if widget.key.startswith(prefix)]
    return found


def test_a_list_longer_than_a_page_draws_its_first_page_and_says_how_many_there_are():
    at = rerun(AppTest.from_function(_numbers_paged, args=(60,)))
    assert paged_numbers(at) == list(range(1, 26))
    assert captions(at) == ["Showing 1–25 of 60 numbers"]
    assert (at.pagination[0].value, at.pagination[0].num_pages) == (1, 3)
    assert at.selectbox(key="numbers-size").options == ["25 per page", "50 per page", "100 per page"]


def test_the_page_buttons_draw_the_next_slices_and_the_last_one_stops_at_the_end():
    at = rerun(AppTest.from_function(_numbers_paged, args=(60,)))
    at.pagination[0].set_value(2)
    assert paged_numbers(rerun(at)) == list(range(26, 51))
    assert captions(at) == ["Showing 26–50 of 60 numbers"]
    at.pagination[0].set_value(3)
    assert paged_numbers(rerun(at)) == list(range(51, 61))
    assert captions(at) == ["Showing 51–60 of 60 numbers"]


def test_a_new_page_size_starts_again_at_the_first_page():
    at = rerun(AppTest.from_function(_numbers_paged, args=(120,)))
    at.pagination[0].set_value(4)
    assert paged_numbers(rerun(at))[0] == 76
    at.selectbox(key="numbers-size").select(50)
    assert paged_numbers(rerun(at)) == list(range(1, 51))
    assert (at.pagination[0].value, at.pagination[0].num_pages) == (1, 3)
    assert captions(at) == ["Showing 1–50 of 120 numbers"]


def test_a_list_that_fits_on_a_page_is_drawn_whole_without_controls():
    at = rerun(AppTest.from_function(_numbers_paged, args=(25,)))
    assert paged_numbers(at) == list(range(1, 26))
    assert not at.pagination and not at.selectbox and not at.caption


def test_the_quotes_table_holds_one_page_of_quotes_and_the_csv_every_quote(monkeypatch, analysis, downloads):
    monkeypatch.setattr("ui.widgets.TABLE_PAGE_SIZES", (20, 40))
    at = run_app(US_VS_CHINA_PAGE)
    texts = [q.text for q in analysis.quotes]
    assert len(texts) == 51
    assert list(quotes_table(at)["Quote"]) == texts[:20]
    assert "Showing 1–20 of 51 quotes" in captions(at)
    assert "51 quotes." in captions(at)
    pager(at, "quote-pages").set_value(2)
    assert list(quotes_table(rerun(at))["Quote"]) == texts[20:40]
    assert "Showing 21–40 of 51 quotes" in captions(at)
    _, _, data = offered_file(at, downloads, "quotes-csv")
    assert list(pd.read_csv(io.BytesIO(data))["Quote"]) == texts


def test_a_narrower_quote_filter_starts_the_quotes_again_at_page_one(monkeypatch, analysis):
    monkeypatch.setattr("ui.widgets.TABLE_PAGE_SIZES", (10, 20))
    at = run_app(US_VS_CHINA_PAGE)
    pager(at, "quote-pages").set_value(3)
    rerun(at)
    at.multiselect(key="quote-sides").set_value(["US"])
    us_quotes = [q.text for q in analysis.quotes if q.side == "US"]
    assert list(quotes_table(rerun(at))["Quote"]) == us_quotes[:10]
    assert f"Showing 1–10 of {len(us_quotes)} quotes" in captions(at)
    assert pager(at, "quote-pages").value == 1


def test_the_evidence_for_a_commitment_is_drawn_a_page_at_a_time(monkeypatch, analysis):
    monkeypatch.setattr("ui.widgets.LIST_PAGE_SIZES", (3, 6))
    commitment = analysis.commitments[0]
    evidence = [m.evidence for m in commitment.mentions] + [r["evidence"] for r in commitment.references]
    assert len(evidence) == 9
    at = run_app()
    assert [text for _, _, text in evidence_rows(at)] == evidence[:3]
    assert "Showing 1–3 of 9 sentences" in captions(at)
    pager(at, f"evidence-{commitment.id}").set_value(2)
    assert [text for _, _, text in evidence_rows(rerun(at))] == evidence[3:6]
    assert "Showing 4–6 of 9 sentences" in captions(at)


def test_the_coverage_chart_has_a_row_per_reporting_article_a_page_at_a_time(monkeypatch, analysis):
    monkeypatch.setattr("ui.widgets.LIST_PAGE_SIZES", (2, 4))
    reporting = [a for a in analysis.articles if any(a.id in c.article_ids for c in analysis.commitments)]
    assert len(reporting) == 4 < len(analysis.articles)

    def heatmap_rows(at: AppTest) -> list[str]:
        (heatmap,) = [json.loads(chart.proto.spec)["data"][0] for chart in at.get("plotly_chart")
                      if json.loads(chart.proto.spec)["data"][0]["type"] == "heatmap"]
        return heatmap["y"]

    at = run_app(section="Coverage")
    assert heatmap_rows(at) == [charts.wrap_label(article_label(a), charts._ROW_LABEL_CHARS, 2) for a in reporting[:2]]
    assert "Showing 1–2 of 4 articles" in captions(at)
    assert "Who reported each commitment: the 4 of 5 articles reporting one." in captions(at)
    pager(at, "coverage").set_value(2)
    assert heatmap_rows(rerun(at)) == [charts.wrap_label(article_label(a), charts._ROW_LABEL_CHARS, 2) for a in reporting[2:]]


def test_the_commitment_charts_draw_the_most_reported_commitments_and_say_so(monkeypatch, analysis):
    monkeypatch.setattr("briefing.aggregates.CHARTED_COMMITMENTS", 3)
    monkeypatch.setattr("briefing.aggregates.MAPPED_COMMITMENTS", 2)
    at = run_app(section="Coverage")
    specs = chart_specs(at)
    leading = sorted(analysis.commitments, key=lambda c: (-c.article_count, -c.mention_count, c.label))
    bars = specs["Articles reporting each commitment"]
    assert bars["y"][::-1] == [c.label for c in leading[:3]]  # drawn bottom-up, the most reported on top
    assert bars["x"][::-1] == [c.article_count for c in leading[:3]]
    heatmap = specs["Who reported what: mentions per article and commitment"]
    assert [label.replace("<br>", " ") for label in heatmap["x"]] == [c.label for c in leading[:2]]
    reporting = [a for a in analysis.articles if any(a.id in c.article_ids for c in leading[:2])]
    assert len(heatmap["y"]) == len(reporting)
    assert "The 3 commitments reported by most articles; the Commitments tab lists all 4." in captions(at)
    assert (f"Who reported the 2 commitments reported by most articles: the {len(reporting)} of 5 articles "
            "reporting one." in captions(at))
    assert len(commitments_table(at)) == 4


def test_an_article_lists_its_most_reported_omissions_and_counts_the_rest(monkeypatch, analysis):
    monkeypatch.setattr("briefing.aggregates.LISTED_OMISSIONS", 2)
    (scmp,) = [a for a in analysis.articles if a.outlet == "South China Morning Post"]
    at = run_app(ARTICLES_PAGE, article=scmp.id)
    assert metrics(at)["Not reported here"] == "4"
    assert omitted_labels(at) == [c.label for c in analysis.commitments[:2]]
    assert any(c.startswith("… and 2 more, each reported by ") for c in captions(at))


def test_the_briefing_file_is_written_when_the_download_is_clicked_not_on_every_run(monkeypatch, downloads, analysis):
    written = []
    render = report.render
    monkeypatch.setattr(report, "render", lambda document, fmt: written.append(fmt) or render(document, fmt))
    at = run_app(BRIEFING_PAGE)
    briefing_format(at).set_value("docx")
    rerun(at)
    assert written == []
    name, _, data = offered_file(at, downloads, "briefing-download")
    assert written == ["docx"]
    assert name == file_name(analysis, Filters(), "docx") and data.startswith(MAGIC["docx"])


def test_commitments_sharing_a_label_get_a_bar_each():
    assert distinct_labels(["Cooperation", "Talks", "Cooperation", "Cooperation"]) == [
        "Cooperation", "Talks", "Cooperation (2)", "Cooperation (3)"]


def test_paging_and_the_other_page_widgets_never_analyse_the_corpus_again(monkeypatch):
    analyses = []
    analyze_store = ui_data.analyze_store
    monkeypatch.setattr(ui_data, "analyze_store", lambda *args: analyses.append(args) or analyze_store(*args))
    monkeypatch.setattr("ui.widgets.TABLE_PAGE_SIZES", (20, 40))
    at = run_app(US_VS_CHINA_PAGE)
    assert len(analyses) == 1
    pager(at, "quote-pages").set_value(2)
    at.multiselect(key="quote-sides").set_value(["US"])
    at.selectbox(key="drill-side").select("China")
    rerun(at)
    at.switch_page(BRIEFING_PAGE)
    briefing_format(rerun(at)).set_value("md")
    rerun(at)
    assert len(analyses) == 1


def test_the_summary_articles_table_holds_one_page_and_its_csv_every_article(monkeypatch, analysis, downloads):
    monkeypatch.setattr("ui.widgets.TABLE_PAGE_SIZES", (2, 4))
    at = run_app()
    titles = [a.display_title for a in analysis.articles]
    assert list(articles_table(at)["Title"]) == titles[:2]
    assert "Showing 1–2 of 5 articles" in captions(at)
    pager(at, "article-pages").set_value(3)
    assert list(articles_table(rerun(at))["Title"]) == titles[4:]
    _, _, data = offered_file(at, downloads, "articles-csv")
    assert list(pd.read_csv(io.BytesIO(data))["Title"]) == titles


def test_the_corpus_table_holds_one_page_and_its_csv_every_stored_article(monkeypatch, downloads):
    monkeypatch.setattr("ui.widgets.TABLE_PAGE_SIZES", (3, 6))
    at = run_app(CORPUS_PAGE)
    assert len(stored_table(at)) == 3
    assert "Showing 1–3 of 5 stored articles" in captions(at)
    pager(at, "stored-pages").set_value(2)
    assert len(stored_table(rerun(at))) == 2
    _, _, data = offered_file(at, downloads, "stored-csv")
    assert len(pd.read_csv(io.BytesIO(data))) == 5


#: An article whose title, outlet, quotes and positions begin as spreadsheet formulas do.
FORMULA_ARTICLE = (
    '-2 per cent was the growth in trade between the two countries this year, officials said.\n\n'
    'Chinese Commerce Minister Wang Wentao said: "=HYPERLINK(\\"http://evil.example\\") is how we want the export '
    'controls on chips lifted," adding that the United States must remove its tariffs on Chinese goods.\n\n'
    'US Commerce Secretary Gina Raimondo said: "+1 for national security: we will not negotiate on export controls," '
    'during the talks in Beijing.\n')


def test_no_cell_of_any_csv_the_pages_offer_begins_as_a_spreadsheet_formula(monkeypatch, downloads):
    monkeypatch.setattr("ui.widgets.TABLE_PAGE_SIZES", (1, 2))  # a CSV is offered when a table has several pages
    store = Store(config.DATABASE_PATH)
    store.seed_from_folder(config.ARTICLES_DIR)
    assert store.add_text(FORMULA_ARTICLE, title='=HYPERLINK("http://evil.example","click")', outlet="@evil").status == "added"
    store.close()
    neutralised = {}
    for page, section, keys in ((SUMMARY_PAGE, "Commitments", ["commitments-csv"]), (SUMMARY_PAGE, "Timeline", ["articles-csv"]),
                                (US_VS_CHINA_PAGE, None, ["positions-csv", "quotes-csv"]), (CORPUS_PAGE, None, ["stored-csv"])):
        at = run_app(page, {"section": section} if section else None)
        for key in keys:
            _, _, data = offered_file(at, downloads, key)
            cells = [cell for row in csv.reader(io.StringIO(data.decode(), newline="")) for cell in row]
            assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@", "\t", "\r"))], key
            neutralised[key] = {cell for cell in cells if cell.startswith(("'=", "'+", "'-", "'@"))}
    assert '\'=HYPERLINK("http://evil.example","click")' in neutralised["articles-csv"] & neutralised["stored-csv"]
    assert "'@evil" in neutralised["stored-csv"]
    assert "'+1 for national security: we will not negotiate on export controls" in neutralised["quotes-csv"]
    assert "'=HYPERLINK(\\" in neutralised["positions-csv"]


def test_an_article_analysed_in_part_has_a_note_on_the_articles_page_and_a_count_on_the_summary(monkeypatch, tmp_path):
    (tmp_path / "long.txt").write_bytes(long_sentence_article(200))
    (tmp_path / "seed.txt").write_bytes(sorted(SEEDS_DIR.iterdir())[0].read_bytes())
    monkeypatch.setattr(config, "ARTICLES_DIR", tmp_path)
    analysed = analyze_folder(tmp_path)
    long, ordinary = sorted(analysed.articles, key=lambda a: a.source_file != "long.txt")
    summary = run_app()
    assert any(caption.value.startswith("1 article analysed in part") for caption in summary.caption)
    assert [info.value for info in run_app(ARTICLES_PAGE, article=long.id).info] == \
        [f"Analysed in part: {analysed.notes[long.id][0]}."]
    assert not run_app(ARTICLES_PAGE, article=ordinary.id).info
