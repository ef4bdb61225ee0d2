"""Entry point: the shared sidebar filters, then the page the visitor chose. Run with `make run`."""

import streamlit as st

from briefing.scenario import ScenarioError
from ui.data import current_scenario, load_analysis
from ui.filters import render_filters
from ui.render import md_escape

st.set_page_config(page_title="US–China briefing", page_icon="📰", layout="wide")

navigation = st.navigation(
    [
        st.Page("pages/page_summary.py", title="Summary", icon="📋", default=True),
        st.Page("pages/page_us_vs_china.py", title="US vs China", icon="⚖️", url_path="us_vs_china"),
        st.Page("pages/page_articles.py", title="Articles", icon="📰", url_path="articles"),
        st.Page("pages/page_briefing.py", title="Briefing", icon="📝", url_path="briefing"),
        st.Page("pages/page_corpus.py", title="Corpus", icon="🗂️", url_path="corpus"),
    ]
)
try:
    scenario = current_scenario()
except ScenarioError as error:
    # Every page needs the scenario: say once what is wrong with the file and serve nothing else
    # until it is fixed (the next run reads it again).
    st.error(f"The scenario file cannot be used. {md_escape(str(error))}")
    st.stop()
analysis = load_analysis()
if analysis.articles:
    render_filters(analysis, scenario)
navigation.run()
