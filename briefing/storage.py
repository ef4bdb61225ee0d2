"""The corpus store: one SQLite database that owns every article the analysts add.

It keeps the original bytes (so an article can always be re-read with better rules), the decoded
and cleaned text and metadata as read when added, the analyst's corrections, and deletions (soft,
restorable). Every write is one transaction: a crash mid-way leaves each file fully stored or
absent. Concurrent writers wait for each other (``BEGIN IMMEDIATE`` and a busy timeout), and the
same file added by two at once is stored once: the later one reports it as a duplicate.
The schema is versioned and migrated on open; nothing else in the project touches SQL, so a
server database could replace this module behind the same methods.
"""

from __future__ import annotations

import functools
import hashlib
import json
import pickle
import re
import sqlite3
import threading
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path

from briefing import config
from briefing.collector import collector_paused
from briefing.duplicates import NearDuplicateIndex, shingle_hashes
from briefing.formats import extension_of, unsupported_message
from briefing.ingest import article_id, internal_error, parse_file, parse_files
from briefing.records import Article, IngestError, PublishedDate

SCHEMA_VERSION = 2
CORRECTABLE_FIELDS = ("title", "outlet", "published")

_MIGRATIONS = {
    1: """
        CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            sha256 TEXT NOT NULL UNIQUE,
            source_name TEXT NOT NULL,
            original BLOB NOT NULL,
            decoded_text TEXT NOT NULL,
            cleaned_text TEXT NOT NULL,
            metadata TEXT NOT NULL,
            language TEXT NOT NULL,
            near_duplicate_of TEXT REFERENCES articles(id),
            added_at TEXT NOT NULL,
            deleted_at TEXT
        );
        CREATE TABLE corrections (
            article_id TEXT NOT NULL REFERENCES articles(id),
            field TEXT NOT NULL CHECK (field IN ('title', 'outlet', 'published')),
            value TEXT,
            corrected_at TEXT NOT NULL,
            PRIMARY KEY (article_id, field)
        );
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        INSERT INTO meta VALUES ('revision', '0');
    """,
    # The last analysis, so a restarted dashboard shows it without re-analysing the corpus.
    2: """
        CREATE TABLE analysis_cache (key TEXT PRIMARY KEY, saved_at TEXT NOT NULL, payload BLOB NOT NULL);
    """,
}


@dataclass(frozen=True)
class AddOutcome:
    """What happened to one file: added, near-duplicate (added and linked), duplicate or refused."""

    source_name: str
    status: str
    message: str
    article_id: str | None = None
    related_id: str | None = None  # the original of a duplicate or near-duplicate

    @property
    def stored(self) -> bool:
        return self.status in ("added", "near-duplicate")


@dataclass(frozen=True)
class StoredArticle:
    """A row of the corpus as the Corpus page lists it."""

    id: str
    source_name: str
    title: str | None
    outlet: str | None
    published: str | None
    language: str
    added_at: str
    deleted_at: str | None
    near_duplicate_of: str | None
    corrections: dict


MAX_SOURCE_NAME = 200


def safe_source_name(name: str) -> str:
    """A file name that cannot address anything: last path component, no '..', no control chars,
    at most MAX_SOURCE_NAME characters (a long one is cut before its extension, which says its type)."""
    name = re.split(r"[\\/]", name or "")[-1]
    name = re.sub(r"[\x00-\x1f\x7f]", "", name).replace("..", "_").strip(" .")
    if len(name) > MAX_SOURCE_NAME:
        extension = name[len(name) - len(extension_of(name)):][:MAX_SOURCE_NAME // 10]  # as written, not lowercased
        name = name[: MAX_SOURCE_NAME - len(extension)] + extension
    return name or "unnamed"


def _locked(method):
    """One connection serves every thread of a dashboard process, one call at a time."""
    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        with self._lock:
            return method(self, *args, **kwargs)
    return wrapper


class Store:
    """The article database at ``path`` (created and migrated on first use)."""

    def __init__(self, path: Path | str = None, max_bytes: int = config.MAX_FILE_BYTES):
        self.path = Path(path or config.DATABASE_PATH)
        self.max_bytes = max_bytes
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self._near_duplicates = NearDuplicateIndex()  # stored articles' shingles, filled as needed
        self._indexed_rowid = 0  # the rows up to this one are in the index
        self._connection = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
        self._connection.execute("PRAGMA journal_mode=WAL")
        self._connection.execute("PRAGMA synchronous=FULL")
        self._connection.execute("PRAGMA foreign_keys=ON")
        self._migrate()

    @_locked
    def close(self) -> None:
        self._connection.close()

    # --- schema ---------------------------------------------------------------------------------

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        connection = self._connection
        connection.execute("BEGIN IMMEDIATE")
        try:
            yield connection
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")

    def _migrate(self) -> None:
        with self._transaction() as connection:
            connection.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            row = connection.execute("SELECT MAX(version) FROM schema_version").fetchone()
            current = row[0] or 0
            if current > SCHEMA_VERSION:
                raise RuntimeError(f"{self.path} has schema {current}, newer than this program's {SCHEMA_VERSION}")
            for version in range(current + 1, SCHEMA_VERSION + 1):
                for statement in filter(str.strip, _MIGRATIONS[version].split(";")):
                    connection.execute(statement)
                connection.execute("INSERT INTO schema_version VALUES (?)", (version,))

    @_locked
    def schema_version(self) -> int:
        return self._connection.execute("SELECT MAX(version) FROM schema_version").fetchone()[0]

    @_locked
    def revision(self) -> int:
        """A number that changes with every write: the dashboard's cache key."""
        return int(self._connection.execute("SELECT value FROM meta WHERE key = 'revision'").fetchone()[0])

    def _bump(self, connection: sqlite3.Connection) -> None:
        connection.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'revision'")

    # --- adding ---------------------------------------------------------------------------------

    @_locked
    def seed_from_folder(self, folder: Path) -> list[AddOutcome]:
        """Fill an empty store with the article files of ``folder`` (done once)."""
        done = self._connection.execute("SELECT value FROM meta WHERE key = 'seeded'").fetchone()
        if done or not folder.is_dir():
            return []
        own_files = self.path.name  # the database may live in the folder it is seeded from
        outcomes = self.add_files(sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")
                                         and not (p.parent == self.path.parent and p.name.startswith(own_files))))
        refused = [{"source_file": o.source_name, "message": o.message} for o in outcomes if o.status == "refused"]
        with self._transaction() as connection:
            connection.execute("INSERT OR REPLACE INTO meta VALUES ('seeded', ?)", (str(folder),))
            connection.execute("INSERT OR REPLACE INTO meta VALUES ('seed_refused', ?)", (json.dumps(refused),))
        return outcomes

    @_locked
    def refused_at_seeding(self) -> list[IngestError]:
        """Files of the seed folder that could not be stored, and why (shown on the Summary page)."""
        row = self._connection.execute("SELECT value FROM meta WHERE key = 'seed_refused'").fetchone()
        return [IngestError(item["source_file"], item["message"]) for item in json.loads(row[0])] if row else []

    @_locked
    def add_files(self, paths: Iterable[Path]) -> list[AddOutcome]:
        """Add files from disk, one outcome each: a file that cannot be read, or that fails in a way
        nothing else caught, is refused alone and the rest of the batch proceeds."""
        outcomes = []
        for path in paths:
            name = safe_source_name(path.name)
            try:
                outcomes.append(self._add_file(path, name))
            except OSError as error:
                outcomes.append(AddOutcome(name, "refused", f"could not be read: {error.strerror or error}"))
            except Exception as error:  # noqa: BLE001 - logged by internal_error
                outcomes.append(AddOutcome(name, "refused", internal_error(name, error).message))
        return outcomes

    def _add_file(self, path: Path, name: str) -> AddOutcome:
        """Add one file from disk; an oversized file is refused before it is read."""
        size = path.stat().st_size
        if size > self.max_bytes:
            return AddOutcome(name, "refused", f"file is {size:,} bytes, over the {self.max_bytes:,}-byte limit")
        if unsupported_message(name):
            return AddOutcome(name, "refused", unsupported_message(name))
        return self.add_bytes(name, path.read_bytes())

    @_locked
    def add_bytes(self, name: str, data: bytes, corrections: dict | None = None) -> AddOutcome:
        """Add one file's bytes; never raises for bad input, says what happened instead."""
        name = safe_source_name(name)
        if len(data) > self.max_bytes:
            return AddOutcome(name, "refused", f"file is {len(data):,} bytes, over the {self.max_bytes:,}-byte limit")
        digest = hashlib.sha256(data).hexdigest()
        duplicate = self._exact_duplicate(name, digest)
        if duplicate:
            return duplicate
        article = parse_file((data, name))
        if isinstance(article, IngestError):
            return AddOutcome(name, "refused", article.message)
        twin = self._near_duplicate(article)
        metadata = {
            "title": article.title, "outlet": article.outlet, "published": article.published.value,
            "byline": article.byline, "dateline": article.dateline, "encoding": article.encoding,
        }
        with self._transaction() as connection:
            # Checked again now that this process alone writes: another (a CLI beside the
            # dashboard) may have added the same bytes since the check above.
            duplicate = self._exact_duplicate(name, digest)
            if duplicate:
                return duplicate
            connection.execute(
                "INSERT INTO articles (id, sha256, source_name, original, decoded_text, cleaned_text, metadata,"
                " language, near_duplicate_of, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (article.id, digest, name, data, article.raw_text, article.text, json.dumps(metadata),
                 article.language, twin[0] if twin else None, _now()),
            )
            for field_name, value in (corrections or {}).items():
                self._write_correction(connection, article.id, field_name, value)
            self._bump(connection)
        notes = []
        if twin:
            notes.append(f"near-duplicate of {twin[1]} ({twin[2]:.0%} similar); counted once")
        if article.language != "en":
            notes.append("not in English: stored but left out of the analysis")
        status = "near-duplicate" if twin else "added"
        return AddOutcome(name, status, "; ".join(notes) or "added", article.id, twin[0] if twin else None)

    @_locked
    def add_text(self, text: str, title: str = "", outlet: str = "", published: str = "") -> AddOutcome:
        """Add pasted text; the optional fields are stored as the analyst's corrections."""
        corrections = {k: v.strip() for k, v in (("title", title), ("outlet", outlet), ("published", published)) if v and v.strip()}
        problem = _correction_problem(corrections)
        if problem:
            return AddOutcome("pasted text", "refused", problem)
        stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
        return self.add_bytes(f"pasted-{stamp}.txt", text.encode("utf-8"), corrections)

    def _exact_duplicate(self, name: str, digest: str) -> AddOutcome | None:
        existing = self._connection.execute(
            "SELECT id, source_name, deleted_at FROM articles WHERE sha256 = ?", (digest,)).fetchone()
        if not existing:
            return None
        where = " (deleted; restore it instead)" if existing[2] else ""
        return AddOutcome(name, "duplicate", f"duplicate of {existing[1]}{where}", existing[0], existing[0])

    def _near_duplicate(self, article: Article) -> tuple[str, str, float] | None:
        # Rows are never removed, so a row stored since the last add (maybe by another process)
        # has a higher rowid than every row indexed: only those are read.
        for rowid, row_id, text in self._connection.execute(
                "SELECT rowid, id, cleaned_text FROM articles WHERE rowid > ? ORDER BY rowid", (self._indexed_rowid,)):
            self._near_duplicates.add(row_id, shingle_hashes(text))
            self._indexed_rowid = rowid
        matches = dict(self._near_duplicates.matches(shingle_hashes(article.text)))
        if not matches:
            return None
        live = dict(self._connection.execute(
            f"SELECT id, source_name FROM articles WHERE deleted_at IS NULL AND id IN ({', '.join('?' * len(matches))})",
            list(matches)))
        if not live:
            return None
        row_id = max((row_id for row_id in matches if row_id in live), key=matches.get)  # the first of equally close
        return row_id, live[row_id], matches[row_id]

    # --- editing --------------------------------------------------------------------------------

    @_locked
    def correct(self, article_id_: str, field_name: str, value: str | None) -> str | None:
        """Record the analyst's value for a field (None or '' removes the correction). Returns a
        problem in words, or None when stored."""
        value = (value or "").strip() or None
        problem = _correction_problem({field_name: value} if value else {}) if field_name in CORRECTABLE_FIELDS \
            else f"'{field_name}' cannot be corrected"
        if problem:
            return problem
        with self._transaction() as connection:
            if not connection.execute("SELECT 1 FROM articles WHERE id = ?", (article_id_,)).fetchone():
                return f"no article {article_id_}"
            self._write_correction(connection, article_id_, field_name, value)
            self._bump(connection)
        return None

    def _write_correction(self, connection: sqlite3.Connection, article_id_: str, field_name: str, value) -> None:
        if value is None:
            connection.execute("DELETE FROM corrections WHERE article_id = ? AND field = ?", (article_id_, field_name))
        else:
            connection.execute("INSERT OR REPLACE INTO corrections VALUES (?, ?, ?, ?)",
                               (article_id_, field_name, value, _now()))

    @_locked
    def remove(self, article_id_: str) -> bool:
        return self._set_deleted(article_id_, _now())

    @_locked
    def restore(self, article_id_: str) -> bool:
        return self._set_deleted(article_id_, None)

    def _set_deleted(self, article_id_: str, when: str | None) -> bool:
        with self._transaction() as connection:
            changed = connection.execute("UPDATE articles SET deleted_at = ? WHERE id = ?", (when, article_id_)).rowcount
            if changed:
                self._bump(connection)
        return bool(changed)

    # --- reading --------------------------------------------------------------------------------

    @_locked
    def list(self, include_deleted: bool = True) -> list[StoredArticle]:
        corrections = self._corrections()
        rows = self._connection.execute(
            "SELECT id, source_name, metadata, language, added_at, deleted_at, near_duplicate_of FROM articles"
            + ("" if include_deleted else " WHERE deleted_at IS NULL") + " ORDER BY added_at, source_name")
        result = []
        for row_id, name, metadata, language, added, deleted, twin in rows:
            shown = {**json.loads(metadata), **corrections.get(row_id, {})}
            result.append(StoredArticle(row_id, name, shown.get("title"), shown.get("outlet"), shown.get("published"),
                                        language, added, deleted, twin, corrections.get(row_id, {})))
        return result

    @_locked
    def articles(self, parse: Callable[[list[tuple[bytes, str]]], list[Article | IngestError]] = parse_files
                 ) -> list[Article]:
        """Every live article that can be read, re-read from its original bytes, with the analyst's corrections."""
        return self.read(parse)[0]

    @_locked
    def read(self, parse: Callable[[list[tuple[bytes, str]]], list[Article | IngestError]] = parse_files
             ) -> tuple[list[Article], list[IngestError]]:
        """Every live article re-read from its original bytes, with the analyst's corrections, and
        the stored files that can no longer be read (rules tightened since they were added).

        ``parse`` reads the files not read before in this process (``pipeline.read_files``
        analyses them on the way).
        """
        corrections = self._corrections()
        rows = self._connection.execute(
            "SELECT id, source_name, original FROM articles WHERE deleted_at IS NULL ORDER BY added_at, source_name"
        ).fetchall()
        articles: list[Article] = []
        unreadable: list[IngestError] = []
        for (row_id, _, _), parsed in zip(rows, _parse_cached([(bytes(data), name) for _, name, data in rows], parse)):
            if isinstance(parsed, IngestError):
                unreadable.append(IngestError(parsed.source_file, f"stored, but can no longer be read: {parsed.message}"))
            else:
                articles.append(_with_corrections(parsed, corrections.get(row_id, {})))
        return articles, unreadable

    @_locked
    def content_key(self) -> str:
        """A digest of what an analysis of this store reads: live articles, corrections, refusals."""
        digest = hashlib.sha256()
        for row in self._connection.execute(
                "SELECT id, source_name FROM articles WHERE deleted_at IS NULL ORDER BY added_at, source_name"):
            digest.update(json.dumps(row).encode())
        digest.update(json.dumps(sorted(self._corrections().items())).encode())
        refused = self._connection.execute("SELECT value FROM meta WHERE key = 'seed_refused'").fetchone()
        digest.update((refused[0] if refused else "").encode())
        return digest.hexdigest()

    @_locked
    def cached_result(self, key: str) -> object | None:
        """The result saved under ``key`` by ``save_result``, or None (also when it cannot be read)."""
        row = self._connection.execute("SELECT payload FROM analysis_cache WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        try:
            # Only this program writes the table; the key holds a digest of the code that wrote it.
            # Millions of objects: with the cyclic collector paused this takes a third of the time.
            with collector_paused():
                return pickle.loads(zlib.decompress(row[0]))
        except Exception:  # noqa: BLE001 - a damaged cache entry only means analysing again
            return None

    @_locked
    def save_result(self, key: str, result: object) -> None:
        """Keep ``result`` (the latest analysis) under ``key``, replacing older results."""
        payload = zlib.compress(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL), 1)
        with self._transaction() as connection:  # not a corpus change: the revision stays
            connection.execute("DELETE FROM analysis_cache")
            connection.execute("INSERT INTO analysis_cache VALUES (?, ?, ?)", (key, _now(), payload))

    @_locked
    def integrity_check(self) -> str:
        return self._connection.execute("PRAGMA integrity_check").fetchone()[0]

    def _corrections(self) -> dict[str, dict]:
        found: dict[str, dict] = {}
        for row_id, field_name, value in self._connection.execute("SELECT article_id, field, value FROM corrections"):
            found.setdefault(row_id, {})[field_name] = value
        return found


_PARSED: dict[tuple[str, str], Article | IngestError] = {}


def _parse_cached(files: list[tuple[bytes, str]], parse: Callable) -> list[Article | IngestError]:
    """Parsing is pure, so a file already parsed in this process is not parsed again."""
    keys = [(article_id(data), name) for data, name in files]
    new = [(key, file) for key, file in zip(keys, files) if key not in _PARSED]
    for (key, _), parsed in zip(new, parse([file for _, file in new])):
        _PARSED[key] = parsed
    return [_PARSED[key] for key in keys]


def _with_corrections(article: Article, corrections: dict) -> Article:
    if not corrections:
        return article
    published = article.published
    if "published" in corrections:
        published = PublishedDate(corrections["published"], "analyst correction", "high", published.year_hint)
    return replace(
        article,
        title=corrections.get("title", article.title),
        outlet=corrections.get("outlet", article.outlet),
        outlet_source="analyst correction" if "outlet" in corrections else article.outlet_source,
        published=published,
    )


def _correction_problem(corrections: dict) -> str | None:
    published = corrections.get("published")
    if published:
        try:
            datetime.strptime(published, "%Y-%m-%d")
        except ValueError:
            return f"'{published}' is not a date in the form YYYY-MM-DD"
    for field_name, value in corrections.items():
        if value and len(value) > 300:
            return f"the {field_name} is longer than 300 characters"
    return None


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")
