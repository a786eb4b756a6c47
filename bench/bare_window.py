"""A bare PySide6 window, the floor for start-up: process start to its first painted frame, beside the app's.

`python -m bench.bare_window` prints "window-painted" once the window's first paint event has been handled, and
quits; bench/ops_startup.py times it in the same run as the app, so both carry the same machine load. It uses the
app's own first-paint watcher (a few lines of Qt), so both are measured to the same moment.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QMainWindow

from ui.common.first_paint import report_first_paint_and_quit


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1200, 800)
    report_first_paint_and_quit(window, app)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
