"""The global filters in the sidebar, kept in session state and mirrored in the URL.

Rendered once per run by app.py (so they survive page switches); pages read the result with
``current_filters()``. The URL carries the filters as query parameters (``from``, ``to``,
``undated``, ``outlet``, ``articles``, ``side``, ``issue``) so a filtered view can be shared as a
link; a link's values are read once, when a session starts. Values that name nothing in the corpus
(an outlet no article has, a window without an article) cannot be chosen in the widgets: they are
kept beside them, in the filters and in the link, so the pages say so and show nothing rather than
the whole corpus, until the analyst changes that filter or resets them.
"""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

import streamlit as st

from briefing.filters import SIDE_CHOICES, Filters, outlet_name
from briefing.pipeline import Analysis
from briefing.scenario import Scenario

_LIST_PARAMS = {"outlet": "f_outlets", "articles": "f_articles", "side": "f_sides", "issue": "f_issues"}
#: Where the link's values that no widget can hold are kept, by widget key.
_UNMATCHED = "f_link_unmatched"


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


def _read_link(analysis: Analysis, scenario: Scenario) -> None:
    """Set the filter state from the URL: values the widgets offer go in the widgets, the others
    (and a date window outside the corpus's dates) beside them."""
    state, params, unmatched = st.session_state, st.query_params, {}
    # Sets: a link may name thousands of values, each looked up among thousands of articles.
    choices = {key: set(values) for key, values in _choices(analysis, scenario).items()}
    for param, key in _LIST_PARAMS.items():
        wanted = params.get_all(param)
        state[key] = [value for value in wanted if value in choices[key]]
        unmatched[key] = [value for value in wanted if value not in choices[key]]
    low, high = _parse_date(params.get("from")), _parse_date(params.get("to"))
    given = (params.get("from"), params.get("to"))
    if (given[0] and not low) or (given[1] and not high):  # not a date: said, never silently dropped
        unmatched["f_dates"] = given
    elif low or high:
        bounds = _date_bounds(analysis)
        clipped = bounds and (max(low or bounds[0], bounds[0]), min(high or bounds[1], bounds[1]))
        if clipped and clipped[0] <= clipped[1]:
            state["f_dates"] = clipped
        else:
            unmatched["f_dates"] = (low and low.isoformat(), high and high.isoformat())
    if "undated" in params:
        state["f_undated"] = params.get("undated") != "0"
    state[_UNMATCHED] = {key: values for key, values in unmatched.items() if values}


def _forget_link_values(key: str) -> None:
    """The analyst changed a filter: the link's values for it that named nothing go."""
    st.session_state.get(_UNMATCHED, {}).pop(key, None)


def _fit_to_corpus(analysis: Analysis, scenario: Scenario, bounds: tuple[date, date] | None) -> None:
    """Keep the selection valid after the corpus changed (an article deleted, a date corrected):
    values that name nothing any more are dropped, a link's value that names something now (its
    outlet added) moves into its widget, and the date range is clipped to the dates."""
    state = st.session_state
    unmatched = state.get(_UNMATCHED, {})
    for key, choices in _choices(analysis, scenario).items():
        choices = set(choices)
        if any(value in choices for value in unmatched.get(key, [])):
            state[key] = [*state.get(key, []), *(value for value in unmatched[key] if value in choices)]
            unmatched[key] = [value for value in unmatched[key] if value not in choices]
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


def _parse_date(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _reset(analysis: Analysis) -> None:
    for key, value in _defaults(analysis).items():
        st.session_state[key] = value
    st.session_state[_UNMATCHED] = {}


def render_filters(analysis: Analysis, scenario: Scenario) -> Filters:
    """Draw the sidebar filters and return the selection; keep the URL in step with it."""
    state = st.session_state
    if not state.get("filters_from_link_read"):
        state["filters_from_link_read"] = True
        for key, value in _defaults(analysis).items():
            state.setdefault(key, value)
        _read_link(analysis, scenario)
    labels = {a.id: a.display_title for a in analysis.articles}
    issue_labels = {issue.id: issue.label for issue in scenario.issues}
    bounds = _date_bounds(analysis)
    _fit_to_corpus(analysis, scenario, bounds)
    with st.sidebar:
        st.header("Filters")
        if bounds:
            st.date_input("Published between", key="f_dates", min_value=bounds[0], max_value=bounds[1],
                          format="YYYY-MM-DD", on_change=_forget_link_values, args=("f_dates",))
        st.checkbox("Include undated articles", key="f_undated")
        for label, key, options, format_func in (
                ("Outlets", "f_outlets", _choices(analysis, scenario)["f_outlets"], None),
                ("Articles", "f_articles", list(labels), labels.get),
                ("Sides", "f_sides", list(SIDE_CHOICES), None),
                ("Issues", "f_issues", list(issue_labels), issue_labels.get)):
            st.multiselect(label, options, key=key, format_func=format_func or str, placeholder=f"All {label.lower()}",
                           on_change=_forget_link_values, args=(key,))
        st.button("Reset filters", on_click=_reset, args=(analysis,), width="stretch")
    filters = _filters_from_state(bounds)
    _write_link(filters)
    state["filters"] = filters
    return filters


def _filters_from_state(bounds: tuple[date, date] | None) -> Filters:
    state = st.session_state
    unmatched = state.get(_UNMATCHED, {})
    chosen = state.get("f_dates") or bounds
    date_from = date_to = None
    if "f_dates" in unmatched:
        date_from, date_to = unmatched["f_dates"]
    elif bounds and isinstance(chosen, (tuple, list)) and len(chosen) == 2 and tuple(chosen) != bounds:
        date_from, date_to = chosen[0].isoformat(), chosen[1].isoformat()

    def values(key: str) -> tuple[str, ...]:
        return (*state.get(key, ()), *unmatched.get(key, ()))

    return Filters(
        date_from=date_from,
        date_to=date_to,
        include_undated=bool(state.get("f_undated", True)),
        outlets=values("f_outlets"),
        article_ids=values("f_articles"),
        sides=values("f_sides"),
        issues=values("f_issues"),
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
