"""Summary: the corpus at a glance — how many articles, from whom, when."""

from datetime import date

import streamlit as st

from ui.data import articles_frame, load_analysis
from ui.widgets import show_ingest_errors

st.title("Summary")
analysis = load_analysis()
articles = analysis.articles
show_ingest_errors(analysis.errors)
if not articles:
    st.info("The corpus holds no readable articles yet. Add .txt or .md files to the articles folder.")
    st.stop()

dates = sorted(a.published.value for a in articles if a.published.value)
outlets = {a.outlet for a in articles if a.outlet}
undated = len(articles) - len(dates)
span_days = (date.fromisoformat(dates[-1]) - date.fromisoformat(dates[0])).days + 1 if dates else 0
columns = st.columns(4)
columns[0].metric("Articles", len(articles))
columns[1].metric("Outlets", len(outlets), help="Articles whose outlet is unknown are not counted.")
columns[2].metric("Days covered", span_days, help="From the earliest to the latest publication date read.")
columns[3].metric("Undated articles", undated, help="No publication date could be read from their text.")
if dates:
    st.caption(f"Dated articles run from {dates[0]} to {dates[-1]}.")

st.subheader("Articles")
st.dataframe(articles_frame(articles), hide_index=True, column_config={"Id": None})
