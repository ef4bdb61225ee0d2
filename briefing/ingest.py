"""Read article files into Article records, one clear error per file that cannot be read."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from pathlib import Path

from briefing import config
from briefing.cleaning import clean_text
from briefing.decoding import DecodingError
from briefing.formats import extract, unsupported_message
from briefing.language import detect_language
from briefing.metadata import detect_outlet, detect_published
from briefing.parallel import map_in_processes
from briefing.records import Article, IngestError, PublishedDate
from briefing.sentences import split_sentences
from briefing.wording import plural

log = logging.getLogger(__name__)


def article_id(data: bytes) -> str:
    """A stable id from the file's bytes: the same content always gets the same id."""
    return hashlib.sha256(data).hexdigest()[:16]


def parse_article(data: bytes, source_file: str) -> Article:
    """Build an Article from a file's bytes; raises DecodingError when they are not usable text."""
    extracted = extract(data, source_file)
    cleaned, header_date = clean_text(extracted.text)
    if not cleaned.text.strip():
        raise DecodingError("no article text was left after removing headers and boilerplate")
    # Splitting stops once there are enough words: the exact count is only needed when short.
    words = len(cleaned.text.split(maxsplit=config.MIN_ARTICLE_WORDS))
    if words < config.MIN_ARTICLE_WORDS:
        raise DecodingError(f"only {plural(words, 'word')} of text found; an article needs at least {config.MIN_ARTICLE_WORDS}")
    outlet, outlet_source = detect_outlet(cleaned)
    published = detect_published(cleaned, header_date)
    hints = extracted.hints
    if hints.get("outlet") and not outlet:
        outlet, outlet_source = hints["outlet"], "page metadata"
    if hints.get("published") and published.confidence != "high":
        published = PublishedDate(hints["published"], "page metadata", "high", published.year_hint)
    return Article(
        id=article_id(data),
        source_file=source_file,
        encoding=extracted.encoding,
        raw_text=extracted.text,
        text=cleaned.text,
        title=cleaned.title or hints.get("title"),
        standfirst=cleaned.standfirst,
        outlet=outlet,
        outlet_source=outlet_source,
        published=published,
        byline=cleaned.byline or hints.get("byline"),
        dateline=cleaned.dateline,
        section=cleaned.section,
        captions=cleaned.captions,
        header_lines=cleaned.header_lines,
        removed=cleaned.removed,
        sentences=tuple(split_sentences(cleaned.text)),
        language=detect_language(cleaned.text),
    )


def parse_file(file: tuple[bytes, str]) -> Article | IngestError:
    """``parse_article`` for a ``(bytes, source name)`` pair, with a refusal as an IngestError.
    Never raises for a file: one that our own code fails on is refused alone (see internal_error)."""
    data, source_file = file
    try:
        return parse_article(data, source_file)
    except DecodingError as error:
        return IngestError(source_file, str(error))
    except Exception as error:  # noqa: BLE001 - one file must not end a batch
        return internal_error(source_file, error)


def internal_error(source_file: str, error: Exception) -> IngestError:
    """The last-resort refusal of a file that our own code failed on (the parsers' errors are
    refusals already); the traceback is logged so that the bug stays visible."""
    log.error("internal error while reading %s", source_file, exc_info=error)
    return IngestError(source_file, f"could not be read: internal error {type(error).__name__}")


def parse_files(files: Sequence[tuple[bytes, str]], workers: int | None = None) -> list[Article | IngestError]:
    """Parse many files, on several processes when there are many; results in input order."""
    return map_in_processes(parse_file, files, workers)


def read_article_file(path: Path, max_bytes: int = config.MAX_FILE_BYTES) -> Article | IngestError:
    """Read one file, or say in plain words why it cannot be used."""
    name = path.name
    if unsupported_message(name):
        return IngestError(name, unsupported_message(name))
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return IngestError(name, f"file is {size:,} bytes, over the {max_bytes:,}-byte limit")
        return parse_file((path.read_bytes(), name))
    except OSError as error:
        return IngestError(name, f"could not be read: {error.strerror or error}")


def read_folder(folder: Path, max_bytes: int = config.MAX_FILE_BYTES) -> tuple[list[Article], list[IngestError]]:
    """Read every file in ``folder`` (sorted by name); unreadable files become errors."""
    articles: list[Article] = []
    errors: list[IngestError] = []
    for path in sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")):
        result = read_article_file(path, max_bytes)
        (errors if isinstance(result, IngestError) else articles).append(result)
    return articles, errors
