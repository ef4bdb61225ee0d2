"""The one function that turns article files into the analysed corpus.

ingest → clean → sentences (per article, in ingest) → speakers and quotes → positions →
commitment mentions (per article, in briefing.article_analysis, on worker processes when there
are many) → near-duplicate stories → commitments clustered across articles → keywords.
``analyze_store`` adds the store's saved copy of the last analysis.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, partial
from pathlib import Path

from briefing import config
from briefing.article_analysis import ArticleFindings, analyse_articles, analyser_for, parse_and_analyse
from briefing.collector import collector_paused
from briefing.commitments import Commitment, CommitmentMention
from briefing.duplicates import numbered_shingle_hashes, story_groups
from briefing.ingest import read_folder
from briefing.keywords import Keyword, NumberedTokens, SideTerm, corpus_keywords, number_tokens, side_keywords
from briefing.parallel import map_batches
from briefing.positions import Position
from briefing.quotes import Quote
from briefing.records import Article, IngestError
from briefing.scenario import Scenario, load_scenario
from briefing.storage import Store


#: Per-article results by (content id, publication date, scenario): adding one article to a corpus
#: re-extracts only that article; clustering and keywords, which span articles, are redone.
_PER_ARTICLE: dict[tuple, ArticleFindings] = {}
_PER_ARTICLE_LIMIT = 30_000  # about 15 KB each: bounds the memory of a long-running dashboard

#: How many keywords are kept for the corpus and for each article.
CORPUS_KEYWORDS = 30


@dataclass(frozen=True)
class Keywords:
    """TF-IDF terms of the corpus and of each article; each side's distinctive terms."""

    corpus: tuple[Keyword, ...] = ()
    articles: dict[str, list[Keyword]] = field(default_factory=dict)
    sides: dict[str, list[SideTerm]] = field(default_factory=dict)


@dataclass(frozen=True)
class Analysis:
    """Everything the dashboard and the bundle show about one corpus."""

    articles: tuple[Article, ...]
    errors: tuple[IngestError, ...] = ()
    not_analysed: tuple[Article, ...] = ()  # stored but not in English, so left out
    quotes: tuple[Quote, ...] = ()
    positions: tuple[Position, ...] = ()
    commitments: tuple[Commitment, ...] = ()
    stories: dict[str, str] = field(default_factory=dict)
    keywords: Keywords = field(default_factory=Keywords)
    side_statements: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    notes: dict[str, tuple[str, ...]] = field(default_factory=dict)  # article id -> what a bound cut from its analysis


def analyze_folder(folder: Path, scenario: Scenario | None = None) -> Analysis:
    """Read and analyse every article file in ``folder``."""
    articles, errors = read_folder(folder)
    return analyze_articles(articles, errors, scenario)


def analyze_store(store: Store, scenario: Scenario | None = None) -> Analysis:
    """The analysis of a stored corpus, read back from the store when nothing it depends on changed.

    The saved analysis is keyed by the corpus content, the scenario file and this package's code,
    so a restarted dashboard shows the corpus at once and any change analyses it afresh.
    """
    scenario = scenario or load_scenario(config.SCENARIO_FILE)
    key = hashlib.sha256(f"{store.content_key()} {scenario.fingerprint} {_code_digest()}".encode()).hexdigest()
    saved = store.cached_result(key) if scenario.fingerprint else None
    if isinstance(saved, Analysis):
        return saved
    articles, unreadable = store.read(parse=partial(read_files, scenario=scenario))
    analysis = analyze_articles(articles, store.refused_at_seeding() + unreadable, scenario)
    if scenario.fingerprint:
        store.save_result(key, analysis)
    return analysis


@cache
def _code_digest() -> str:
    """A digest of the package's source: a saved analysis is only reused by the code that made it."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def analyze_articles(articles: list[Article], errors: list[IngestError] = (), scenario: Scenario | None = None,
                     workers: int | None = None) -> Analysis:
    """Analyse already-ingested articles with the given (default: configured) scenario.

    Per-article extraction runs on ``workers`` processes (default: config.WORKERS) when many
    articles are new; the result is the same with any number of workers.
    """
    with collector_paused():  # tens of thousands of small records, no cycles
        return _analyze(articles, list(errors), scenario or load_scenario(config.SCENARIO_FILE), workers)


def _analyze(articles: list[Article], errors: list[IngestError], scenario: Scenario, workers: int | None) -> Analysis:
    commitment_finder = analyser_for(scenario).commitments  # built once per scenario, as the workers' are
    # Articles in another language are kept (the pages list them) but not analysed.
    articles_in, articles = list(articles), [a for a in articles if a.language == "en"]
    findings = _findings(articles, scenario, workers)
    numbered = number_tokens([found.keyword_tokens for found in findings])
    shingles = numbered_shingle_hashes(numbered.lengths, numbered.codes, numbered.vocabulary == "")
    stories = story_groups(articles, dict(zip((article.id for article in articles), shingles)))
    quotes: list[Quote] = []
    positions: list[Position] = []
    mentions: list[CommitmentMention] = []
    for article, found in zip(articles, findings):
        mentions.extend(found.mentions)  # a copy's mentions are evidence; clustering counts them once
        if stories.get(article.id, article.id) == article.id:
            # A syndicated copy's quotes and positions are its original's: counted once, there.
            quotes.extend(found.quotes)
            positions.extend(found.positions)
    commitments = commitment_finder.cluster(mentions, {a.id: a for a in articles}, stories)
    commitment_finder.references(commitments, articles)
    statements = side_statements(quotes, positions, scenario.side_ids, stories)
    return Analysis(
        articles=tuple(articles),
        errors=tuple(errors),
        not_analysed=tuple(a for a in articles_in if a.language != "en"),
        quotes=tuple(quotes),
        positions=tuple(positions),
        commitments=tuple(commitments),
        stories=stories,
        keywords=keywords_of(articles, statements, stories, numbered),
        side_statements=statements,
        notes={article.id: found.notes for article, found in zip(articles, findings) if found.notes},
    )


def read_files(files: Sequence[tuple[bytes, str]], workers: int | None = None,
               scenario: Scenario | None = None) -> list[Article | IngestError]:
    """``ingest.parse_files``, with each article analysed where it was parsed.

    The findings wait in this process's per-article cache, so ``analyze_articles`` on these
    articles finds them there instead of sending every article to a worker again.
    """
    scenario = scenario or load_scenario(config.SCENARIO_FILE)
    results = map_batches(partial(parse_and_analyse, scenario), files, workers)
    if scenario.fingerprint:
        _remember({_key(parsed, scenario): found for parsed, found in results if found is not None})
    return [parsed for parsed, _ in results]


def _findings(articles: list[Article], scenario: Scenario, workers: int | None) -> list[ArticleFindings]:
    """Each article's findings, reusing those already computed in this process."""
    keys = [_key(article, scenario) for article in articles]
    known = {key: _PER_ARTICLE[key] for key in keys if key in _PER_ARTICLE} if scenario.fingerprint else {}
    new = {key: article for article, key in zip(articles, keys) if key not in known}
    fresh = dict(zip(new, map_batches(partial(analyse_articles, scenario), list(new.values()), workers)))
    if scenario.fingerprint:
        _remember(fresh)
    return [fresh[key] if key in fresh else known[key] for key in keys]


def _key(article: Article, scenario: Scenario) -> tuple:
    return (article.id, article.published.value, scenario.fingerprint)


def _remember(findings: dict[tuple, ArticleFindings]) -> None:
    if len(_PER_ARTICLE) + len(findings) > _PER_ARTICLE_LIMIT:
        _PER_ARTICLE.clear()  # the oldest findings go; those just computed are kept
    _PER_ARTICLE.update(findings)


def side_statements(quotes: list[Quote], positions: list[Position], sides: tuple[str, ...],
                    stories: dict[str, str]) -> dict[str, list[tuple[str, str]]]:
    """Each side's words, as (article id, text): its quotes and the sentences of its positions.

    Syndicated copies are left out so a story carried twice does not weigh twice.
    """
    statements: dict[str, dict[str, str]] = {side: {} for side in sides}
    for article_id, side, text in [*((q.article_id, q.side, q.text) for q in quotes),
                                   *((p.article_id, p.side, p.evidence) for p in positions)]:
        if side in statements and stories.get(article_id, article_id) == article_id:
            statements[side].setdefault(text, article_id)
    return {side: [(article_id, text) for text, article_id in texts.items()] for side, texts in statements.items()}


def keywords_of(articles: list[Article], statements: dict[str, list[tuple[str, str]]],
                stories: dict[str, str], numbered: NumberedTokens) -> Keywords:
    """Corpus and article keywords (syndicated copies excluded from the corpus list) and side terms."""
    originals = [a.id for a in articles if stories.get(a.id, a.id) == a.id]
    corpus, per_article = corpus_keywords({a.id: a.text for a in articles}, CORPUS_KEYWORDS, originals, numbered)
    sides = side_keywords({side: [text for _, text in texts] for side, texts in statements.items()})
    return Keywords(tuple(corpus), per_article, sides)
