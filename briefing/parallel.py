"""Spread independent per-item work over the machine's cores, keeping the items' order.

Workers are forked from a small "forkserver" process rather than from the caller: the dashboard
serves each browser session on a thread, and forking a threaded process can copy a held lock.
The pool starts on first use (about a third of a second) and is reused for the process's life.
Results are those of the serial loop, in the same order: the work functions are pure.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

from briefing import config

Item = TypeVar("Item")
Result = TypeVar("Result")

#: Modules the forkserver imports once, so each worker starts with them loaded. "__main__" is
#: multiprocessing's default (the caller's script, imported without running its main block); it
#: saves each worker importing it again.
_WORKER_MODULES = ["__main__", "briefing.article_analysis", "briefing.ingest"]
_pools: dict[int, ProcessPoolExecutor] = {}


def map_in_processes(function: Callable[[Item], Result], items: Sequence[Item], workers: int | None = None,
                     min_items: int | None = None) -> list[Result]:
    """``[function(item) for item in items]``, on ``workers`` processes when there are enough items.

    ``function`` must be importable (a module-level function or a ``functools.partial`` of one).
    """
    workers = config.WORKERS if workers is None else workers
    min_items = config.PARALLEL_MIN_ARTICLES if min_items is None else min_items
    if workers <= 1 or len(items) < max(min_items, 2):
        return [function(item) for item in items]
    # Several chunks per worker even out uneven articles; few enough that feeding them is cheap.
    chunk_size = max(1, -(-len(items) // (workers * 4)))
    return list(_pool(workers).map(function, items, chunksize=chunk_size))


def _pool(workers: int) -> ProcessPoolExecutor:
    if workers not in _pools:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(_WORKER_MODULES)
        _pools[workers] = ProcessPoolExecutor(max_workers=workers, mp_context=context)
    return _pools[workers]
