"""Candidates for a 督办单: items that look like 不作为, 慢作为 or 乱作为, each with the reason in words.

The rules (today = the station's day; working days on the station's calendar):
- 慢作为 stale case: an open case (登记…复查) with no timeline event for N working days, N per state
  (station setting supervision.stale_days, editable in 设置).
- 不作为 overdue case: past its rectification deadline (the case book's 已逾期: deadline before today).
- 慢作为 referral: still 待回复 after its reply date.
- 慢作为 complaint: not 已回复 after its reply deadline; 不作为 complaint: a 不满意 callback and no case.
- 不作为 repeat group: three or more complaints in a group (the first and its repeats), no case, no 研讨会诊 on it.
- 慢作为 meeting action: not done after its due date.
- 乱作为 case: its timeline shows a reopening (重新打开), a decision reversed (不予立案 → 立案 …), or an edit (修改)
  after it was closed (结案).
An item with an open order already is left out (it is being pressed). Each rule lists at most PER_RULE items, the
longest waiting first, and says how many there are in all. Labels carry no personal data.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, case, exists, func, literal, or_, select, union_all
from sqlalchemy.orm import Session, aliased

from controllers.cases.listing import DEADLINE_STATUSES
from controllers.core import clock
from controllers.core.clock import day_start
from controllers.core.context import AppContext
from controllers.core.permissions import requires
from controllers.core.privacy import known_names, may_unmask, text_masker
from controllers.core.workdays import WorkCalendar, load_calendar
from controllers.orders.records import OPEN_STATUSES as OPEN_ORDER_STATUSES
from controllers.station.scopes import Scope
from controllers.station.settings import get_stale_days
from controllers.station.views import scoped_estate_ids
from models.cases import Case, CaseEvent, Referral
from models.complaints import Complaint
from models.enums import COMPLAINT_STATUSES
from models.meetings import MeetingAction, meeting_complaints
from models.reference import Department, Staff
from models.supervision import SupervisionOrder

PER_RULE = 50
REPEAT_GROUP_MIN = 3
RULES = ("stale_case", "overdue_case", "referral", "complaint_overdue", "complaint_unsatisfied", "repeat_group",
         "action", "wrong_case")
RULE_TITLES = {
    "stale_case": "案件长时间无进展", "overdue_case": "案件超过整改期限", "referral": "移交部门逾期未回复",
    "complaint_overdue": "诉件逾期未答复", "complaint_unsatisfied": "回访不满意且未立案",
    "repeat_group": "重复诉件未立案未会诊", "action": "会商事项逾期未完成", "wrong_case": "案件处置反复",
}
# Complaints not replied to yet: named, so the (status, reply_due) index serves the rule (a != would scan).
AWAITING_REPLY = tuple(st for st in COMPLAINT_STATUSES if st != "已回复")
# A decision reversed: leaving 不予立案 or 结案 for a working state.
REVERSED_FROM = ("不予立案", "结案")


@dataclass(frozen=True)
class Candidate:
    """One item to consider pressing, with the 督办 reason it suggests and why in words."""

    rule: str
    subject: str  # 案件 | 诉件 | 移交 | 会商事项 (controllers.orders)
    subject_id: int
    label: str
    reason: str  # 不作为 | 慢作为 | 乱作为
    why: str
    since: date | None  # the date the wait is counted from (deadline, last event...)
    addressee: str  # who would be pressed by default ("" when the item names no one)


@dataclass(frozen=True)
class CandidateGroup:
    rule: str
    title: str
    total: int
    items: tuple[Candidate, ...]


def working_days_before(calendar: WorkCalendar, day: date, days: int) -> date:
    """The day `days` working days before `day` (the inverse of add_working_days)."""
    remaining = days
    while remaining > 0:
        day -= timedelta(days=1)
        if calendar.is_working_day(day):
            remaining -= 1
    return day


def _unpressed(subject_column: str, key: Any) -> ColumnElement[bool]:
    order_column = getattr(SupervisionOrder, subject_column)
    return ~exists().where(order_column == key, SupervisionOrder.status.in_(OPEN_ORDER_STATUSES))


def _group(rule: str, total: int, items: list[Candidate]) -> CandidateGroup:
    return CandidateGroup(rule, RULE_TITLES[rule], total, tuple(items))


def _count_and_rows(s: Session, stmt: Any, order_by: Any) -> tuple[int, list[Any]]:
    """The first PER_RULE rows and how many there are, in one pass: COUNT(*) OVER () is computed before LIMIT
    (a separate count would run every rule's statement twice).

    On PostgreSQL the count leads the sort keys (the same for every row, so the order is the rule's): its planner
    prices the LIMIT as if it stopped the scan early and walks the sort key's index for it (the deadline index,
    82,000 cases filtered for 900 overdue ones: 87 ms against 6 ms), though the count must read every row anyway.
    SQLite plans these well already (and sorts ~10 % slower with the extra key), so it keeps the rule's keys."""
    total = func.count().over().label("rule_total")
    keys = (total, *order_by) if s.get_bind().dialect.name == "postgresql" else tuple(order_by)
    rows = list(s.execute(stmt.add_columns(total).order_by(*keys).limit(PER_RULE)))
    return (int(rows[0][-1]) if rows else 0), [tuple(r[:-1]) for r in rows]


def _case_where(ids: Collection[int] | None) -> list[ColumnElement[bool]]:
    return [] if ids is None else [Case.estate_id.in_(ids)]


def _stale_cases(s: Session, calendar: WorkCalendar, today: date, stale: dict[str, int],
                 where: list[ColumnElement[bool]]) -> CandidateGroup:
    cutoffs = {state: working_days_before(calendar, today, n) for state, n in stale.items()}
    last = select(func.max(CaseEvent.at)).where(CaseEvent.case_id == Case.id).scalar_subquery()
    # "No event since the state's cutoff" is written as the case's last event before it, not as one NOT EXISTS per
    # state joined by OR: PostgreSQL cannot turn an OR of NOT EXISTS into anti-joins, so it hashed every event
    # since each cutoff from a full scan of case_events (five scans, 300 ms at 100,000 cases); the last event is
    # read per open case from the case_id index, as SQLite already read it.
    cutoff_of_state = case(*((Case.status == state, day_start(cutoff)) for state, cutoff in cutoffs.items()))
    per_state = and_(Case.status.in_(tuple(cutoffs)), or_(last.is_(None), last < cutoff_of_state))
    stmt = (select(Case.id, Case.number, Case.status, last, Staff.name)
            .outerjoin(Staff, Staff.id == Case.officer_id)
            .where(per_state, _unpressed("case_id", Case.id), *where))
    total, rows = _count_and_rows(s, stmt, (last, Case.id))
    items = []
    for cid, number, status, at, officer in rows:
        since = clock.to_local(at).date() if at is not None else None
        items.append(Candidate("stale_case", "案件", cid, f"案件 {number}", "慢作为",
                               f"{status}阶段已 {stale[status]} 个工作日以上无进展" + (f"（最近一次记录 {since}）"
                                                                                    if since else ""),
                               since, officer or ""))
    return _group("stale_case", total, items)


def _overdue_cases(s: Session, today: date, where: list[ColumnElement[bool]]) -> CandidateGroup:
    stmt = (select(Case.id, Case.number, Case.status, Case.deadline, Staff.name)
            .outerjoin(Staff, Staff.id == Case.officer_id)
            .where(Case.status.in_(DEADLINE_STATUSES), Case.deadline < today, _unpressed("case_id", Case.id), *where))
    total, rows = _count_and_rows(s, stmt, (Case.deadline, Case.id))
    items = [Candidate("overdue_case", "案件", cid, f"案件 {number}", "不作为",
                       f"{status}，整改期限 {deadline} 已过 {(today - deadline).days} 天", deadline, officer or "")
             for cid, number, status, deadline, officer in rows]
    return _group("overdue_case", total, items)


def _referrals(s: Session, today: date, ids: Collection[int] | None) -> CandidateGroup:
    where = [] if ids is None else [or_(Referral.case_id.in_(select(Case.id).where(Case.estate_id.in_(ids))),
                                        Referral.complaint_id.in_(select(Complaint.id).where(
                                            Complaint.estate_id.in_(ids))))]
    stmt = (select(Referral.id, Department.name, Referral.reply_due, Referral.referred_on, Case.number)
            .join(Department, Department.id == Referral.department_id)
            .outerjoin(Case, Case.id == Referral.case_id)
            .where(Referral.status == "待回复", Referral.reply_due < today, _unpressed("referral_id", Referral.id),
                   *where))
    total, rows = _count_and_rows(s, stmt, (Referral.reply_due, Referral.id))
    items = [Candidate("referral", "移交", rid, (f"案件 {number} " if number else "") + f"移交{dept}", "慢作为",
                       f"{referred} 移交，回复期限 {due} 已过 {(today - due).days} 天", due, dept)
             for rid, dept, due, referred, number in rows]
    return _group("referral", total, items)


def _complaint_label(work_order: str | None, cid: int) -> str:
    return f"诉件 {work_order}" if work_order else f"诉件 #{cid}"


def _complaint_where(ids: Collection[int] | None) -> list[ColumnElement[bool]]:
    return [] if ids is None else [Complaint.estate_id.in_(ids)]


def _complaints(s: Session, today: date, ids: Collection[int] | None) -> list[CandidateGroup]:
    where = [_unpressed("complaint_id", Complaint.id), *_complaint_where(ids)]
    stmt = (select(Complaint.id, Complaint.work_order_no, Complaint.reply_due)
            .where(Complaint.status.in_(AWAITING_REPLY), Complaint.reply_due < today, *where))
    total, rows = _count_and_rows(s, stmt, (Complaint.reply_due, Complaint.id))
    overdue = _group("complaint_overdue", total, [
        Candidate("complaint_overdue", "诉件", cid, _complaint_label(wo, cid), "慢作为",
                  f"答复期限 {due} 已过 {(today - due).days} 天仍未答复", due, "") for cid, wo, due in rows])
    stmt = (select(Complaint.id, Complaint.work_order_no, Complaint.callback_on)
            .where(Complaint.satisfaction == "不满意", Complaint.case_id.is_(None), *where))
    total, rows = _count_and_rows(s, stmt, (Complaint.callback_on, Complaint.id))
    unsatisfied = _group("complaint_unsatisfied", total, [
        Candidate("complaint_unsatisfied", "诉件", cid, _complaint_label(wo, cid), "不作为",
                  f"回访不满意（{back or '日期未记'}），未立案处置", back, "") for cid, wo, back in rows])
    return [overdue, unsatisfied]


def _repeat_groups(s: Session, ids: Collection[int] | None) -> CandidateGroup:
    member = aliased(Complaint)
    size = (select(member.repeat_of_id.label("root"), func.count().label("n"),
                   func.count(member.case_id).label("with_case"))
            .where(member.repeat_of_id.is_not(None)).group_by(member.repeat_of_id).subquery())
    clinic = exists().where(meeting_complaints.c.complaint_id == Complaint.id)
    stmt = (select(Complaint.id, Complaint.work_order_no, size.c.n)
            .join(size, size.c.root == Complaint.id)
            .where(size.c.n + 1 >= REPEAT_GROUP_MIN, size.c.with_case == 0, Complaint.case_id.is_(None), ~clinic,
                   _unpressed("complaint_id", Complaint.id), *_complaint_where(ids)))
    total, rows = _count_and_rows(s, stmt, (Complaint.received_at, Complaint.id))
    items = [Candidate("repeat_group", "诉件", cid, _complaint_label(wo, cid), "不作为",
                       f"同一诉求已重复 {n + 1} 次，未立案，也未提交研讨会诊", None, "") for cid, wo, n in rows]
    return _group("repeat_group", total, items)


def _actions(s: Session, today: date) -> CandidateGroup:
    stmt = (select(MeetingAction.id, MeetingAction.description, MeetingAction.owner, MeetingAction.due)
            .where(MeetingAction.done.is_(False), MeetingAction.due < today,
                   _unpressed("action_id", MeetingAction.id)))
    total, rows = _count_and_rows(s, stmt, (MeetingAction.due, MeetingAction.id))
    items = [Candidate("action", "会商事项", aid, "会商事项：" + " ".join(text.split())[:40], "慢作为",
                       f"完成期限 {due} 已过 {(today - due).days} 天", due, owner or "")
             for aid, text, owner, due in rows]
    return _group("action", total, items)


def _wrong_cases(s: Session, where: list[ColumnElement[bool]]) -> CandidateGroup:
    # Three ranges of ix_case_events_kind_from_case (reopenings, decisions reversed, edits), each edit checked
    # against the case's last closing (a seek on the case's own events); then grouped per case.
    inner = aliased(CaseEvent)
    closed_at = (select(func.max(inner.at)).where(inner.case_id == CaseEvent.case_id, inner.to_status == "结案")
                 .scalar_subquery())
    marks = union_all(
        select(CaseEvent.case_id, CaseEvent.at, literal(1).label("reopen"), literal(0).label("rev"),
               literal(0).label("edit")).where(CaseEvent.kind == "重新打开"),
        select(CaseEvent.case_id, CaseEvent.at, literal(0), literal(1), literal(0))
        .where(CaseEvent.kind == "状态变更", CaseEvent.from_status.in_(REVERSED_FROM)),
        select(CaseEvent.case_id, CaseEvent.at, literal(0), literal(0), literal(1))
        .where(CaseEvent.kind == "修改", CaseEvent.at > closed_at),
    ).subquery()
    flagged = (select(marks.c.case_id, func.max(marks.c.at).label("last"), func.sum(marks.c.reopen).label("reopen"),
                      func.sum(marks.c.rev).label("rev"), func.sum(marks.c.edit).label("edit"))
               .group_by(marks.c.case_id).subquery())
    stmt = (select(Case.id, Case.number, flagged.c.last, Staff.name, flagged.c.reopen, flagged.c.rev,
                   flagged.c.edit)
            .join(flagged, flagged.c.case_id == Case.id)
            .outerjoin(Staff, Staff.id == Case.officer_id)
            .where(_unpressed("case_id", Case.id), *where))
    total, rows = _count_and_rows(s, stmt, (flagged.c.last.desc(), Case.id))
    items = []
    for cid, number, at, officer, n_reopen, n_reverse, n_edit in rows:
        parts = [f"重新打开 {n_reopen} 次" if n_reopen else "", f"撤销原决定 {n_reverse} 次" if n_reverse else "",
                 f"结案后修改 {n_edit} 次" if n_edit else ""]
        items.append(Candidate("wrong_case", "案件", cid, f"案件 {number}", "乱作为",
                               "时间线显示" + "、".join(p for p in parts if p), clock.to_local(at).date(),
                               officer or ""))
    return _group("wrong_case", total, items)


def find_candidates(s: Session, *, today: date, stale: dict[str, int],
                    ids: Collection[int] | None) -> tuple[CandidateGroup, ...]:
    """Every rule's group, in RULES order (a session and the view's estates given: for the bench and the CLI)."""
    calendar = load_calendar(s)
    where = _case_where(ids)
    return (_stale_cases(s, calendar, today, stale, where), _overdue_cases(s, today, where), _referrals(s, today, ids),
            *_complaints(s, today, ids), _repeat_groups(s, ids), _actions(s, today), _wrong_cases(s, where))


@requires("view")
def candidates(ctx: AppContext, *, scope: Scope | None = None, today: date | None = None) -> tuple[CandidateGroup, ...]:
    """The candidate list of the desk's view, narrowed to a scope when given (meeting actions belong to the station
    and always show)."""
    stale = get_stale_days(ctx)
    with ctx.db.session() as s:
        groups = find_candidates(s, today=today or clock.today(), stale=stale, ids=scoped_estate_ids(ctx, s, scope))
        if may_unmask(ctx):
            return groups
        # A meeting action's text and owner are typed freely and may name a resident: masked as meetings mask them.
        text = text_masker(False, known_names(s))
        return tuple(replace(g, items=tuple(replace(c, label=text(c.label) or "", addressee=text(c.addressee) or "")
                                            for c in g.items)) for g in groups)
