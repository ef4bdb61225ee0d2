"""The corpus store: adding, refusing, correcting, deleting; durable under crashes and concurrency."""

import codecs
import logging
import multiprocessing
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from briefing import storage
from briefing.duplicates import CANDIDATES_PER_SHARED_HASH, jaccard
from briefing.pipeline import analyze_articles
from briefing.storage import _MIGRATIONS, SCHEMA_VERSION, Store, safe_source_name
from documents import docx_with_document_part, docx_with_paragraphs
from test_ingest import fail_on_marked_text
from support import FIXTURES_DIR, PROJECT_ROOT, SEEDS_DIR, seed

WORDS = ("trade tariffs chips export controls ministers talks Beijing Washington agreed officials market "
         "investment security companies meeting working group technology supply chain sanctions visit "
         "dialogue minister secretary premier economy growth policy rules transparency cooperation").split()


def random_article(seed_number: int) -> bytes:
    """A distinct English article (no two share a 5-word run) for bulk tests."""
    rng = random.Random(seed_number)
    sentences = [
        "The " + " ".join(rng.choice(WORDS) for _ in range(12)) + f" said the official number {seed_number}-{i}."
        for i in range(6)
    ]
    return (f"Report {seed_number} on the talks\n\n" + "\n\n".join(sentences) + "\n").encode()


@pytest.fixture
def store(tmp_path):
    opened = Store(tmp_path / "corpus.sqlite3")
    yield opened
    opened.close()


@pytest.fixture
def seeded(store):
    store.seed_from_folder(SEEDS_DIR)
    return store


def snapshot(store):
    return store.revision(), store.list()


def test_a_new_store_is_migrated_and_seeded_once_from_the_sample_folder(store):
    assert store.schema_version() == SCHEMA_VERSION
    assert [o.status for o in store.seed_from_folder(SEEDS_DIR)] == ["added"] * 5
    assert store.seed_from_folder(SEEDS_DIR) == []
    assert [a.id for a in store.articles()] == [seed(p).id for p in ("000", "001", "002", "003", "004")]


def test_analysis_from_the_store_equals_analysis_of_the_folder(seeded):
    commitments = analyze_articles(seeded.articles()).commitments
    assert [(c.label, c.article_count) for c in commitments][:1] == [("Information exchange on export controls", 4)]
    assert len(commitments) == 4


def test_exact_duplicate_is_refused_with_a_pointer_to_the_original(seeded):
    before = snapshot(seeded)
    outcome = seeded.add_bytes("copy.txt", (SEEDS_DIR / "000_8871d45ce03c33d8.txt").read_bytes())
    assert (outcome.status, outcome.related_id) == ("duplicate", seed("000").id)
    assert "duplicate of 000_8871d45ce03c33d8.txt" in outcome.message
    assert snapshot(seeded) == before


def test_near_duplicate_is_stored_flagged_and_linked_to_its_twin(seeded):
    copy = seed("004").raw_text.replace("Joe Leahy", "Staff reporter").encode()
    outcome = seeded.add_bytes("syndicated.txt", copy)
    assert outcome.status == "near-duplicate" and outcome.related_id == seed("004").id
    assert "counted once" in outcome.message
    row = next(r for r in seeded.list() if r.id == outcome.article_id)
    assert row.near_duplicate_of == seed("004").id
    exchange = next(c for c in analyze_articles(seeded.articles()).commitments if c.family == "exchange")
    assert exchange.article_count == 4


HOSTILE_INPUTS = [
    ("empty.txt", b"", "empty"),
    ("blank.md", b"   \n\t\n", "empty"),
    ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20, "binary"),
    ("bad-utf8.txt", b"Headline\n\n" + b"\x81\x8d\x8f\x90\x9d" * 30, "neither UTF-8"),
    ("broken.pdf", b"%PDF-1.4 garbage", "PDF is damaged"),
    ("broken.docx", b"PK\x03\x04garbage", "damaged or not a Word"),
    ("sheet.xlsx", b"PK", "unsupported file type"),
]


@pytest.mark.parametrize("name, data, reason", HOSTILE_INPUTS)
def test_bad_files_are_refused_with_a_reason_and_change_nothing(seeded, name, data, reason):
    before = snapshot(seeded)
    outcome = seeded.add_bytes(name, data)
    assert outcome.status == "refused" and reason in outcome.message
    assert snapshot(seeded) == before


def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    store = Store(tmp_path / "c.sqlite3", max_bytes=1024)
    big = tmp_path / "huge.txt"
    big.write_bytes(b"word " * 1000)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("an oversized file must not be read"))
    (outcome,) = store.add_files([big])
    assert outcome.status == "refused" and "over the 1,024-byte limit" in outcome.message
    assert store.list() == []


@pytest.mark.parametrize("encoding", ["utf-16", "cp1252", "utf-8-sig"])
def test_other_encodings_are_stored_and_read_back_identically(store, encoding):
    text = (FIXTURES_DIR / "no_title.txt").read_text(encoding="utf-8") + "Café owners paid €5 for the privilege.\n"
    data = text.encode(encoding) if encoding != "utf-16" else codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    outcome = store.add_bytes("x.txt", data)
    assert outcome.status == "added"
    (article,) = store.articles()
    assert "Café owners paid €5" in article.text


def test_a_non_english_article_is_stored_but_left_out_of_the_analysis(seeded):
    spanish = ("Reunión en Pekín\n\nLa secretaria de Comercio de Estados Unidos se reunió el martes con los "
               "funcionarios chinos para hablar de los controles a la exportación y de un grupo de trabajo.\n").encode()
    outcome = seeded.add_bytes("es.txt", spanish)
    assert outcome.stored and "not in English" in outcome.message
    analysis = analyze_articles(seeded.articles())
    assert [a.source_file for a in analysis.not_analysed] == ["es.txt"]
    assert "es.txt" not in {a.source_file for a in analysis.articles}


def test_markdown_and_html_payloads_are_stored_as_inert_text(store):
    markdown = ("# Payload\n\n![pixel](https://tracker.invalid/p.png) Officials met in Beijing on Monday to talk "
                "about <script>alert(1)</script> export controls and [a link](javascript:alert(2)) today.\n").encode()
    assert store.add_bytes("payload.md", markdown).stored
    (article,) = store.articles()
    assert "tracker.invalid" not in article.text and "javascript:" not in article.text
    assert "<script>alert(1)</script>" in article.text  # kept as text; every page escapes it


def test_a_batch_with_damaged_unreadable_and_failing_files_in_the_middle_gives_every_file_its_outcome(
        store, tmp_path, monkeypatch, caplog):
    files = []
    for number, (name, data) in enumerate([
        ("first.txt", random_article(1)),
        ("half.docx", docx_with_document_part(docx_with_paragraphs(["Raimondo met Wang in Beijing."] * 3),
                                              lambda body: body[: len(body) // 2])),
        ("bug.txt", b"MARKED " + random_article(2)),
        ("vanished.txt", None),
        ("folder.md", "directory"),
        ("last.txt", random_article(3)),
    ]):
        path = tmp_path / name
        if data == "directory":
            path.mkdir()
        elif data is not None:
            path.write_bytes(data)
        files.append(path)
    fail_on_marked_text(monkeypatch)
    with caplog.at_level(logging.ERROR):
        outcomes = store.add_files(files)
    assert [(o.source_name, o.status) for o in outcomes] == [
        ("first.txt", "added"), ("half.docx", "refused"), ("bug.txt", "refused"), ("vanished.txt", "refused"),
        ("folder.md", "refused"), ("last.txt", "added")]
    messages = [o.message for o in outcomes]
    assert messages[1].startswith("the DOCX is damaged or not a Word document (XMLSyntaxError: ")
    assert messages[2] == "could not be read: internal error RuntimeError" and "a bug in our own code" in caplog.text
    assert messages[3] == "could not be read: No such file or directory"
    assert messages[4] == "could not be read: Is a directory"
    assert [row.source_name for row in store.list()] == ["first.txt", "last.txt"]


@pytest.mark.parametrize("name", ["a" * 244 + ".txt", "b" * 300 + ".DOCX", "report " * 50 + ".md"])
def test_a_long_file_name_is_cut_keeping_its_extension(name):
    safe = safe_source_name(name)
    assert len(safe) == 200 and safe.endswith(name[name.rindex("."):]) and name.startswith(safe[:150])


def test_a_file_with_a_244_character_name_is_added_under_its_cut_name(store):
    outcome = store.add_bytes("x" * 240 + ".txt", random_article(4))
    assert outcome.status == "added" and outcome.source_name == "x" * 196 + ".txt"


@pytest.mark.parametrize(
    "name, expected",
    [("../../etc/passwd.txt", "passwd.txt"), ("C:\\Users\\x\\report.md", "report.md"), ("..\x00.txt", "_.txt"),
     ("", "unnamed")],
)
def test_file_names_cannot_address_anything(name, expected):
    assert safe_source_name(name) == expected


def test_corrections_persist_and_survive_reanalysis(tmp_path):
    path = tmp_path / "c.sqlite3"
    first = Store(path)
    first.seed_from_folder(SEEDS_DIR)
    target = seed("002").id
    assert first.correct(target, "outlet", "Example Wire") is None
    assert first.correct(target, "published", "2023-08-29") is None
    assert first.correct(target, "published", "29/08/2023") == "'29/08/2023' is not a date in the form YYYY-MM-DD"
    assert first.correct(target, "text", "x") == "'text' cannot be corrected"
    first.close()
    reopened = Store(path)
    article = next(a for a in reopened.articles() if a.id == target)
    assert (article.outlet, article.published.value, article.published.source) == (
        "Example Wire", "2023-08-29", "analyst correction")
    assert "Example Wire" in next(c for c in analyze_articles(reopened.articles()).commitments
                                  if c.family == "exchange").outlets
    assert reopened.correct(target, "outlet", "") is None
    assert next(a for a in reopened.articles() if a.id == target).outlet is None


def test_the_content_key_follows_the_corpus_and_not_saved_results(seeded, tmp_path):
    initial = seeded.content_key()
    revision = seeded.revision()
    seeded.save_result("some key", {"saved": True})
    assert (seeded.content_key(), seeded.revision()) == (initial, revision)
    target = seed("002").id
    seeded.correct(target, "outlet", "Example Wire")
    corrected = seeded.content_key()
    assert corrected != initial
    seeded.remove(target)
    assert seeded.content_key() not in (initial, corrected)
    seeded.restore(target)
    assert seeded.content_key() == corrected  # the same content gives the same key
    (tmp_path / "new.txt").write_bytes(random_article(1))
    seeded.add_files([tmp_path / "new.txt"])
    assert seeded.content_key() != corrected


def test_a_saved_result_is_read_back_and_a_damaged_one_is_ignored(store):
    store.save_result("first", {"quotes": [1, 2]})
    store.save_result("second", {"quotes": [3]})
    assert store.cached_result("second") == {"quotes": [3]}
    assert store.cached_result("first") is None  # only the latest result is kept
    with sqlite3.connect(store.path) as connection:
        connection.execute("UPDATE analysis_cache SET payload = x'00ff00'")
    assert store.cached_result("second") is None


def test_a_store_of_the_first_schema_is_migrated_in_place(tmp_path):
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as connection:
        connection.executescript(_MIGRATIONS[1] + "; CREATE TABLE schema_version (version INTEGER NOT NULL);"
                                 " INSERT INTO schema_version VALUES (1);")
    store = Store(path)
    assert store.schema_version() == SCHEMA_VERSION == 2
    store.save_result("key", "result")
    assert store.cached_result("key") == "result"
    store.close()


def test_deletion_is_soft_and_restorable(seeded):
    target = seed("001").id
    assert seeded.remove(target)
    assert target not in {a.id for a in seeded.articles()}
    assert next(r for r in seeded.list() if r.id == target).deleted_at
    assert seeded.restore(target)
    assert target in {a.id for a in seeded.articles()}
    assert not seeded.remove("no-such-id")


def test_pasted_text_is_added_with_its_metadata(store):
    outcome = store.add_text((FIXTURES_DIR / "no_title.txt").read_text(), title="Climate talks", outlet="Wire",
                             published="2023-07-20")
    assert outcome.stored
    (article,) = store.articles()
    assert (article.title, article.outlet, article.published.value) == ("Climate talks", "Wire", "2023-07-20")
    assert store.add_text("Short.", published="yesterday").status == "refused"


def test_two_hundred_files_at_once_are_each_added(store, tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for number in range(200):
        (folder / f"article-{number:03}.txt").write_bytes(random_article(number))
    outcomes = store.add_files(sorted(folder.iterdir()))
    assert [o.status for o in outcomes].count("added") == 200
    assert len(store.articles()) == 200


def _add_command(db: Path, files: list[Path]) -> list[str]:
    return [sys.executable, "-m", "briefing", "add", "--db", str(db), *map(str, files)]


def _count(db: Path) -> int:
    with sqlite3.connect(db) as connection:
        return connection.execute("SELECT COUNT(*) FROM articles").fetchone()[0]


@pytest.mark.usefixtures("no_sample_folder")  # the CLI adds only the files it is given
def test_a_crash_in_the_middle_of_an_add_leaves_every_file_whole_or_absent(tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    files = []
    for number in range(150):
        path = folder / f"a{number:03}.txt"
        path.write_bytes(random_article(1000 + number))
        files.append(path)
    db = tmp_path / "crash.sqlite3"
    Store(db).close()
    process = subprocess.Popen(_add_command(db, files), cwd=PROJECT_ROOT, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while _count(db) < 20 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=10)
    assert process.returncode == -signal.SIGKILL, "the add finished before it could be interrupted"
    store = Store(db)
    assert store.integrity_check() == "ok"
    stored = store.list()
    assert 20 <= len(stored) < len(files)
    originals = {path.name: path.read_bytes() for path in files}
    for article in store.articles():
        assert article.raw_text == originals[article.source_file].decode()
    assert len(store.articles()) == len(stored)


@pytest.mark.usefixtures("no_sample_folder")  # the CLI adds only the files it is given
def test_two_processes_adding_at_the_same_time_lose_nothing(tmp_path):
    batches = []
    for batch in range(2):
        folder = tmp_path / f"batch{batch}"
        folder.mkdir()
        for number in range(40):
            (folder / f"b{batch}-{number:02}.txt").write_bytes(random_article(5000 + batch * 100 + number))
        batches.append(sorted(folder.iterdir()))
    db = tmp_path / "shared.sqlite3"
    Store(db).close()
    processes = [subprocess.Popen(_add_command(db, files), cwd=PROJECT_ROOT, stdout=subprocess.PIPE, text=True)
                 for files in batches]
    outputs = [process.communicate(timeout=300)[0] for process in processes]
    assert [process.returncode for process in processes] == [0, 0], outputs
    store = Store(db)
    assert len(store.list()) == 80
    assert store.integrity_check() == "ok"


def test_the_same_bytes_added_by_another_store_while_parsing_are_reported_as_a_duplicate(tmp_path, monkeypatch):
    mine, theirs = Store(tmp_path / "race.sqlite3"), Store(tmp_path / "race.sqlite3")
    parse = storage.parse_file

    def parse_while_the_other_adds(file):  # between this store's check and its insert
        monkeypatch.setattr(storage, "parse_file", parse)
        assert theirs.add_bytes("theirs.txt", file[0]).status == "added"
        return parse(file)

    monkeypatch.setattr(storage, "parse_file", parse_while_the_other_adds)
    outcome = mine.add_bytes("mine.txt", random_article(7000))
    (stored,) = mine.list()
    assert (outcome.status, outcome.message, outcome.related_id) == ("duplicate", "duplicate of theirs.txt", stored.id)
    assert mine.integrity_check() == "ok"


def _add_each_when_both_are_ready(db, paths, barrier, outcomes):
    """One of two processes: add each file as the other does, both starting at the same moment."""
    store = Store(db)
    for path in paths:
        try:
            barrier.wait(timeout=60)
            (outcome,) = store.add_files([path])
        except Exception as error:  # noqa: BLE001 - reported to the test, which fails on it
            outcomes.put((path.name, "raised", repr(error)))
            barrier.abort()  # the other process stops too
            return
        outcomes.put((path.name, outcome.status, outcome.message))


def test_two_processes_adding_the_same_file_at_once_store_it_once_and_the_other_reports_a_duplicate(tmp_path):
    paths = []
    for number in range(6):
        paths.append(tmp_path / f"same-{number}.txt")
        paths[-1].write_bytes(random_article(9000 + number))
    db = tmp_path / "race.sqlite3"
    Store(db).close()
    context = multiprocessing.get_context("spawn")
    barrier, outcomes = context.Barrier(2), context.Queue()
    processes = [context.Process(target=_add_each_when_both_are_ready, args=(db, paths, barrier, outcomes))
                 for _ in range(2)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=120)
    reported = []
    while not outcomes.empty():
        reported.append(outcomes.get())
    for path in paths:
        assert sorted((status, message) for name, status, message in reported if name == path.name) == \
            [("added", "added"), ("duplicate", f"duplicate of {path.name}")]
    store = Store(db)
    assert len(store.list()) == len(paths)
    assert store.integrity_check() == "ok"


def test_adding_articles_that_share_a_sentence_scores_each_against_a_bounded_number_of_stored_ones(store, monkeypatch):
    scored_per_add, scored = [], []
    monkeypatch.setattr("briefing.duplicates.jaccard", lambda first, second: scored.append(1) or jaccard(first, second))
    for number in range(250):
        own = " ".join(random.Random(number).choice(WORDS) for _ in range(12))
        text = f"The two governments agreed on Monday to hold regular talks on trade and investment. Officials said {own} ({number})."
        before = len(scored)
        assert store.add_bytes(f"brief-{number}.txt", text.encode()).stored
        scored_per_add.append(len(scored) - before)
    # Every article shares the sentence with all those stored before it; each add scores the
    # nearest in size of them, not all of them.
    assert max(scored_per_add) <= 2 * CANDIDATES_PER_SHARED_HASH


def test_an_add_reads_the_rows_stored_since_the_last_one_not_every_row(store):
    steps = []  # SQLite's virtual-machine steps: the work of an add, whatever the clock
    for number in range(400):
        if number in (50, 399):
            steps.append(0)
            store._connection.set_progress_handler(lambda: steps.__setitem__(-1, steps[-1] + 1), 1)
        assert store.add_bytes(f"article-{number}.txt", random_article(number)).status == "added"
        store._connection.set_progress_handler(None, 1)
    fifty_stored, four_hundred_stored = steps  # at the 51st add and the 400th
    assert four_hundred_stored < 1.5 * fifty_stored  # was 6.5 times as much: every stored row was listed on each add
