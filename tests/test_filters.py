"""Filters narrow the analysis without re-running it; commitments are recounted."""

from functools import cache

from briefing.filters import UNATTRIBUTED, UNKNOWN_OUTLET, Filters, apply_filters
from briefing.pipeline import analyze_folder
from support import SEEDS_DIR


@cache
def analysis():
    return analyze_folder(SEEDS_DIR)


def test_no_filter_returns_the_analysis_unchanged():
    assert apply_filters(analysis(), Filters()) is analysis()


def test_outlet_filter_keeps_that_outlets_articles_and_their_items():
    view = apply_filters(analysis(), Filters(outlets=("AP",)))
    ids = {a.id for a in view.articles}
    assert {a.outlet for a in view.articles} == {"AP"} and len(ids) == 2
    assert all(q.article_id in ids for q in view.quotes)
    assert all(p.article_id in ids for p in view.positions)


def test_commitments_are_recounted_on_the_articles_shown():
    full = {c.label: c for c in analysis().commitments}
    view = {c.label: c for c in apply_filters(analysis(), Filters(outlets=("AP",))).commitments}
    exchange = "Information exchange on export controls"
    assert full[exchange].article_count == 4 and view[exchange].article_count == 2
    assert all(m.article_id in view[exchange].article_ids for m in view[exchange].mentions)
    assert "Minister-level meetings (at least once a year)" not in view  # only 002 and 004 report it


def test_unknown_outlet_is_a_choice_of_its_own():
    view = apply_filters(analysis(), Filters(outlets=(UNKNOWN_OUTLET,)))
    assert [a.outlet for a in view.articles] == [None]


def test_date_range_drops_dated_articles_outside_it_and_can_drop_undated_ones():
    view = apply_filters(analysis(), Filters(date_from="2023-08-29", date_to="2023-08-31"))
    assert sorted(a.published.value or "undated" for a in view.articles) == ["2023-08-30", "undated", "undated", "undated"]
    dated_only = apply_filters(analysis(), Filters(date_from="2023-08-29", date_to="2023-08-31", include_undated=False))
    assert [a.published.value for a in dated_only.articles] == ["2023-08-30"]


def test_side_filter_keeps_only_that_sides_quotes_and_positions():
    view = apply_filters(analysis(), Filters(sides=("China",)))
    assert view.quotes and {q.side for q in view.quotes} == {"China"}
    assert {p.side for p in view.positions} == {"China"}
    assert len(view.articles) == 5  # sides do not hide articles


def test_unattributed_side_choice_selects_quotes_without_speaker():
    view = apply_filters(analysis(), Filters(sides=(UNATTRIBUTED,)))
    assert view.quotes and all(q.speaker is None for q in view.quotes)


def test_issue_filter_keeps_positions_quotes_and_commitments_on_those_issues():
    view = apply_filters(analysis(), Filters(issues=("trade_secrets",)))
    assert {p.issue for p in view.positions} == {"trade_secrets"}
    assert all("trade_secrets" in q.issues for q in view.quotes)
    assert [c.label for c in view.commitments] == ["Expert talks on trade secrets"]


def test_filters_that_match_nothing_give_an_empty_view():
    first = analysis().articles[0]
    view = apply_filters(analysis(), Filters(outlets=("Financial Times",), article_ids=(first.id,)))
    assert view.articles == () and view.quotes == () and view.commitments == ()


def test_filters_describe_themselves_in_words():
    words = Filters(date_from="2023-08-28", outlets=("AP",), include_undated=False).describe()
    assert words == ["dates 2023-08-28 to …, undated excluded", "outlets: AP"]
