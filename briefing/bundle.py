"""The analysis bundle: the JSON document other tools read (schema in README.md)."""

from __future__ import annotations

import json
from pathlib import Path

from briefing.pipeline import Analysis
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


def to_bundle(analysis: Analysis) -> dict:
    """The whole analysis as a JSON-ready dict."""
    return {
        "schema_version": SCHEMA_VERSION,
        "articles": [article_record(article) for article in analysis.articles],
        "quotes": list(analysis.quotes),
        "positions": list(analysis.positions),
        "commitments": list(analysis.commitments),
        "keywords": {"corpus": [], "articles": {}, "sides": {"US": [], "China": []}},
        "errors": [{"source_file": e.source_file, "message": e.message} for e in analysis.errors],
    }


def write_bundle(analysis: Analysis, path: Path) -> None:
    """Write the bundle as UTF-8 JSON, atomically, so a reader never sees half a file."""
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps(to_bundle(analysis), ensure_ascii=False, indent=2), encoding="utf-8")
    temporary.replace(path)
