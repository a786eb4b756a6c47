"""The one way to run controller work off the GUI thread, after Anki's CollectionOp.

`run(parent, call, changes=..., done=...)` runs one controller call in a worker thread, so a save on a slow
server never freezes a window. Back on the GUI thread it either hands the result to `done` and announces what
changed (one typed notice per kind, events.notify), or says why it failed: a UserError's Chinese message as it
is, a busy database as its Chinese message, anything else as a generic Chinese message with the traceback in
the log, never on screen. Long jobs with progress and a cancel button (imports, exports, briefs) build a
BackgroundWorker and start() it themselves; the error handling and the change notice are the same.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEventLoop, QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from controllers.core.errors import UserError, user_error_for
from ui.common.events import Change, notify
from ui.common.feedback import say

log = logging.getLogger(__name__)

CONTEXT = "Background"
UNEXPECTED = QT_TRANSLATE_NOOP("Background", "The operation failed unexpectedly. Details are in the log file.")
NOT_DONE = QT_TRANSLATE_NOOP("Background", "Not done")

# progress(done, total) for an import, progress(percent, what is being done) for a brief
Progress = Callable[[int, Any], None]
# work(progress, stop) -> result; it runs in the worker thread, so it must not touch widgets. `stop` is set when
# the user cancels: the work checks stop.is_set() (or hands stop.is_set on) between steps.
Work = Callable[[Progress, threading.Event], Any]
# Where a failure's Chinese message goes: a label (shown in red), a function, or None for a message box.
ReportTo = QLabel | Callable[[str], None] | None


class BackgroundWorker(QObject):
    """One run of `work`, in its own QThread. `cancel()` may be called from the GUI thread at any time.

    Exactly one of finished(result), failed(Chinese message) or cancelled() is emitted at the end; a refusal
    (a UserError) comes as refused(the error) just before its failed(message). After a success the `changes`
    are announced on the GUI thread.
    """

    progress = Signal(int, object)
    finished = Signal(object)
    refused = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    announced = Signal(object)  # this worker, to the keeper, which notifies the pages on the GUI thread

    def __init__(self, work: Work, *, name: str, failure: str | None = None,
                 cancelled_by: tuple[type[BaseException], ...] = (), changes: Iterable[Change] = ()) -> None:
        super().__init__()
        self._work = work
        self._name = name  # for the log only
        # Shown when the work raises something that is not the user's situation (translated here, on the GUI thread).
        self._failure = failure or QCoreApplication.translate(CONTEXT, UNEXPECTED)
        self._cancelled_by = cancelled_by
        self._stop = threading.Event()
        self.changes = tuple(changes)
        self._announced = False  # read and set on the GUI thread only (announce)
        for change in self.changes:
            if not isinstance(change, Change):
                raise TypeError(f"not a Change: {change!r}")

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
            self._refuse(exc)
        except Exception as exc:
            known = user_error_for(exc)  # a busy database is the user's situation, not a bug
            if known is None:
                log.exception("%s failed", self._name)
                self.failed.emit(self._failure)
            else:
                self._refuse(known)
        else:
            self.finished.emit(result)
            if self.changes:
                self.announced.emit(self)

    def announce(self) -> None:
        """Tell the pages what the work changed, once (on the GUI thread): an Operation does it before its `ended`,
        the keeper's queued call after `finished` does it for everyone else (and for an Operation gone with its
        widget), and whichever comes second does nothing."""
        if not self._announced:
            self._announced = True
            notify(*self.changes)

    def _refuse(self, exc: UserError) -> None:
        self.refused.emit(exc)
        self.failed.emit(exc.message)


class _Keeper(QObject):
    """Holds every running thread and its worker until the thread has ended, whatever happens to the widget
    that started it (a wizard closed while it still reads, a page gone while its export runs), and announces
    each success's changes even when that widget is gone."""

    def __init__(self) -> None:
        super().__init__()
        self.jobs: dict[int, tuple[QThread, BackgroundWorker]] = {}

    @Slot()
    def forget(self) -> None:
        thread = self.sender()
        if isinstance(thread, QThread):
            thread.wait()  # `finished` comes just before the thread really ends; never drop a running QThread
            self.jobs.pop(id(thread), None)

    @Slot(object)
    def announce(self, worker: BackgroundWorker) -> None:
        worker.announce()

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
            app.aboutToQuit.connect(_keeper.wait_all)  # a started export, import or backup still ends cleanly
    return _keeper


def start(worker: BackgroundWorker) -> QThread:
    """Run the worker in a new thread (connect its signals first); both are cleaned up when it ends."""
    keeper = _the_keeper()
    thread = QThread()
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    for signal in (worker.finished, worker.failed, worker.cancelled):
        # Direct: quit() is thread-safe, and queued to the GUI thread it would never come while that thread
        # waits for this one (wait_all at quit, before a test's database goes away).
        signal.connect(thread.quit, Qt.ConnectionType.DirectConnection)
    worker.announced.connect(keeper.announce)
    # The keeper lets go of both on the GUI thread once the thread has ended, and Python deletes them there. Not
    # `finished → worker.deleteLater`: that deletes the worker in its own thread, whose QObject destructor holds
    # Qt's connection lock while it waits for the GIL, and a GUI thread connecting a signal at that moment holds
    # the GIL while it waits for the lock: the whole app hung (seen in the suite, the dashboard drawing a chart).
    thread.finished.connect(keeper.forget)
    keeper.jobs[id(thread)] = (thread, worker)
    thread.start()
    return thread


def running() -> int:
    """How many workers are still running (tests wait for 0)."""
    return len(_the_keeper().jobs)


def wait_all() -> None:
    """Block until every started worker has ended (before a test's database goes away, at quit)."""
    _the_keeper().wait_all()


class Operation(QObject):
    """One controller call started by `run`; lives on the GUI thread as a child of the widget that started it,
    so its callbacks die with that widget. `ended` comes once, after the callbacks and, after a success, after
    the change notice: whoever waits for it finds the pages already told."""

    ended = Signal(bool)  # True when the call succeeded

    def __init__(self, parent: QWidget, worker: BackgroundWorker, *, done: Callable[[Any], None] | None,
                 refused: Callable[[UserError], None] | None, report_to: ReportTo, error_title: str) -> None:
        super().__init__(parent)
        self.worker = worker
        self._widget = parent
        self._done = done
        self._on_refused = refused
        self._report_to = report_to
        self._title = error_title
        self._handled = False
        self.running = True
        self.succeeded = False
        worker.finished.connect(self._finished)
        worker.refused.connect(self._refused)
        worker.failed.connect(self._failed)

    @Slot(object)
    def _finished(self, result: object) -> None:
        self.succeeded = True
        try:
            if self._done is not None:
                self._done(result)
        finally:
            # Now, not when the keeper's queued call comes: that may be after `ended` has released a waiter.
            self.worker.announce()
            self._end()

    @Slot(object)
    def _refused(self, exc: UserError) -> None:
        if self._on_refused is not None:
            self._handled = True
            self._on_refused(exc)

    @Slot(str)
    def _failed(self, message: str) -> None:
        try:
            if not self._handled:
                if isinstance(self._report_to, QLabel):
                    say(self._report_to, message, error=True)
                elif self._report_to is not None:
                    self._report_to(message)
                else:
                    QMessageBox.warning(self._widget, self._title, message)
        finally:
            self._end()

    def _end(self) -> None:
        self.running = False
        self.ended.emit(self.succeeded)

    def wait(self) -> bool:
        """Wait for the end while the window stays live (a local event loop: paints, timers); True on success.

        For the few steps that must finish before the next one starts (save, then close or change the status).
        """
        if self.running:
            loop = QEventLoop()
            self.ended.connect(loop.quit)
            loop.exec()
        return self.succeeded


def run(parent: QWidget, call: Callable[[], Any], *, changes: Iterable[Change] = (),
        done: Callable[[Any], None] | None = None, refused: Callable[[UserError], None] | None = None,
        report_to: ReportTo = None, error_title: str | None = None, name: str = "operation",
        failure: str | None = None) -> Operation:
    """Run `call()` off the GUI thread; on success `done(result)`, then one notice per kind in `changes`.

    A refusal goes to `refused(error)` when given (to tell a conflict from a bad field). Otherwise the Chinese
    message goes to `report_to` (a label, shown in red, or a function taking the message), or else to a message
    box titled `error_title` over `parent`. Anything else is logged and reported the same way as `failure`
    (a generic Chinese message by default).
    """
    worker = BackgroundWorker(lambda _progress, _stop: call(), name=name, failure=failure, changes=changes)
    title = error_title or QCoreApplication.translate(CONTEXT, NOT_DONE)
    operation = Operation(parent, worker, done=done, refused=refused, report_to=report_to, error_title=title)
    start(worker)
    return operation
