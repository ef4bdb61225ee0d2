"""Cuts that keep charts readable at scale: the most reported commitments, their articles, labels."""

from dataclasses import replace

from briefing.aggregates import distinct_labels, most_reported, reporting_articles
from briefing.pipeline import analyze_folder
from support import SEEDS_DIR

ANALYSIS = analyze_folder(SEEDS_DIR)


def test_most_reported_ranks_by_articles_then_mentions_then_label():
    first, second, *_ = ANALYSIS.commitments
    tied = [replace(second, label="B", article_count=3, mention_count=5),
            replace(first, label="A", article_count=3, mention_count=5),
            replace(first, label="C", article_count=3, mention_count=9),
            replace(first, label="D", article_count=4, mention_count=1)]
    assert [c.label for c in most_reported(tied, 3)] == ["D", "C", "A"]


def test_reporting_articles_keeps_corpus_order_and_only_reporting_articles():
    exchange = next(c for c in ANALYSIS.commitments if c.family == "exchange")
    reporting = reporting_articles(ANALYSIS.articles, [exchange])
    assert [a.id for a in reporting] == [a.id for a in ANALYSIS.articles if a.id in exchange.article_ids]
    assert len(reporting) == 4 < len(ANALYSIS.articles)


def test_repeated_labels_are_numbered_in_order():
    assert distinct_labels(["Cooperation", "Talks", "Cooperation", "Cooperation"]) == [
        "Cooperation", "Talks", "Cooperation (2)", "Cooperation (3)"]
