"""Briefing: the written note for what the filters show, in four formats."""

import streamlit as st

from briefing.report import FORMATS, build_briefing, file_name, render, to_html
from ui.data import current_view
from ui.widgets import filter_caption, require_articles

FORMAT_LABELS = {"md": "Markdown", "html": "HTML", "pdf": "PDF", "docx": "Word (DOCX)"}
MIME_TYPES = {"md": "text/markdown", "html": "text/html", "pdf": "application/pdf",
              "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}

st.title("Briefing")
view = current_view()
require_articles(view)
filter_caption(view)

chosen = st.segmented_control("Format", FORMATS, format_func=FORMAT_LABELS.get, default="pdf", key="briefing-format",
                              required=True)
with st.spinner("Writing the briefing…"):
    document = build_briefing(view.shown, view.scenario, view.filters)
    payload = render(document, chosen)
st.download_button(f"Download {FORMAT_LABELS[chosen]}", payload, file_name=file_name(view.filters, chosen),
                   mime=MIME_TYPES[chosen], type="primary", key="briefing-download")
st.caption(f"{len(document.sources)} sources cited; the note covers exactly what the filters show.")
st.subheader("Preview")
st.html(to_html(build_briefing(view.shown, view.scenario, view.filters, with_charts=False), standalone=False))
