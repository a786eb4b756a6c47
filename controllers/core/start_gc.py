"""The garbage collector held back while the app starts, and what the start made kept out of later collections.

A start imports ~500 modules and maps the ORM: ~120,000 tracked objects that live as long as the process.
CPython's collector, counting those allocations, runs full collections over all of them on the way (2–3 of
~50 ms each under load, a fifth of the CPU time to the first frame: issue 23), and finds almost nothing, since
nothing made during the start is garbage worth finding that early. So `main.py` holds the collector before its
first import and the start resumes it once it is over (the GUI: its first page built; any other command: as it
begins). Resuming freezes what the start made, so that no later full collection walks it again either. The cyclic
garbage a start leaves (~3,200 objects, ~0.5 MB, measured on the station demo) is frozen with it, once per process:
collecting it first would cost a full collection (0.1–0.3 s) just as the first page appears.
"""

from __future__ import annotations

import gc

from controllers.core import gc_hold


class _Hold:
    held = False  # set by hold(): only a start that held the collector turns it back on


def hold() -> None:
    """Pause automatic collection for the start (a collector already turned off by someone else stays theirs)."""
    if gc.isenabled() and not _Hold.held:
        gc_hold.take()  # counted with the holds of large imports (gc_hold), so neither ends the other's early
        _Hold.held = True


def resume() -> None:
    """The start is over: freeze what it made and collect automatically again; once, and only after `hold`."""
    if _Hold.held:
        _Hold.held = False
        gc.freeze()
        gc_hold.give()
