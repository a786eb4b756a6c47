"""Meetings (会商): regular meetings, case clinics and joint sessions with what they discussed and decided.

`meeting_detail()` returns one MeetingDetail holding everything the minutes need (a minutes PDF renders it as is);
`meetings_actions.open_actions()` is what the dashboard lists.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from sqlalchemy import ColumnElement, delete, func, insert, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import SQLCoreOperations

from controllers.core import clock
from controllers.core.context import AppContext
from controllers.core.errors import NotFoundError, ValidationError
from controllers.core.permissions import requires
from controllers.core.privacy import known_names, may_unmask, text_masker
from controllers.meetings.actions import ActionInput, ActionRow, apply_actions, masked_action, meeting_actions
from controllers.meetings.links import (
    CaseItem,
    ComplaintItem,
    case_items,
    complaint_items,
    expand_groups,
    group_member_ids,
    group_root,
    resolve_case_numbers,
    resolve_work_order,
)
from controllers.storage.attachments import discard_unused, files_of
from models.enums import MEETING_KINDS
from models.meetings import Meeting, MeetingAction, meeting_cases, meeting_complaints, meeting_departments
from models.reference import Department

KIND_CHOICES: tuple[str, ...] = MEETING_KINDS
MAX_TITLE = 200
MAX_VENUE = 200


@dataclass(frozen=True)
class MeetingRow:
    """One line of the meetings list."""

    id: int
    held_on: date
    kind: str
    title: str
    departments: tuple[str, ...]
    case_count: int
    complaint_count: int
    open_actions: int
    overdue_actions: int


@dataclass(frozen=True)
class MeetingDetail:
    """A meeting with everything its minutes show; complaints carry no personal data."""

    id: int
    kind: str
    held_on: date
    title: str
    venue: str | None
    people_present: str | None
    decisions: str | None
    departments: tuple[tuple[int, str], ...]  # (id, name) in the plan's order
    cases: tuple[CaseItem, ...]
    complaints: tuple[ComplaintItem, ...]  # grouped by repeat group, see complaint_groups
    actions: tuple[ActionRow, ...] = field(default=())

    @property
    def department_names(self) -> tuple[str, ...]:
        return tuple(name for _i, name in self.departments)

    @property
    def complaint_groups(self) -> list[tuple[ComplaintItem, ...]]:
        """The complaints split into their repeat groups, in the order they are listed."""
        groups: dict[int, list[ComplaintItem]] = {}
        for item in self.complaints:
            groups.setdefault(item.group_id, []).append(item)
        return [tuple(g) for g in groups.values()]


@dataclass(frozen=True)
class MeetingFilter:
    """What the meetings list is narrowed to; empty fields do not filter."""

    kind: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    text: str | None = None


# ---- validation -----------------------------------------------------------------------------------------------


def _clean(value: str | None) -> str | None:
    text = (value or "").strip()
    return text or None


def _validate(kind: str, held_on: date | None, title: str, venue: str | None) -> tuple[str, str | None]:
    if kind not in KIND_CHOICES:
        raise ValidationError(f"请选择会商类型：{'、'.join(KIND_CHOICES)}。", field="kind")
    if held_on is None:
        raise ValidationError("请填写会商日期。", field="held_on")
    title = (title or "").strip()
    if not title:
        raise ValidationError("请填写会商主题，例如“2025年3月例会”。", field="title")
    if len(title) > MAX_TITLE:
        raise ValidationError(f"会商主题过长（最多 {MAX_TITLE} 个字）。", field="title")
    clean_venue = _clean(venue)
    if clean_venue and len(clean_venue) > MAX_VENUE:
        raise ValidationError(f"会商地点过长（最多 {MAX_VENUE} 个字）。", field="venue")
    return title, clean_venue


def _departments(session: Session, ids: Sequence[int]) -> list[Department]:
    wanted = list(dict.fromkeys(ids))
    found = list(session.scalars(select(Department).where(Department.id.in_(wanted))))
    if len(found) != len(wanted):
        raise ValidationError("所选部门已不存在，请重新选择参会部门。", field="departments")
    return found


def _complaint_ids(session: Session, complaint_ids: Sequence[int], work_order_nos: Sequence[str]) -> list[int]:
    chosen = list(complaint_ids) + [resolve_work_order(session, n) for n in work_order_nos if n.strip()]
    return expand_groups(session, chosen)


def _set_links(session: Session, meeting: Meeting, *, department_ids: Sequence[int], case_numbers: Sequence[str],
               complaint_ids: Sequence[int], work_order_nos: Sequence[str]) -> None:
    departments = _departments(session, department_ids)
    case_ids = resolve_case_numbers(session, case_numbers)
    complaints = _complaint_ids(session, complaint_ids, work_order_nos)
    meeting.departments = departments
    # Link tables written directly: loading thousands of Case/Complaint objects just to relate them is wasteful.
    session.flush()
    session.execute(delete(meeting_cases).where(meeting_cases.c.meeting_id == meeting.id))
    session.execute(delete(meeting_complaints).where(meeting_complaints.c.meeting_id == meeting.id))
    if case_ids:
        session.execute(insert(meeting_cases), [{"meeting_id": meeting.id, "case_id": c} for c in case_ids])
    if complaints:
        session.execute(insert(meeting_complaints),
                        [{"meeting_id": meeting.id, "complaint_id": c} for c in complaints])
    session.expire(meeting, ["cases", "complaints"])


def _get(session: Session, meeting_id: int) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFoundError("该会商记录已不存在（可能已被删除），请刷新列表。")
    return meeting


# ---- create / update / delete ---------------------------------------------------------------------------------


@requires("edit_meetings")
def create_meeting(ctx: AppContext, *, kind: str, held_on: date | None, title: str, venue: str | None = None,
                   people_present: str | None = None, decisions: str | None = None,
                   department_ids: Sequence[int] = (), case_numbers: Sequence[str] = (),
                   complaint_ids: Sequence[int] = (), work_order_nos: Sequence[str] = (),
                   actions: Sequence[ActionInput] = (), today: date | None = None) -> MeetingDetail:
    """Record a meeting with its departments, discussed cases/complaint groups and action items."""
    title, venue = _validate(kind, held_on, title, venue)
    assert held_on is not None
    with ctx.db.session() as s:
        meeting = Meeting(kind=kind, held_on=held_on, title=title, venue=venue,
                          people_present=_clean(people_present), decisions=_clean(decisions))
        s.add(meeting)
        apply_actions(s, meeting, actions, today=today or clock.today())
        s.flush()
        _set_links(s, meeting, department_ids=department_ids, case_numbers=case_numbers,
                   complaint_ids=complaint_ids, work_order_nos=work_order_nos)
        return _detail(s, meeting.id, today=today)


@requires("edit_meetings")
def update_meeting(ctx: AppContext, meeting_id: int, *, kind: str, held_on: date | None, title: str,
                   venue: str | None = None, people_present: str | None = None, decisions: str | None = None,
                   department_ids: Sequence[int] = (), case_numbers: Sequence[str] = (),
                   complaint_ids: Sequence[int] = (), work_order_nos: Sequence[str] = (),
                   actions: Sequence[ActionInput] = (), today: date | None = None) -> MeetingDetail:
    """Replace a meeting's fields, links and action items with the dialog's (items kept by id)."""
    title, venue = _validate(kind, held_on, title, venue)
    assert held_on is not None
    with ctx.db.session() as s:
        meeting = _get(s, meeting_id)
        meeting.kind, meeting.held_on, meeting.title, meeting.venue = kind, held_on, title, venue
        meeting.people_present, meeting.decisions = _clean(people_present), _clean(decisions)
        apply_actions(s, meeting, actions, today=today or clock.today())
        _set_links(s, meeting, department_ids=department_ids, case_numbers=case_numbers,
                   complaint_ids=complaint_ids, work_order_nos=work_order_nos)
        return _detail(s, meeting_id, today=today)


@requires("edit_meetings")
def delete_meeting(ctx: AppContext, meeting_id: int) -> None:
    """Delete a meeting with its action items; the cases and complaints it discussed stay. Its attachments go with
    it, and their stored files once the deletion committed (unless another record uses the same file)."""
    with ctx.db.session() as s:
        meeting = _get(s, meeting_id)
        files = files_of(s, "meeting", [meeting.id])
        s.delete(meeting)
    discard_unused(ctx, files)


@requires("edit_meetings")
def link_case(ctx: AppContext, meeting_id: int, *, number: str) -> MeetingDetail:
    """Add one case (by number) to what a meeting discussed."""
    if not (number or "").strip():  # resolve_case_numbers skips blanks: there would be no id to unpack
        raise ValidationError("请输入案件编号，例如 2025-长征-0037。", field="cases")
    with ctx.db.session() as s:
        _get(s, meeting_id)
        [case_id] = resolve_case_numbers(s, [number])
        linked = set(s.scalars(select(meeting_cases.c.case_id).where(meeting_cases.c.meeting_id == meeting_id)))
        if case_id not in linked:
            s.execute(insert(meeting_cases).values(meeting_id=meeting_id, case_id=case_id))
        return _detail(s, meeting_id)


@requires("edit_meetings")
def link_complaint_group(ctx: AppContext, meeting_id: int, *, work_order_no: str | None = None,
                         complaint_id: int | None = None) -> MeetingDetail:
    """Add a complaint's whole repeat group (by 12345 work-order number or complaint id) to a meeting."""
    with ctx.db.session() as s:
        _get(s, meeting_id)
        cid = complaint_id if complaint_id is not None else resolve_work_order(s, work_order_no or "")
        members = expand_groups(s, [cid])
        linked = set(s.scalars(select(meeting_complaints.c.complaint_id)
                               .where(meeting_complaints.c.meeting_id == meeting_id)))
        new = [m for m in members if m not in linked]
        if new:
            s.execute(insert(meeting_complaints), [{"meeting_id": meeting_id, "complaint_id": m} for m in new])
        return _detail(s, meeting_id)


@requires("edit_meetings")
def unlink_complaint_group(ctx: AppContext, meeting_id: int, *, complaint_id: int) -> MeetingDetail:
    """Remove a complaint's whole repeat group from a meeting."""
    with ctx.db.session() as s:
        _get(s, meeting_id)
        members = group_member_ids(s, group_root(s, complaint_id))
        s.execute(delete(meeting_complaints).where(meeting_complaints.c.meeting_id == meeting_id,
                                                   meeting_complaints.c.complaint_id.in_(members)))
        return _detail(s, meeting_id)


# ---- reading --------------------------------------------------------------------------------------------------


def _detail(session: Session, meeting_id: int, *, today: date | None = None) -> MeetingDetail:
    m = _get(session, meeting_id)
    departments = session.execute(
        select(Department.id, Department.name).join(meeting_departments)
        .where(meeting_departments.c.meeting_id == meeting_id).order_by(Department.sort_order, Department.id)
    ).all()
    case_ids = session.scalars(select(meeting_cases.c.case_id).where(meeting_cases.c.meeting_id == meeting_id))
    complaint_ids = session.scalars(select(meeting_complaints.c.complaint_id)
                                    .where(meeting_complaints.c.meeting_id == meeting_id))
    return MeetingDetail(
        m.id, m.kind, m.held_on, m.title, m.venue, m.people_present, m.decisions, tuple(departments),
        tuple(case_items(session, case_ids)), tuple(complaint_items(session, complaint_ids)),
        tuple(meeting_actions(session, meeting_id, today=today or clock.today())),
    )


@requires("view")
def meeting_detail(ctx: AppContext, meeting_id: int, *, today: date | None = None) -> MeetingDetail:
    """Everything about one meeting, for the edit dialog and the minutes (phones typed into its text masked for
    roles without personal data; linked complaints never carry any)."""
    with ctx.db.session() as s:
        detail = _detail(s, meeting_id, today=today)
        if may_unmask(ctx):
            return detail
        names = known_names(s)  # a meeting's text names whoever came up: any person the ledger knows
    text = text_masker(False, names)
    return replace(detail, title=text(detail.title) or "", venue=text(detail.venue),
                   people_present=text(detail.people_present), decisions=text(detail.decisions),
                   actions=tuple(masked_action(a, names) for a in detail.actions))



@requires("view")
def list_meetings(ctx: AppContext, flt: MeetingFilter | None = None, *, today: date | None = None) -> list[MeetingRow]:
    """Meetings newest first, narrowed by kind, date range and text in the title or decisions."""
    flt = flt or MeetingFilter()
    today = today or clock.today()
    stmt = select(Meeting.id, Meeting.held_on, Meeting.kind, Meeting.title)
    if flt.kind:
        stmt = stmt.where(Meeting.kind == flt.kind)
    if flt.date_from:
        stmt = stmt.where(Meeting.held_on >= flt.date_from)
    if flt.date_to:
        stmt = stmt.where(Meeting.held_on <= flt.date_to)
    if flt.text and flt.text.strip():
        pattern = f"%{flt.text.strip()}%"
        stmt = stmt.where(or_(Meeting.title.like(pattern), Meeting.decisions.like(pattern)))
    stmt = stmt.order_by(Meeting.held_on.desc(), Meeting.id.desc())
    with ctx.db.session() as s:
        rows = s.execute(stmt).all()
        ids = [r[0] for r in rows]
        depts: dict[int, list[str]] = {}
        for mid, name in s.execute(select(meeting_departments.c.meeting_id, Department.name).join(Department)
                                   .where(meeting_departments.c.meeting_id.in_(ids))
                                   .order_by(Department.sort_order, Department.id)):
            depts.setdefault(mid, []).append(name)
        cases = _counts(s, meeting_cases.c.meeting_id, ids)
        complaints = _counts(s, meeting_complaints.c.meeting_id, ids)
        open_ = _counts(s, MeetingAction.meeting_id, ids, MeetingAction.done.is_(False))
        overdue = _counts(s, MeetingAction.meeting_id, ids, MeetingAction.done.is_(False), MeetingAction.due < today)
        full = may_unmask(ctx)
        title_of = text_masker(full, () if full or not rows else known_names(s))
    return [MeetingRow(i, held, kind, title_of(title) or "", tuple(depts.get(i, ())), cases.get(i, 0),
                       complaints.get(i, 0),
                       open_.get(i, 0), overdue.get(i, 0)) for i, held, kind, title in rows]


def _counts(session: Session, column: SQLCoreOperations[int], ids: list[int],
            *where: ColumnElement[bool]) -> dict[int, int]:
    stmt = select(column, func.count()).where(column.in_(ids), *where).group_by(column)
    return dict(session.execute(stmt).all())
