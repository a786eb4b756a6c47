"""One application-wide signal saying which kind of data changed, so lists and the dashboard refresh themselves."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class DataEvents(QObject):
    """Emit `changed("cases")` after a save or import; any page interested connects to it."""

    changed = Signal(str)  # "cases", "complaints", "trainings", "meetings", "reference"


_events: DataEvents | None = None


def data_events() -> DataEvents:
    global _events
    if _events is None:
        _events = DataEvents()
    return _events
