"""Meeting mode (会商模式): a full-screen, large-type view of one estate or committee with no personal data."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from controllers.core.context import AppContext

_windows: list[QWidget] = []  # keep the open window alive (it has no parent: it covers the whole screen)


def start_meeting_mode(ctx: AppContext, parent: QWidget | None = None, *, full_screen: bool = True) -> QWidget | None:
    """Ask which estate or committee, then show meeting mode; returns the window (None when cancelled)."""
    # On first use: the dashboard (the first page at start-up) imports this package; the window is ~50 ms.
    from ui.meeting_mode.picker import pick_scope
    from ui.meeting_mode.window import MeetingModeWindow

    choice = pick_scope(ctx, parent)
    if choice is None:
        return None
    window = MeetingModeWindow(ctx, choice)
    _windows.append(window)
    window.destroyed.connect(lambda *_: _windows.remove(window) if window in _windows else None)
    if full_screen:
        window.showFullScreen()
    else:
        window.show()
    return window
