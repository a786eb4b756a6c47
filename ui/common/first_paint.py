"""Report a window's first painted frame: start-up is measured to what the user sees, not to show().

The start-up benchmark (and the bare PySide6 window it compares with) print PAINTED once the first paint event of
the watched window has been handled, then quit.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer

PAINTED = "window-painted"


class FirstPaint(QObject):
    """Calls `then` once, on the loop turn after the watched widget's first paint event was handled."""

    def __init__(self, parent: QObject, then: Callable[[], None]) -> None:
        super().__init__(parent)
        self._then = then
        self._seen = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._seen:
            self._seen = True
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._then)  # after this paint is done: the frame is drawn, not merely asked for
        return False


def report_first_paint_and_quit(window: QObject, app: QObject) -> FirstPaint:
    """Print PAINTED after the window's first frame, then quit the application (the benchmarks' start-up runs)."""

    def report() -> None:
        print(PAINTED, flush=True)
        # A loop turn later: what the window itself starts after its first frame (the main window's first page
        # and its background refresh) is under way, so quitting waits for it instead of cutting it off.
        QTimer.singleShot(0, app.quit)  # type: ignore[attr-defined]

    watcher = FirstPaint(app, report)
    window.installEventFilter(watcher)
    return watcher
