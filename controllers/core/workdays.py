"""Working days on the station's editable calendar: weekends and public holidays off, make-up days (调休) on."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.admin import CalendarDay


@dataclass(frozen=True)
class WorkCalendar:
    """The calendar's exceptions to Monday-to-Friday; load once per user action with `load_calendar`."""

    holidays: frozenset[date] = frozenset()
    makeup_days: frozenset[date] = frozenset()

    def is_working_day(self, day: date) -> bool:
        if day in self.makeup_days:
            return True
        if day in self.holidays:
            return False
        return day.weekday() < 5

    def add_working_days(self, start: date, days: int) -> date:
        """The date `days` working days after `start` (start itself not counted); 0 gives start."""
        day = start
        remaining = days
        while remaining > 0:
            day += timedelta(days=1)
            if self.is_working_day(day):
                remaining -= 1
        return day

    def deadline(self, start: date, days: int, *, working_days: bool) -> date:
        """A rectification or reply deadline: working days on this calendar, or plain calendar days."""
        return self.add_working_days(start, days) if working_days else start + timedelta(days=days)

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after `start` up to and including `end` (negative when end is before start)."""
        if end < start:
            return -self.working_days_between(end, start)
        count = 0
        day = start
        while day < end:
            day += timedelta(days=1)
            if self.is_working_day(day):
                count += 1
        return count


def load_calendar(session: Session) -> WorkCalendar:
    rows = session.execute(select(CalendarDay.day, CalendarDay.kind)).all()
    return WorkCalendar(
        holidays=frozenset(d for d, k in rows if k == "节假日"),
        makeup_days=frozenset(d for d, k in rows if k == "调休上班"),
    )
