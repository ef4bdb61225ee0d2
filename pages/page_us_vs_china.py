"""US vs China: each side's quotes and positions, issue by issue."""

import streamlit as st

from ui.data import load_analysis

st.title("US vs China")
analysis = load_analysis()
st.metric("Articles in the corpus", len(analysis.articles))
if not analysis.quotes and not analysis.positions:
    st.info(
        "No quotes or positions have been extracted from this corpus: the quote and position "
        "extraction is not part of this build yet. The Articles page shows each article's text."
    )
