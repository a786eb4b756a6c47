"""The figures a work brief prints, gathered for a period and scope (no layout here; see work_brief.py).

Lists are capped (LIST_LIMIT rows, the worst first) with the total stated, so a district brief stays a brief.
Repeat complaints: a group is a first complaint and its repeats (complaint_repeats); a group counts in the
period when one of its repeats was received in the period. "What was done" = the group's case, if any member
is linked to one, and the furthest status any member reached.
Trainings in scope: every training for the district; otherwise trainings linked to an estate of the scope.
Pilot vs the rest: the estates of the scope split by Estate.pilot, each side with its complaints per 10,000
residents (estates with a population in force only, as per10k) and its cases found and closure rate.
Cases as of the brief's day (controllers.cases.as_of): a period that is over is read as its cases stood at the end
of its last day (overdue then, on hold then, open then), so a brief for last quarter prints the same figures
whenever it is printed; a running period is read as of today. `as_of` is that day (the "截至" of section 三).
Scope 本工作室 (station): the station's area from 设置 (controllers.station.area); `area` says in words what it covers,
so a reader of the printed brief knows which estates the figures are about.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session, aliased

from controllers.cases.as_of import cases_at, holds_then, rolled_back_day, standing_day
from controllers.cases.listing import DEADLINE_STATUSES, CaseRow, DaysLeft
from controllers.cases.stats import NOT_OURS_TO_CLOSE, CaseStats, stats_in_session
from controllers.complaints.dissatisfied import count_dissatisfied_in
from controllers.complaints.per10k import EstatePer10k, Per10kReport, per10k, per10k_by_estate, ratio
from controllers.core import clock
from controllers.core.clock import to_local
from controllers.core.context import AppContext
from controllers.core.periods import Period, same_period_last_year
from controllers.core.permissions import requires
from controllers.core.privacy import mask_free_text
from controllers.core.workdays import load_calendar
from controllers.inspections.figures import InspectionFigures, inspection_figures
from controllers.station import area as station
from controllers.station.scopes import Scope, scope_estate_ids
from models.cases import Case
from models.complaints import Complaint
from models.reference import Category, Estate, Staff, Street
from models.sqlfuncs import greatest
from models.trainings import Training, TrainingKind, training_estates

LIST_LIMIT = 30
AREA_NAMES = 8  # a station area of up to this many estates is named estate by estate under the title
STATUS_ORDER = ("待处理", "处理中", "已办结", "已回复")


@dataclass(frozen=True)
class HoldRow:
    """A case on hold (挂账) with its reason and review date."""

    number: str
    category: str
    estate: str
    found_date: date
    reason: str
    review_date: date | None


@dataclass(frozen=True)
class RepeatGroup:
    """One repeat group active in the period."""

    first_received: datetime
    estate: str
    category: str
    repeats_in_period: int
    case_number: str | None
    status: str


@dataclass(frozen=True)
class TrainingLine:
    """One training or outreach session held in the period."""

    day: date
    kind: str
    title: str
    venue: str
    head_count: int | None


@dataclass(frozen=True)
class GroupFigures:
    """Pilot estates or the rest."""

    name: str
    estates: int
    population: int
    complaints: int
    per10k: float | None
    cases: int
    closed: int
    closable: int

    @property
    def closure(self) -> float | None:
        return round(self.closed * 100 / self.closable, 1) if self.closable else None


@dataclass(frozen=True)
class WorkBriefData:
    """Everything a work brief prints."""

    period: Period
    scope: Scope
    per10k: Per10kReport
    ranking: list[EstatePer10k]
    cases: CaseStats
    overdue: list[CaseRow]
    on_hold: list[HoldRow]
    repeats: int
    repeats_last_year: int
    repeat_groups: int
    repeat_groups_with_case: int
    groups: list[RepeatGroup]
    trainings: list[TrainingLine]
    trainings_by_kind: list[tuple[str, int, int]]  # kind, sessions, head count
    trainings_last_year: int
    pilot: GroupFigures | None
    rest: GroupFigures | None
    as_of: date
    area: str = ""  # the station scope's area in words ("长征镇 12 个小区"); empty for other scopes
    dissatisfied: int = 0  # 不满意 callbacks in the period (issue 21)
    dissatisfied_last_year: int = 0
    inspections: InspectionFigures | None = None  # 分级分类检查: coverage by grade and street, findings (issue 19)


def _on_hold(s: Session, C: Any, where: list[Any], day: date | None) -> list[HoldRow]:
    """The cases on hold at the end of the brief's day, with the reason and review date of that hold."""
    stmt = (select(C.id, C.number, Category.name, Estate.name, C.found_date, C.hold_reason, C.hold_review_date,
                   C.party_name)
            .join(Category, Category.id == C.category_id).join(Estate, Estate.id == C.estate_id)
            .where(C.status == "挂账", *where).order_by(C.found_date, C.id).limit(LIST_LIMIT))
    rows = s.execute(stmt).all()
    then = holds_then(s, [int(r[0]) for r in rows if r[5] is None and r[6] is None], day)
    # The brief is printed and passed on: a reason typed with the party's name or phone in it is masked.
    return [HoldRow(str(n), str(c), str(e), f, mask_free_text(then.get(int(i), (r, d))[0], (party,)),
                    then.get(int(i), (r, d))[1])
            for i, n, c, e, f, r, d, party in rows]


def _overdue(s: Session, C: Any, where: list[Any], on: date) -> list[CaseRow]:
    """The longest-overdue cases of the scope (the case book's 已逾期) on the brief's day, whatever the desk's view:
    the list must agree with the count beside it, which the scope alone decides."""
    stmt = (select(C.id, C.number, C.status, Category.name, Estate.name, C.place, C.found_date,
                   C.deadline, Staff.name, C.source, Street.name)
            .join(Category, Category.id == C.category_id).join(Estate, Estate.id == C.estate_id)
            .join(Street, Street.id == C.street_id).outerjoin(Staff, Staff.id == C.officer_id)
            .where(C.status.in_(DEADLINE_STATUSES), C.deadline < on, *where)
            .order_by(C.deadline, C.id).limit(LIST_LIMIT))
    days_left = DaysLeft(load_calendar(s), on)
    return [CaseRow(int(i), str(n), str(st), str(c), str(e), str(pl or ""), f, d, days_left(str(st), d),
                    str(o or ""), str(src), str(street))
            for i, n, st, c, e, pl, f, d, o, src, street in s.execute(stmt)]


def _repeat_count(s: Session, p: Period, where: list[Any]) -> int:
    lo, hi = p.instant_bounds()
    return int(s.scalar(select(func.count()).select_from(Complaint).where(
        Complaint.received_at >= lo, Complaint.received_at < hi, Complaint.repeat_of_id.is_not(None), *where)) or 0)


def _repeat_groups(s: Session, p: Period, where: list[Any]) -> tuple[int, int, list[RepeatGroup]]:
    lo, hi = p.instant_bounds()
    rank = case({st: i for i, st in enumerate(STATUS_ORDER)}, value=Complaint.status, else_=0)
    members = (select(Complaint.repeat_of_id.label("first_id"), func.count().label("n"),
                      func.max(Complaint.case_id).label("case_id"), func.max(rank).label("rank"))
               .where(Complaint.received_at >= lo, Complaint.received_at < hi, Complaint.repeat_of_id.is_not(None),
                      *where)
               .group_by(Complaint.repeat_of_id).subquery())
    first = aliased(Complaint)
    total, with_case = s.execute(select(func.count(), func.count(func.coalesce(members.c.case_id, first.case_id)))
                                 .select_from(members).join(first, first.id == members.c.first_id)).one()
    rows = s.execute(
        select(first.received_at, Estate.name, Category.name, members.c.n,
               Case.number, greatest(members.c.rank, case({st: i for i, st in enumerate(STATUS_ORDER)},
                                                          value=first.status, else_=0)))
        .select_from(members).join(first, first.id == members.c.first_id)
        .outerjoin(Estate, Estate.id == first.estate_id).outerjoin(Category, Category.id == first.category_id)
        .outerjoin(Case, Case.id == func.coalesce(members.c.case_id, first.case_id))
        .order_by(members.c.n.desc(), first.received_at).limit(LIST_LIMIT))
    groups = [RepeatGroup(to_local(r), str(e or "（未匹配小区）"), str(c or "（未分类）"), int(n),
                          str(num) if num else None, STATUS_ORDER[int(k or 0)]) for r, e, c, n, num, k in rows]
    return int(total), int(with_case), groups


def _area(s: Session, scope: Scope, estates: list[str]) -> str:
    """What the station scope covers, for the line under the brief's title (a few estates are named)."""
    if scope.kind != "station":
        return ""
    n = len(estates)
    if station.station_estate_ids(s) is None:
        return f"全部 {n} 个小区"
    area = station.area_in_session(s)
    where = f"{area.street or ''}{'所选' if area.estate_ids else '全部'} {n} 个小区"
    return where + (f"：{'、'.join(sorted(estates))}" if 0 < n <= AREA_NAMES else "")


def _trainings(s: Session, p: Period, estate_ids: list[int] | None) -> list[TrainingLine]:
    lo, hi = p.instant_bounds()
    stmt = (select(Training.starts_at, TrainingKind.name, Training.title, Training.venue, Training.actual_count)
            .join(TrainingKind, TrainingKind.id == Training.kind_id)
            .where(Training.starts_at >= lo, Training.starts_at < hi).order_by(Training.starts_at, Training.id))
    if estate_ids is not None:
        linked = select(training_estates.c.training_id).where(training_estates.c.estate_id.in_(estate_ids))
        stmt = stmt.where(Training.id.in_(linked))
    return [TrainingLine(to_local(at).date(), str(k), str(t), str(v or ""), c) for at, k, t, v, c in s.execute(stmt)]


def _groups(s: Session, p: Period, C: Any, estate_ids: list[int] | None, ranking: list[EstatePer10k]
            ) -> tuple[GroupFigures | None, GroupFigures | None]:
    pilot_ids = set(s.scalars(select(Estate.id).where(Estate.pilot.is_(True))))
    if estate_ids is not None:
        pilot_ids &= set(estate_ids)
    if not pilot_ids:
        return None, None
    where = [] if estate_ids is None else [C.estate_id.in_(estate_ids)]
    flag = C.estate_id.in_(pilot_ids)
    cases = {bool(k): (int(n), int(c), int(o)) for k, n, c, o in s.execute(
        select(flag, func.count(), func.count(case((C.status == "结案", 1))),
               func.count(case((C.status.not_in(NOT_OURS_TO_CLOSE), 1))))
        .where(C.found_date >= p.start, C.found_date <= p.end, *where).group_by(flag))}
    out = []
    for is_pilot, name in ((True, "试点小区"), (False, "其他小区")):
        side = [e for e in ranking if (e.estate_id in pilot_ids) == is_pilot]
        counted = [e for e in side if e.population]
        pop = sum(e.population or 0 for e in counted)
        complaints = sum(e.complaints for e in counted)
        n, closed, closable = cases.get(is_pilot, (0, 0, 0))
        out.append(GroupFigures(name, len(side), pop, complaints, ratio(complaints, pop), n, closed, closable))
    return out[0], out[1]


@requires("view")
def gather(ctx: AppContext, period: Period, scope: Scope | None = None, *, on: date | None = None) -> WorkBriefData:
    """Read every figure of the brief (per10k opens its own sessions; the rest share one)."""
    scope = scope or Scope()
    today = on or clock.today()
    day = rolled_back_day(period, today)  # None for a running period: the cases as they are now
    on = standing_day(period, today)  # what "截至" says: the period's last day, or today while it runs
    report = per10k(ctx, period, scope)
    ranking = per10k_by_estate(ctx, period, scope)
    last = same_period_last_year(period)
    with ctx.db.session() as s:
        estate_ids = scope_estate_ids(s, scope)
        C = cases_at(s, day)
        where_case = [] if estate_ids is None else [C.estate_id.in_(estate_ids)]
        where_complaint = [] if estate_ids is None else [Complaint.estate_id.in_(estate_ids)]
        stats = stats_in_session(s, period, scope, on=today)
        on_hold = _on_hold(s, C, where_case, day)
        repeats = _repeat_count(s, period, where_complaint)
        repeats_last = _repeat_count(s, last, where_complaint)
        n_groups, with_case, groups = _repeat_groups(s, period, where_complaint)
        trainings = _trainings(s, period, estate_ids)
        trainings_last = len(_trainings(s, last, estate_ids))
        pilot, rest = _groups(s, period, C, estate_ids, ranking)
        area = _area(s, scope, [e.estate for e in ranking])
        overdue = _overdue(s, C, where_case, on)
        unhappy = (count_dissatisfied_in(s, period, estate_ids), count_dissatisfied_in(s, last, estate_ids))
    kinds: dict[str, list[int]] = {}
    for t in trainings:
        k = kinds.setdefault(t.kind, [0, 0])
        k[0] += 1
        k[1] += t.head_count or 0
    return WorkBriefData(
        period=period, scope=scope, per10k=report, ranking=ranking, cases=stats, overdue=overdue, on_hold=on_hold,
        repeats=repeats, repeats_last_year=repeats_last, repeat_groups=n_groups, repeat_groups_with_case=with_case,
        groups=groups, trainings=trainings, trainings_by_kind=[(k, v[0], v[1]) for k, v in kinds.items()],
        trainings_last_year=trainings_last, pilot=pilot, rest=rest, as_of=on, area=area,
        dissatisfied=unhappy[0], dissatisfied_last_year=unhappy[1],
        inspections=inspection_figures(ctx, period, scope, today=today),
    )
