"""通报 (issue 20 point 4): what a regular meeting is told about a period and a scope, read from the assessment so
every figure is the assessment's (and so the dashboard's) own number.

- Progress: the scope's goal tiles against the year's targets (the assessment's total line).
- Furthest behind: estates with the most goals not met (ties: the higher 投诉万人比 first), and departments with the
  lowest share of referrals replied on time (ties: the slower average reply first). At most BEHIND of each.
- Open 督办: the open orders on items in the scope (controllers.orders.records.orders_in_estates).
- Good practice: the cases of the scope closed in the period in the fewest working days from their finding, and the
  estates whose 投诉万人比 fell most against the same period last year. At most GOOD of each.
The period: a whole year is the dashboard's and the assessment's year (this year: to date); any other period is
compared with the same days a year earlier, as the work brief compares it.
No personal data: cases by number, estate and category; orders by their number, item label and addressee (staff
or department, never a resident); free text of orders is not printed.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from controllers.assessment.figures import Assessment, DepartmentLine, UnitGoals, assess_in_session
from controllers.core import clock
from controllers.core.context import AppContext
from controllers.core.periods import Period, same_period_last_year
from controllers.core.permissions import requires
from controllers.core.workdays import load_calendar
from controllers.dashboard.figures import periods_for
from controllers.dashboard.goals import targets
from controllers.orders.records import OrderRow, open_orders_query, orders_in_estates, rows_of
from controllers.station.scopes import Scope
from controllers.station.views import scoped_estate_ids, view_estate_ids
from models.cases import Case
from models.reference import Category, Estate
from models.sqlfuncs import days_between

BEHIND = 5
GOOD = 5
FASTEST_POOL = 50  # the closings with the fewest calendar days, of which working days are counted


@dataclass(frozen=True)
class FastCase:
    number: str
    estate: str
    category: str
    found: date
    closed: date
    working_days: int


@dataclass(frozen=True)
class RateFall:
    estate: str
    street: str
    now: float
    last_year: float

    @property
    def fall(self) -> float:
        return round(self.last_year - self.now, 2)


@dataclass(frozen=True)
class Notice:
    assessment: Assessment
    estates_behind: tuple[tuple[UnitGoals, int], ...]  # (estate, goals not met)
    departments_behind: tuple[DepartmentLine, ...]
    orders: tuple[OrderRow, ...]
    fastest: tuple[FastCase, ...]
    falls: tuple[RateFall, ...]


def notice_periods(period: Period, today: date) -> tuple[Period, Period]:
    """(the period measured, the same period last year): a year as the assessment reads it, else as given."""
    if period.kind == "year":
        return periods_for(period.start.year, today)
    return period, same_period_last_year(period)


def unmet(u: UnitGoals) -> int:
    return sum(1 for t in u.tiles if t.met is False)


def _per10k(u: UnitGoals) -> float:
    return u.tile("per10k").actual or 0.0


def _on_time_share(d: DepartmentLine) -> float:
    return d.on_time / d.referrals if d.referrals else 1.0


def estates_behind(a: Assessment) -> tuple[tuple[UnitGoals, int], ...]:
    ranked = sorted(((u, unmet(u)) for u in a.estates if unmet(u)), key=lambda x: (-x[1], -_per10k(x[0]), x[0].name))
    return tuple(ranked[:BEHIND])


def departments_behind(a: Assessment) -> tuple[DepartmentLine, ...]:
    lagging = [d for d in a.departments if d.on_time < d.referrals or d.returned]
    lagging.sort(key=lambda d: (_on_time_share(d), -(d.avg_reply_days or 0.0), d.name))
    return tuple(lagging[:BEHIND])


def rate_falls(a: Assessment) -> tuple[RateFall, ...]:
    falls = []
    for u in a.estates:
        t = u.tile("per10k")
        if t.actual is not None and t.last_year is not None and t.actual < t.last_year:
            falls.append(RateFall(u.name, u.street, t.actual, t.last_year))
    falls.sort(key=lambda f: (-f.fall, f.estate))
    return tuple(falls[:GOOD])


def fastest_closed(s: Session, period: Period, ids: Collection[int] | None) -> tuple[FastCase, ...]:
    """Cases closed in the period in the fewest working days from their finding (station calendar)."""
    where = [Case.status == "结案", Case.closed_on >= period.start, Case.closed_on <= period.end,
             Case.closed_on.is_not(None)]  # a closed case has its closing day (the column may be NULL)
    if ids is not None:
        where.append(Case.estate_id.in_(ids))
    days = days_between(Case.found_date, Case.closed_on)
    # Working days are counted in Python on a pool picked by calendar days in SQL: every closing within the
    # FASTEST_POOL-th fewest calendar days (ties at the edge included, so the pool is the same as sorting all of
    # them here, which read every case closed in the period).
    edge = s.scalar(select(days).where(*where).order_by(days).offset(FASTEST_POOL - 1).limit(1))
    rows = [(n, e, c, f, cl) for n, e, c, f, cl in s.execute(
        select(Case.number, Estate.name, Category.name, Case.found_date, Case.closed_on)
        .join(Estate, Estate.id == Case.estate_id).join(Category, Category.id == Case.category_id)
        .where(*where, *([] if edge is None else [days <= edge]))) if cl is not None]
    pool = sorted(rows, key=lambda r: ((r[4] - r[3]).days, r[0]))[:FASTEST_POOL]
    calendar = load_calendar(s)
    found = [FastCase(n, e, c, f, cl, max(0, calendar.working_days_between(f, cl))) for n, e, c, f, cl in pool]
    found.sort(key=lambda c: (c.working_days, c.closed, c.number))
    return tuple(found[:GOOD])


def notice_in_session(ctx: AppContext, s: Session, period: Period, scope: Scope, *, on: date) -> Notice:
    current, last = notice_periods(period, on)
    a = assess_in_session(s, current, last, scope, on=on, goals=targets(ctx, current.start.year),
                          view=view_estate_ids(ctx, s))
    ids = scoped_estate_ids(ctx, s, scope)
    orders = rows_of(s, orders_in_estates(open_orders_query(), ids), today=on, full=False)
    return Notice(a, estates_behind(a), departments_behind(a), tuple(orders), fastest_closed(s, current, ids),
                  rate_falls(a))


@requires("view")
def notice(ctx: AppContext, period: Period, scope: Scope | None = None, *, today: date | None = None) -> Notice:
    """The notice's content for a period and a scope within the desk's view."""
    with ctx.db.session() as s:
        return notice_in_session(ctx, s, period, scope or Scope(), on=today or clock.today())
