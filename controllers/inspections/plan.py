"""The inspection plan as pure functions: which inspections fall due in a period, which were done, which are late.

A grade asks for one inspection every N months. Its cycles run from the day the grade took effect (a grade held
since before grades were dated runs on calendar months from EPOCH, so monthly cycles are the calendar months and
quarterly ones the quarters). A cycle is due on its last day, or with the grade's working-day flag on the last
working day of the cycle on the station's calendar; it falls in the period when its due day does. A cycle is done
when an inspection visit lies anywhere in it, overdue when not done and its due day has passed. A grade change
applies from its date: the cycle it cuts short is due under neither grade, and nothing before the change moves.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from controllers.core.workdays import WorkCalendar

# Grades without a dated change run their cycles from here: month 1 of a year, so cycles line up with the calendar.
EPOCH = date(2000, 1, 1)


@dataclass(frozen=True)
class GradeRule:
    """A grade's inspection frequency: every `months` months (None: none due), due on a working day or not."""

    months: int | None
    working_days: bool = True


@dataclass(frozen=True)
class Segment:
    """A stretch of days with one grade: from `start` (None: since always) until the next segment starts."""

    start: date | None
    grade_id: int | None


@dataclass(frozen=True)
class Cycle:
    start: date
    end: date
    due_on: date
    # A working-day due date in a year whose holidays nobody entered: the calendar only estimates it.
    estimate: bool = False


@dataclass(frozen=True)
class Counts:
    """Inspections due (应检), done (已检) and overdue (逾期未检); the rest are due later in the period."""

    due: int = 0
    done: int = 0
    overdue: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.due + other.due, self.done + other.done, self.overdue + other.overdue)


def add_months(day: date, months: int) -> date:
    """The same day `months` months later, clamped to the month's end (31 Jan + 1 month = 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    last = (date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)).day
    return date(year, month, min(day.day, last))


def _months_between(a: date, b: date) -> int:
    return (b.year - a.year) * 12 + b.month - a.month


def segments(changes: Sequence[tuple[date, int | None]], *, before_first: int | None) -> list[Segment]:
    """The grade segments of one estate: `before_first` since always, then each dated change from its date.

    `changes` are (effective_from, grade_id) in any order; `before_first` is the grade held before the earliest
    change (for an estate never changed, its grade).
    """
    out = [Segment(None, before_first)]
    out.extend(Segment(day, grade) for day, grade in sorted(changes, key=lambda c: c[0]))
    return out


def grade_on(segs: Sequence[Segment], day: date) -> int | None:
    """The grade in force on `day`."""
    grade = segs[0].grade_id
    for seg in segs[1:]:
        if seg.start is not None and seg.start <= day:
            grade = seg.grade_id
    return grade


def _due_on(start: date, end: date, rule: GradeRule, calendar: WorkCalendar) -> date:
    if not rule.working_days:
        return end
    day = end
    while day >= start:
        if calendar.is_working_day(day):
            return day
        day -= timedelta(days=1)
    return end  # a cycle without a working day (not with whole months): its last day


def cycles_due(segs: Sequence[Segment], rules: dict[int, GradeRule], first: date, last: date,
               calendar: WorkCalendar) -> list[Cycle]:
    """The whole cycles whose due day lies in [first, last], under the grade in force over each cycle."""
    out: list[Cycle] = []
    for i, seg in enumerate(segs):
        rule = rules.get(seg.grade_id) if seg.grade_id is not None else None
        if rule is None or not rule.months:
            continue
        anchor = seg.start or EPOCH
        following = segs[i + 1].start if i + 1 < len(segs) else None
        seg_end = following - timedelta(days=1) if following is not None else date.max
        # Jump to the cycle before the one holding `first` (a due day moved to a working day is still inside it).
        k = max(0, _months_between(anchor, first) // rule.months - 1)
        while True:
            start = add_months(anchor, k * rule.months)
            if start > last or start > seg_end:
                break
            end = add_months(anchor, (k + 1) * rule.months) - timedelta(days=1)
            k += 1
            if end > seg_end:
                break  # cut short by the next grade: due under neither
            due_on = _due_on(start, end, rule, calendar)
            if first <= due_on <= last:
                out.append(Cycle(start, end, due_on, rule.working_days and calendar.is_estimate(due_on)))
    return out


def count(cycles: Sequence[Cycle], visit_days: Sequence[date], today: date) -> Counts:
    """Counts for one estate; `visit_days` sorted ascending (the days an inspection visited the estate)."""
    done = overdue = 0
    for c in cycles:
        i = bisect.bisect_left(visit_days, c.start)
        if i < len(visit_days) and visit_days[i] <= c.end:
            done += 1
        elif c.due_on < today:
            overdue += 1
    return Counts(len(cycles), done, overdue)
