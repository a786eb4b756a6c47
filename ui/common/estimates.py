"""How a screen shows a working-day date the calendar can only estimate (past the years whose holidays were entered).

The controllers decide (WorkCalendar.note_for gives each row its note); every screen shows it the same way: the
date marked with ESTIMATE_MARK in the cell, the note in the tooltip or beside the date.
"""

from __future__ import annotations

from datetime import date

from controllers.core.workdays import ESTIMATE_MARK


def marked_day(day: date | None, note: str) -> str:
    """A date for a cell: ISO, with the estimate mark when the row has a note; empty for no date."""
    if day is None:
        return ""
    return f"{ESTIMATE_MARK}{day.isoformat()}" if note else day.isoformat()


def with_note(text: str, note: str) -> str:
    """A tooltip or a line with the estimate note after it (in brackets), unchanged when there is none."""
    return f"{text}（{note}）" if note and text else text
