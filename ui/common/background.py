"""Runs one long controller call off the GUI thread; progress, the result, a cancel or an error come back as signals."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot

from controllers.errors import UserError

log = logging.getLogger(__name__)

# progress(done, total) for an import, progress(percent, what is being done) for a brief
Progress = Callable[[int, Any], None]
# work(progress, stop) -> result; it runs in the worker thread, so it must not touch widgets. `stop` is set when
# the user cancels: the work checks stop.is_set() (or hands stop.is_set on) between steps.
Work = Callable[[Progress, threading.Event], Any]


class BackgroundWorker(QObject):
    """One run of `work`, in its own QThread. `cancel()` may be called from the GUI thread at any time.

    Exactly one of finished(result), failed(Chinese message) or cancelled() is emitted at the end.
    """

    progress = Signal(int, object)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, work: Work, *, name: str, failure: str,
                 cancelled_by: tuple[type[BaseException], ...] = ()) -> None:
        super().__init__()
        self._work = work
        self._name = name  # for the log only
        self._failure = failure  # shown when the work raises something that is not a UserError
        self._cancelled_by = cancelled_by
        self._stop = threading.Event()

    def cancel(self) -> None:
        self._stop.set()

    def is_cancelled(self) -> bool:
        return self._stop.is_set()

    @Slot()
    def run(self) -> None:
        try:
            result = self._work(self.progress.emit, self._stop)
        except self._cancelled_by:
            self.cancelled.emit()
        except UserError as exc:
            self.failed.emit(exc.message)
        except Exception:
            log.exception("%s failed", self._name)
            self.failed.emit(self._failure)
        else:
            self.finished.emit(result)


class _Keeper(QObject):
    """Holds every running thread and its worker until the thread has ended, whatever happens to the widget
    that started it (a wizard closed while it still reads, a page gone while its export runs)."""

    def __init__(self) -> None:
        super().__init__()
        self.jobs: dict[int, tuple[QThread, BackgroundWorker]] = {}

    @Slot()
    def forget(self) -> None:
        thread = self.sender()
        if isinstance(thread, QThread):
            thread.wait()  # `finished` comes just before the thread really ends; never drop a running QThread
            self.jobs.pop(id(thread), None)

    @Slot()
    def wait_all(self) -> None:
        for thread, _worker in list(self.jobs.values()):
            thread.wait()


_keeper: _Keeper | None = None


def _the_keeper() -> _Keeper:
    global _keeper
    if _keeper is None:
        _keeper = _Keeper()
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(_keeper.wait_all)  # a started export or import still ends cleanly
    return _keeper


def start(worker: BackgroundWorker) -> QThread:
    """Run the worker in a new thread (connect its signals first); both are cleaned up when it ends."""
    keeper = _the_keeper()
    thread = QThread()
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    for signal in (worker.finished, worker.failed, worker.cancelled):
        signal.connect(thread.quit)
    thread.finished.connect(keeper.forget)
    thread.finished.connect(worker.deleteLater)
    keeper.jobs[id(thread)] = (thread, worker)
    thread.start()
    return thread


def running() -> int:
    """How many workers are still running (tests wait for 0)."""
    return len(_the_keeper().jobs)
