"""Entry point: declares the dashboard's pages. Run with `make run`."""

import streamlit as st

st.set_page_config(page_title="US–China briefing", page_icon="📰", layout="wide")

navigation = st.navigation(
    [
        st.Page("pages/page_summary.py", title="Summary", icon="📋", default=True),
        st.Page("pages/page_us_vs_china.py", title="US vs China", icon="⚖️", url_path="us_vs_china"),
        st.Page("pages/page_articles.py", title="Articles", icon="📰", url_path="articles"),
    ]
)
navigation.run()
