"""Articles: read one article with what was extracted from it and what it leaves out."""

from dataclasses import replace
from html import escape

import pandas as pd
import streamlit as st

from briefing import charts
from briefing.aggregates import LISTED_OMISSIONS, most_reported
from briefing.tables import article_label, omitted_commitments, positions_table, quotes_table
from briefing.wording import plural
from ui.data import current_view
from ui.render import article_body_html, legend_html, md_escape, metadata_card_html
from ui.widgets import filter_caption, plotly, require_articles

st.title("Articles")
view = current_view()
require_articles(view)
shown = view.shown
filter_caption(view)

by_id = {article.id: article for article in shown.articles}
all_ids = {article.id for article in view.full.articles}
by_file = {article.source_file: article.id for article in shown.articles}
requested = st.query_params.get("article")
requested_id = requested if requested in by_id else by_file.get(requested)
if requested and requested_id is None:
    if requested in all_ids or requested in {a.source_file for a in view.full.articles}:
        st.warning("The article named in the link is hidden by the current filters; showing the first article shown.")
    else:
        st.warning("The article named in the link is not in the corpus; showing the first article.")
ids = list(by_id)
chosen = st.selectbox("Article", ids, index=ids.index(requested_id) if requested_id else 0,
                      format_func=lambda article_id: article_label(by_id[article_id]))
st.query_params["article"] = chosen
article = by_id[chosen]

# This article's share of the view, so its tables are built from dozens of rows, not thousands.
own = replace(shown, quotes=tuple(q for q in shown.quotes if q.article_id == article.id),
              positions=tuple(p for p in shown.positions if p.article_id == article.id))
quotes = own.quotes
mentions = [(c, m) for c in shown.commitments for m in c.mentions if m.article_id == article.id]
omitted = omitted_commitments(shown, article.id)
sentence_spans = {s.index: (s.start, s.end) for s in article.sentences}
keywords = view.full.keywords.articles.get(article.id, [])[:8]

st.html(metadata_card_html(article))
if view.full.notes.get(article.id):
    st.info("Analysed in part: " + "; ".join(view.full.notes[article.id]) + ".")
original = view.full.stories.get(article.id, article.id)
if original != article.id:
    original_title = next((a.display_title for a in view.full.articles if a.id == original), original)
    st.caption(f"A near-copy of “{md_escape(original_title)}”: its quotes and positions are counted once, with "
               "that article.")
counts = st.columns(4)
counts[0].metric("Quotes", len(quotes))
counts[1].metric("Positions", len(own.positions))
counts[2].metric("Commitments reported", len({c.id for c, _ in mentions}))
counts[3].metric("Not reported here", len(omitted),
                 help="Commitments found in other articles shown that this one does not mention.")

text_column, side_column = st.columns([3, 2])
with text_column:
    st.subheader("Text")
    st.html(legend_html())
    st.html(article_body_html(
        article,
        quotes=[(q.start, q.end, q.side) for q in quotes],
        commitment_spans=[sentence_spans[m.sentence_index] for _, m in mentions if m.sentence_index in sentence_spans],
        keywords=[k.term for k in keywords],
    ))
with side_column:
    st.subheader("Keywords")
    if keywords:
        plotly(charts.keyword_bars(keywords, "This article's keywords (TF-IDF)"), key="article-keywords")
    else:
        st.caption("No keywords for this article.")
    st.subheader("Not reported here")
    if omitted:
        listed = most_reported(omitted, LISTED_OMISSIONS)
        st.html("<ul class='omitted'>" + "".join(
            f"<li>{escape(c.label)} <small>(reported by {plural(c.article_count, 'other article')})</small></li>"
            for c in listed) + "</ul>")
        if len(omitted) > len(listed):
            st.caption(f"… and {len(omitted) - len(listed):,} more, each reported by "
                       f"{plural(listed[-1].article_count, 'other article')} or fewer (see the Summary's commitments table).")
    else:
        st.caption("This article reports every commitment found in the articles shown.")

st.subheader("Extracted from this article")
quote_tab, position_tab, commitment_tab = st.tabs(["Quotes", "Positions", "Commitment mentions"])
tables = (
    (quote_tab, quotes_table(own, view.scenario), "No quotations."),
    (position_tab, positions_table(own, view.scenario), "No positions."),
    (commitment_tab, pd.DataFrame(
        [{"Commitment": c.label, "Strength": m.strength, "Evidence": m.evidence, "Article id": m.article_id}
         for c, m in mentions], columns=["Commitment", "Strength", "Evidence", "Article id"]),
     "No commitment mentions."),
)
for tab, frame, empty_note in tables:
    with tab:
        frame = frame[frame["Article id"] == article.id].drop(columns=["Article", "Article id"], errors="ignore")
        if frame.empty:
            st.caption(empty_note)
        else:
            st.dataframe(frame, hide_index=True)

removed_count = len(article.removed)
with st.expander(f"Removed while cleaning ({plural(removed_count, 'line')})"):
    if article.removed:
        st.dataframe(pd.DataFrame([{"Reason": line.reason, "Line": line.text} for line in article.removed]),
                     hide_index=True)
    else:
        st.caption("Nothing was removed from this article.")
    if article.captions or article.header_lines:
        st.caption("Captions and header lines read as metadata:")
        st.dataframe(pd.DataFrame({"Line": [*article.captions, *article.header_lines]}), hide_index=True)
