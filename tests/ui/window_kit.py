"""The main window as a person sees it at a given screen size, and where a widget stands in it: for the tests that
check a page fits an office screen (test_desk_fits, test_settings_fits)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import QWidget

from controllers.core.context import AppContext
from ui.shell.app import build_main_window
from ui.shell.main_window import MainWindow


def shown_at(qtbot, ctx: AppContext, page: str, size: QSize) -> MainWindow:  # type: ignore[no-untyped-def]
    """The main window on `page`, resized to `size`, shown and exposed (offscreen)."""
    window = build_main_window(ctx, persist=False, page=page)
    qtbot.addWidget(window)
    window.resize(size)
    window.show()
    qtbot.waitExposed(window)
    return window


def rect_in(widget: QWidget, window: QWidget) -> QRect:
    """The widget's rectangle in the window's coordinates."""
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
