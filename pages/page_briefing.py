"""Briefing: the written note for what the filters show, in four formats."""

from functools import partial

import streamlit as st

from briefing.filters import Filters
from briefing.pipeline import Analysis
from briefing.report import FORMATS, build_briefing, file_name, render, to_html
from briefing.scenario import Scenario
from briefing.wording import plural
from ui.data import current_view
from ui.widgets import filter_caption, require_articles

FORMAT_LABELS = {"md": "Markdown", "html": "HTML", "pdf": "PDF", "docx": "Word (DOCX)"}
MIME_TYPES = {"md": "text/markdown", "html": "text/html", "pdf": "application/pdf",
              "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


def briefing_file(analysis: Analysis, scenario: Scenario, filters: Filters, output_format: str) -> bytes:
    return render(build_briefing(analysis, scenario, filters), output_format)


st.title("Briefing")
view = current_view()
require_articles(view)
filter_caption(view)

chosen = st.segmented_control("Format", FORMATS, format_func=FORMAT_LABELS.get, default="pdf", key="briefing-format",
                              required=True)
# The file is written when the button is clicked: drawing its charts and laying out a PDF takes
# longer than the rest of the page, and most visits only read the preview.
st.download_button(f"Download {FORMAT_LABELS[chosen]}",
                   partial(briefing_file, view.shown, view.scenario, view.filters, chosen),
                   file_name=file_name(view.shown, view.filters, chosen), mime=MIME_TYPES[chosen], type="primary",
                   key="briefing-download")
preview = build_briefing(view.shown, view.scenario, view.filters, with_charts=False)
st.caption(f"{plural(len(preview.sources), 'source')} cited; the note covers exactly what the filters show.")
st.subheader("Preview")
st.html(to_html(preview, standalone=False))
