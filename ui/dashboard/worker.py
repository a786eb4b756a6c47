"""Computes the dashboard off the GUI thread and hands the result back on it; bursts of changes coalesce."""

from __future__ import annotations

import logging
import weakref
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from controllers.core.context import AppContext
from controllers.dashboard.goals import Figures, figures
from controllers.dashboard.today import TodayWork, today_work

log = logging.getLogger(__name__)

COALESCE_MS = 400  # an import emits many changes in a row: compute once after they stop


@dataclass(frozen=True)
class Snapshot:
    """One refresh: today's work and the figures, as of a day."""

    work: TodayWork
    figures: Figures


def compute(ctx: AppContext, *, today: date | None = None) -> Snapshot:
    """The whole refresh (also what bench/ops_dashboard.py times).

    Today's work and the figures read different tables' indexes with their own sessions (SQLite in WAL mode
    lets readers run side by side, and the sqlite3 module lets go of the GIL while a query runs), so the two
    halves run at once on two threads.
    """
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="dashboard") as pool:
        work = pool.submit(today_work, ctx, today=today)
        figs = figures(ctx, today=today)
        return Snapshot(work.result(), figs)


class _Relay(QObject):
    """Carries the worker's result to the GUI thread (a queued signal of an object living there)."""

    done = Signal(int, object)
    failed = Signal(int, str)


class _Job(QRunnable):
    def __init__(self, ctx: AppContext, serial: int, relay: _Relay) -> None:
        super().__init__()
        self.ctx, self.serial, self.relay = ctx, serial, relay

    def run(self) -> None:
        try:
            snapshot = compute(self.ctx)  # controllers open their own sessions: SQLite WAL allows this reader
        except Exception as exc:
            log.exception("dashboard refresh failed")
            self.relay.failed.emit(self.serial, str(exc))
            return
        self.relay.done.emit(self.serial, snapshot)


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
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._serial = 0
        self._running = False
        self._again = False
        self.relay = _Relay(self)
        self.relay.done.connect(self._done)
        self.relay.failed.connect(self._failed)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(COALESCE_MS)
        self.timer.timeout.connect(self.start_now)
        self._stopped = False
        _LIVE.add(self)

    @property
    def busy(self) -> bool:
        return self._running or self.timer.isActive()

    def request(self) -> None:
        """Refresh soon: further requests within COALESCE_MS make one refresh."""
        self.timer.start()

    def start_now(self) -> None:
        self.timer.stop()
        if self._stopped:
            return
        if self._running:
            self._again = True  # the running one may have read before the change: run once more after it
            return
        self._running = True
        self._serial += 1
        self.pool.start(_Job(self.ctx, self._serial, self.relay))

    def _finish(self) -> bool:
        self._running = False
        if self._again:
            self._again = False
            self.start_now()
            return False
        return True

    def _done(self, serial: int, snapshot: object) -> None:
        if self._finish() and serial == self._serial:
            self.loaded.emit(snapshot)

    def _failed(self, serial: int, message: str) -> None:
        if self._finish() and serial == self._serial:
            self.failed.emit(message)

    def stop(self, timeout_ms: int = 30_000) -> None:
        """No more refreshes from this loader; waits for the one running, if any."""
        self._stopped = True
        self._again = False
        self.timer.stop()
        self.pool.waitForDone(timeout_ms)

    def wait(self, timeout_ms: int = 30_000) -> None:
        """Block until the pool is idle (screenshots and shutdown)."""
        self.pool.waitForDone(timeout_ms)
