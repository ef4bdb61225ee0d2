"""The one place for paths and limits. Values can be overridden with environment variables."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent

#: Folder holding the article files the dashboard analyses.
ARTICLES_DIR = Path(os.environ.get("BRIEFING_ARTICLES_DIR", PROJECT_ROOT / "data" / "articles"))

#: Texts shorter than this (after cleaning) are not articles: a menu, a caption, an error page.
MIN_ARTICLE_WORDS = 10

#: Files larger than this are refused before they are read whole (bytes).
MAX_FILE_BYTES = int(os.environ.get("BRIEFING_MAX_FILE_BYTES", 5 * 1024 * 1024))

# Limits on what a file may unpack to, checked before a parser is handed the data: a 1 MB Word
# file can hold a gigabyte of XML, a PDF stream can inflate a thousandfold.
#: Total uncompressed size of a Word document's zip members, and of any one decoded PDF stream.
MAX_UNPACKED_BYTES = int(os.environ.get("BRIEFING_MAX_UNPACKED_BYTES", 50 * 1024 * 1024))
#: Compression ratio above which a zip member is refused once it unpacks to over
#: MIN_BYTES_FOR_RATIO_CHECK; Word's own XML compresses about 30:1, deflate can reach 1000:1.
MAX_COMPRESSION_RATIO = 100
MIN_BYTES_FOR_RATIO_CHECK = 2 * 1024 * 1024
#: Files inside one Word document (a long report with many images holds a few hundred).
MAX_ARCHIVE_MEMBERS = 2000
#: Pages read from a PDF; a news article is a few pages, a book is not an article.
MAX_PDF_PAGES = int(os.environ.get("BRIEFING_MAX_PDF_PAGES", 300))
#: Characters of text a PDF or Word document may yield: no more than the largest text file could.
MAX_TEXT_CHARS = MAX_FILE_BYTES

#: The scenario file: sides, actors, issues and cue vocabularies (see data/scenarios/).
SCENARIO_FILE = Path(os.environ.get("BRIEFING_SCENARIO", PROJECT_ROOT / "data" / "scenarios" / "us_china.toml"))

#: The corpus database (SQLite). Created, migrated and seeded from ARTICLES_DIR on first use.
DATABASE_PATH = Path(os.environ.get("BRIEFING_DB", PROJECT_ROOT / "data" / "corpus.sqlite3"))

#: Worker processes for per-article work (parsing, extraction); 1 runs everything in-process.
WORKERS = max(1, int(os.environ.get("BRIEFING_WORKERS", os.cpu_count() or 1)))
#: Below this many articles to process, workers cost more to feed than they save.
PARALLEL_MIN_ARTICLES = int(os.environ.get("BRIEFING_PARALLEL_MIN_ARTICLES", 100))
