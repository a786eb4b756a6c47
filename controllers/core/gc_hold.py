"""The garbage collector held back while a large piece of work builds millions of objects that live until it ends.

A full exchange package of a 100,000-case station keeps millions of tracked objects alive for the length of its
import (UUID → id maps, chunks of rows): CPython's collector, counting those allocations, runs full collections that
walk all of them and find nothing to free (issue 23: 13 s of a 90 s import, the same peak memory without them).
The collector is process-wide while such work runs on a worker thread beside the GUI, so holds are counted: the
collector comes back only when the last hold ends (a hold inside a hold, or an import while the start still holds it,
never turns it on early), and only if it was on when the first hold began (a collector turned off by someone else
stays theirs). `held()` gives it back however the work ends: done, refused, cancelled or failed.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class _State:
    lock = threading.Lock()
    holds = 0
    was_enabled = False  # the collector's state when the first of the current holds began


def take() -> None:
    """Begin a hold (pair every take with one give)."""
    with _State.lock:
        if _State.holds == 0:
            _State.was_enabled = gc.isenabled()
            gc.disable()
        _State.holds += 1


def give() -> None:
    """End a hold: the last one turns the collector back on if it was on before the first."""
    with _State.lock:
        if _State.holds == 0:
            return
        _State.holds -= 1
        if _State.holds == 0 and _State.was_enabled:
            gc.enable()


@contextmanager
def held() -> Iterator[None]:
    """No automatic collection for the duration; the state before comes back however the block ends."""
    take()
    try:
        yield
    finally:
        give()
