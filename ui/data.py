"""Cached access to the analysed corpus; pages call these and never run the analysis themselves."""

from __future__ import annotations

import gc
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from briefing import config
from briefing.filters import Filters, Unmatched, filtered_view
from briefing.pipeline import Analysis, analyze_store
from briefing.scenario import Scenario, load_scenario
from briefing.storage import Store
from ui.filters import current_filters


def _file_stamp(path: Path) -> tuple:
    """What identifies a version of the file: its path, size and time of change (path alone when
    it cannot be read: loading it then says why)."""
    try:
        stat = path.stat()
    except OSError:
        return (str(path),)
    return (str(path), stat.st_size, stat.st_mtime_ns)


@st.cache_resource(show_spinner=False, max_entries=4)
def _cached_scenario(stamp: tuple) -> Scenario:
    return load_scenario(Path(stamp[0]))


@st.cache_resource(show_spinner=False, max_entries=4)
def _cached_store(database: str, seed_folder: str) -> Store:
    store = Store(Path(database))
    store.seed_from_folder(Path(seed_folder))
    return store


@st.cache_resource(show_spinner="Analysing the corpus…", max_entries=2)  # the current corpus and the last
def _cached_analysis(database: str, seed_folder: str, revision: int, scenario_stamp: tuple) -> Analysis:
    # The revision changes with every write to the store, so the cache follows the corpus content.
    # cache_resource hands every session the same (immutable) analysis: cache_data would unpickle
    # a fresh copy of thousands of articles on every rerun. Across restarts the store keeps the
    # last analysis (analyze_store), and per-article results are reused, so a change re-extracts
    # one article.
    analysis = analyze_store(_cached_store(database, seed_folder), _cached_scenario(scenario_stamp))
    # Millions of long-lived objects: the cyclic garbage collector need not walk them on every
    # full collection (they hold no cycles; reference counting still frees them when replaced).
    gc.freeze()
    return analysis


def current_scenario() -> Scenario:
    return _cached_scenario(_file_stamp(config.SCENARIO_FILE))


def current_store() -> Store:
    """The corpus database (created and seeded from the sample folder on first use)."""
    return _cached_store(str(config.DATABASE_PATH), str(config.ARTICLES_DIR))


def load_analysis() -> Analysis:
    """The analysis of the stored corpus, recomputed only when the store changes."""
    store = current_store()
    return _cached_analysis(str(config.DATABASE_PATH), str(config.ARTICLES_DIR), store.revision(),
                            _file_stamp(config.SCENARIO_FILE))


@dataclass(frozen=True)
class View:
    """What a page shows: the whole analysis, the filtered one, the filters, the scenario, and the
    filter values that name nothing in the corpus."""

    full: Analysis
    shown: Analysis
    filters: Filters
    scenario: Scenario
    unmatched: tuple[Unmatched, ...] = ()


def current_view() -> View:
    full = load_analysis()
    filters = current_filters()
    scenario = current_scenario()
    shown, unmatched = filtered_view(full, filters, [issue.id for issue in scenario.issues])
    return View(full, shown, filters, scenario, unmatched)
