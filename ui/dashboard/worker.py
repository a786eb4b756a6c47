"""Computes the dashboard off the GUI thread and hands the result back on it; bursts of changes coalesce."""

from __future__ import annotations

import contextlib
import weakref
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import date

from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer, Signal, Slot

from controllers.core.context import AppContext
from controllers.dashboard.goals import Figures, figures
from controllers.dashboard.today import ITEMS_PER_SECTION, TodayWork, WorkItem, WorkSection, today_work
from controllers.supervision.warnings import SOURCES, EstateWarning, Warnings, Widespread, combine, early_warnings
from ui.common.background import BackgroundWorker, start

COALESCE_MS = 400  # an import emits many changes in a row: compute once after they stop


@dataclass(frozen=True)
class Snapshot:
    """One refresh: today's work and the figures, as of a day."""

    work: TodayWork
    figures: Figures


def compute(ctx: AppContext, *, today: date | None = None) -> Snapshot:
    """The whole refresh (also what bench/ops_dashboard.py times).

    Its parts read different indexes with their own sessions (SQLite in WAL mode lets readers run side by side,
    and the sqlite3 module lets go of the GIL while a statement runs), so each runs on its own thread: the figures
    here; today's work, the 苗头 of complaints and those of cases on three more. One thread per part rather than a
    fixed pairing on two, because which part is the longest depends on the ledger (at district scale the figures
    took 1 s, the 苗头 0.1 s, today's work 60 ms of CPU): small parts keep the two cores busy until the end.
    """
    with ThreadPoolExecutor(max_workers=3, thread_name_prefix="dashboard") as pool:
        work = pool.submit(today_work, ctx, today=today)
        flags = [pool.submit(early_warnings, ctx, today=today, sources=(source,)) for source in SOURCES]
        figs = figures(ctx, today=today)
        return Snapshot(with_warnings(work.result(), combine([f.result() for f in flags])), figs)


def with_warnings(work: TodayWork, flags: Warnings) -> TodayWork:
    """Today's work with the 苗头 flags as one more section (普遍性难点 first); an item opens the 督查督办 page."""
    flagged: list[EstateWarning | Widespread] = [*flags.widespread, *flags.estates]
    items = [WorkItem("warning", i, w.label, None, i < len(flags.widespread), w.why) for i, w in enumerate(flagged)]
    section = WorkSection("warnings", len(items), len(flags.widespread), tuple(items[:ITEMS_PER_SECTION]))
    return replace(work, sections=(*work.sections, section))


_LIVE: weakref.WeakSet[DashboardLoader] = weakref.WeakSet()


def stop_all(timeout_ms: int = 30_000) -> None:
    """Cancel pending refreshes and wait for running ones: before the database goes away (quit, a test's end)."""
    for loader in list(_LIVE):
        loader.stop(timeout_ms)


class DashboardLoader(QObject):
    """`request()` schedules a refresh; `loaded(Snapshot)` arrives on the GUI thread. Only the newest counts."""

    loaded = Signal(object)
    failed = Signal(str)

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._running = False
        self._again = False
        # A watched change arrived since the running load began (it may have read before the change). Without one,
        # the running load reads everything there is to read, and a request meanwhile needs no load of its own:
        # the page's constructor starts a load and the main window asks again when it shows the page.
        self._changed = False
        self._thread: QThread | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(COALESCE_MS)
        self.timer.timeout.connect(self.start_now)
        self._stopped = False
        _LIVE.add(self)
        app = QCoreApplication.instance()
        if app is not None:
            # Quitting while a refresh runs: no second one may start after the quit's wait for running workers
            # (a refresh asked for meanwhile would start from the ended one's result and outlive the process).
            app.aboutToQuit.connect(self.stop)

    @property
    def busy(self) -> bool:
        return self._running or self.timer.isActive()

    def note_change(self) -> None:
        """The data the dashboard shows changed (called before the request that follows, visible or not)."""
        if self._running:
            self._changed = True

    def request(self) -> None:
        """Refresh soon: further requests within COALESCE_MS make one refresh."""
        if self._running and not self._changed:
            return  # the running load began after the last change: its result is what this one would show
        self.timer.start()

    def start_now(self) -> None:
        self.timer.stop()
        if self._stopped:
            return
        if self._running:
            if self._changed:
                self._again = True  # the running one may have read before the change: run once more after it
            return
        self._running = True
        self._changed = False
        ctx = self.ctx
        # Controllers open their own sessions: SQLite in WAL mode lets this reader run beside the desk's writes.
        worker = BackgroundWorker(lambda _progress, _stop: compute(ctx), name="dashboard refresh")
        worker.finished.connect(self._done)  # methods of this GUI-thread object: called on the GUI thread
        worker.failed.connect(self._failed)
        self._thread = start(worker)

    def _finish(self) -> bool:
        self._running = False
        if self._again:
            self._again = False
            self.start_now()
            return False
        return True

    # One refresh runs at a time, so what ends is always the newest; one that may have read too early has
    # already been followed by another (_again), and only that one's result is shown.
    @Slot(object)
    def _done(self, snapshot: object) -> None:
        if self._finish():
            self.loaded.emit(snapshot)

    @Slot(str)
    def _failed(self, message: str) -> None:
        if self._finish():
            self.failed.emit(message)

    def stop(self, timeout_ms: int = 30_000) -> None:
        """No more refreshes from this loader; waits for the one running, if any."""
        self._stopped = True
        self._again = False
        self.timer.stop()
        self.wait(timeout_ms)

    def wait(self, timeout_ms: int = 30_000) -> None:
        """Block until the running refresh has ended (screenshots and shutdown)."""
        thread = self._thread
        if thread is not None:
            with contextlib.suppress(RuntimeError):  # the thread ended and was cleaned up already
                thread.wait(timeout_ms)
