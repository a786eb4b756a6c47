"""Case statistics for a period and a scope (案件统计): counts by category and month, closure, on-time and recurrence.

Every figure, precisely (period P = inclusive Shanghai calendar days; scope = the estates of a
controllers.station.scopes Scope, a case belongs to the scope of its estate; "now" = the day the figures are
taken, clock.today()):
- 发现案件数 (found): cases with found_date in P.
- by category / by month: the found cases grouped by category, and by calendar month of found_date (every month
  P touches is listed, zeros included; a custom range that starts mid-month lists that month too).
- 结案率 (closure rate) = found cases whose status is now 结案 ÷ found cases whose status is now neither 不予立案
  nor 移交 (not ours to close). For last year's period the same rule is applied now, so it is naturally higher.
- 按期结案率 (on-time rate) = cases closed in P (status 结案, closed_on in P) with a deadline and
  closed_on <= deadline ÷ cases closed in P with a deadline. Cases without a deadline are left out of both.
  Closing on the deadline day counts as on time: the plan expects the 复查 on the deadline and the case closed at
  it. The work brief prints this definition under the rates (work_brief_sections.RATE_NOTE); keep them in step.
- 复发率 (recurrence rate) = cases closed in P (status 结案, closed_on in P) for which a later case was opened as
  a recurrence (some case has recurrence_of_id = it) ÷ cases closed in P.
- 逾期 (overdue) = exactly the case book's 已逾期 (controllers.cases.listing): status in DEADLINE_STATUSES and
  deadline < now. A snapshot of now for the whole scope, whatever the found date: no last-year figure.
- 挂账 (on hold) = status 挂账 now; a snapshot like overdue.
- "Now" for a period that is over is the end of its last day: every status, deadline and closing day above (this
  period's and last year's) is the case's as it stood then (controllers.cases.as_of), so a past period's figures
  print the same whenever they are taken; a running period is as of today. Recurrences are the exception: a
  violation found again after closing is by nature found later, so 复发率 counts every recurrence known today.
- Same period last year = controllers.core.periods.same_period_last_year(P); rates are None when the denominator is 0.
Everything is computed by GROUP BY / COUNT queries on indexed columns; no Python loop over cases.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, case, exists, extract, func, select
from sqlalchemy.orm import Session, aliased

from controllers.cases.as_of import cases_at, rolled_back_day, standing_day
from controllers.cases.listing import DEADLINE_STATUSES
from controllers.core import clock
from controllers.core.context import AppContext
from controllers.core.periods import Period, same_period_last_year
from controllers.core.permissions import requires
from controllers.station.scopes import Scope, scope_estate_ids
from models.cases import Case
from models.reference import Category

NOT_OURS_TO_CLOSE = ("不予立案", "移交")


@dataclass(frozen=True)
class Rate:
    """A share as numerator / denominator; percent is None when nothing was there to count."""

    numerator: int
    denominator: int

    @property
    def percent(self) -> float | None:
        return round(self.numerator * 100 / self.denominator, 1) if self.denominator else None


@dataclass(frozen=True)
class PeriodFigures:
    """The period-bound figures of one period."""

    label: str
    start: date
    end: date
    found: int
    closure: Rate
    on_time: Rate
    recurrence: Rate
    closed_in_period: int


@dataclass(frozen=True)
class CategoryCount:
    """Cases found in a category, this period and the same period last year."""

    code: str
    name: str
    count: int
    last_year: int


@dataclass(frozen=True)
class MonthCount:
    """Cases found in one calendar month of the period, beside the same month last year."""

    year: int
    month: int
    count: int
    last_year: int

    @property
    def label(self) -> str:
        return f"{self.month}月"


@dataclass(frozen=True)
class CaseStats:
    """Everything the dashboard and the work brief show about cases for a period and scope."""

    scope: str
    current: PeriodFigures
    last_year: PeriodFigures
    by_category: list[CategoryCount]
    by_month: list[MonthCount]
    # (category code, year, month, count) for cases found in the period: the category x month table.
    by_category_month: list[tuple[str, int, int, int]] = field(default_factory=list)
    overdue: int = 0
    on_hold: int = 0
    as_of: date | None = None

    def change_found(self) -> int:
        return self.current.found - self.last_year.found


def _in_scope(estate_ids: list[int] | None, C: Any = Case) -> list[ColumnElement[bool]]:
    return [] if estate_ids is None else [C.estate_id.in_(estate_ids)]


def _found_counts(s: Session, p: Period, where: list[ColumnElement[bool]], C: Any = Case
                  ) -> dict[tuple[int, int, int], int]:
    """(category id, year, month) -> cases found, one GROUP BY over the found_date index range."""
    y, m = extract("year", C.found_date), extract("month", C.found_date)
    stmt = (select(C.category_id, y, m, func.count())
            .where(C.found_date >= p.start, C.found_date <= p.end, *where)
            .group_by(C.category_id, y, m))
    return {(int(c), int(yy), int(mm)): int(n) for c, yy, mm, n in s.execute(stmt)}


def _figures(s: Session, p: Period, where: list[ColumnElement[bool]], found: int, C: Any = Case) -> PeriodFigures:
    closable = s.execute(
        select(func.count(), func.count(case((C.status == "结案", 1))))
        .where(C.found_date >= p.start, C.found_date <= p.end, C.status.not_in(NOT_OURS_TO_CLOSE), *where)
    ).one()
    later = aliased(Case)
    recurred = exists().where(later.recurrence_of_id == C.id)
    closed = s.execute(
        select(
            func.count(),
            func.count(C.deadline),
            func.count(case((and_(C.deadline.is_not(None), C.closed_on <= C.deadline), 1))),
            func.count(case((recurred, 1))),
        ).where(C.status == "结案", C.closed_on >= p.start, C.closed_on <= p.end, *where)
    ).one()
    n_closed, with_deadline, on_time, recurrences = (int(x) for x in closed)
    return PeriodFigures(
        label=p.label, start=p.start, end=p.end, found=found,
        closure=Rate(int(closable[1]), int(closable[0])), on_time=Rate(on_time, with_deadline),
        recurrence=Rate(recurrences, n_closed), closed_in_period=n_closed,
    )


def _months(p: Period) -> list[tuple[int, int]]:
    out, y, m = [], p.start.year, p.start.month
    while (y, m) <= (p.end.year, p.end.month):
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def snapshot_counts(s: Session, estate_ids: list[int] | None, on: date, C: Any = Case) -> tuple[int, int]:
    """(overdue, on hold) on the day `on`, with the case book's definitions (C: cases_at(on) for a past day)."""
    where = _in_scope(estate_ids, C)
    overdue = s.scalar(select(func.count()).select_from(C).where(
        C.status.in_(DEADLINE_STATUSES), C.deadline < on, *where))
    on_hold = s.scalar(select(func.count()).select_from(C).where(C.status == "挂账", *where))
    return int(overdue or 0), int(on_hold or 0)


def stats_in_session(s: Session, period: Period, scope: Scope, *, on: date) -> CaseStats:
    """The figures inside an open session (the work brief reads several areas in one session)."""
    estate_ids = scope_estate_ids(s, scope)
    C = cases_at(s, rolled_back_day(period, on))
    on = standing_day(period, on)
    where = _in_scope(estate_ids, C)
    last = same_period_last_year(period)
    cur_counts, last_counts = _found_counts(s, period, where, C), _found_counts(s, last, where, C)
    categories = {int(i): (str(c), str(n)) for i, c, n in s.execute(select(Category.id, Category.code, Category.name))}

    per_cat: dict[int, list[int]] = {}
    for counts, slot in ((cur_counts, 0), (last_counts, 1)):
        for (cat, _y, _m), n in counts.items():
            per_cat.setdefault(cat, [0, 0])[slot] += n
    by_category = sorted(
        (CategoryCount(*categories.get(cat, ("", "未知类别")), count=a, last_year=b)
         for cat, (a, b) in per_cat.items()),
        key=lambda c: c.code,
    )
    month_now: dict[tuple[int, int], int] = {}
    month_last: dict[tuple[int, int], int] = {}
    for (_c, y, m), n in cur_counts.items():
        month_now[(y, m)] = month_now.get((y, m), 0) + n
    for (_c, y, m), n in last_counts.items():
        month_last[(y, m)] = month_last.get((y, m), 0) + n
    by_month = [MonthCount(y, m, month_now.get((y, m), 0), month_last.get((y - 1, m), 0)) for y, m in _months(period)]
    matrix = sorted((categories.get(c, ("", ""))[0], y, m, n) for (c, y, m), n in cur_counts.items())

    overdue, on_hold = snapshot_counts(s, estate_ids, on, C)
    return CaseStats(
        scope=scope.label,
        current=_figures(s, period, where, sum(cur_counts.values()), C),
        last_year=_figures(s, last, where, sum(last_counts.values()), C),
        by_category=by_category, by_month=by_month, by_category_month=matrix,
        overdue=overdue, on_hold=on_hold, as_of=on,
    )


@requires("view")
def case_stats(ctx: AppContext, period: Period, scope: Scope | None = None, *, on: date | None = None) -> CaseStats:
    """Case figures for the period and scope beside the same period last year; overdue/on hold as of `on`."""
    with ctx.db.session() as s:
        return stats_in_session(s, period, scope or Scope(), on=on or clock.today())
