"""Small Streamlit building blocks shared by several pages."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from briefing.records import IngestError
from ui.data import View
from ui.filters import filter_query
from ui.render import evidence_html, md_escape


def show_ingest_errors(errors: tuple[IngestError, ...]) -> None:
    """Say which files were skipped and why; file names are shown in a table, never as markdown."""
    if not errors:
        return
    st.warning(f"{len(errors)} file(s) could not be read and were skipped.")
    st.dataframe(pd.DataFrame([{"File": e.source_file, "Why": e.message} for e in errors]), hide_index=True)


def require_articles(view: View) -> None:
    """Stop the page with an explanation when the corpus is empty or the filters match nothing."""
    if not view.full.articles:
        st.info("The corpus holds no analysed articles yet. Add coverage on the **Corpus** page.")
        st.stop()
    if not view.shown.articles:
        st.info(f"No article matches the filters ({md_escape(describe(view))}). "
                "Widen them or use **Reset filters** in the sidebar.")
        st.stop()


def describe(view: View) -> str:
    return "; ".join(view.filters.describe({a.id: a.display_title for a in view.full.articles}))


def filter_caption(view: View) -> None:
    """One line saying what the page shows out of the whole corpus."""
    if view.filters.active:
        st.caption(f"Showing {len(view.shown.articles)} of {len(view.full.articles)} articles — "
                   f"filters: {md_escape(describe(view))}.")


def records(frame) -> list[dict]:
    """Rows of a DataFrame as dicts, with missing values as None (pandas gives NaN)."""
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


def evidence(rows: list[dict]) -> None:
    """Evidence sentences with links to their articles that keep the current filters."""
    st.html(evidence_html(rows, filter_query()))


def plotly(figure, key: str) -> None:
    st.plotly_chart(figure, key=key, config={"displaylogo": False})
