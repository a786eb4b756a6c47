"""Asking the main window to show a page, from any screen, without importing the shell that builds the pages.

An empty page's link (空台账 → 基础数据) or the 开始使用 guide calls `go_to("reference")`; the main window listens.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class Navigation(QObject):
    """`requested(page key)`: the main window shows that page (keys as in ui.shell.pages: cases, reference...)."""

    requested = Signal(str)


_navigation: Navigation | None = None


def navigation() -> Navigation:
    global _navigation
    if _navigation is None:
        _navigation = Navigation()
    return _navigation


def go_to(page_key: str) -> None:
    navigation().requested.emit(page_key)
