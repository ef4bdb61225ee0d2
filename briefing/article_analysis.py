"""One article's own findings: quotes, positions, commitment mentions, shingles and keyword tokens.

Everything here reads one article only, so articles can be analysed in any order and in any
process (see briefing.parallel); the pipeline then groups stories, clusters commitments and
ranks keywords across articles.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from briefing.commitments import CommitmentFinder, CommitmentMention
from briefing.duplicates import token_shingle_hashes
from briefing.ingest import parse_file
from briefing.positions import Position, PositionFinder
from briefing.quotes import Quote, QuoteExtractor
from briefing.records import Article, IngestError
from briefing.scenario import ACTOR_NAMES, Scenario
from briefing.speakers import SpeakerResolver
from briefing.terms import TOKEN_SEPARATOR, tokens

@dataclass(frozen=True)
class ArticleFindings:
    """What one article says, before anything is compared across articles."""

    quotes: tuple[Quote, ...]
    positions: tuple[Position, ...]
    mentions: tuple[CommitmentMention, ...]
    shingles: np.ndarray = field(compare=False, repr=False)  # for near-duplicate detection
    keyword_tokens: str = field(compare=False, repr=False, default="")  # terms.tokens, joined by TOKEN_SEPARATOR


class ArticleAnalyser:
    """The extractors of one scenario, built once and applied to many articles."""

    def __init__(self, scenario: Scenario):
        self.scenario = scenario
        self.resolver = SpeakerResolver(scenario)
        self.quotes = QuoteExtractor(scenario, self.resolver)
        self.positions = PositionFinder(scenario, self.resolver)
        self.commitments = CommitmentFinder(scenario)

    def findings(self, article: Article) -> ArticleFindings:
        hits = self.scenario.cue_index.find(article.text)
        cast = self.resolver.cast(article.text, article.title, hits.starts_of(ACTOR_NAMES))
        cues = self.scenario.sentence_cues(article.text, article.sentences, hits)
        quotes = self.quotes.extract(article, cast, cues)
        positions = self.positions.positions(article, quotes, cast, cues)
        text_tokens = tokens(article.text)
        return ArticleFindings(tuple(quotes), tuple(positions), tuple(self.commitments.mentions(article, cues)),
                               token_shingle_hashes(text_tokens), TOKEN_SEPARATOR.join(text_tokens))


#: Analysers by scenario fingerprint, one set per process (workers keep theirs between batches).
_ANALYSERS: dict[str, ArticleAnalyser] = {}


def analyser_for(scenario: Scenario) -> ArticleAnalyser:
    if not scenario.fingerprint:
        return ArticleAnalyser(scenario)  # a scenario not read from a file: nothing to key it by
    if scenario.fingerprint not in _ANALYSERS:
        _ANALYSERS[scenario.fingerprint] = ArticleAnalyser(scenario)
    return _ANALYSERS[scenario.fingerprint]


def analyse_article(scenario: Scenario, article: Article) -> ArticleFindings:
    """The findings of one article (the unit of work sent to worker processes)."""
    return analyser_for(scenario).findings(article)


def parse_and_analyse(scenario: Scenario, file: tuple[bytes, str]) -> tuple[Article | IngestError, ArticleFindings | None]:
    """A file parsed, and the article's findings if it is analysed (in English); None for a refusal."""
    parsed = parse_file(file)
    found = analyse_article(scenario, parsed) if isinstance(parsed, Article) and parsed.language == "en" else None
    return parsed, found
