"""The one function that turns article files into the analysed corpus.

ingest → clean → sentences (per article, in ingest) → speakers and quotes → positions →
commitment mentions → near-duplicate stories → commitments clustered across articles.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from briefing import config
from briefing.commitments import Commitment, CommitmentFinder, CommitmentMention
from briefing.duplicates import story_groups
from briefing.ingest import read_folder
from briefing.positions import Position, PositionFinder
from briefing.quotes import Quote, QuoteExtractor
from briefing.records import Article, IngestError
from briefing.scenario import Scenario, load_scenario
from briefing.speakers import SpeakerResolver


@dataclass(frozen=True)
class Analysis:
    """Everything the dashboard and the bundle show about one corpus."""

    articles: tuple[Article, ...]
    errors: tuple[IngestError, ...] = ()
    quotes: tuple[Quote, ...] = ()
    positions: tuple[Position, ...] = ()
    commitments: tuple[Commitment, ...] = ()
    stories: dict[str, str] = field(default_factory=dict)


def analyze_folder(folder: Path, scenario: Scenario | None = None) -> Analysis:
    """Read and analyse every article file in ``folder``."""
    articles, errors = read_folder(folder)
    return analyze_articles(articles, errors, scenario)


def analyze_articles(articles: list[Article], errors: list[IngestError] = (), scenario: Scenario | None = None) -> Analysis:
    """Analyse already-ingested articles with the given (default: configured) scenario."""
    scenario = scenario or load_scenario(config.SCENARIO_FILE)
    resolver = SpeakerResolver(scenario)
    quote_extractor = QuoteExtractor(scenario, resolver)
    position_finder = PositionFinder(scenario, resolver)
    commitment_finder = CommitmentFinder(scenario)
    stories = story_groups(articles)
    quotes: list[Quote] = []
    positions: list[Position] = []
    mentions: list[CommitmentMention] = []
    for article in articles:
        cast = resolver.cast(article.text)
        article_quotes = quote_extractor.extract(article, cast)
        quotes.extend(article_quotes)
        positions.extend(position_finder.positions(article, article_quotes, cast))
        mentions.extend(commitment_finder.mentions(article))
    commitments = commitment_finder.cluster(mentions, {a.id: a for a in articles}, stories)
    commitment_finder.references(commitments, articles)
    return Analysis(
        articles=tuple(articles),
        errors=tuple(errors),
        quotes=tuple(quotes),
        positions=tuple(positions),
        commitments=tuple(commitments),
        stories=stories,
    )
