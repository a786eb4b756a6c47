"""Asking the app to start again (after a restore replaced the database; the shell does the restart itself), and
starting the demo beside it.

It lives here, not in the shell, so a 设置 panel can ask for it without importing the app that builds it.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QProcess, QTimer

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


def start_demo() -> bool:
    """Open the demo data in a program of its own (`--demo`: the separate 演示数据 folder); True when started.

    A second process, not this one switching folders: the real ledger stays open and untouched beside it.
    """
    frozen = bool(getattr(sys, "frozen", False))  # an installed build is its own executable
    args = ["--demo"] if frozen else [sys.argv[0], "--demo"]
    started, _pid = QProcess.startDetached(sys.executable, args)
    return bool(started)
