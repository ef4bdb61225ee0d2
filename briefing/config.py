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
