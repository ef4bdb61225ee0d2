"""The analysis bundle: the JSON document other tools read (schema in README.md)."""

from __future__ import annotations

import json
from pathlib import Path

from briefing.commitments import Commitment
from briefing.pipeline import Analysis
from briefing.positions import Position
from briefing.quotes import Quote
from briefing.records import Article

SCHEMA_VERSION = 1


def article_record(article: Article) -> dict:
    """An article as the bundle describes it; fields beyond the contract are additions."""
    return {
        "id": article.id,
        "source_file": article.source_file,
        "title": article.title,
        "outlet": article.outlet,
        "published": article.published.value,
        "byline": article.byline,
        "dateline": article.dateline,
        "text": article.text,
        "removed": [line.text for line in article.removed],
        "standfirst": article.standfirst,
        "section": article.section,
        "encoding": article.encoding,
        "language": article.language,
        "outlet_source": article.outlet_source,
        "published_source": article.published.source,
        "published_confidence": article.published.confidence,
        "year_hint": article.published.year_hint,
        "word_count": article.word_count,
        "captions": list(article.captions),
        "header_lines": list(article.header_lines),
        "removed_details": [{"text": line.text, "reason": line.reason} for line in article.removed],
        "sentences": [
            {"index": s.index, "start": s.start, "end": s.end, "text": s.text} for s in article.sentences
        ],
    }


def quote_record(quote: Quote) -> dict:
    return {
        "article_id": quote.article_id, "text": quote.text, "speaker": quote.speaker, "side": quote.side,
        "sentence": quote.sentence, "speaker_kind": quote.speaker_kind, "attribution": quote.attribution,
        "start": quote.start, "end": quote.end, "issues": list(quote.issues),
    }


def position_record(position: Position) -> dict:
    return {
        "article_id": position.article_id, "side": position.side, "actor": position.actor,
        "issue": position.issue, "stance": position.stance, "claim": position.claim,
        "evidence": position.evidence, "sentence_index": position.sentence_index, "source": position.source,
    }


def commitment_record(commitment: Commitment) -> dict:
    return {
        "id": commitment.id,
        "label": commitment.label,
        "parties": list(commitment.parties),
        "details": commitment.details,
        "article_count": commitment.article_count,
        "outlets": list(commitment.outlets),
        "mentions": [
            {"article_id": m.article_id, "evidence": m.evidence, "clause": m.clause, "strength": m.strength,
             "sentence_index": m.sentence_index}
            for m in commitment.mentions
        ],
        "mention_count": commitment.mention_count,
        "article_ids": list(commitment.article_ids),
        "strength": commitment.strength,
        "family": commitment.family,
        "topics": sorted(commitment.topics),
        "references": commitment.references,
    }


def to_bundle(analysis: Analysis) -> dict:
    """The whole analysis as a JSON-ready dict."""
    return {
        "schema_version": SCHEMA_VERSION,
        "articles": [
            {**article_record(article), "duplicate_of": _duplicate_of(article.id, analysis.stories),
             "analysis_notes": list(analysis.notes.get(article.id, ()))}
            for article in analysis.articles
        ],
        "quotes": [quote_record(quote) for quote in analysis.quotes],
        "positions": [position_record(position) for position in analysis.positions],
        "commitments": [commitment_record(commitment) for commitment in analysis.commitments],
        "keywords": {
            "corpus": [_keyword(k) for k in analysis.keywords.corpus],
            "articles": {article_id: [_keyword(k) for k in terms] for article_id, terms in analysis.keywords.articles.items()},
            "sides": {side: [{**_keyword(t), "counts": dict(t.counts)} for t in terms]
                      for side, terms in analysis.keywords.sides.items()},
        },
        "errors": [{"source_file": e.source_file, "message": e.message} for e in analysis.errors],
        "not_analysed": [{"id": a.id, "source_file": a.source_file, "language": a.language,
                          "reason": "not in English"} for a in analysis.not_analysed],
    }


def _keyword(keyword) -> dict:
    return {"term": keyword.term, "score": round(float(keyword.score), 6)}


def _duplicate_of(article_id: str, stories: dict[str, str]) -> str | None:
    story = stories.get(article_id, article_id)
    return story if story != article_id else None


def write_bundle(analysis: Analysis, path: Path) -> None:
    """Write the bundle as UTF-8 JSON, atomically, so a reader never sees half a file."""
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps(to_bundle(analysis), ensure_ascii=False, indent=2), encoding="utf-8")
    temporary.replace(path)
