"""工作台 today's work: what needs doing now, in capped lists with totals (never whole tables).

Sections and what they count (today = the station's day in Shanghai unless given):
- overdue / due_soon: exactly the case book's 已逾期 and 3个工作日内到期 filters (controllers.cases.listing), so a
  number on the dashboard and the list it opens always agree.
- followup: closed cases whose follow-up visit (回头看) falls on or before today and is not recorded yet
  (the case window's `followup_is_due`).
- referrals: referrals still 待回复 (case or complaint); overdue = reply date passed.
- complaints: complaints not yet 已回复 (awaiting a reply; overdue = reply deadline passed), then those replied
  but with no callback (回访) yet among the complaints received in the last CALLBACK_WINDOW_DAYS days (a callback
  follows the reply within days; older ones have lapsed and do not belong on today's list).
- on_hold: cases 挂账 whose review date (hold_review_date) is today or earlier.
- actions: open meeting action items (controllers.meetings.actions), overdue first.
- orders: open 督办单 (controllers.orders.records.open_orders_query), earliest deadline first: a staff account linked
  to a staff member sees the orders pressing that person; everyone else sees every open order; both only on items
  of the view (orders_in_estates, as the 督查督办 page). Overdue = still 待办理 after its deadline.
Every section but the actions follows the desk's view (controllers.station.views): only the view's estates, and
complaints without an estate only when the view covers everything (per10k's rule for scopes). A view covering
everything adds no condition at all, so a station alone on its desk reads exactly what it read before.
Labels carry no personal data: case number, category, estate, work-order number, never a name or phone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from controllers.cases import listing as case_list
from controllers.cases.listing import CaseFilter, count_in_session
from controllers.core import clock
from controllers.core.clock import day_start
from controllers.core.context import AppContext
from controllers.core.periods import Period, quarter
from controllers.core.permissions import STAFF, can, requires
from controllers.core.privacy import may_unmask
from controllers.core.workdays import WorkCalendar, load_calendar
from controllers.dashboard.calendar_reminder import reminder_text
from controllers.inspections.coverage import CoverageReport, coverage
from controllers.meetings.actions import open_actions
from controllers.orders.records import OrderRow, open_orders_query, orders_in_estates, rows_of
from controllers.station.views import view_estate_ids
from models.admin import User
from models.cases import Case, Referral
from models.complaints import Complaint
from models.planner import unindexed
from models.reference import Category, Department, Estate

ITEMS_PER_SECTION = 30
CALLBACK_WINDOW_DAYS = 90
SECTION_KEYS = ("overdue", "due_soon", "followup", "referrals", "complaints", "on_hold", "actions", "orders",
                "inspections")
REPLIED = "已回复"

Where = Sequence[ColumnElement[bool]]  # the view's conditions; empty when it covers every estate


@dataclass(frozen=True)
class WorkItem:
    """One line of today's work: what to open (kind + id) and how to show it."""

    kind: str  # "case" | "complaint" | "meeting" | "order" | "estate" (an estate behind on its inspections)
    id: int
    label: str
    due: date | None
    overdue: bool
    note: str = ""  # a short data note, e.g. the department a referral waits on
    due_note: str = ""  # ESTIMATE_NOTE when the due date is a working-day count past the calendar's covered years


@dataclass(frozen=True)
class WorkSection:
    """A section of today's work: the first ITEMS_PER_SECTION items and how many there are in all."""

    key: str
    total: int
    overdue: int
    items: tuple[WorkItem, ...]


@dataclass(frozen=True)
class TodayWork:
    """Every section, in SECTION_KEYS order."""

    on: date
    sections: tuple[WorkSection, ...]
    calendar_reminder: str = ""  # enter next year's holidays (calendar_reminder), for those who may
    inspections: CoverageReport | None = None  # this quarter's inspection coverage (the 工作台 tile)

    def section(self, key: str) -> WorkSection:
        return next(s for s in self.sections if s.key == key)


def _case_label(number: str, category: str, estate: str) -> str:
    return f"{number} · {category} · {estate}"


def _case_items(s: Session, stmt: Select[Any], due_col: Any, on: date, *, overdue_if_before: bool) -> list[WorkItem]:
    """Case lines for the ids the statement selects (already ordered and capped)."""
    ids = [int(i) for i in s.scalars(stmt)]
    if not ids:
        return []
    rows = s.execute(select(Case.id, Case.number, Category.name, Estate.name, due_col)
                     .join(Category, Category.id == Case.category_id).join(Estate, Estate.id == Case.estate_id)
                     .where(Case.id.in_(ids)))
    by_id = {int(r[0]): r for r in rows}
    out = []
    for i in ids:
        _cid, number, category, estate, due = by_id[i]
        out.append(WorkItem("case", i, _case_label(number, category, estate), due,
                            overdue_if_before and due is not None and due < on))
    return out


def _filtered_cases(s: Session, key: str, f: CaseFilter, on: date, cap: int, view: Where) -> WorkSection:
    calendar = load_calendar(s)
    # The case book's own statement (same conditions as its filter and view), soonest deadline first.
    ids = case_list.ids_statement(f, calendar=calendar, on=on, sort="deadline", descending=False,
                                   extra=view).limit(cap)
    total = count_in_session(s, f, on=on, extra=view)
    items = _case_items(s, ids, Case.deadline, on, overdue_if_before=True)
    return WorkSection(key, total, total if f.overdue else 0, tuple(items))


def _simple_cases(s: Session, key: str, where: list[Any], due_col: Any, on: date, cap: int) -> WorkSection:
    """Cases whose date (due_col, part of `where` as due_col <= on) has come, the overdue ones those before today."""
    total, on_the_day = _counts(s, select(func.count()).select_from(Case).where(*where),
                                select(func.count()).select_from(Case).where(*where, due_col == on))
    ids = select(Case.id).where(*where).order_by(due_col, Case.id).limit(cap)
    return WorkSection(key, total, total - on_the_day,
                       tuple(_case_items(s, ids, due_col, on, overdue_if_before=True)))


def _counts(s: Session, *counts: Select[Any]) -> list[int]:
    """Several counts in one statement. Each is a plain count of one index range: a count(CASE ...) beside a
    count(*) reads a column of every entry (the overdue figures: 35 against 9 ms CPU for 324,000 open complaints
    at district scale), so a part is counted as the whole less its small complement where it can be."""
    return [int(n or 0) for n in s.execute(select(*(c.scalar_subquery() for c in counts))).one()]


def _referrals(s: Session, on: date, cap: int, view: Where) -> WorkSection:
    waiting = Referral.status == "待回复"
    count = select(func.count()).select_from(Referral)
    if view:  # a referral is in the view when its case's or its complaint's estate is
        count = (count.outerjoin(Case, Case.id == Referral.case_id)
                 .outerjoin(Complaint, Complaint.id == Referral.complaint_id))
    count = count.where(waiting, *view)
    total, overdue = _counts(s, count, count.where(Referral.reply_due < on))
    stmt = (select(Referral.case_id, Referral.complaint_id, Referral.reply_due, Department.name, Case.number,
                   Complaint.work_order_no)
            .join(Department, Department.id == Referral.department_id)
            .outerjoin(Case, Case.id == Referral.case_id).outerjoin(Complaint, Complaint.id == Referral.complaint_id))
    # Soonest reply date first, those without one last: the (status, reply_due) index's own order (ties by id),
    # read until `cap` lines, then the undated ones if there is room (no sort of every waiting referral).
    dated = s.execute(stmt.where(waiting, Referral.reply_due.is_not(None), *view)
                      .order_by(Referral.reply_due, Referral.id).limit(cap)).all()
    undated = [] if len(dated) >= cap else s.execute(
        stmt.where(waiting, Referral.reply_due.is_(None), *view).order_by(Referral.id).limit(cap - len(dated))).all()
    items = []
    for case_id, complaint_id, due, department, number, order_no in [*dated, *undated]:
        is_late = due is not None and due < on
        if case_id is not None:
            items.append(WorkItem("case", int(case_id), f"{number} · 移交{department}", due, is_late, department))
        else:
            label = f"诉件 {order_no or complaint_id} · 移交{department}"
            items.append(WorkItem("complaint", int(complaint_id or 0), label, due, is_late, department))
    return WorkSection("referrals", total, overdue, tuple(items))


def _complaint_label(order_no: str | None, complaint_id: int, category: str | None, estate: str | None) -> str:
    parts = [f"诉件 {order_no}" if order_no else f"诉件 #{complaint_id}", category or "未分类", estate or "未定小区"]
    return " · ".join(parts)


def _oldest_first(status_rows: int, rows: int, cap: int) -> ColumnElement[Any] | InstrumentedAttribute[int]:
    """The order of a status's oldest complaints. Walking the primary key passes about cap x rows / status_rows
    complaints before it has `cap` of the status if they spread evenly; reading the status's index range and sorting
    it costs status_rows. A status with few complaints is read and sorted (the id unindexed, models.planner): they
    are the newest (待处理), and PostgreSQL's planner, which assumes an even spread, walked the key past the 195,000
    older ones (79 ms at 200,000 complaints, against 2 ms). A common status (已办结, spread over years) walks the key:
    sorting it all took 10-30 ms on both engines."""
    return unindexed(Complaint.id) if status_rows * status_rows < cap * rows else Complaint.id


def _complaints(s: Session, on: date, cap: int, view: Where) -> WorkSection:
    since = day_start(on - timedelta(days=CALLBACK_WINDOW_DAYS))
    awaiting_callback = and_(Complaint.status == REPLIED, Complaint.callback_on.is_(None),
                             Complaint.received_at >= since, *view)
    # Status is indexed and the open statuses are few; the callback part reads one recent received_at range.
    open_statuses = ("待处理", "处理中", "已办结")
    awaiting = select(func.count()).select_from(Complaint).where(Complaint.status.in_(open_statuses), *view)
    # Late = awaiting less those with no reply date or one not passed yet (most open complaints are late). Awaiting
    # is counted per status (the same index ranges), which also chooses how each status's oldest are read below.
    undated, not_yet, callback_total, newest, *per_status = _counts(
        s, awaiting.where(Complaint.reply_due.is_(None)), awaiting.where(Complaint.reply_due >= on),
        select(func.count()).select_from(Complaint).where(awaiting_callback), select(func.max(Complaint.id)),
        *(select(func.count()).select_from(Complaint).where(Complaint.status == st, *view) for st in open_statuses))
    reply_total = sum(per_status)
    reply_late = reply_total - undated - not_yet
    cols = (Complaint.id, Complaint.work_order_no, Category.name, Estate.name, Complaint.reply_due, Complaint.status)
    base = (select(*cols).outerjoin(Category, Category.id == Complaint.category_id)
            .outerjoin(Estate, Estate.id == Complaint.estate_id))
    rows = [r for status, n in zip(open_statuses, per_status, strict=True)
            for r in s.execute(base.where(Complaint.status == status, *view)
                               .order_by(_oldest_first(n, newest, cap)).limit(cap))]
    rows.sort(key=lambda r: (r[4] is None, r[4] or on, r[0]))
    rows = rows[:cap]
    if len(rows) < cap:
        rows += list(s.execute(base.where(awaiting_callback).order_by(Complaint.received_at, Complaint.id)
                               .limit(cap - len(rows))))
    items = []
    for cid, order_no, category, estate, due, status in rows:
        if status == REPLIED:
            items.append(WorkItem("complaint", int(cid), _complaint_label(order_no, cid, category, estate), None,
                                  False, "待回访"))
        else:
            items.append(WorkItem("complaint", int(cid), _complaint_label(order_no, cid, category, estate), due,
                                  due is not None and due < on, "待答复"))
    return WorkSection("complaints", int(reply_total) + callback_total, int(reply_late), tuple(items))


def _actions(ctx: AppContext, on: date, cap: int) -> WorkSection:
    rows = open_actions(ctx, today=on)
    items = tuple(WorkItem("meeting", r.meeting_id, f"{r.description}（{r.meeting_title}）", r.due, r.overdue,
                           r.owner or "") for r in rows[:cap])
    return WorkSection("actions", len(rows), sum(1 for r in rows if r.overdue), items)


def pressed_staff_id(ctx: AppContext, s: Session) -> int | None:
    """The staff member whose orders a 工作人员 account sees on its today list (None: every open order)."""
    user = ctx.user
    if user.role != STAFF or user.user_id is None:
        return None
    return s.scalar(select(User.staff_id).where(User.id == user.user_id))


def _order_item(o: OrderRow) -> WorkItem:
    return WorkItem("order", o.id, f"{o.number_text} · {o.subject_label} · {o.reason}", o.deadline, o.overdue,
                    f"{o.status} · {o.addressee}", o.deadline_note)


def _orders(ctx: AppContext, s: Session, on: date, cap: int, ids: list[int] | None) -> WorkSection:
    # The view's orders, as the 督查督办 page lists them (an order on another station's case is theirs to press).
    query = orders_in_estates(open_orders_query(pressed_staff_id(ctx, s)), ids)
    rows = rows_of(s, query, today=on, full=may_unmask(ctx))
    return WorkSection("orders", len(rows), sum(1 for r in rows if r.overdue),
                       tuple(_order_item(r) for r in rows[:cap]))


@requires("view")
def today_work(ctx: AppContext, *, today: date | None = None, cap: int = ITEMS_PER_SECTION) -> TodayWork:
    """Every section of today's work as of `today`."""
    on = today or clock.today()
    with ctx.db.session() as s:
        ids = view_estate_ids(ctx, s)
        in_view = [] if ids is None else [Case.estate_id.in_(ids)]
        complaints_in_view = [] if ids is None else [Complaint.estate_id.in_(ids)]
        referrals_in_view = [] if ids is None else [or_(Case.estate_id.in_(ids), Complaint.estate_id.in_(ids))]
        sections = [
            _filtered_cases(s, "overdue", CaseFilter(overdue=True), on, cap, in_view),
            _filtered_cases(s, "due_soon", CaseFilter(due_soon=True), on, cap, in_view),
            _simple_cases(s, "followup", [Case.status == "结案", Case.followup_done_on.is_(None),
                                          Case.followup_due <= on, *in_view], Case.followup_due, on, cap),
            _referrals(s, on, cap, referrals_in_view),
            _complaints(s, on, cap, complaints_in_view),
            _simple_cases(s, "on_hold", [Case.status == "挂账", Case.hold_review_date <= on, *in_view],
                          Case.hold_review_date, on, cap),
        ]
        calendar = load_calendar(s)
        reminder = reminder_text(s, on, may_enter=can(ctx, "edit_reference"))
        orders = _orders(ctx, s, on, cap, ids)
    sections = [_mark_estimates(section, calendar) for section in sections]
    sections.append(_actions(ctx, on, cap))
    sections.append(orders)
    report = coverage(ctx, quarter_of(on), today=on)
    sections.append(_inspections(report, cap))
    return TodayWork(on, tuple(sections), reminder, report)


def quarter_of(day: date) -> Period:
    return quarter(day.year, (day.month - 1) // 3 + 1)


def _inspections(report: CoverageReport, cap: int) -> WorkSection:
    """The estates whose grade asked for an inspection this quarter that has not happened in time, most behind first."""
    behind = sorted(report.overdue_estates, key=lambda e: (-e.counts.overdue, e.estate))
    items = tuple(WorkItem("estate", e.estate_id, f"{e.estate}（{e.grade or '未分级'}）", None, True,
                           f"逾期未检 {e.counts.overdue} 次") for e in behind[:cap])
    return WorkSection("inspections", len(behind), len(behind), items)


# Sections whose dates are counted in working days (rectification deadlines, reply dates); 回头看 and 挂账 review
# dates are calendar days and never estimates.
WORKING_DAY_SECTIONS = ("overdue", "due_soon", "referrals", "complaints")


def _mark_estimates(section: WorkSection, calendar: WorkCalendar) -> WorkSection:
    if section.key not in WORKING_DAY_SECTIONS:
        return section
    items = tuple(replace(item, due_note=calendar.note_for(item.due)) for item in section.items)
    return replace(section, items=items)
