"""One application-wide notice saying which kind of data changed, so lists and the dashboard refresh themselves.

What changed is a `Change`, never a free string: a misspelt kind would be a notice nobody listens to, so
`notify` refuses anything else.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QObject, Signal


class Change(Enum):
    """What a save, an import, a restore or a switch of view changed."""

    CASES = "cases"
    COMPLAINTS = "complaints"
    TRAININGS = "trainings"
    MEETINGS = "meetings"
    INSPECTIONS = "inspections"  # patrols, their checklists and what the findings became; grades' inspection plan
    REFERENCE = "reference"  # streets, estates, companies, staff, categories, the calendar...
    SETTINGS = "settings"  # the station's name, area and follow-up days; the brief font, the second backup folder
    SUPERVISION = "supervision"  # 督办单 issued, answered or closed (a case's timeline changes too: CASES)
    VIEW = "view"  # the records shown switched (本工作室 / 全街镇 / 全区): every list is another list now


# Everything a list of records can show: what an exchange package or a restore replaces at once.
RECORDS: tuple[Change, ...] = (Change.CASES, Change.COMPLAINTS, Change.TRAININGS, Change.MEETINGS, Change.INSPECTIONS,
                               Change.REFERENCE, Change.SUPERVISION)


class DataEvents(QObject):
    """`changed(Change)` after a save or import; any page interested connects to it."""

    changed = Signal(object)  # a Change


_events: DataEvents | None = None


def data_events() -> DataEvents:
    global _events
    if _events is None:
        _events = DataEvents()
    return _events


def notify(*changes: Change) -> None:
    """Tell every page what changed, once per kind (on the GUI thread)."""
    for change in dict.fromkeys(changes):
        if not isinstance(change, Change):
            raise TypeError(f"not a Change: {change!r}")
        data_events().changed.emit(change)
