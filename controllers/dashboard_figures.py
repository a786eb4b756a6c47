"""The aggregates behind the 工作台 goal tiles and charts: one GROUP BY pass per table, shared by both.

Periods: the year to date (1 January to today) when the year is the current one, the whole year otherwise; the
comparison is controllers.periods.same_period_last_year of it (the same days a year earlier).
Every figure follows the definitions of controllers.case_stats (found, 结案率, 按期结案率, 复发率, 逾期) and
controllers.per10k (投诉万人比: population in force at the period's end; estates without population and
complaints without an estate stay out of both sides of the ratio). The unit tests compare the figures here with
those modules; this module exists only because the dashboard reads everything in one pass per table to refresh
within 300 ms at 100,000 cases and 200,000 complaints.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session

from controllers.case_list import DEADLINE_STATUSES
from controllers.periods import Period, day_range, same_period_last_year
from controllers.periods import month as month_period
from controllers.periods import year as year_period
from models.cases import Case
from models.complaints import Complaint
from models.reference import Category, Estate, EstatePopulation

NOT_OURS_TO_CLOSE = ("不予立案", "移交")  # case_stats: not counted in the closure rate's denominator
COVERING_INDEX = "ix_complaints_estate_received_repeat"

YM = tuple[int, int]


def periods_for(year: int | None, today: date) -> tuple[Period, Period]:
    """(this period, the same period last year) for a dashboard year."""
    y = year or today.year
    current = day_range(date(y, 1, 1), today) if y == today.year else year_period(y)
    return current, same_period_last_year(current)


@dataclass
class CaseAggregates:
    """Case counts for the two periods (index 0 = this period, 1 = last year's)."""

    found: dict[tuple[int, int, YM], int] = field(default_factory=dict)  # (span, category id, month) -> cases
    closable: list[int] = field(default_factory=lambda: [0, 0])
    closed_of_found: list[int] = field(default_factory=lambda: [0, 0])
    closed: list[int] = field(default_factory=lambda: [0, 0])
    with_deadline: list[int] = field(default_factory=lambda: [0, 0])
    on_time: list[int] = field(default_factory=lambda: [0, 0])
    recurred: list[int] = field(default_factory=lambda: [0, 0])
    overdue: int = 0
    categories: dict[int, tuple[str, str]] = field(default_factory=dict)  # id -> (code, name)


@dataclass
class ComplaintAggregates:
    """Complaints per estate in each period (index 0 = this period, 1 = last year's) and per local month."""

    # (estate id or None, period index) -> (complaints, repeats)
    spans: dict[tuple[int | None, int], tuple[int, int]] = field(default_factory=dict)
    # (year, month) -> complaints of estates with a population in force at the month's end
    months: dict[YM, int] = field(default_factory=dict)
    estates: dict[int, tuple[str, bool]] = field(default_factory=dict)  # id -> (name, pilot)
    populations: dict[int, list[tuple[date, int]]] = field(default_factory=dict)  # id -> [(as_of, population)]
    _memo: dict[date, dict[int, int]] = field(default_factory=dict)

    def population(self, estate_id: int, on: date) -> int | None:
        """The estate's population in force on a day: the latest as_of on or before it (per10k's rule)."""
        best: tuple[date, int] | None = None
        for as_of, pop in self.populations.get(estate_id, ()):
            if as_of <= on and (best is None or as_of > best[0]):
                best = (as_of, pop)
        return None if best is None else best[1]

    def populations_on(self, on: date) -> dict[int, int]:
        """Estate id -> population in force on the day, for estates that have one (memoised per day)."""
        if on in self._memo:
            return self._memo[on]
        out = {}
        for eid in self.estates:
            pop = self.population(eid, on)
            if pop is not None:
                out[eid] = pop
        self._memo[on] = out
        return out


def _span(column: Any, current: Period, last: Period) -> Any:
    return case((column >= current.start, 0), else_=1)


def _in_spans(column: Any, current: Period, last: Period) -> Any:
    return or_(and_(column >= current.start, column <= current.end), and_(column >= last.start, column <= last.end))


def case_aggregates(s: Session, current: Period, last: Period, *, on: date) -> CaseAggregates:
    agg = CaseAggregates()
    agg.categories = {int(i): (str(c), str(n)) for i, c, n in s.execute(select(Category.id, Category.code,
                                                                              Category.name))}
    # One pass over the found_date range: found by category and month, and the closure rate's two counts.
    month = func.substr(Case.found_date, 1, 7)
    span = _span(Case.found_date, current, last)
    rows = s.execute(select(span, Case.category_id, month, func.count(),
                            func.count(case((Case.status.not_in(NOT_OURS_TO_CLOSE), 1))),
                            func.count(case((Case.status == "结案", 1))))
                     .where(_in_spans(Case.found_date, current, last)).group_by(span, Case.category_id, month))
    for sp, cat, ym, n, closable, closed in rows:
        key = (int(sp), int(cat), (int(ym[:4]), int(ym[5:7])))
        agg.found[key] = int(n)
        agg.closable[int(sp)] += int(closable)
        agg.closed_of_found[int(sp)] += int(closed)
    # Cases closed in each period: on time against their deadline.
    span = _span(Case.closed_on, current, last)
    rows = s.execute(select(span, func.count(), func.count(Case.deadline),
                            func.count(case((and_(Case.deadline.is_not(None), Case.closed_on <= Case.deadline), 1))))
                     .where(Case.status == "结案", _in_spans(Case.closed_on, current, last)).group_by(span))
    for sp, n, with_deadline, on_time in rows:
        agg.closed[int(sp)], agg.with_deadline[int(sp)], agg.on_time[int(sp)] = int(n), int(with_deadline), int(on_time)
    # Recurrence: closed cases some later case names as recurrence_of (the few ids come from that column's index).
    recurred = select(Case.recurrence_of_id).where(Case.recurrence_of_id.is_not(None))
    span = _span(Case.closed_on, current, last)
    rows = s.execute(select(span, func.count()).where(Case.id.in_(recurred), Case.status == "结案",
                                                      _in_spans(Case.closed_on, current, last)).group_by(span))
    for sp, n in rows:
        agg.recurred[int(sp)] = int(n)
    agg.overdue = int(s.scalar(select(func.count()).select_from(Case).where(
        Case.status.in_(DEADLINE_STATUSES), Case.deadline < on)) or 0)
    return agg


def _month_count(s: Session, p: Period, without: list[int]) -> int:
    """Complaints of a month attributed to an estate with population: all, less those without an estate or
    population (both read as index ranges: the month's received_at entries, and seeks into the covering index)."""
    lo, hi = p.instant_bounds()
    in_month = (Complaint.received_at >= lo, Complaint.received_at < hi)
    total = int(s.scalar(select(func.count()).where(*in_month)) or 0)
    if not total:
        return 0
    left_out = select(func.count()).where(or_(Complaint.estate_id.is_(None), Complaint.estate_id.in_(without)),
                                          *in_month)
    return total - int(s.scalar(left_out) or 0)


def complaint_aggregates(s: Session, current: Period, last: Period, *, on: date) -> ComplaintAggregates:
    """Per-estate counts of both periods (one streaming GROUP BY estate each) and the months of both years."""
    agg = ComplaintAggregates()
    agg.estates = {int(i): (str(n), bool(p)) for i, n, p in s.execute(select(Estate.id, Estate.name, Estate.pilot))}
    for eid, as_of, pop in s.execute(select(EstatePopulation.estate_id, EstatePopulation.as_of,
                                            EstatePopulation.population)):
        agg.populations.setdefault(int(eid), []).append((as_of, int(pop)))
    for index, p in enumerate((current, last)):
        lo, hi = p.instant_bounds()
        stmt = (select(Complaint.estate_id, func.count(), func.count(Complaint.repeat_of_id))
                .where(Complaint.received_at >= lo, Complaint.received_at < hi).group_by(Complaint.estate_id))
        # The index exists from schema 0004 on; the hint is emitted on SQLite only.
        stmt = stmt.with_hint(Complaint, f"INDEXED BY {COVERING_INDEX}", "sqlite")
        for estate, n, repeats in s.execute(stmt):
            agg.spans[(None if estate is None else int(estate), index)] = (int(n), int(repeats))
    for y in (current.start.year - 1, current.start.year):
        for m in range(1, 13):
            if (y, m) > (on.year, on.month):
                break
            p = month_period(y, m)
            pops = agg.populations_on(p.end)
            without = [e for e in agg.estates if e not in pops]
            agg.months[(y, m)] = _month_count(s, p, without)
    return agg


def months_of(p: Period) -> list[YM]:
    out, y, m = [], p.start.year, p.start.month
    while (y, m) <= (p.end.year, p.end.month):
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out
