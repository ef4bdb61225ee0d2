"""Articles: read one article with its metadata and what cleaning removed."""

import pandas as pd
import streamlit as st

from ui.data import load_analysis
from ui.render import article_body_html, metadata_card_html

st.title("Articles")
articles = load_analysis().articles
if not articles:
    st.info("The corpus holds no readable articles yet.")
    st.stop()

by_id = {article.id: article for article in articles}
by_file = {article.source_file: article.id for article in articles}
requested = st.query_params.get("article")
requested_id = requested if requested in by_id else by_file.get(requested)
if requested and requested_id is None:
    st.warning("The article named in the link is not in the corpus; showing the first article.")
ids = list(by_id)
chosen = st.selectbox(
    "Article",
    ids,
    index=ids.index(requested_id) if requested_id else 0,
    format_func=lambda article_id: f"{by_id[article_id].display_title} — {by_id[article_id].outlet or 'unknown outlet'}",
)
st.query_params["article"] = chosen
article = by_id[chosen]

st.html(metadata_card_html(article))
st.subheader("Text")
st.html(article_body_html(article))
removed_count = len(article.removed)
with st.expander(f"Removed while cleaning ({removed_count} line{'' if removed_count == 1 else 's'})"):
    if article.removed:
        st.dataframe(
            pd.DataFrame([{"Reason": line.reason, "Line": line.text} for line in article.removed]),
            hide_index=True,
        )
    else:
        st.caption("Nothing was removed from this article.")
    if article.captions or article.header_lines:
        st.caption("Captions and header lines read as metadata:")
        st.dataframe(
            pd.DataFrame({"Line": [*article.captions, *article.header_lines]}),
            hide_index=True,
        )
