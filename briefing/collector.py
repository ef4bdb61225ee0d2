"""Pausing Python's cyclic garbage collector while many small records are made at once.

Every record the analysis builds (quotes, keywords, sentences, whole unpickled analyses) is an
object the cyclic collector tracks. Building thousands at a time triggers repeated full
collections over the whole heap, which cost more than the building itself and grow with the
heap of the app around us. These records form no reference cycles, so pausing the collector
loses nothing (reference counting still frees them); its previous state is restored.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
