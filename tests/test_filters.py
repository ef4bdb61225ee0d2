"""Filters narrow the analysis without re-running it; commitments are recounted."""

from functools import cache

import pytest

from briefing.filters import UNATTRIBUTED, UNKNOWN_OUTLET, Filters, Unmatched, apply_filters, filtered_view, unmatched_values
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


def test_filters_describe_issues_by_their_labels_when_given():
    words = Filters(issues=("export_controls", "no_such_issue")).describe(issue_labels={"export_controls": "Export controls"})
    assert words == ["issues: Export controls, no_such_issue"]


ISSUE_IDS = ("export_controls", "trade_secrets")


@pytest.mark.parametrize(("filters", "expected"), [
    (Filters(outlets=("Reuters",)), Unmatched("outlet", ("Reuters",), True)),
    (Filters(article_ids=("0000000000000000",)), Unmatched("article", ("0000000000000000",), True)),
    (Filters(sides=("Martians",)), Unmatched("side", ("Martians",), True)),
    (Filters(issues=("no_such_issue",)), Unmatched("issue", ("no_such_issue",), True)),
    (Filters(date_from="2030-01-01"), Unmatched("dates", ("2030-01-01 to …",), True)),
    (Filters(date_from="2023-08-29", date_to="2023-08-29"), Unmatched("dates", ("2023-08-29 to 2023-08-29",), True)),
    (Filters(date_from="2023-13-45", date_to="2023-08-30"),
     Unmatched("dates", ("2023-13-45 (not a date in the form YYYY-MM-DD)",), True)),
    (Filters(date_to="1"), Unmatched("dates", ("1 (not a date in the form YYYY-MM-DD)",), True)),
], ids=["outlet", "article", "side", "issue", "dates after the corpus", "dates between two articles",
        "a date that is no date", "a date that sorts before every date"])
def test_a_filter_naming_nothing_in_the_corpus_shows_nothing_and_says_which_value(filters, expected):
    view, unmatched = filtered_view(analysis(), filters, ISSUE_IDS)
    assert unmatched == (expected,)
    assert view.articles == () and view.quotes == () and view.positions == () and view.commitments == ()


def test_a_value_naming_nothing_beside_one_that_names_something_is_reported_and_the_other_applied():
    view, unmatched = filtered_view(analysis(), Filters(outlets=("AP", "Reuters"), sides=("China", "Martians")),
                                    ISSUE_IDS)
    assert unmatched == (Unmatched("outlet", ("Reuters",), False), Unmatched("side", ("Martians",), False))
    assert view == apply_filters(analysis(), Filters(outlets=("AP",), sides=("China",)))
    assert len(view.articles) == 2


def test_filters_naming_what_the_corpus_holds_are_all_matched():
    filters = Filters(date_from="2023-08-29", outlets=(UNKNOWN_OUTLET, "AP"), sides=(UNATTRIBUTED,),
                      issues=ISSUE_IDS)
    assert unmatched_values(analysis(), filters, ISSUE_IDS) == ()
    assert filtered_view(analysis(), filters, ISSUE_IDS)[0] == apply_filters(analysis(), filters)


def test_filters_describe_themselves_in_words():
    words = Filters(date_from="2023-08-28", outlets=("AP",), include_undated=False).describe()
    assert words == ["dates 2023-08-28 to …, undated excluded", "outlets: AP"]
