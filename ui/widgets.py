"""Small Streamlit building blocks shared by several pages."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

import pandas as pd
import streamlit as st

from briefing.exports import csv_bytes
from briefing.filters import Unmatched
from briefing.records import IngestError
from briefing.tables import issue_labels
from briefing.wording import plural
from ui.data import View
from ui.filters import filter_query
from ui.render import evidence_html, md_escape

#: Page sizes ``paginate`` offers, the first being the default: short for lists of sentences
#: drawn as HTML, longer for tables (a data grid scrolls and draws only the rows in view).
LIST_PAGE_SIZES = (25, 50, 100)
TABLE_PAGE_SIZES = (100, 250, 500)

Items = TypeVar("Items", Sequence, pd.DataFrame)


def show_ingest_errors(errors: tuple[IngestError, ...]) -> None:
    """Say which files were skipped and why; file names are shown in a table, never as markdown."""
    if not errors:
        return
    st.warning(f"Skipped, could not be read: {plural(len(errors), 'file')}.")
    st.dataframe(pd.DataFrame([{"File": e.source_file, "Why": e.message} for e in errors]), hide_index=True)


def require_articles(view: View) -> None:
    """Say which filter values name nothing in the corpus; stop the page with an explanation when
    the corpus is empty or the filters match nothing."""
    if not view.full.articles:
        st.info("The corpus holds no analysed articles yet. Add coverage on the **Corpus** page.")
        st.stop()
    for unmatched in view.unmatched:
        st.warning(unmatched_message(unmatched))
    if any(unmatched.whole_filter for unmatched in view.unmatched):
        st.stop()
    if not view.shown.articles:
        st.info(f"No article matches the filters ({md_escape(describe(view))}). "
                "Widen them or use **Reset filters** in the sidebar.")
        st.stop()


def unmatched_message(unmatched: Unmatched) -> str:
    """'No article matches outlet 'Reuters' — showing nothing.', values escaped (a link is untrusted)."""
    values = " or ".join(f"'{md_escape(value)}'" for value in unmatched.values)
    if unmatched.whole_filter:
        return f"No article matches {unmatched.name} {values} — showing nothing. **Reset filters** in the sidebar shows every article."
    return f"No article matches {unmatched.name} {values} — showing the other {unmatched.name}s chosen."


def describe(view: View) -> str:
    return "; ".join(view.filters.describe({a.id: a.display_title for a in view.full.articles},
                                           issue_labels(view.scenario)))


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


def csv_download(label: str, frame: pd.DataFrame, file_name: str, key: str) -> None:
    """A button downloading ``frame`` as CSV safe to open in a spreadsheet, written only when
    clicked: thousands of rows take longer to write than the rest of the page takes to run."""
    st.download_button(label, lambda: csv_bytes(frame), file_name, "text/csv", key=key)


def paginate(items: Items, key: str, noun: str, page_sizes: tuple[int, ...] | None = None) -> Items:
    """The page of ``items`` (a sequence or a DataFrame) the reader chose, so a page draws a few
    dozen items however many there are.

    When ``items`` outnumber the smallest of ``page_sizes`` (``LIST_PAGE_SIZES`` unless told), this
    draws "Showing 1–25 of 8,963 <noun>", a page-size choice and page buttons; otherwise it draws
    nothing and returns every item. ``key`` names the controls; give each list its own.
    """
    page_sizes = page_sizes or LIST_PAGE_SIZES
    total = len(items)
    if total <= page_sizes[0]:
        return items
    with st.container(horizontal=True, vertical_alignment="center", key=f"{key}-controls"):
        caption = st.empty()  # filled once the page is known, but drawn first
        size = st.selectbox("Items per page", page_sizes, key=f"{key}-size", format_func="{} per page".format,
                            label_visibility="collapsed", width=150)
        # A new count or page size is a new list: the page buttons start again at page 1
        # instead of keeping a page number that now shows other items, or none.
        page = st.pagination(-(-total // size), key=f"{key}-page-{total}-{size}")
    first = (page - 1) * size
    last = min(first + size, total)
    caption.caption(f"Showing {first + 1:,}–{last:,} of {total:,} {noun}")
    return items.iloc[first:last] if isinstance(items, pd.DataFrame) else items[first:last]
