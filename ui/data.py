"""Cached access to the analysed corpus; pages call these and never run the analysis themselves."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from briefing import config
from briefing.pipeline import Analysis, analyze_folder
from briefing.records import Article


def corpus_fingerprint(folder: Path) -> tuple:
    """Names, sizes and modification times of the corpus files: the cache key follows content."""
    if not folder.is_dir():
        return ()
    return tuple(
        (path.name, path.stat().st_size, path.stat().st_mtime_ns)
        for path in sorted(folder.iterdir())
        if path.is_file()
    )


@st.cache_data(show_spinner="Analysing the corpus…", max_entries=4)
def _cached_analysis(folder: str, fingerprint: tuple) -> Analysis:
    return analyze_folder(Path(folder))


def load_analysis() -> Analysis:
    """The analysis of the configured corpus folder, recomputed only when its files change."""
    folder = config.ARTICLES_DIR
    if not folder.is_dir():
        return Analysis(articles=())
    return _cached_analysis(str(folder), corpus_fingerprint(folder))


def articles_frame(articles: tuple[Article, ...]) -> pd.DataFrame:
    """One row per article with the metadata an analyst scans first."""
    return pd.DataFrame(
        [
            {
                "Title": article.display_title,
                "Outlet": article.outlet,
                "Published": article.published.value,
                "Date source": article.published.source,
                "Date confidence": article.published.confidence,
                "Year hint": article.published.year_hint,
                "Byline": article.byline,
                "Dateline": article.dateline,
                "Words": article.word_count,
                "Removed lines": len(article.removed),
                "File": article.source_file,
                "Id": article.id,
            }
            for article in articles
        ],
        columns=[
            "Title", "Outlet", "Published", "Date source", "Date confidence", "Year hint",
            "Byline", "Dateline", "Words", "Removed lines", "File", "Id",
        ],
    )
