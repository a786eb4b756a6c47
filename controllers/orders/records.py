"""督办单: issued by a supervisor (督导) or administrator on one item, answered (办理情况) by the person pressed, closed
by the supervisor.

Each step is one transaction. On a case (or a referral or complaint that belongs to a case) every step is also a
note on the case's timeline (kind 备注, text starting with the order's number), so the case window shows it with
everything else; complaints, referrals and meeting action items have no timeline of their own, and show the
order's own history (its issued/answered/closed columns) on their record through `orders_for`.

Numbering 督办〔年〕N号 runs per station and calendar year of issue, as work briefs do (controllers.briefs.work_brief):
the number is max+1 taken in the transaction that writes the order; a concurrent issue that hits the UNIQUE
constraint retries with the next number. Deadlines count working days on the station's calendar, with the
calendar's estimate note when the year is not covered yet.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import Select, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from controllers.core import clock
from controllers.core.context import AppContext
from controllers.core.errors import NotFoundError, ValidationError
from controllers.core.permissions import requires
from controllers.core.privacy import known_names, may_unmask, text_masker
from controllers.core.workdays import load_calendar
from controllers.orders.subjects import Subject, add_case_note, load_subject
from controllers.station.scopes import Scope
from controllers.station.settings import get_station_name
from controllers.station.views import scoped_estate_ids
from models.cases import Case, Referral
from models.complaints import Complaint
from models.supervision import ORDER_REASONS, ORDER_SUBJECTS, SupervisionOrder, order_number

REASON_TEXT_MAX = 500
ANSWER_MAX = 2000
WORKING_DAYS_MAX = 60
DEFAULT_WORKING_DAYS = 5
OPEN_STATUSES = ("待办理", "已答复")


@dataclass(frozen=True)
class OrderRow:
    """One order as lists, the item's record and the notice show it."""

    id: int
    number_text: str
    year: int
    number: int
    subject: str  # 案件 | 诉件 | 移交 | 会商事项
    subject_id: int
    subject_label: str
    case_id: int | None  # the case whose timeline shows the order (the subject, or the case it belongs to)
    reason: str
    reason_text: str
    addressee: str
    staff_id: int | None
    department_id: int | None
    issued_on: date
    issued_by: str
    working_days: int
    deadline: date
    deadline_note: str  # the calendar's estimate note when the deadline lies past the covered years
    status: str
    answer: str | None
    answered_on: date | None
    answered_by: str | None
    closed_on: date | None
    closed_by: str | None
    close_note: str | None
    overdue: bool  # still 待办理 after the deadline

    @property
    def history(self) -> tuple[tuple[date, str, str], ...]:
        """(day, who, what) of each step, oldest first: the order's own history shown on an item without a timeline."""
        steps = [(self.issued_on, self.issued_by,
                  f"{self.number_text} 下达：{self.reason}，{self.reason_text}；限 {self.deadline.isoformat()} 前办理")]
        if self.answered_on is not None:
            steps.append((self.answered_on, self.answered_by or "", f"{self.number_text} 答复：{self.answer or ''}"))
        if self.closed_on is not None:
            note = f"：{self.close_note}" if self.close_note else ""
            steps.append((self.closed_on, self.closed_by or "", f"{self.number_text} 办结{note}"))
        return tuple(steps)


def _subject_id(o: SupervisionOrder) -> int:
    return int(o.case_id or o.complaint_id or o.referral_id or o.action_id or 0)


def row_of(o: SupervisionOrder, *, today: date, note_for: str = "") -> OrderRow:
    return OrderRow(
        id=o.id, number_text=order_number(o.year, o.number), year=o.year, number=o.number, subject=o.subject,
        subject_id=_subject_id(o), subject_label=o.subject_label,
        case_id=o.case_id or (o.referral.case_id if o.referral is not None else None)
        or (o.complaint.case_id if o.complaint is not None else None),
        reason=o.reason, reason_text=o.reason_text, addressee=o.addressee, staff_id=o.staff_id,
        department_id=o.department_id, issued_on=o.issued_on, issued_by=o.issued_by, working_days=o.working_days,
        deadline=o.deadline, deadline_note=note_for, status=o.status, answer=o.answer, answered_on=o.answered_on,
        answered_by=o.answered_by, closed_on=o.closed_on, closed_by=o.closed_by, close_note=o.close_note,
        overdue=o.status == "待办理" and o.deadline < today,
    )


def rows_of(s: Session, query: Select[SupervisionOrder], *, today: date, full: bool) -> list[OrderRow]:
    """The orders as a reader sees them: a supervisor types what the file says (a resident's name, a phone) into
    the reason, so for a role that may not see personal data every name the ledger knows and every number in the
    free text is masked, as in meeting notes."""
    calendar = load_calendar(s)
    rows = [row_of(o, today=today, note_for=calendar.note_for(o.deadline)) for o in s.scalars(query)]
    if full or not rows:
        return rows
    text = text_masker(False, known_names(s))
    return [replace(r, reason_text=text(r.reason_text) or "", answer=text(r.answer), close_note=text(r.close_note))
            for r in rows]


def _text(value: str | None, *, what: str, limit: int, required: bool) -> str:
    text = (value or "").strip()
    if "\x00" in text:
        raise ValidationError(f"{what}含有无法保存的控制字符，请删除后重试。未做任何更改。", field=what)
    if required and not text:
        raise ValidationError(f"请填写{what}。未做任何更改。", field=what)
    if len(text) > limit:
        raise ValidationError(f"{what}最多 {limit} 个字，现有 {len(text)} 个字。未做任何更改。", field=what)
    return text


def _working_days(value: int | str) -> int:
    try:
        days = int(str(value).strip())
    except ValueError:
        days = 0
    if not 1 <= days <= WORKING_DAYS_MAX:
        raise ValidationError(f"办理期限应为 1 至 {WORKING_DAYS_MAX} 个工作日。未做任何更改。", field="working_days")
    return days


@dataclass(frozen=True)
class OrderInput:
    """What a supervisor fills in: the item, why, how long, and (optionally) who is pressed.

    With neither staff_id, department_id nor addressee, the item's own responsible party is pressed: the case's
    承办人, the referral's department, the action item's owner.
    """

    subject: str
    subject_id: int
    reason: str
    reason_text: str
    working_days: int | str = DEFAULT_WORKING_DAYS
    staff_id: int | None = None
    department_id: int | None = None
    addressee: str | None = None


def _validate(item: OrderInput) -> tuple[str, int]:
    if item.subject not in ORDER_SUBJECTS:
        raise ValidationError("督办事项只能是案件、诉件、移交或会商事项。未做任何更改。", field="subject")
    if item.reason not in ORDER_REASONS:
        raise ValidationError("督办事由只能是不作为、慢作为、乱作为或其他。未做任何更改。", field="reason")
    return _text(item.reason_text, what="督办事由说明", limit=REASON_TEXT_MAX, required=True), \
        _working_days(item.working_days)


def _write(ctx: AppContext, s: Session, item: OrderInput, subject: Subject, *, station: str, on: date,
           reason_text: str, days: int) -> SupervisionOrder:
    addressee = subject.addressee_for(s, staff_id=item.staff_id, department_id=item.department_id,
                                      typed=_text(item.addressee, what="督办对象", limit=100, required=False))
    number = int(s.scalar(select(func.max(SupervisionOrder.number)).where(
        SupervisionOrder.station_name == station, SupervisionOrder.year == on.year)) or 0) + 1
    deadline = load_calendar(s).add_working_days(on, days)
    order = SupervisionOrder(
        station_name=station, year=on.year, number=number, subject=item.subject, subject_label=subject.label,
        reason=item.reason, reason_text=reason_text, staff_id=addressee.staff_id,
        department_id=addressee.department_id, addressee=addressee.name, issued_on=on, issued_by=ctx.actor,
        working_days=days, deadline=deadline, status="待办理", **{subject.column: item.subject_id})
    s.add(order)
    note = (f"{order_number(on.year, number)} 督办（{item.reason}）：{reason_text}；督办对象：{addressee.name}；"
            f"限 {days} 个工作日内（{deadline.isoformat()}前）办理")
    add_case_note(s, subject.case_id, actor=ctx.actor, note=note)
    s.flush()
    return order


@requires("supervise")
def issue_order(ctx: AppContext, item: OrderInput, *, today: date | None = None) -> OrderRow:
    """Write the order and its timeline note in one transaction; NotFoundError when the item is gone."""
    reason_text, days = _validate(item)
    on = today or clock.today()
    station = get_station_name(ctx)
    for _attempt in range(5):
        try:
            with ctx.db.session() as s:
                subject = load_subject(s, item.subject, item.subject_id)
                order = _write(ctx, s, item, subject, station=station, on=on, reason_text=reason_text, days=days)
                return rows_of(s, select(SupervisionOrder).where(SupervisionOrder.id == order.id), today=on,
                               full=True)[0]  # what the issuer just typed
        except IntegrityError:
            continue  # another machine took this number in the meantime: nothing was written, take the next one
    raise RuntimeError("could not assign a supervision order number")


def _load(s: Session, order_id: int) -> SupervisionOrder:
    order = s.get(SupervisionOrder, order_id)
    if order is None:
        raise NotFoundError("找不到该督办单，可能已随所督办的事项一并删除。请刷新列表。")
    return order


@requires("answer_supervision")
def answer_order(ctx: AppContext, order_id: int, *, answer: str, today: date | None = None) -> OrderRow:
    """The person pressed records 办理情况 (again, to amend it, until the order is closed)."""
    text = _text(answer, what="办理情况", limit=ANSWER_MAX, required=True)
    on = today or clock.today()
    with ctx.db.session() as s:
        order = _load(s, order_id)
        if order.status == "已办结":
            raise ValidationError("该督办单已办结，不能再答复。未做任何更改。")
        order.answer, order.answered_on, order.answered_by, order.status = text, on, ctx.actor, "已答复"
        row = row_of(order, today=on)
        add_case_note(s, row.case_id, actor=ctx.actor, note=f"{row.number_text} 答复督办：{text}")
        return row


@requires("supervise")
def close_order(ctx: AppContext, order_id: int, *, note: str = "", today: date | None = None) -> OrderRow:
    """The supervisor closes an answered order (办结); an unanswered one waits for its answer first."""
    text = _text(note, what="办结意见", limit=REASON_TEXT_MAX, required=False)
    on = today or clock.today()
    with ctx.db.session() as s:
        order = _load(s, order_id)
        if order.status == "已办结":
            raise ValidationError("该督办单已办结。未做任何更改。")
        if order.status != "已答复":
            raise ValidationError("该督办单尚未答复办理情况，答复后才能办结。未做任何更改。")
        order.status, order.closed_on, order.closed_by, order.close_note = "已办结", on, ctx.actor, text or None
        row = row_of(order, today=on)
        add_case_note(s, row.case_id, actor=ctx.actor,
                      note=f"{row.number_text} 督办办结" + (f"：{text}" if text else ""))
        return row


@requires("view")
def get_order(ctx: AppContext, order_id: int, *, today: date | None = None) -> OrderRow:
    with ctx.db.session() as s:
        _load(s, order_id)
        return rows_of(s, select(SupervisionOrder).where(SupervisionOrder.id == order_id),
                       today=today or clock.today(), full=may_unmask(ctx))[0]


def open_orders_query(staff_id: int | None = None) -> Select[SupervisionOrder]:
    """Orders not closed yet, earliest deadline first; only those pressing `staff_id` when given."""
    query = select(SupervisionOrder).where(SupervisionOrder.status.in_(OPEN_STATUSES))
    if staff_id is not None:
        query = query.where(SupervisionOrder.staff_id == staff_id)
    return query.order_by(SupervisionOrder.deadline, SupervisionOrder.id)


def orders_in_estates(query: Select[SupervisionOrder], ids: Collection[int] | None) -> Select[SupervisionOrder]:
    """Only the orders on items of the estates `ids` (None: every order), as the case book narrows to a view: a case
    or complaint by its estate, a referral by its case's or complaint's estate. A meeting action item has no estate
    (it belongs to the station's meeting) and always shows, as on the candidate list."""
    if ids is None:
        return query
    cases = select(Case.id).where(Case.estate_id.in_(ids))
    complaints = select(Complaint.id).where(Complaint.estate_id.in_(ids))
    referrals = select(Referral.id).where(or_(Referral.case_id.in_(cases), Referral.complaint_id.in_(complaints)))
    return query.where(or_(SupervisionOrder.case_id.in_(cases), SupervisionOrder.complaint_id.in_(complaints),
                           SupervisionOrder.referral_id.in_(referrals), SupervisionOrder.action_id.is_not(None)))


@requires("view")
def list_orders(ctx: AppContext, *, open_only: bool = False, year: int | None = None, scope: Scope | None = None,
                today: date | None = None) -> list[OrderRow]:
    """Every order (or the open ones) on items within the desk's view (and the scope, when given), newest number
    first within a year."""
    query = open_orders_query() if open_only else select(SupervisionOrder).order_by(
        SupervisionOrder.year.desc(), SupervisionOrder.number.desc())
    if year is not None:
        query = query.where(SupervisionOrder.year == year)
    with ctx.db.session() as s:
        query = orders_in_estates(query, scoped_estate_ids(ctx, s, scope))
        return rows_of(s, query, today=today or clock.today(), full=may_unmask(ctx))


@requires("view")
def orders_for(ctx: AppContext, subject: str, subject_id: int, *, today: date | None = None) -> list[OrderRow]:
    """The orders on one item, oldest first: what the item's record shows (its history for items without one)."""
    if subject not in ORDER_SUBJECTS:
        raise ValidationError("督办事项只能是案件、诉件、移交或会商事项。")
    column = getattr(SupervisionOrder, Subject.column_for(subject))
    with ctx.db.session() as s:
        return rows_of(s, select(SupervisionOrder).where(column == subject_id).order_by(SupervisionOrder.id),
                       today=today or clock.today(), full=may_unmask(ctx))


@requires("view")
def orders_on_case(ctx: AppContext, case_id: int, *, today: date | None = None) -> list[OrderRow]:
    """The orders the case window shows, oldest first: on the case itself, its referrals and its complaints."""
    on_case = or_(SupervisionOrder.case_id == case_id,
                  SupervisionOrder.referral_id.in_(select(Referral.id).where(Referral.case_id == case_id)),
                  SupervisionOrder.complaint_id.in_(select(Complaint.id).where(Complaint.case_id == case_id)))
    with ctx.db.session() as s:
        return rows_of(s, select(SupervisionOrder).where(on_case).order_by(SupervisionOrder.id),
                       today=today or clock.today(), full=may_unmask(ctx))
