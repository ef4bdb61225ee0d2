"""Spread independent per-item work over the machine's cores, keeping the items' order.

Workers are forked from a small "forkserver" process rather than from the caller: the dashboard
serves each browser session on a thread, and forking a threaded process can copy a held lock.
The pool starts on first use (about a third of a second) and is reused for the process's life.
Results are those of the serial loop, in the same order: the work functions are pure.
"""

from __future__ import annotations

import logging
import multiprocessing
import sys
import types
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from functools import partial
from typing import TypeVar

from briefing import config
from briefing.collector import collector_paused

Item = TypeVar("Item")
Result = TypeVar("Result")

#: Modules the forkserver imports once, so each worker starts with them loaded.
_WORKER_MODULES = ["briefing.article_analysis", "briefing.ingest"]
_BATCHES_PER_WORKER = 16
_SERIAL_BATCH = 64  # items per batch in this process: a stage's working set stays small
_pools: dict[int, ProcessPoolExecutor] = {}
_log = logging.getLogger(__name__)


def map_in_processes(function: Callable[[Item], Result], items: Sequence[Item], workers: int | None = None,
                     min_items: int | None = None) -> list[Result]:
    """``[function(item) for item in items]``, on ``workers`` processes when there are enough items.

    ``function`` must be importable (a module-level function or a ``functools.partial`` of one).
    """
    return map_batches(partial(_each, function), items, workers, min_items)


def map_batches(function: Callable[[list[Item]], list[Result]], items: Sequence[Item], workers: int | None = None,
                min_items: int | None = None) -> list[Result]:
    """``function(items)`` for a ``function`` giving one result per item, in order, run on batches
    of the items: on ``workers`` processes when there are enough items, else here.

    A function of a batch can go stage by stage over its items, which keeps each stage's code and
    data in the CPU's caches. ``function`` must be importable, as for ``map_in_processes``.
    """
    workers = config.WORKERS if workers is None else workers
    min_items = config.PARALLEL_MIN_ARTICLES if min_items is None else min_items
    function = partial(_collector_paused_call, function)
    if workers <= 1 or len(items) < max(min_items, 2):
        return _in_batches(function, items, _SERIAL_BATCH)
    # Many batches per worker, so no worker idles long at the end while another finishes a big
    # one; each batch costs a few kilobytes of pickled function, so feeding them stays cheap.
    size = max(1, -(-len(items) // (workers * _BATCHES_PER_WORKER)))
    try:
        with _callers_main_module_hidden():  # workers start while the batches are handed out
            results = _pool(workers).map(function, _batches(items, size))
        with collector_paused():  # results arrive as pickles of many small records
            return [result for batch in results for result in batch]
    except BrokenProcessPool:
        # A worker died (killed for memory, say): the work is redone here, and the next call
        # starts a fresh pool. An exception raised by ``function`` itself is not caught.
        _pools.pop(workers).shutdown(wait=False, cancel_futures=True)
        _log.warning("a worker process died; %d items are processed in this process instead", len(items))
        return _in_batches(function, items, _SERIAL_BATCH)


def _batches(items: Sequence[Item], size: int) -> list[list[Item]]:
    return [list(items[start:start + size]) for start in range(0, len(items), size)]


def _in_batches(function: Callable[[list[Item]], list[Result]], items: Sequence[Item], size: int) -> list[Result]:
    return [result for batch in _batches(items, size) for result in function(batch)]


def _collector_paused_call(function: Callable[[list[Item]], list[Result]], batch: list[Item]) -> list[Result]:
    # A batch makes tens of thousands of small records and temporaries, none in a reference cycle:
    # the cyclic collector's passes over them cost about 3% of the per-article work, for nothing.
    with collector_paused():
        return function(batch)


def _each(function: Callable[[Item], Result], batch: list[Item]) -> list[Result]:
    return [function(item) for item in batch]


@contextmanager
def _callers_main_module_hidden() -> Iterator[None]:
    """Show new workers a main module without a file, so they do not import the caller's.

    multiprocessing makes each new worker import the parent's ``__main__`` (in case the work
    function is defined there). Ours never is, and under Streamlit the main module is app.py:
    importing it would start a dashboard run inside the worker and kill it. A main module with
    no file is left alone.
    """
    main = sys.modules["__main__"]
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        sys.modules["__main__"] = main


def _pool(workers: int) -> ProcessPoolExecutor:
    if workers not in _pools:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(_WORKER_MODULES)
        _pools[workers] = ProcessPoolExecutor(max_workers=workers, mp_context=context)
    return _pools[workers]
