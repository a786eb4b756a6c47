"""年度考核: how the goals are met per street and per estate, what departments did with referrals, and each
officer's (承办人) caseload, for a period and a scope.

- Streets and estates: the 工作台 goal tiles of that street's or estate's estates (controllers.dashboard.goals
  tiles_in_session: 投诉万人比 with and without repeats vs the same period last year, cases found, 结案率, 按期结案率,
  复发率, overdue now), against the year's targets (goals.targets: a year's own targets where set). A period that
  is a whole year, or this year to date, is exactly the dashboard's period for that year.
- Departments: referrals made in the period (referred_on) of the scope's cases and complaints; on time = replied on
  or before the reply date; average working days from referral to reply (replied ones, station calendar);
  returned = 已退回.
- Officers: cases of the scope found in the period with them as 承办人; on-time rate = closed in the period by
  their deadline of those closed with one (controllers.cases.stats' 按期结案率); open = their cases not closed now
  (not 结案, 不予立案 or 移交), whatever the period.
- "Now" for a year that is over is the end of 31 December: states, deadlines and closing days as they stood then
  (controllers.cases.as_of), replies as they had come by then; the year to date is as of today. The average
  working days count on the calendar's prefix sums (controllers.core.workdays), two look-ups per referral.
Everything needs the view right, which a 居委代表 does not have: officers' figures never reach one.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, and_, case, func, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from controllers.cases.as_of import cases_at, rolled_back_day, standing_day
from controllers.core import clock
from controllers.core.context import AppContext
from controllers.core.errors import ValidationError
from controllers.core.periods import Period
from controllers.core.permissions import requires
from controllers.core.workdays import load_calendar
from controllers.dashboard.figures import periods_for
from controllers.dashboard.goals import YEAR_MAX, YEAR_MIN, GoalTile, targets, tiles_per_unit
from controllers.station.scopes import Scope, scope_estates
from controllers.station.views import view_estate_ids
from models.cases import Case, Referral
from models.complaints import Complaint
from models.reference import Department, Staff

NOT_OPEN = ("结案", "不予立案", "移交")
# The goal tiles' names as the sheet, the notice and the CLI print them (the dashboard's own words).
TILE_NAMES = {"per10k": "投诉万人比", "per10k_no_repeats": "投诉万人比（不含重复）", "cases": "案件数",
              "closure": "结案率", "on_time": "按期结案率", "recurrence": "复发率", "overdue": "逾期案件"}


def shown(t: GoalTile) -> str:
    """A tile's actual figure with its unit (— when there is nothing to count)."""
    if t.actual is None:
        return "—"
    value = int(t.actual) if t.unit == "件" else t.actual
    return f"{value}{'%' if t.unit == '%' else ' ' + t.unit}"


@dataclass(frozen=True)
class UnitGoals:
    """A street's or an estate's goal tiles."""

    name: str
    street: str  # the estate's street ("" for a street's own line)
    tiles: tuple[GoalTile, ...]

    def tile(self, key: str) -> GoalTile:
        return next(t for t in self.tiles if t.key == key)


@dataclass(frozen=True)
class DepartmentLine:
    name: str
    referrals: int
    on_time: int
    avg_reply_days: float | None
    returned: int


@dataclass(frozen=True)
class OfficerLine:
    name: str
    cases: int
    on_time_rate: float | None
    open: int


@dataclass(frozen=True)
class Assessment:
    period: Period
    last: Period
    scope: Scope
    targets: dict[str, float]
    total: UnitGoals
    streets: tuple[UnitGoals, ...]
    estates: tuple[UnitGoals, ...]
    departments: tuple[DepartmentLine, ...]
    officers: tuple[OfficerLine, ...]


def _in(ids: Collection[int] | None, column: InstrumentedAttribute[int]) -> list[ColumnElement[bool]]:
    return [] if ids is None else [column.in_(ids)]


def _departments(s: Session, period: Period, ids: Collection[int] | None, *, on: date) -> tuple[DepartmentLine, ...]:
    # A past year counts the replies that had come by its end (a later reply is not yet a reply then).
    by = standing_day(period, on)
    where = [] if ids is None else [or_(Case.estate_id.in_(ids), Complaint.estate_id.in_(ids))]
    rows = s.execute(
        select(Department.name, Referral.referred_on, Referral.reply_due, Referral.replied_on, Referral.status)
        .join(Department, Department.id == Referral.department_id)
        .outerjoin(Case, Case.id == Referral.case_id).outerjoin(Complaint, Complaint.id == Referral.complaint_id)
        .where(Referral.referred_on >= period.start, Referral.referred_on <= period.end, *where))
    calendar = load_calendar(s)
    per: dict[str, list[int]] = {}
    days: dict[str, list[int]] = {}
    for name, referred, due, replied, status in rows:
        if replied is not None and replied > by:
            replied = None
        line = per.setdefault(name, [0, 0, 0])
        line[0] += 1
        if replied is not None and due is not None and replied <= due:
            line[1] += 1
        if status == "已退回":
            line[2] += 1
        if replied is not None:
            days.setdefault(name, []).append(calendar.working_days_between(referred, replied))
    order = {n: i for i, n in enumerate(s.scalars(select(Department.name).order_by(Department.sort_order,
                                                                                   Department.id)))}
    return tuple(DepartmentLine(name, n, on_time, round(sum(days[name]) / len(days[name]), 1) if days.get(name)
                                else None, returned)
                 for name, (n, on_time, returned) in sorted(per.items(), key=lambda kv: order.get(kv[0], 0)))


def _officers(s: Session, period: Period, ids: Collection[int] | None, *, on: date) -> tuple[OfficerLine, ...]:
    C = cases_at(s, rolled_back_day(period, on))  # a past year: its cases as they stood at its end
    # One pass over the scope's cases with an officer, each figure a conditional count (three grouped reads of the
    # rolled-back cases, the "still open" one over every case, cost three times as much).
    found_in = and_(C.found_date >= period.start, C.found_date <= period.end)
    closed_in = and_(C.status == "结案", C.closed_on >= period.start, C.closed_on <= period.end)
    with_deadline = and_(closed_in, C.deadline.is_not(None))
    counts = {int(o): (int(f), int(c), int(t), int(d), int(n)) for o, f, c, t, d, n in s.execute(
        select(C.officer_id, func.count(case((found_in, 1))), func.count(case((closed_in, 1))),
               func.count(case((and_(with_deadline, C.closed_on <= C.deadline), 1))),
               func.count(case((with_deadline, 1))), func.count(case((C.status.not_in(NOT_OPEN), 1))))
        .where(C.officer_id.is_not(None), *_in(ids, C.estate_id)).group_by(C.officer_id))}
    found = {o: c[0] for o, c in counts.items() if c[0]}
    timely = {o: (c[2], c[3]) for o, c in counts.items() if c[1]}
    still_open = {o: c[4] for o, c in counts.items() if c[4]}
    people = set(found) | set(timely) | set(still_open)
    names = dict(s.execute(select(Staff.id, Staff.name).where(Staff.id.in_(people))).all()) if people else {}
    lines = []
    for officer in people:
        in_time, n = timely.get(officer, (0, 0))
        lines.append(OfficerLine(names.get(officer, ""), found.get(officer, 0),
                                 round(in_time * 100 / n, 1) if n else None, still_open.get(officer, 0)))
    return tuple(sorted(lines, key=lambda o: (-o.cases, o.name)))


def assess_in_session(s: Session, period: Period, last: Period, scope: Scope, *, on: date, goals: dict[str, float],
                      view: Collection[int] | None) -> Assessment:
    """Every part of the assessment for the scope's estates within the desk's view (`view`: None = all)."""
    estates = scope_estates(s, scope)
    if view is not None:
        estates = [e for e in estates if e[0] in set(view)]
    covers_all = scope.kind == "district" and view is None
    ids = None if covers_all else [e[0] for e in estates]
    by_street: dict[str, list[int]] = {}
    for eid, _name, street, _committee in estates:
        by_street.setdefault(street, []).append(eid)
    # Units keyed apart: a street and an estate may share a name.
    units = {("street", name): members for name, members in by_street.items()}
    units.update({("estate", str(eid)): [eid] for eid, _n, _st, _c in estates})
    whole, tiles = tiles_per_unit(s, period, last, on=on, goals=goals, ids=ids, units=units)
    total = UnitGoals(scope.label, "", whole)
    streets = tuple(UnitGoals(street, "", tiles[("street", street)]) for street in by_street)
    estate_lines = tuple(UnitGoals(name, street, tiles[("estate", str(eid))])
                         for eid, name, street, _committee in estates)
    return Assessment(period, last, scope, goals, total, streets, estate_lines, _departments(s, period, ids, on=on),
                      _officers(s, period, ids, on=on))


@requires("view")
def assessment(ctx: AppContext, year: int | None = None, scope: Scope | None = None, *,
               today: date | None = None) -> Assessment:
    """The assessment of a year (this year: to date, as the dashboard) for a scope within the desk's view."""
    on = today or clock.today()
    if year is not None and not YEAR_MIN <= year <= YEAR_MAX:
        raise ValidationError(f"考核年度应在 {YEAR_MIN} 至 {YEAR_MAX} 之间。", field="year")
    current, last = periods_for(year, on)
    goals = targets(ctx, current.start.year)
    with ctx.db.session() as s:
        return assess_in_session(s, current, last, scope or Scope(), on=on, goals=goals,
                                 view=view_estate_ids(ctx, s))


def _tile_json(t: GoalTile) -> dict[str, object]:
    return {"actual": t.actual, "last_year": t.last_year, "target": t.target, "met": t.met, "unit": t.unit}


def _unit_json(u: UnitGoals, *, estate: bool) -> dict[str, object]:
    head: dict[str, object] = {"name": u.name, **({"street": u.street} if estate else {})}
    return {**head, **{t.key: _tile_json(t) for t in u.tiles}}


def as_json(a: Assessment) -> dict[str, object]:
    """The issue's shape: streets, estates, departments, officers, targets (plus the period and scope read)."""
    return {
        "period": a.period.label, "start": a.period.start.isoformat(), "end": a.period.end.isoformat(),
        "scope": a.scope.label, "total": _unit_json(a.total, estate=False),
        "streets": [_unit_json(u, estate=False) for u in a.streets],
        "estates": [_unit_json(u, estate=True) for u in a.estates],
        "departments": [{"name": d.name, "referrals": d.referrals, "on_time": d.on_time,
                         "avg_reply_days": d.avg_reply_days, "returned": d.returned} for d in a.departments],
        "officers": [{"name": o.name, "cases": o.cases, "on_time_rate": o.on_time_rate, "open": o.open}
                     for o in a.officers],
        "targets": dict(a.targets),
    }
