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

#: How far from a speech verb a speaker's noun phrase is looked for (characters): back from the verb
#: for its subject, forward from an inverted verb ("said X"). The longest subjects of news prose, a
#: title and a name with a clause set off by commas ("Xiang Ligang, director-general of the
#: alliance,"), take under 200; reading the whole sentence instead, before every verb and every
#: quote, made a sentence of many verbs or quotes cost time growing with its square.
SPEAKER_PHRASE_REACH = 400

#: The longest text of a markdown link or image ("[text](url)") that cleaning unwraps (characters).
#: Real link texts are a few words; reading from every "[" to the next "]" unbounded made a line of
#: thousands of unclosed brackets cost time growing with its square.
MARKUP_TEXT_REACH = 500

#: The longest sentence a quote carries whole as its evidence (characters). No news sentence comes
#: near (the longest holding a quote among 2,000 corpus articles has 1,568); in a longer one each
#: quote carries itself and the third of this either side, and the article says so in a note.
#: Carrying the whole sentence made a sentence of thousands of quotes cost its length times theirs
#: in stance look-ups, in the bundle and on the pages.
LONGEST_EVIDENCE = 3_000
