"""Asking the app to start again (after a restore replaced the database); the shell does the restart itself.

It lives here, not in the shell, so a 设置 panel can ask for it without importing the app that builds it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTimer

RESTART_PROPERTY = "stationLedgerRestart"


def request_restart() -> None:
    """Quit the event loop and mark the app for a fresh start."""
    app = QCoreApplication.instance()
    if app is None:
        return
    app.setProperty(RESTART_PROPERTY, True)
    QTimer.singleShot(0, app.quit)


def restart_requested() -> bool:
    """True once request_restart() ran in this process (the shell then starts a new one after the loop ends)."""
    app = QCoreApplication.instance()
    return bool(app is not None and app.property(RESTART_PROPERTY))
