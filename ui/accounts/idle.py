"""Idle lock: any key or mouse event anywhere restarts a timer; when it fires the window locks behind a login."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

ACTIVITY = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
})


class IdleLock(QObject):
    """Application-wide event filter plus a single-shot timer; `idle` fires after `interval_ms` without input."""

    idle = Signal()

    def __init__(self, interval_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._fire)
        self.paused = False
        self.resets = 0  # activity seen while armed (tests and diagnostics)
        self.set_interval(interval_ms)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def set_interval(self, interval_ms: int) -> None:
        """0 = never lock."""
        self.timer.setInterval(max(interval_ms, 0))
        self.restart()

    def restart(self) -> None:
        if self.timer.interval() > 0 and not self.paused:
            self.timer.start()
        else:
            self.timer.stop()

    def pause(self, paused: bool) -> None:
        """While the lock dialog shows, typing the password must not count as activity behind it."""
        self.paused = paused
        self.restart()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.paused and event.type() in ACTIVITY and self.timer.isActive():
            self.timer.start()
            self.resets += 1
        return False

    def _fire(self) -> None:
        if not self.paused:
            self.idle.emit()

    def stop(self) -> None:
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
