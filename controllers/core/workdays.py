"""Working days on the station's editable calendar: weekends and public holidays off, make-up days (调休) on.

The calendar also knows which years it covers: the State Council publishes each year's holidays late in the year
before, so a working-day deadline that runs into a year nobody entered counts its holidays as working days. Such a
date is an estimate (`WorkCalendar.is_estimate`), and every view marks it with ESTIMATE_NOTE.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.admin import CalendarDay, Setting
from models.seed import load_seed

# The years an administrator entered in full (录入全年节假日), comma-separated; the seeded years count as well.
COVERED_YEARS_KEY = "calendar.covered_years"
ESTIMATE_NOTE = "期限按工作日估算，未含该年节假日"
ESTIMATE_MARK = "≈"  # before a date in a table cell; the cell's tooltip says ESTIMATE_NOTE


@dataclass(frozen=True)
class WorkCalendar:
    """The calendar's exceptions to Monday-to-Friday; load once per user action with `load_calendar`."""

    holidays: frozenset[date] = frozenset()
    makeup_days: frozenset[date] = frozenset()
    covered_years: frozenset[int] = frozenset()  # empty: coverage unknown, nothing is marked an estimate
    # Year -> working days from 1 January through each day of it (a prefix sum), built on first use: counting the
    # working days between two dates is then two look-ups, not a walk over every day between them (the 年度考核
    # counts one span per referral: thousands of them).
    _prefix: dict[int, tuple[int, ...]] = field(default_factory=dict, compare=False, repr=False)

    @property
    def last_covered_year(self) -> int | None:
        return max(self.covered_years, default=None)

    def is_estimate(self, day: date | None) -> bool:
        """True when `day` lies in a year after the first covered one that nobody entered: its holidays are missing.

        Years before the calendar starts are history (imported old cases), not an estimate of anything."""
        if day is None or not self.covered_years:
            return False
        return day.year not in self.covered_years and day.year > min(self.covered_years)

    def note_for(self, day: date | None) -> str:
        """ESTIMATE_NOTE for an estimated date, else empty: what a tooltip or a PDF shows beside it."""
        return ESTIMATE_NOTE if self.is_estimate(day) else ""

    def shown(self, day: date | None) -> str:
        """A date for a table cell or a line of text: ISO, marked when it is an estimate; empty when None."""
        if day is None:
            return ""
        return f"{ESTIMATE_MARK}{day.isoformat()}" if self.is_estimate(day) else day.isoformat()

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

    def _year_prefix(self, year: int) -> tuple[int, ...]:
        prefix = self._prefix.get(year)
        if prefix is None:
            day, counts, n = date(year, 1, 1), [], 0
            while day.year == year:
                n += self.is_working_day(day)
                counts.append(n)
                day += timedelta(days=1)
            prefix = self._prefix[year] = tuple(counts)
        return prefix

    def _through(self, day: date) -> int:
        """Working days from 1 January of the day's year through the day."""
        return self._year_prefix(day.year)[day.timetuple().tm_yday - 1]

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after `start` up to and including `end` (negative when end is before start)."""
        if end < start:
            return -self.working_days_between(end, start)
        whole_years = sum(self._year_prefix(y)[-1] for y in range(start.year, end.year))
        return whole_years + self._through(end) - self._through(start)


@functools.cache
def seeded_years() -> frozenset[int]:
    """The years whose holidays ship with the program (the seed's calendar), read once per process."""
    return frozenset(date.fromisoformat(r["day"]).year for r in load_seed()["calendar"])


def parse_years(value: str | None) -> frozenset[int]:
    """The covered-years setting as a set; a hand-edited value's unreadable parts are ignored, never fatal."""
    years = set()
    for part in (value or "").split(","):
        part = part.strip()
        if part.isascii() and part.isdigit() and 1900 <= int(part) <= 2200:
            years.add(int(part))
    return frozenset(years)


def entered_years(session: Session) -> frozenset[int]:
    """The years an administrator entered in full (the setting alone, without the seed)."""
    row = session.get(Setting, COVERED_YEARS_KEY)
    return parse_years(row.value if row else None)


def covered_years(session: Session) -> frozenset[int]:
    return seeded_years() | entered_years(session)


def mark_year_covered(session: Session, year: int) -> None:
    """Record that `year` was entered in full (inside the caller's transaction)."""
    years = sorted(entered_years(session) | {year})
    value = ",".join(str(y) for y in years)
    row = session.get(Setting, COVERED_YEARS_KEY)
    if row is None:
        session.add(Setting(key=COVERED_YEARS_KEY, value=value))
    else:
        row.value = value


def estimate_note(session: Session, day: date | None) -> str:
    """ESTIMATE_NOTE for one shown date, reading only the covered years (one settings row; none for no date)."""
    if day is None:
        return ""
    return WorkCalendar(covered_years=covered_years(session)).note_for(day)


def load_calendar(session: Session) -> WorkCalendar:
    rows = session.execute(select(CalendarDay.day, CalendarDay.kind)).all()
    return WorkCalendar(
        holidays=frozenset(d for d, k in rows if k == "节假日"),
        makeup_days=frozenset(d for d, k in rows if k == "调休上班"),
        covered_years=covered_years(session),
    )
