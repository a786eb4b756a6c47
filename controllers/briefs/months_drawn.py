"""Which months a chart of a period can show on a given day: those over, the one still running, none after.

Apart from the PDF charts (ReportLab) because the dashboard's Qt charts ask the same question, and loading
ReportLab (~0.3 s) to answer it held up the first page at start-up.
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class MonthsDrawn:
    """How much of each month a brief printed on `as_of` can show: the running one is partial, later ones absent."""

    reached: int  # months drawn (the rest lie after as_of)
    partial: int | None  # index of the month still running on as_of
    note: str


def period_note(end: date, as_of: date) -> str:
    """本期截至 12月7日 when the period ending `end` was not over on `as_of`; else nothing."""
    return f"本期截至 {as_of.month}月{as_of.day}日" if as_of < end else ""


def month_progress(months: Sequence[tuple[int, int]], as_of: date) -> MonthsDrawn:
    """Which of the (year, month) pairs were over, running or not begun on `as_of`."""
    reached, partial, note = 0, None, ""
    for i, (y, m) in enumerate(months):
        if (y, m) > (as_of.year, as_of.month):
            break
        reached = i + 1
        if (y, m) == (as_of.year, as_of.month) and as_of.day < monthrange(y, m)[1]:
            partial, note = i, f"本月截至 {m}月{as_of.day}日"
    return MonthsDrawn(reached, partial, note)
