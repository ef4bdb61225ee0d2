"""Summary: what was agreed, who reported it, and the corpus at a glance."""

import json
from collections import Counter
from dataclasses import replace
from datetime import date
from functools import partial
from html import escape

import streamlit as st

from briefing import charts
from briefing.aggregates import (CHARTED_COMMITMENTS, MAPPED_COMMITMENTS, distinct_labels, most_reported,
                                 reporting_articles)
from briefing.bottom_line import bottom_line
from briefing.bundle import to_bundle
from briefing.pipeline import Analysis
from briefing.wording import plural
from briefing.tables import articles_table, commitment_evidence, commitments_table, coverage_matrix, view_keywords
from briefing.wording import plural
from ui.data import View, current_view
from ui.filters import filter_query
from ui.render import article_link
from ui.widgets import (TABLE_PAGE_SIZES, csv_download, evidence, filter_caption, paginate, plotly, records,
                        require_articles, show_ingest_errors)


def bundle_json(analysis: Analysis) -> bytes:
    return json.dumps(to_bundle(analysis), ensure_ascii=False).encode()


def commitments_section(view: View) -> None:
    """The distinct commitments with their counts, the evidence for each, and the downloads."""
    shown = view.shown
    if not shown.commitments:
        st.info("No commitment is reported in the articles shown.")
        return
    table = commitments_table(shown)
    st.dataframe(table, hide_index=True, key="commitments", column_config={
        "Id": None, "Commitment": st.column_config.TextColumn(width="large"),
        "First meeting": st.column_config.TextColumn(width="medium"),
        "Outlets": st.column_config.TextColumn(width="medium")})
    labels = {c.id: c.label for c in shown.commitments}
    chosen = st.selectbox("Evidence for commitment", list(labels), format_func=labels.get, key="commitment-evidence")
    rows = records(commitment_evidence(shown, next(c for c in shown.commitments if c.id == chosen)))
    evidence([{"article_id": r["Article id"], "article": r["Article"], "evidence": r["Evidence"],
               "detail": f"{r['Outlet'] or 'unknown outlet'} · {r['Published'] or 'undated'} · {r['Strength']}"}
              for r in paginate(rows, key=f"evidence-{chosen}", noun="sentences")])
    downloads = st.columns(2)
    with downloads[0]:
        csv_download("Commitments (CSV)", table, "commitments.csv", key="commitments-csv")
    # Written when clicked: the bundle of thousands of articles takes longer to build than the page.
    downloads[1].download_button("Analysis bundle (JSON)", partial(bundle_json, shown), "analysis.json",
                                 "application/json", key="bundle-json")


def coverage_section(view: View) -> None:
    """How many articles report each commitment, and which articles report which."""
    shown = view.shown
    if not shown.commitments:
        st.info("No commitment is reported in the articles shown.")
        return
    charted = most_reported(shown.commitments, CHARTED_COMMITMENTS)
    charted_labels = distinct_labels([c.label for c in charted])
    if len(charted) < len(shown.commitments):
        st.caption(f"The {len(charted)} commitments reported by most articles; the Commitments tab lists all "
                   f"{len(shown.commitments):,}.")
    plotly(charts.horizontal_bars(
        charted_labels, [c.article_count for c in charted], "Articles reporting each commitment", "Articles",
        "Commitment", hover=[f"{label}: {plural(c.article_count, 'article')}, {plural(c.mention_count, 'mention')} "
                             f"({', '.join(c.outlets) or 'unknown'})" for label, c in zip(charted_labels, charted)],
    ), key="commitment-chart")
    mapped = charted[:MAPPED_COMMITMENTS]
    reporting = reporting_articles(shown.articles, mapped)
    if len(mapped) < len(shown.commitments) or len(reporting) < len(shown.articles):
        which = (f"the {len(mapped)} commitments reported by most articles" if len(mapped) < len(shown.commitments)
                 else "each commitment")
        st.caption(f"Who reported {which}: the {len(reporting):,} of {len(shown.articles):,} articles reporting one.")
    page_articles = paginate(reporting, key="coverage", noun="articles")
    rows, _, values = coverage_matrix(replace(shown, articles=tuple(page_articles), commitments=tuple(mapped)))
    plotly(charts.coverage_heatmap(rows, charted_labels[:len(mapped)], values), key="coverage")


def vocabulary_section(view: View) -> None:
    """The corpus keywords of the articles shown."""
    keywords = view_keywords(view.shown, view.full)
    if keywords:
        plotly(charts.keyword_bars(keywords, "Corpus keywords (TF-IDF)"), key="keywords")
    else:
        st.caption("No keywords in the articles shown.")


def timeline_section(view: View) -> None:
    """The dated articles on a timeline, then every article in a table."""
    shown = view.shown
    dated = [a for a in shown.articles if a.published.value]
    if dated:
        plotly(charts.timeline([a.published.value for a in dated], [a.outlet or "unknown outlet" for a in dated],
                               [a.display_title for a in dated]), key="timeline")
    undated_titles = [a.display_title for a in shown.articles if not a.published.value]
    if undated_titles:
        st.caption(f"Undated, not on the timeline: {plural(len(undated_titles), 'article')}, listed in the table below.")
    articles = articles_table(shown)
    # Widths bounded so the counts after them show at 1280 px whatever the titles' and outlets' lengths.
    st.dataframe(paginate(articles, key="article-pages", noun="articles", page_sizes=TABLE_PAGE_SIZES),
                 hide_index=True, key="articles", column_config={
                     "Id": None, "Title": st.column_config.TextColumn(width="large"),
                     "Outlet": st.column_config.TextColumn(width="medium")})
    if len(articles) > TABLE_PAGE_SIZES[0]:
        csv_download("Articles (CSV)", articles.drop(columns=["Id"]), "articles.csv", key="articles-csv")


#: The tabs under the bottom line, in order; the first opens by default.
SECTIONS = {"Commitments": commitments_section, "Coverage": coverage_section, "Vocabulary": vocabulary_section,
            "Timeline": timeline_section}

st.title("Summary")
view = current_view()
show_ingest_errors(view.full.errors)
require_articles(view)
shown = view.shown
filter_caption(view)

dates = sorted(a.published.value for a in shown.articles if a.published.value)
span_days = (date.fromisoformat(dates[-1]) - date.fromisoformat(dates[0])).days + 1 if dates else 0
quotes_by_side = Counter(q.side for q in shown.quotes)
first_row = st.columns(4)
first_row[0].metric("Articles", len(shown.articles))
first_row[1].metric("Outlets", len({a.outlet for a in shown.articles if a.outlet}),
                    help="Articles whose outlet is unknown are not counted.")
first_row[2].metric("Days covered", span_days, help="From the earliest to the latest publication date read.")
first_row[3].metric("Distinct commitments", len(shown.commitments))
second_row = st.columns(4)
second_row[0].metric("US quotes", quotes_by_side["US"])
second_row[1].metric("China quotes", quotes_by_side["China"])
second_row[2].metric("Other quotes", quotes_by_side["other"], help="Analysts, companies, third countries.")
second_row[3].metric("Unattributed quotes", quotes_by_side[None], help="Quotation marks with no identifiable speaker.")
undated = len(shown.articles) - len(dates)
st.caption((f"Dated articles run from {dates[0]} to {dates[-1]}. " if dates else "No article is dated. ")
           + (f"No readable date: {plural(undated, 'article')}." if undated else ""))

analysed_in_part = sum(a.id in view.full.notes for a in shown.articles)
if analysed_in_part:
    st.caption(f"{plural(analysed_in_part, 'article')} analysed in part: a bound was reached (the Articles page says where).")
if view.full.not_analysed:
    st.caption(f"Not in English, so left out of the analysis: {plural(len(view.full.not_analysed), 'stored article')} "
               "(see the Corpus page).")

st.subheader("Bottom line")
titles = {a.id: a.display_title for a in shown.articles}
query = filter_query()
items = []
for claim in bottom_line(shown, view.scenario):
    sources = list(dict.fromkeys(article_id for article_id, _ in claim.evidence))
    links = " · ".join(article_link(article_id, titles.get(article_id, article_id), query) for article_id in sources)
    items.append(f"<li>{escape(claim.text)}" + (f" <small>({links})</small>" if links else "") + "</li>")
st.html(f'<ul class="bottom-line" style="line-height:1.6">{"".join(items)}</ul>')


# Only the open tab runs and is drawn: the page opens on the chart-free commitments table, so a
# first visit does not wait for the browser to load Plotly (4.7 MB of JavaScript, about 1.5 s of
# a fresh browser's time on 2 CPUs). The open tab is in the URL (?section=Coverage), for links.
tabs = st.tabs(list(SECTIONS), key="section", on_change="rerun", bind="query-params")
for tab, draw_section in zip(tabs, SECTIONS.values()):
    if tab.open:
        with tab:
            draw_section(view)
