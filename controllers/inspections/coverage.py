"""Inspection coverage (应检 / 已检 / 逾期未检) per estate for a period and scope, read from the database.

The arithmetic is controllers.inspections.plan; this module reads grades, their dated changes and the days an
inspection visited each estate in three queries, whatever the number of estates. Every role may read coverage
(a 居委代表 only for their own estates, as in meeting mode): it holds counts and grades, never notes or names.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from controllers.core import clock
from controllers.core.context import AppContext
from controllers.core.periods import Period
from controllers.core.permissions import allowed_estate_ids, requires
from controllers.core.workdays import WorkCalendar, load_calendar
from controllers.inspections import plan
from controllers.station.scopes import Scope, scope_estates
from controllers.station.views import view_estate_ids
from models.inspections import EstateGradeChange, Patrol, PatrolVisit
from models.reference import Estate, EstateGrade

# The patrol kinds that are the grade's inspection (分级分类执法检查); daily rounds and campaigns are patrols too but
# do not stand in for the inspection the plan asks for. A joint inspection checks the estate with other departments.
COUNTING_KINDS = ("分级分类检查", "联合检查")
SQL_ID_LIST_MAX = 300


@dataclass(frozen=True)
class EstateCoverage:
    estate_id: int
    estate: str
    street: str
    grade: str  # the grade in force on the period's last day ("" when ungraded)
    counts: plan.Counts
    due_note: str = ""  # the calendar's estimate note when a due date lies in a year it does not cover


@dataclass(frozen=True)
class CoverageReport:
    period: Period
    scope_label: str
    estates: tuple[EstateCoverage, ...]

    @property
    def totals(self) -> plan.Counts:
        return sum((e.counts for e in self.estates), plan.Counts())

    @property
    def due_note(self) -> str:
        """The estimate note when any estate's due date is only estimated (what the page, tile and CLI add)."""
        return next((e.due_note for e in self.estates if e.due_note), "")

    @property
    def overdue_estates(self) -> tuple[EstateCoverage, ...]:
        return tuple(e for e in self.estates if e.counts.overdue)

    def to_json(self) -> dict[str, object]:
        """The shape `inspections --json` prints (and the next session's tile reads)."""
        t = self.totals
        return {
            "estates": [{"estate": e.estate, "grade": e.grade, "due": e.counts.due, "done": e.counts.done,
                         "overdue": e.counts.overdue} for e in self.estates],
            "totals": {"due": t.due, "done": t.done, "overdue": t.overdue},
        }


def grade_rules(s: Session) -> tuple[dict[int, plan.GradeRule], dict[int, str]]:
    rows = s.execute(select(EstateGrade.id, EstateGrade.name, EstateGrade.inspection_months,
                            EstateGrade.inspection_working_days)).all()
    return ({i: plan.GradeRule(m, bool(w)) for i, _n, m, w in rows}, {i: n for i, n, _m, _w in rows})


def estate_segments(s: Session, estate_ids: list[int] | None) -> dict[int, list[plan.Segment]]:
    """Each estate's grade segments (its grade since always when it was never changed on a date)."""
    est = select(Estate.id, Estate.grade_id)
    chg = select(EstateGradeChange.estate_id, EstateGradeChange.effective_from, EstateGradeChange.grade_id,
                 EstateGradeChange.previous_grade_id)
    if estate_ids is not None:
        est = est.where(Estate.id.in_(estate_ids))
        chg = chg.where(EstateGradeChange.estate_id.in_(estate_ids))
    changes: dict[int, list[tuple[date, int | None, int | None]]] = defaultdict(list)
    for estate_id, day, grade, previous in s.execute(chg):
        changes[estate_id].append((day, grade, previous))
    out: dict[int, list[plan.Segment]] = {}
    for estate_id, current in s.execute(est):
        mine = sorted(changes.get(estate_id, ()), key=lambda c: c[0])
        before = mine[0][2] if mine else current
        out[estate_id] = plan.segments([(d, g) for d, g, _p in mine], before_first=before)
    return out


def visit_days(s: Session, estate_ids: list[int] | None, first: date, last: date) -> dict[int, list[date]]:
    """The local days an inspection visited each estate in [first, last], sorted."""
    lo, hi = clock.day_start(first), clock.day_start(last + timedelta(days=1))
    stmt = (select(PatrolVisit.estate_id, Patrol.started_at).join(Patrol, Patrol.id == PatrolVisit.patrol_id)
            .where(Patrol.kind.in_(COUNTING_KINDS), Patrol.started_at >= lo, Patrol.started_at < hi))
    if estate_ids is not None:
        stmt = stmt.where(PatrolVisit.estate_id.in_(estate_ids))
    days: dict[int, list[date]] = defaultdict(list)
    for estate_id, at in s.execute(stmt):
        days[estate_id].append((at + clock.SHANGHAI_OFFSET).date())  # stored naive UTC -> Shanghai's day
    return {k: sorted(v) for k, v in days.items()}


def compute(s: Session, estates: list[tuple[int, str, str]], period: Period, today: date,
            calendar: WorkCalendar | None = None) -> list[EstateCoverage]:
    """Coverage of the given (id, name, street) estates; all reads in the caller's session."""
    # Beyond a few hundred estates an IN list costs more than reading every estate's rows and skipping the rest.
    ids: list[int] | None = [e[0] for e in estates] if len(estates) <= SQL_ID_LIST_MAX else None
    rules, names = grade_rules(s)
    segs = estate_segments(s, ids)
    # A cycle due in the period started at most one cycle (of the longest in use) before the period.
    longest = max((r.months or 0 for r in rules.values()), default=0)
    visits = visit_days(s, ids, plan.add_months(period.start, -longest), period.end)
    calendar = calendar if calendar is not None else load_calendar(s)
    # Estates never regraded on a date share their cycles with every estate of their grade: computed once each.
    cycles_of: dict[tuple[plan.Segment, ...], list[plan.Cycle]] = {}
    out = []
    for estate_id, name, street in estates:
        mine = segs.get(estate_id, [plan.Segment(None, None)])
        key = tuple(mine)
        if key not in cycles_of:
            cycles_of[key] = plan.cycles_due(mine, rules, period.start, period.end, calendar)
        cycles = cycles_of[key]
        grade = plan.grade_on(mine, period.end)
        estimated = next((c.due_on for c in cycles if c.estimate), None)
        out.append(EstateCoverage(estate_id, name, street, names.get(grade, "") if grade is not None else "",
                                  plan.count(cycles, visits.get(estate_id, []), today), calendar.note_for(estimated)))
    return out


def _estates_shown(ctx: AppContext, s: Session, scope: Scope) -> list[tuple[int, str, str]]:
    """The scope's estates that the current view shows and the user may see."""
    in_view = view_estate_ids(ctx, s)
    allowed = allowed_estate_ids(ctx)
    return [(i, n, st) for i, n, st, _c in scope_estates(s, scope)
            if (in_view is None or i in in_view) and (allowed is None or i in allowed)]


@requires("meeting_mode")
def coverage(ctx: AppContext, period: Period, scope: Scope | None = None, *,
             today: date | None = None) -> CoverageReport:
    """Per estate of the scope (default: the whole view): inspections due, done and overdue in the period."""
    scope = scope or Scope("district")
    with ctx.db.session() as s:
        rows = compute(s, _estates_shown(ctx, s, scope), period, today or clock.today())
    return CoverageReport(period, scope.label, tuple(rows))
