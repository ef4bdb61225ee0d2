"""Small Streamlit building blocks shared by several pages."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from briefing.records import IngestError
from ui.data import View
from ui.render import md_escape


def show_ingest_errors(errors: tuple[IngestError, ...]) -> None:
    """Say which files were skipped and why; file names are shown in a table, never as markdown."""
    if not errors:
        return
    st.warning(f"{len(errors)} file(s) could not be read and were skipped.")
    st.dataframe(pd.DataFrame([{"File": e.source_file, "Why": e.message} for e in errors]), hide_index=True)


def require_articles(view: View) -> None:
    """Stop the page with an explanation when the corpus is empty or the filters match nothing."""
    if not view.full.articles:
        st.info("The corpus holds no readable articles yet. Add .txt or .md files to the articles folder.")
        st.stop()
    if not view.shown.articles:
        described = md_escape("; ".join(view.filters.describe()))
        st.info(f"No article matches the filters ({described}). Widen them or use **Reset filters** in the sidebar.")
        st.stop()


def filter_caption(view: View) -> None:
    """One line saying what the page shows out of the whole corpus."""
    if view.filters.active:
        st.caption(f"Showing {len(view.shown.articles)} of {len(view.full.articles)} articles — "
                   f"filters: {md_escape('; '.join(view.filters.describe()))}.")


def evidence_table(frame: pd.DataFrame, key: str) -> None:
    """A table of evidence sentences with a link to each article (text shown as plain text)."""
    if frame.empty:
        st.caption("No evidence in the current view.")
        return
    shown = frame.copy()
    shown["Open"] = "articles?article=" + shown["Article id"]
    st.dataframe(
        shown.drop(columns=["Article id"]),
        hide_index=True,
        key=key,
        column_config={"Open": st.column_config.LinkColumn("Open", display_text="open article")},
    )


def plotly(figure, key: str) -> None:
    st.plotly_chart(figure, key=key, config={"displaylogo": False})
