"""The one function that turns a folder of article files into the analysed corpus."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from briefing.ingest import read_folder
from briefing.records import Article, IngestError


@dataclass(frozen=True)
class Analysis:
    """Everything the dashboard and the bundle show about one corpus."""

    articles: tuple[Article, ...]
    errors: tuple[IngestError, ...] = ()
    quotes: tuple = field(default=())
    positions: tuple = field(default=())
    commitments: tuple = field(default=())


def analyze_folder(folder: Path) -> Analysis:
    """Read and analyse every article file in ``folder``."""
    articles, errors = read_folder(folder)
    return Analysis(articles=tuple(articles), errors=tuple(errors))
