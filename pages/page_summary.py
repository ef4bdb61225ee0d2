"""Summary: what was agreed, who reported it, and the corpus at a glance."""

from collections import Counter
from datetime import date
from html import escape

import streamlit as st

from briefing import charts
from briefing.bottom_line import bottom_line
from briefing.tables import articles_table, commitment_evidence, commitments_table, coverage_matrix, view_keywords
from ui.data import current_view
from ui.render import article_link
from ui.widgets import evidence_table, filter_caption, plotly, require_articles, show_ingest_errors

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
           + (f"{undated} article(s) have no readable date." if undated else ""))

st.subheader("Bottom line")
titles = {a.id: a.display_title for a in shown.articles}
items = []
for claim in bottom_line(shown, view.scenario):
    links = " ".join(
        f"[{index}: {article_link(article_id, titles.get(article_id, article_id))}]"
        for index, (article_id, _) in enumerate(claim.evidence, start=1)
    )
    items.append(f"<li>{escape(claim.text)} <small>{links}</small></li>")
st.html(f'<ul class="bottom-line" style="line-height:1.6">{"".join(items)}</ul>')

st.subheader("Commitments")
if not shown.commitments:
    st.info("No commitment is reported in the articles shown.")
else:
    table = commitments_table(shown)
    st.dataframe(table, hide_index=True, column_config={"Id": None}, key="commitments")
    plotly(charts.horizontal_bars(
        table["Commitment"], table["Articles"], "Articles reporting each commitment", "Articles", "Commitment",
        hover=[f"{row.Commitment}: {row.Articles} articles, {row.Mentions} mentions ({row.Outlets})"
               for row in table.itertuples()],
    ), key="commitment-chart")
    rows, columns, values = coverage_matrix(shown)
    plotly(charts.coverage_heatmap(rows, columns, values), key="coverage")
    labels = {c.id: c.label for c in shown.commitments}
    chosen = st.selectbox("Evidence for commitment", list(labels), format_func=labels.get, key="commitment-evidence")
    evidence_table(commitment_evidence(shown, next(c for c in shown.commitments if c.id == chosen)), "commitment-rows")

st.subheader("Vocabulary")
keywords = view_keywords(shown, view.full)
if keywords:
    plotly(charts.horizontal_bars([k.term for k in keywords], [round(k.score, 4) for k in keywords],
                                  "Corpus keywords (TF-IDF)", "Score", "Term"), key="keywords")
else:
    st.caption("No keywords in the articles shown.")

st.subheader("Articles")
dated = [a for a in shown.articles if a.published.value]
if dated:
    plotly(charts.timeline([a.published.value for a in dated], [a.outlet or "unknown outlet" for a in dated],
                           [a.display_title for a in dated]), key="timeline")
undated_titles = [a.display_title for a in shown.articles if not a.published.value]
if undated_titles:
    st.caption(f"Undated, not on the timeline: {len(undated_titles)} article(s), listed in the table below.")
st.dataframe(articles_table(shown), hide_index=True, column_config={"Id": None}, key="articles")
