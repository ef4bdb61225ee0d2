"""Cuts of an analysis that keep a chart readable at thousands of articles.

A chart with a bar or a row per commitment or article stops being readable (and fast to draw)
past a few dozen; these pick the part worth drawing, and the pages and the briefing note say
what was left out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from briefing.commitments import Commitment
from briefing.records import Article

#: Commitments the Summary's bar chart draws: past a few dozen, bars are unreadable.
CHARTED_COMMITMENTS = 15
#: Commitments the coverage heatmap draws: at 1,280 px, more columns make their labels overprint.
MAPPED_COMMITMENTS = 5
#: Omitted commitments listed beside an article: in a large corpus an article omits nearly all.
LISTED_OMISSIONS = 10


def most_reported(commitments: Iterable[Commitment], limit: int) -> list[Commitment]:
    """The ``limit`` commitments reported by most articles (then most mentions, then by label)."""
    return sorted(commitments, key=lambda c: (-c.article_count, -c.mention_count, c.label))[:limit]


def reporting_articles(articles: Iterable[Article], commitments: Iterable[Commitment]) -> list[Article]:
    """The articles, in their order, that report at least one of ``commitments``."""
    reporting = {article_id for commitment in commitments for article_id in commitment.article_ids}
    return [article for article in articles if article.id in reporting]


def distinct_labels(labels: Iterable[str]) -> list[str]:
    """``labels`` with a repeat numbered ("Cooperation", "Cooperation (2)"): a chart draws equal
    labels as one bar or column, and distinct commitments can share a label."""
    seen: Counter = Counter()
    numbered = []
    for label in labels:
        seen[label] += 1
        numbered.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return numbered
