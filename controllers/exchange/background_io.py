"""A zip member's compressing or decompressing on a thread of its own, beside the Python work on its rows (issue 23).

zlib lets go of the GIL while it deflates or inflates (and crc32 while it sums), so handed a block at a time to a
second thread that work runs on the other core: deflating a full package of a 100,000-case station was a tenth of
exporting it, inflating one a fiftieth of importing it, each until now on the one core that also builds or reads
every row. Blocks are a few hundred KB to a MB, so the threads meet a few thousand times per package, not per row.
Order and content are exactly what writing or reading in the caller's thread gives; an error on the other thread is
raised in the caller's at its next write or read, or when it finishes.
"""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Generator, Iterator
from contextlib import contextmanager
from typing import IO

_DEPTH = 8  # blocks waiting between the two threads: a few MB at most
_DONE = object()


class _Failed:
    def __init__(self, error: BaseException) -> None:
        self.error = error


class WriteBehind:
    """Writes given to write() reach `out` in order on a thread of its own; `finish()` waits for the last one."""

    def __init__(self, out: IO[bytes]) -> None:
        self._out = out
        self._blocks: queue.Queue[object] = queue.Queue(maxsize=_DEPTH)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="package writer", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while (block := self._blocks.get()) is not _DONE:
            if self._error is None:  # after a failure the rest is only taken off the queue, so write() never waits
                assert isinstance(block, bytes)
                try:
                    self._out.write(block)
                except BaseException as exc:  # raised in the caller's thread (write or finish)
                    self._error = exc

    def write(self, block: bytes) -> int:
        if self._error is not None:
            raise self._error
        self._blocks.put(block)
        return len(block)

    def finish(self) -> None:
        """Wait until every block is written (or dropped after a failure); raise what writing raised."""
        if self._thread.is_alive():
            self._blocks.put(_DONE)
            self._thread.join()
        if self._error is not None:
            raise self._error


@contextmanager
def written_behind(out: IO[bytes]) -> Iterator[WriteBehind]:
    """A WriteBehind of `out`, finished when the block ends (also when it fails: nothing is left writing to `out`
    once the caller closes it)."""
    writer = WriteBehind(out)
    try:
        yield writer
    except BaseException:
        with contextlib.suppress(BaseException):  # the block's own error is the one to see
            writer.finish()
        raise
    writer.finish()


def blocks_read_ahead(raw: IO[bytes], size: int) -> Generator[bytes, None, None]:
    """raw.read(size) until it gives nothing, each read made on a thread of its own a few blocks ahead of the caller
    (what it raised is raised here, in its place). Stopping early stops the thread after the read it is making:
    nothing reads `raw` once this generator is closed."""
    blocks: queue.Queue[object] = queue.Queue(maxsize=_DEPTH)
    stop = threading.Event()

    def run() -> None:
        try:
            while not stop.is_set():
                block = raw.read(size)
                blocks.put(block)
                if not block:
                    break
        except BaseException as exc:  # raised in the caller's thread, in the block's place
            blocks.put(_Failed(exc))
        finally:
            blocks.put(_DONE)  # the caller takes blocks until this one, so there is always room for it in time

    thread = threading.Thread(target=run, name="package reader", daemon=True)
    thread.start()
    item: object = None
    try:
        while (item := blocks.get()) is not _DONE:
            if isinstance(item, _Failed):
                raise item.error
            assert isinstance(item, bytes)
            if not item:
                return
            yield item
    finally:
        stop.set()
        while item is not _DONE:  # what the thread still puts, up to its last word
            item = blocks.get()
        thread.join()
