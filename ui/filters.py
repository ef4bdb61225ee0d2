"""The global filters in the sidebar, kept in session state and mirrored in the URL.

Rendered once per run by app.py (so they survive page switches); pages read the result with
``current_filters()``. The URL carries the filters as query parameters (``from``, ``to``,
``undated``, ``outlet``, ``articles``, ``side``, ``issue``) so a filtered view can be shared as a
link; a link's values are read once, when a session starts, and values that name nothing in
the corpus are ignored with a note.
"""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

import streamlit as st

from briefing.filters import UNATTRIBUTED, Filters, outlet_name
from briefing.pipeline import Analysis
from briefing.scenario import Scenario

SIDE_CHOICES = ("US", "China", "other", UNATTRIBUTED)
_LIST_PARAMS = {"outlet": "f_outlets", "articles": "f_articles", "side": "f_sides", "issue": "f_issues"}
_STATE_KEYS = ("f_dates", "f_undated", *_LIST_PARAMS.values())


def _choices(analysis: Analysis, scenario: Scenario) -> dict[str, list[str]]:
    return {
        "f_outlets": sorted({outlet_name(a) for a in analysis.articles}),
        "f_articles": [a.id for a in analysis.articles],
        "f_sides": list(SIDE_CHOICES),
        "f_issues": [issue.id for issue in scenario.issues],
    }


def _date_bounds(analysis: Analysis) -> tuple[date, date] | None:
    dates = sorted(a.published.value for a in analysis.articles if a.published.value)
    return (date.fromisoformat(dates[0]), date.fromisoformat(dates[-1])) if dates else None


def _defaults(analysis: Analysis) -> dict:
    return {"f_dates": _date_bounds(analysis), "f_undated": True, **{key: [] for key in _LIST_PARAMS.values()}}


def _read_link(analysis: Analysis, scenario: Scenario) -> list[str]:
    """Set the filter state from the URL; return the values that were ignored."""
    state, params, ignored = st.session_state, st.query_params, []
    choices = _choices(analysis, scenario)
    for param, key in _LIST_PARAMS.items():
        wanted = params.get_all(param)
        state[key] = [value for value in wanted if value in choices[key]]
        ignored += [value for value in wanted if value not in choices[key]]
    bounds = _date_bounds(analysis)
    if bounds and ("from" in params or "to" in params):
        low, high = (_parse_date(params.get(name), default) for name, default in (("from", bounds[0]), ("to", bounds[1])))
        low, high = max(low, bounds[0]), min(high, bounds[1])
        if low <= high:
            state["f_dates"] = (low, high)
        else:  # a window outside the corpus names no article: ignore it rather than invert it
            ignored += [f"{params.get('from', '')}…{params.get('to', '')}"]
    if "undated" in params:
        state["f_undated"] = params.get("undated") != "0"
    return ignored


def _fit_to_corpus(analysis: Analysis, scenario: Scenario, bounds: tuple[date, date] | None) -> None:
    """Keep the selection valid after the corpus changed (an article deleted, a date corrected):
    values that name nothing any more are dropped, and the date range is clipped to the dates."""
    state = st.session_state
    for key, choices in _choices(analysis, scenario).items():
        if any(value not in choices for value in state.get(key, [])):
            state[key] = [value for value in state[key] if value in choices]
    chosen = state.get("f_dates")
    previous_bounds, state["f_bounds"] = state.get("f_bounds"), bounds
    if bounds and previous_bounds and chosen is not None and tuple(chosen) == tuple(previous_bounds):
        state["f_dates"] = bounds  # "all dates" stays all dates when the corpus's dates change
        return
    if bounds is None:
        state.pop("f_dates", None)
    elif not isinstance(chosen, (tuple, list)) or not chosen:
        state["f_dates"] = bounds
    elif len(chosen) == 2:  # (a single date is a range still being picked: left alone)
        low, high = max(chosen[0], bounds[0]), min(chosen[1], bounds[1])
        if (low, high) != tuple(chosen):
            state["f_dates"] = (low, high) if low <= high else bounds


def _parse_date(text: str | None, default: date) -> date:
    try:
        return date.fromisoformat(text) if text else default
    except ValueError:
        return default


def _reset(analysis: Analysis) -> None:
    for key, value in _defaults(analysis).items():
        st.session_state[key] = value


def render_filters(analysis: Analysis, scenario: Scenario) -> Filters:
    """Draw the sidebar filters and return the selection; keep the URL in step with it."""
    state = st.session_state
    if not state.get("filters_from_link_read"):
        state["filters_from_link_read"] = True
        for key, value in _defaults(analysis).items():
            state.setdefault(key, value)
        state["filters_ignored"] = _read_link(analysis, scenario)
    labels = {a.id: a.display_title for a in analysis.articles}
    issue_labels = {issue.id: issue.label for issue in scenario.issues}
    bounds = _date_bounds(analysis)
    _fit_to_corpus(analysis, scenario, bounds)
    with st.sidebar:
        st.header("Filters")
        if bounds:
            st.date_input("Published between", key="f_dates", min_value=bounds[0], max_value=bounds[1],
                          format="YYYY-MM-DD")
        st.checkbox("Include undated articles", key="f_undated")
        st.multiselect("Outlets", _choices(analysis, scenario)["f_outlets"], key="f_outlets", placeholder="All outlets")
        st.multiselect("Articles", list(labels), key="f_articles", format_func=labels.get, placeholder="All articles")
        st.multiselect("Sides", list(SIDE_CHOICES), key="f_sides", placeholder="All sides")
        st.multiselect("Issues", list(issue_labels), key="f_issues", format_func=issue_labels.get, placeholder="All issues")
        st.button("Reset filters", on_click=_reset, args=(analysis,), width="stretch")
        if state.get("filters_ignored"):
            st.caption(f"Ignored {len(state['filters_ignored'])} filter value(s) from the link that match nothing here.")
    filters = _filters_from_state(bounds)
    _write_link(filters)
    state["filters"] = filters
    return filters


def _filters_from_state(bounds: tuple[date, date] | None) -> Filters:
    state = st.session_state
    chosen = state.get("f_dates") or bounds
    date_from = date_to = None
    if bounds and isinstance(chosen, (tuple, list)) and len(chosen) == 2 and tuple(chosen) != bounds:
        date_from, date_to = chosen[0].isoformat(), chosen[1].isoformat()
    return Filters(
        date_from=date_from,
        date_to=date_to,
        include_undated=bool(state.get("f_undated", True)),
        outlets=tuple(state.get("f_outlets", ())),
        article_ids=tuple(state.get("f_articles", ())),
        sides=tuple(state.get("f_sides", ())),
        issues=tuple(state.get("f_issues", ())),
    )


def _write_link(filters: Filters) -> None:
    """Mirror the filters in the query string, leaving other parameters (``article``) alone."""
    wanted = {
        "from": filters.date_from, "to": filters.date_to,
        "undated": None if filters.include_undated else "0",
        "outlet": list(filters.outlets), "articles": list(filters.article_ids),
        "side": list(filters.sides), "issue": list(filters.issues),
    }
    params = st.query_params
    for name, value in wanted.items():
        current = params.get_all(name)
        if not value:
            if current:
                del params[name]
        elif (value if isinstance(value, list) else [value]) != current:
            params[name] = value


def filter_query() -> str:
    """The filter parameters of the current URL, to carry them over in links."""
    params = st.query_params
    pairs = [(name, value) for name in ("from", "to", "undated", *_LIST_PARAMS) for value in params.get_all(name)]
    return urlencode(pairs)


def current_filters() -> Filters:
    """The filters app.py rendered in this run (no filters when a page runs on its own)."""
    return st.session_state.get("filters", Filters())
