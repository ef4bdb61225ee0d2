"""Small Streamlit building blocks shared by several pages."""

import pandas as pd
import streamlit as st

from briefing.records import IngestError


def show_ingest_errors(errors: tuple[IngestError, ...]) -> None:
    """Say which files were skipped and why; file names are shown in a table, never as markdown."""
    if not errors:
        return
    st.warning(f"{len(errors)} file(s) could not be read and were skipped.")
    st.dataframe(
        pd.DataFrame([{"File": e.source_file, "Why": e.message} for e in errors]),
        hide_index=True,
    )
