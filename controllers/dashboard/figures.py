"""The aggregates behind the 工作台 goal tiles and charts: one index-range pass per table and period, shared by both.

Periods: the year to date (1 January to today) when the year is the current one, the whole year otherwise; the
comparison is controllers.core.periods.same_period_last_year of it (the same days a year earlier).
Every figure follows the definitions of controllers.cases.stats (found, 结案率, 按期结案率, 复发率, 逾期) and
controllers.complaints.per10k (投诉万人比: population in force at the period's end; estates without population and
complaints without an estate stay out of both sides of the ratio). The unit tests compare the figures here with
those modules; this module exists only because the dashboard reads everything in one pass per table and period
(each a range of a covering index, grouped in index order so nothing is sorted) to refresh within 300 ms at
100,000 cases and 200,000 complaints. At district scale (1,000,000 cases, 2,000,000 complaints) a period's whole
months come from counts kept per month by triggers (models.case_months, models.complaint_months) and only its
partial months' days from the records; see case_passes for which views of the cases can use them.

The desk's view (controllers.station.views) comes in as lists of conditions (`where`, empty when the view covers every
estate, so a station alone on its desk runs exactly the statements above); a narrowed view also leaves out the
complaints without an estate, as per10k does for a narrowed scope.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import and_, case, func, literal, or_, select
from sqlalchemy.orm import Session

from controllers.cases.as_of import cases_at, rolled_back_day, standing_day
from controllers.cases.listing import DEADLINE_STATUSES
from controllers.complaints import month_counts
from controllers.core.periods import Period, day_range, month_parts, same_period_last_year
from controllers.core.periods import month as month_period
from controllers.core.periods import year as year_period
from models.case_months import NOT_OURS_TO_CLOSE, CaseMonthCount
from models.cases import Case
from models.reference import Category, Estate, EstatePopulation

YM = tuple[int, int]
NO_MONTH: YM = (0, 0)  # the month of a per-estate count (the 年度考核 draws no chart, so it reads none)


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
    _memo: dict[int, dict[int, int]] = field(default_factory=dict)
    _as_of_dates: list[date] | None = None

    def population(self, estate_id: int, on: date) -> int | None:
        """The estate's population in force on a day: the latest as_of on or before it (per10k's rule)."""
        best: tuple[date, int] | None = None
        for as_of, pop in self.populations.get(estate_id, ()):
            if as_of <= on and (best is None or as_of > best[0]):
                best = (as_of, pop)
        return None if best is None else best[1]

    def restricted(self, ids: Collection[int]) -> ComplaintAggregates:
        """The same figures for some of the estates only: what complaint_aggregates gives with a `where` naming
        them (their spans, names and populations), without reading the table again."""
        # Looked up per wanted estate, not filtered from all of them: the 年度考核 asks this once per street and
        # estate, and a pass over every estate's figures each time made it quadratic.
        wanted = dict.fromkeys(ids)
        return ComplaintAggregates(spans={(e, sp): self.spans[(e, sp)] for e in wanted for sp in (0, 1)
                                          if (e, sp) in self.spans},
                                   estates={e: self.estates[e] for e in wanted if e in self.estates},
                                   populations={e: self.populations[e] for e in wanted if e in self.populations})

    def populations_on(self, on: date) -> dict[int, int]:
        """Estate id -> population in force on the day, for estates that have one.

        Which figures are in force depends only on how many of the (few) distinct as_of dates fall on or before
        the day, so the answer is memoised per that count: two dozen month ends cost one or two passes.
        """
        if self._as_of_dates is None:
            self._as_of_dates = sorted({as_of for rows in self.populations.values() for as_of, _p in rows})
        key = bisect_right(self._as_of_dates, on)
        if key in self._memo:
            return self._memo[key]
        out = {}
        for eid in self.estates:
            pop = self.population(eid, on)
            if pop is not None:
                out[eid] = pop
        self._memo[key] = out
        return out


def case_aggregates(s: Session, current: Period, last: Period, *, on: date,
                    ids: Collection[int] | None = None) -> CaseAggregates:
    """`ids`: the view's estates (None: every estate, no condition)."""
    return case_passes(s, current, last, on=on, ids=ids)[None]


def case_passes(s: Session, current: Period, last: Period, *, on: date, ids: Collection[int] | None = None,
                by_estate: bool = False) -> dict[Any, CaseAggregates]:
    """The case aggregates, all in one (key None) or one per estate id (`by_estate`, the 年度考核): the same
    statements with the estate added to the grouping, so a street's figures summed from its estates are the
    dashboard's. A past year is read as its cases stood at its end (controllers.cases.as_of), the year to date as now.

    The view covering every estate, read as the cases stand now, takes its periods' whole months from the counts
    kept per month and category by triggers (models.case_months) and only the edge months' days from the cases;
    a narrowed view, per estate or rolled back reads the cases (the kept counts know neither estates nor the past).
    """
    categories = {int(i): (str(c), str(n)) for i, c, n in s.execute(select(Category.id, Category.code,
                                                                           Category.name))}
    out: dict[Any, CaseAggregates] = {}

    def agg(key: Any) -> CaseAggregates:
        if key not in out:
            out[key] = CaseAggregates(categories=categories)
        return out[key]

    day = rolled_back_day(current, on)
    C = cases_at(s, day)
    on = standing_day(current, on)
    where = [] if ids is None else [C.estate_id.in_(ids)]
    keys = (C.estate_id,) if by_estate else ()
    if not by_estate:
        agg(None)  # the whole has its (possibly empty) aggregates even without a single case
    kept = not by_estate and ids is None and day is None
    for sp, p in enumerate((current, last)):
        months, edges = month_parts(p) if kept else (None, [p])
        for edge in edges:
            _found_pass(s, C, edge, sp, where, keys, by_estate, agg)
            _closed_pass(s, C, edge, sp, where, keys, agg, recurred=not kept)
        if months is not None:
            _kept_months(s, *months, sp, out[None])
    if kept:
        out[None].recurred = _recurred(s, (current, last))
    for row in s.execute(select(*keys, func.count()).select_from(C).where(
            C.status.in_(DEADLINE_STATUSES), C.deadline < on, *where).group_by(*keys)):
        agg(row[0] if keys else None).overdue = int(row[-1] or 0)
    return out


def _found_pass(s: Session, C: Any, p: Period, sp: int, where: list[Any], keys: tuple[Any, ...], by_estate: bool,
                agg: Callable[[Any], CaseAggregates]) -> None:
    """Cases found in the period's days: per category and month, how many may be closed and how many are."""
    # One range of the (found_date, category_id, status) covering index. Grouping by the index's own columns streams
    # in index order (a GROUP BY on a month expression or a CASE sorts every row in a temp B-tree first, twice as
    # slow); the few thousand (day, category) rows are summed into months here, which also keeps the SQL free of
    # date-to-text functions that differ between SQLite and PostgreSQL.
    # Per estate (the 年度考核) no chart is drawn, so the months are not needed: grouping by (estate, day, category)
    # gave nearly a row per case, each summed here; (estate, category) gives a few thousand rows, summed in SQL.
    days = () if by_estate else (C.found_date,)
    rows = s.execute(select(*keys, *days, C.category_id, func.count(),
                            func.count(case((C.status.not_in(NOT_OURS_TO_CLOSE), 1))),
                            func.count(case((C.status == "结案", 1))))
                     .where(C.found_date >= p.start, C.found_date <= p.end, *where)
                     .group_by(*keys, *days, C.category_id))
    for row in rows:
        a = agg(row[0] if keys else None)
        cat, n, closable, closed = row[-4:]
        key = (sp, int(cat), NO_MONTH if by_estate else (row[-5].year, row[-5].month))
        a.found[key] = a.found.get(key, 0) + int(n)
        a.closable[sp] += int(closable)
        a.closed_of_found[sp] += int(closed)


def _closed_pass(s: Session, C: Any, p: Period, sp: int, where: list[Any], keys: tuple[Any, ...],
                 agg: Callable[[Any], CaseAggregates], *, recurred: bool) -> None:
    """Cases closed in the period's days (one range of the status/closed_on/deadline index): on time against their
    deadline, and (`recurred`) how many some later case names as recurrence_of (that column's index lists them)."""
    recurrences = select(Case.recurrence_of_id).where(Case.recurrence_of_id.is_not(None))
    for row in s.execute(
        select(*keys, func.count(), func.count(C.deadline),
               func.count(case((and_(C.deadline.is_not(None), C.closed_on <= C.deadline), 1))),
               func.count(case((C.id.in_(recurrences), 1))) if recurred else literal(0))
        .where(C.status == "结案", C.closed_on >= p.start, C.closed_on <= p.end, *where)
        .group_by(*keys)):
        a = agg(row[0] if keys else None)
        n, with_deadline, on_time, recurring = (int(v) for v in row[-4:])
        a.closed[sp] += n
        a.with_deadline[sp] += with_deadline
        a.on_time[sp] += on_time
        a.recurred[sp] += recurring


def _kept_months(s: Session, first: date, last: date, sp: int, a: CaseAggregates) -> None:
    """Add the counts kept for the months from `first` to `last` (models.case_months: ~14 rows a month)."""
    M = CaseMonthCount
    for month, cat, found, closable, closed_of_found, closed, with_deadline, on_time in s.execute(
            select(M.month, M.category_id, M.found, M.closable, M.closed_of_found, M.closed, M.with_deadline,
                   M.on_time).where(M.month >= first, M.month <= last)):
        if found:  # a row left at zero by deletions, or one of cases closed but none found that month
            key = (sp, int(cat), (month.year, month.month))
            a.found[key] = a.found.get(key, 0) + int(found)
        a.closable[sp] += int(closable)
        a.closed_of_found[sp] += int(closed_of_found)
        a.closed[sp] += int(closed)
        a.with_deadline[sp] += int(with_deadline)
        a.on_time[sp] += int(on_time)


def _recurred(s: Session, periods: Sequence[Period]) -> list[int]:
    """Per period, the cases closed in it that some later case names as recurrence_of, in one statement: each of the
    ~2% of cases naming one (that column's index) leads by primary key to the case it names. At 1,000,000 cases this
    reads 23,000 index entries; asking each of the ~380,000 closed cases of a period whether it is named cost 3x."""
    named = select(Case.recurrence_of_id).where(Case.recurrence_of_id.is_not(None))
    within = [and_(Case.closed_on >= p.start, Case.closed_on <= p.end) for p in periods]
    row = s.execute(select(*(func.count(case((w, 1))) for w in within))
                    .where(Case.id.in_(named), Case.status == "结案", or_(*within))).one()
    return [int(n) for n in row]


def combined(parts: Sequence[CaseAggregates], categories: dict[int, tuple[str, str]]) -> CaseAggregates:
    """Several estates' case aggregates as one (a street of the 年度考核): every count is a sum."""
    total = CaseAggregates(categories=categories)
    for a in parts:
        for key, n in a.found.items():
            total.found[key] = total.found.get(key, 0) + n
        for name in ("closable", "closed_of_found", "closed", "with_deadline", "on_time", "recurred"):
            mine, theirs = getattr(total, name), getattr(a, name)
            mine[0], mine[1] = mine[0] + theirs[0], mine[1] + theirs[1]
        total.overdue += a.overdue
    return total


def complaint_aggregates(s: Session, current: Period, last: Period, *, on: date, ids: Collection[int] | None = None,
                         months: bool = True) -> ComplaintAggregates:
    """Per-estate counts of both periods and the months of both years (controllers.complaints.month_counts: whole
    months from the kept counts, a partial month's days from the complaints' index).

    `ids`: the view's estates (None: every estate, and the complaints without one too). `months=False` leaves the
    months out (only the charts use them; the goal tiles and the 年度考核 do not).
    """
    agg = ComplaintAggregates()
    estates_where = [] if ids is None else [Estate.id.in_(ids)]
    agg.estates = {int(i): (str(n), bool(p))
                   for i, n, p in s.execute(select(Estate.id, Estate.name, Estate.pilot).where(*estates_where))}
    for eid, as_of, pop in s.execute(select(EstatePopulation.estate_id, EstatePopulation.as_of,
                                            EstatePopulation.population)):
        agg.populations.setdefault(int(eid), []).append((as_of, int(pop)))
    for index, p in enumerate((current, last)):
        for estate, counts in month_counts.by_estate(s, p, ids).items():
            agg.spans[(estate, index)] = counts
    if not months:
        return agg
    # A month's complaints attributed to an estate with a population in force at the month's end (of the view's
    # estates: populations_on reads those only); the month of `on` counts all its days, as every month does. The
    # months sharing the same estates with a population are summed by one query.
    y = current.start.year
    wanted: dict[frozenset[int], list[YM]] = {}
    for yy in (y - 1, y):
        for m in range(1, 13):
            if (yy, m) > (on.year, on.month):
                break
            wanted.setdefault(frozenset(agg.populations_on(month_period(yy, m).end)), []).append((yy, m))
    for estates, months_wanted in wanted.items():
        (fy, fm), (ly, lm) = min(months_wanted), max(months_wanted)
        in_month = month_counts.per_month(s, date(fy, fm, 1), date(ly, lm, 1), estates) if estates else {}
        for yy, m in months_wanted:
            agg.months[(yy, m)] = in_month.get(date(yy, m, 1), 0)
    return agg


def months_of(p: Period) -> list[YM]:
    out, y, m = [], p.start.year, p.start.month
    while (y, m) <= (p.end.year, p.end.month):
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out
