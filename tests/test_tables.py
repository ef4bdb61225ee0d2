"""Tables and aggregates the pages and exports share."""

from functools import cache

from briefing import config
from briefing.bottom_line import bottom_line
from briefing.pipeline import analyze_folder
from briefing.scenario import load_scenario
from briefing.storage import StoredArticle
from briefing.tables import (
    articles_table, commitment_evidence, commitments_table, common_ground, coverage_matrix, disagreements, issue_side_counts,
    omitted_commitments, positions_table, quotes_table, stored_articles_table, view_keywords,
)
from briefing.filters import Filters, apply_filters
from briefing.wording import MISSING
from support import SEEDS_DIR, seed

SCENARIO = load_scenario(config.SCENARIO_FILE)


@cache
def analysis():
    return analyze_folder(SEEDS_DIR, SCENARIO)


def test_commitments_table_has_a_row_per_commitment_with_its_counts():
    table = commitments_table(analysis())
    assert list(table["Commitment"]) == [c.label for c in analysis().commitments]
    assert list(table["Articles"]) == [c.article_count for c in analysis().commitments]
    assert set(table["Parties"]) == {"US & China"}


def test_commitment_evidence_lists_each_mention_and_reference():
    group = next(c for c in analysis().commitments if c.family == "working group")
    frame = commitment_evidence(analysis(), group)
    assert len(frame) == len(group.mentions) + len(group.references)
    assert "refers back" in set(frame["Strength"])


def test_coverage_matrix_counts_mentions_per_article_and_commitment():
    rows, columns, values = coverage_matrix(analysis())
    assert len(rows) == 5 and len(columns) == 4
    for column, commitment in enumerate(analysis().commitments):
        assert sum(row[column] for row in values) == len(commitment.mentions)


def test_issue_counts_mark_issues_where_both_sides_speak():
    counts = issue_side_counts(analysis(), SCENARIO).set_index("Issue id")
    assert counts.loc["national_security", "Both sides"]
    assert not counts.loc["sanctions", "Both sides"]
    assert counts["US"].sum() == sum(1 for p in analysis().positions if p.side == "US")


def test_disagreements_pair_opposing_statements_on_one_issue():
    found = disagreements(analysis())
    assert found
    for disagreement in found:
        assert disagreement.us.side == "US" and disagreement.china.side == "China"
        assert disagreement.us.issue == disagreement.china.issue == disagreement.issue


def test_common_ground_needs_offers_or_assessments_from_both_sides():
    for issue in common_ground(analysis()):
        sides = {p.side for p in analysis().positions if p.issue == issue and p.stance in ("offer", "assessment")}
        assert {"US", "China"} <= sides


def test_bottom_line_claims_carry_evidence_from_the_corpus():
    claims = bottom_line(analysis(), SCENARIO)
    assert claims[0].text.startswith("5 articles from 3 identified outlets")
    assert "4 distinct commitments" in claims[1].text
    texts = {a.id: a.text for a in analysis().articles}
    for claim in claims[1:]:
        assert claim.evidence
        for article_id, sentence in claim.evidence:
            assert sentence in texts[article_id]


def test_positions_and_quotes_tables_keep_the_article_of_every_row():
    ids = {a.id for a in analysis().articles}
    assert set(positions_table(analysis(), SCENARIO)["Article id"]) <= ids
    quotes = quotes_table(analysis(), SCENARIO)
    assert len(quotes) == len(analysis().quotes)
    assert "(unattributed)" in set(quotes["Speaker"])


def test_view_keywords_follow_the_articles_shown():
    full = analysis()
    assert [k.term for k in view_keywords(full, full, 10)] == [k.term for k in full.keywords.corpus[:10]]
    one = apply_filters(full, Filters(article_ids=(seed("003").id,)))
    terms = {k.term for k in view_keywords(one, full)}
    assert terms <= {k.term for k in full.keywords.articles[seed("003").id]}


def test_omitted_commitments_are_those_an_article_does_not_report():
    omitted = {c.family for c in omitted_commitments(analysis(), seed("000").id)}
    assert omitted == {"working group", "meetings"}


def test_commitments_table_puts_its_counts_right_after_the_commitment():
    assert list(commitments_table(analysis()).columns[:4]) == ["Commitment", "Articles", "Mentions", "Outlets"]


def test_articles_table_puts_its_quote_count_right_after_the_date():
    assert list(articles_table(analysis()).columns[:4]) == ["Title", "Outlet", "Published", "Quotes"]


def test_tables_show_a_missing_value_as_a_dash_and_keep_counts_as_numbers():
    articles, commitments = articles_table(analysis()), commitments_table(analysis())
    for frame in (articles, commitments):
        assert not frame.isna().any().any()
    undated = articles.set_index("Id").loc[seed("002").id]
    assert (undated["Outlet"], undated["Published"], undated["Byline"]) == (MISSING, MISSING, MISSING)
    exchange = commitments.set_index("Commitment").loc["Information exchange on export controls"]
    assert exchange["Frequency"] == MISSING
    assert articles["Quotes"].dtype.kind == commitments["Articles"].dtype.kind == commitments["Mentions"].dtype.kind == "i"


def test_stored_articles_table_says_whether_each_is_deleted_after_its_title_and_shows_missing_values_as_a_dash():
    rows = [StoredArticle("a1", "one.txt", None, None, None, "en", "2026-01-02T03:04:05+00:00", "2026-01-03", None, {}),
            StoredArticle("a2", "two.txt", "Two", "AP", "2023-08-28", "en", "2026-01-02T03:04:06+00:00", None, "a1",
                          {"outlet": "AP"})]
    frame = stored_articles_table(rows)
    assert list(frame.columns[:2]) == ["Title", "Deleted"]
    assert frame.to_dict("records") == [
        {"Title": "one.txt", "Deleted": True, "Outlet": MISSING, "Published": MISSING, "Language": "en",
         "Near-duplicate of": MISSING, "Corrected": MISSING, "File": "one.txt", "Added": "2026-01-02 03:04:05", "Id": "a1"},
        {"Title": "Two", "Deleted": False, "Outlet": "AP", "Published": "2023-08-28", "Language": "en",
         "Near-duplicate of": "one.txt", "Corrected": "outlet", "File": "two.txt", "Added": "2026-01-02 03:04:06",
         "Id": "a2"}]
