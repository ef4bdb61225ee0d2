"""Cached access to the analysed corpus; pages call these and never run the analysis themselves."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from briefing import config
from briefing.filters import Filters, apply_filters
from briefing.pipeline import Analysis, analyze_folder
from briefing.scenario import Scenario, load_scenario
from ui.filters import current_filters


def corpus_fingerprint(folder: Path) -> tuple:
    """Names, sizes and modification times of the corpus files: the cache key follows content."""
    if not folder.is_dir():
        return ()
    return tuple(
        (path.name, path.stat().st_size, path.stat().st_mtime_ns)
        for path in sorted(folder.iterdir())
        if path.is_file()
    )


def _file_stamp(path: Path) -> tuple:
    stat = path.stat()
    return (str(path), stat.st_size, stat.st_mtime_ns)


@st.cache_resource(show_spinner=False, max_entries=4)
def _cached_scenario(stamp: tuple) -> Scenario:
    return load_scenario(Path(stamp[0]))


@st.cache_data(show_spinner="Analysing the corpus…", max_entries=4)
def _cached_analysis(folder: str, fingerprint: tuple, scenario_stamp: tuple) -> Analysis:
    return analyze_folder(Path(folder), _cached_scenario(scenario_stamp))


def current_scenario() -> Scenario:
    return _cached_scenario(_file_stamp(config.SCENARIO_FILE))


def load_analysis() -> Analysis:
    """The analysis of the configured corpus folder, recomputed only when its files change."""
    folder = config.ARTICLES_DIR
    if not folder.is_dir():
        return Analysis(articles=())
    return _cached_analysis(str(folder), corpus_fingerprint(folder), _file_stamp(config.SCENARIO_FILE))


@dataclass(frozen=True)
class View:
    """What a page shows: the whole analysis, the filtered one, the filters and the scenario."""

    full: Analysis
    shown: Analysis
    filters: Filters
    scenario: Scenario


def current_view() -> View:
    full = load_analysis()
    filters = current_filters()
    return View(full, apply_filters(full, filters), filters, current_scenario())
