"""Where the main window goes: inside the screen's available area (taskbar excluded), whatever was saved.

A 1366×768 office screen with a taskbar leaves about 1366×728; a window restored from a larger desk, or the default
size on such a screen, would put the status bar (账号管理 / 锁定 / 退出登录) below the screen's edge.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QRect, QSize

# Until the window manager has framed the window its frame is unknown; this is a typical title bar's height.
ASSUMED_FRAME = QMargins(0, 32, 0, 0)


def fit_rect(wanted: QRect, available: QRect, frame: QMargins = ASSUMED_FRAME) -> QRect:
    """The window's client rectangle shrunk and moved so that it and its frame lie inside `available`."""
    room = available.marginsRemoved(frame)
    size = wanted.size().boundedTo(room.size())
    left = min(max(wanted.left(), room.left()), room.right() - size.width() + 1)
    top = min(max(wanted.top(), room.top()), room.bottom() - size.height() + 1)
    return QRect(left, top, size.width(), size.height())


def centred_rect(size: QSize, available: QRect, frame: QMargins = ASSUMED_FRAME) -> QRect:
    """A first window of `size` (shrunk to the screen) in the middle of the available area."""
    room = available.marginsRemoved(frame)
    fitted = size.boundedTo(room.size())
    rect = QRect(0, 0, fitted.width(), fitted.height())
    rect.moveCenter(room.center())
    return fit_rect(rect, available, frame)
