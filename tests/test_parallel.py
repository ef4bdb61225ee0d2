"""Per-article work spread over processes gives exactly the serial results, in order."""

import os
from functools import partial

import pytest

from briefing import config
from briefing.ingest import parse_files
from briefing.parallel import map_batches, map_in_processes
from briefing.pipeline import _PER_ARTICLE, analyze_articles, read_files
from tests.support import FIXTURES_DIR, SEEDS_DIR


def _files() -> list[tuple[bytes, str]]:
    """The seeds and our own articles, plus copies with a different ending (new ids, same prose)."""
    paths = sorted([*SEEDS_DIR.iterdir(), *FIXTURES_DIR.iterdir()])
    files = [(path.read_bytes(), path.name) for path in paths]
    copies = [(data + f"\n\nThis copy was filed as number {n}.\n".encode(), f"copy-{n}-{name}")
              for n, (data, name) in enumerate(files)]
    return files + copies + [(b"", "empty.txt"), (b"\x00\x01" * 50, "binary.txt")]


def test_work_runs_in_other_processes_and_keeps_the_order():
    pids_and_items = map_in_processes(_pid_and_square, list(range(40)), workers=2, min_items=2)
    assert [item for _, item in pids_and_items] == [n * n for n in range(40)]
    assert os.getpid() not in {pid for pid, _ in pids_and_items}


@pytest.mark.parametrize("workers", [1, 2])
def test_a_function_of_batches_gets_every_item_once_in_order_in_small_batches(workers):
    results = map_batches(_batch_size_and_square, list(range(300)), workers=workers, min_items=2)
    assert [square for _, square in results] == [n * n for n in range(300)]
    sizes = {size for size, _ in results}
    assert max(sizes) <= 64 and len(sizes) <= 2  # equal batches, perhaps a shorter last one


def test_few_items_are_processed_in_this_process():
    assert {pid for pid, _ in map_in_processes(_pid_and_square, [1, 2, 3], workers=2, min_items=10)} == {os.getpid()}


def test_work_is_redone_in_this_process_when_a_worker_dies_and_the_next_call_gets_fresh_workers(caplog):
    parent = os.getpid()
    results = map_in_processes(partial(_die_in_a_worker, parent), list(range(20)), workers=2, min_items=2)
    assert results == [(parent, n * n) for n in range(20)]
    assert "a worker process died" in caplog.text
    assert os.getpid() not in {pid for pid, _ in map_in_processes(_pid_and_square, list(range(20)), workers=2, min_items=2)}


def test_parsing_on_two_processes_equals_parsing_on_one(monkeypatch, caplog):
    monkeypatch.setattr(config, "PARALLEL_MIN_ARTICLES", 2)
    serial = parse_files(_files(), workers=1)
    assert parse_files(_files(), workers=2) == serial
    assert "worker process died" not in caplog.text  # the workers did the work, no in-process redo
    assert [type(result).__name__ for result in serial[-2:]] == ["IngestError", "IngestError"]


def test_analysis_on_two_processes_equals_the_serial_analysis(monkeypatch, caplog):
    monkeypatch.setattr(config, "PARALLEL_MIN_ARTICLES", 2)
    articles = [a for a in parse_files(_files(), workers=1) if not hasattr(a, "message")]
    _PER_ARTICLE.clear()
    serial = analyze_articles(articles, workers=1)
    _PER_ARTICLE.clear()
    parallel = analyze_articles(articles, workers=2)
    assert serial.quotes and serial.positions and serial.commitments  # the comparison has substance
    assert parallel == serial
    assert "worker process died" not in caplog.text  # the workers did the work, no in-process redo


def test_reading_files_on_two_processes_gives_the_serial_articles_and_analysis(monkeypatch, caplog):
    monkeypatch.setattr(config, "PARALLEL_MIN_ARTICLES", 2)
    _PER_ARTICLE.clear()
    serial_articles = parse_files(_files(), workers=1)
    serial = analyze_articles([a for a in serial_articles if not hasattr(a, "message")], workers=1)
    _PER_ARTICLE.clear()
    read = read_files(_files(), workers=2)
    assert read == serial_articles
    assert analyze_articles([a for a in read if not hasattr(a, "message")], workers=2) == serial
    assert "worker process died" not in caplog.text


def _pid_and_square(number: int) -> tuple[int, int]:
    return os.getpid(), number * number


def _batch_size_and_square(batch: list[int]) -> list[tuple[int, int]]:
    return [(len(batch), number * number) for number in batch]


def _die_in_a_worker(parent: int, number: int) -> tuple[int, int]:
    if os.getpid() != parent:
        os._exit(1)  # a worker killed mid-task, as by the kernel's out-of-memory killer
    return _pid_and_square(number)
