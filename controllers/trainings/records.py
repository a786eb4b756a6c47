"""Training and outreach records (教育培训和普法宣传): create, edit, list with filters, attendance, example cases."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Select, case, exists, func, or_, select
from sqlalchemy.orm import Session, selectinload

from controllers.core.clock import day_start, to_local, to_utc
from controllers.core.context import AppContext
from controllers.core.errors import NotFoundError, ValidationError
from controllers.core.permissions import requires
from controllers.core.privacy import mask_free_text, mask_name, mask_phone, may_unmask
from controllers.reference import checks as rc
from controllers.station.views import view_estate_filter
from controllers.storage.attachments import discard_unused, files_of
from controllers.trainings.common import EXAMPLE_CASE_KINDS, AttendeeInput, AttendeeRow, Choice, ExampleCase
from models.cases import Case, TypicalCase
from models.reference import Department, Estate, PropertyCompany
from models.trainings import (
    Training,
    TrainingAttendee,
    TrainingKind,
    training_cases,
    training_departments,
    training_estates,
)

NOUN = "培训宣传记录"
MAX_COUNT = 100_000


@dataclass(frozen=True)
class TrainingInput:
    """What the edit dialog sends; times are Shanghai wall time. attendees=None leaves the attendee list alone."""

    kind_id: int | None
    title: str
    starts_at: datetime | None
    ends_at: datetime | None = None
    venue: str | None = None
    organiser: str | None = None
    audience: str | None = None
    planned_count: int | None = None
    actual_count: int | None = None
    notes: str | None = None
    department_ids: tuple[int, ...] = ()
    estate_ids: tuple[int, ...] = ()
    case_ids: tuple[int, ...] = ()
    attendees: tuple[AttendeeInput, ...] | None = None


@dataclass(frozen=True)
class TrainingDetail:
    """One training with everything the dialog and the sign-in sheet show; times are Shanghai wall time."""

    id: int
    kind_id: int
    kind: str
    title: str
    starts_at: datetime
    ends_at: datetime | None
    venue: str | None
    organiser: str | None
    audience: str | None
    planned_count: int | None
    actual_count: int | None
    notes: str | None
    departments: tuple[Choice, ...]
    estates: tuple[Choice, ...]
    cases: tuple[ExampleCase, ...]
    attendees: tuple[AttendeeRow, ...]


@dataclass(frozen=True)
class TrainingRow:
    """A line of the trainings list."""

    id: int
    starts_at: datetime
    ends_at: datetime | None
    kind: str
    title: str
    venue: str | None
    organiser: str | None
    departments: tuple[str, ...]
    estates: tuple[str, ...]
    planned_count: int | None
    actual_count: int | None
    invited_count: int
    attended_count: int
    typical_cases: int = 0  # linked cases marked 典型案例 (issue 21): the 以案释法 material it used


@dataclass(frozen=True)
class TrainingFilter:
    """List filters; dates are Shanghai calendar days, both ends included."""

    kind_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    estate_id: int | None = None
    department_id: int | None = None
    text: str = ""


def example_case(case: Case) -> ExampleCase:
    # Deliberately no party name, ID number or phone: these rows are shown to trainees and printed (nor in the facts).
    return ExampleCase(case.id, case.number, case.category.name, case.estate.name,
                       mask_free_text(case.facts, (case.party_name,)))


def _attendee_row(a: TrainingAttendee) -> AttendeeRow:
    return AttendeeRow(a.id, a.position, a.name, a.organisation, a.role, a.phone, a.property_company_id,
                       a.property_company.name if a.property_company else None, a.invited, a.attended)


def _detail(t: Training) -> TrainingDetail:
    starts = to_local(t.starts_at)
    assert starts is not None
    return TrainingDetail(
        t.id, t.kind_id, t.kind.name, t.title, starts, to_local(t.ends_at), t.venue, t.organiser, t.audience,
        t.planned_count, t.actual_count, t.notes,
        tuple((d.id, d.name) for d in t.departments), tuple((e.id, e.name) for e in t.estates),
        tuple(example_case(c) for c in sorted(t.cases, key=lambda c: c.number)),
        tuple(_attendee_row(a) for a in t.attendees),
    )


def _load(s: Session, training_id: int) -> Training:
    stmt = select(Training).where(Training.id == training_id).options(
        selectinload(Training.departments), selectinload(Training.estates),
        selectinload(Training.cases).selectinload(Case.category),
        selectinload(Training.cases).selectinload(Case.estate),
        selectinload(Training.attendees).selectinload(TrainingAttendee.property_company), selectinload(Training.kind))
    t = s.scalar(stmt)
    if t is None:
        raise NotFoundError(f"找不到编号为 {training_id} 的{NOUN}，可能已被删除。")
    return t


@requires("view")
def get_training(ctx: AppContext, training_id: int) -> TrainingDetail:
    """One training; attendees' names and phones are masked for roles that may not see personal data."""
    with ctx.db.session() as s:
        detail = _detail(_load(s, training_id))
    if may_unmask(ctx):
        return detail
    masked = tuple(replace(a, name=mask_name(a.name), phone=mask_phone(a.phone)) for a in detail.attendees)
    notes = mask_free_text(detail.notes, (a.name for a in detail.attendees)) if detail.notes is not None else None
    return replace(detail, attendees=masked, notes=notes)


def _rows_by_id(s: Session, model: Any, ids: Sequence[int], noun: str) -> list[Any]:
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return []
    found = {o.id: o for o in s.scalars(select(model).where(model.id.in_(wanted)))}
    missing = [i for i in wanted if i not in found]
    if missing:
        raise ValidationError(f"所选{noun}已不存在，请重新选择。", field=noun)
    return [found[i] for i in wanted]


def validate_attendee(a: AttendeeInput, line: int) -> AttendeeInput:
    """Check one attendee; messages name the grid line (第 3 行) so the user finds it."""
    where = f"第 {line} 行："
    field = f"attendees[{line - 1}]"
    try:
        return AttendeeInput(
            name=rc.required_text(a.name, field=field + ".name", label="姓名", max_len=60),
            organisation=rc.text(a.organisation, field=field + ".organisation", label="单位", max_len=100),
            role=rc.text(a.role, field=field + ".role", label="职务", max_len=60),
            phone=rc.phone(a.phone, field=field + ".phone", label="联系电话"),
            property_company_id=a.property_company_id, invited=bool(a.invited), attended=bool(a.attended), id=a.id)
    except ValidationError as exc:
        raise ValidationError(where + exc.message, field=exc.field) from exc


def _check(s: Session, data: TrainingInput) -> tuple[TrainingKind, datetime, datetime | None]:
    if data.kind_id is None or (kind := s.get(TrainingKind, data.kind_id)) is None:
        raise ValidationError("请选择类型。", field="kind")
    if data.starts_at is None:
        raise ValidationError("请填写开始时间。", field="starts_at")
    if data.ends_at is not None and data.ends_at < data.starts_at:
        raise ValidationError("结束时间不能早于开始时间。", field="ends_at")
    for value, field, label in ((data.planned_count, "planned_count", "计划人数"),
                                (data.actual_count, "actual_count", "实到人数")):
        rc.number(value, field=field, label=label, minimum=0, maximum=MAX_COUNT)
    if data.case_ids and kind.name not in EXAMPLE_CASE_KINDS:
        raise ValidationError(f"只有“{'”“'.join(EXAMPLE_CASE_KINDS)}”可以关联示例案件，请先去掉关联的案件或更改类型。",
                              field="cases")
    starts, ends = to_utc(data.starts_at), to_utc(data.ends_at)
    assert starts is not None
    return kind, starts, ends


def _apply(s: Session, t: Training, data: TrainingInput) -> None:
    kind, starts, ends = _check(s, data)
    t.kind = kind
    t.title = rc.required_text(data.title, field="title", label="标题", max_len=200)
    t.starts_at, t.ends_at = starts, ends
    t.venue = rc.text(data.venue, field="venue", label="地点", max_len=200)
    t.organiser = rc.text(data.organiser, field="organiser", label="主办单位", max_len=100)
    t.audience = rc.text(data.audience, field="audience", label="对象", max_len=200)
    t.notes = rc.text(data.notes, field="notes", label="备注", max_len=4000)
    t.planned_count = data.planned_count
    t.departments = _rows_by_id(s, Department, data.department_ids, "部门")
    t.estates = _rows_by_id(s, Estate, data.estate_ids, "小区")
    t.cases = _rows_by_id(s, Case, data.case_ids, "案件")
    if data.attendees is not None:
        _replace_attendees(s, t, [validate_attendee(a, i) for i, a in enumerate(data.attendees, start=1)])
    t.actual_count = _actual(t, data.actual_count)
    rc.touch(t)


def _actual(t: Training, typed: int | None) -> int | None:
    """Once anyone is marked present the head count follows the marks; before that (or with no list) it is typed."""
    marked = sum(1 for a in t.attendees if a.attended)
    return marked if marked else typed


def _replace_attendees(s: Session, t: Training, people: Sequence[AttendeeInput]) -> None:
    companies = {a.property_company_id for a in people if a.property_company_id is not None}
    _rows_by_id(s, PropertyCompany, sorted(companies), "物业服务企业")
    existing = {a.id: a for a in t.attendees}
    kept: list[TrainingAttendee] = []
    for pos, a in enumerate(people):
        row = existing.pop(a.id, None) if a.id is not None else None
        if row is None:
            row = TrainingAttendee()
        row.position, row.name, row.organisation, row.role, row.phone = pos, a.name, a.organisation, a.role, a.phone
        row.property_company_id, row.invited, row.attended = a.property_company_id, a.invited, a.attended
        kept.append(row)
    t.attendees = kept  # delete-orphan removes the rows left in `existing`


@requires("edit_trainings")
def create_training(ctx: AppContext, data: TrainingInput) -> TrainingDetail:
    with rc.write(ctx, NOUN) as s:
        t = Training()
        t.attendees = []
        _apply(s, t, data)
        s.add(t)
        s.flush()
        return _detail(_load(s, t.id))


@requires("edit_trainings")
def update_training(ctx: AppContext, training_id: int, data: TrainingInput) -> TrainingDetail:
    with rc.write(ctx, NOUN) as s:
        t = _load(s, training_id)
        _apply(s, t, data)
        s.flush()
        return _detail(t)


@requires("edit_trainings")
def delete_training(ctx: AppContext, training_id: int) -> None:
    """Delete a training with its attendees and attachments; the attachments' stored files go once the deletion
    committed (unless another record uses the same file), so a deleted training leaves nothing in the store."""
    with rc.write(ctx, NOUN) as s:
        files = files_of(s, "training", [training_id])
        s.delete(_load(s, training_id))
    discard_unused(ctx, files)


@requires("edit_trainings")
def set_attendance(ctx: AppContext, training_id: int, *, attended: dict[int, bool]) -> TrainingDetail:
    """After the session: tick who came (attendee id -> present); the head count follows."""
    with rc.write(ctx, NOUN) as s:
        t = _load(s, training_id)
        for a in t.attendees:
            if a.id in attended:
                a.attended = bool(attended[a.id])
        t.actual_count = _actual(t, t.actual_count if not any(a.attended for a in t.attendees) else None)
        rc.touch(t)
        s.flush()
        return _detail(t)


@requires("edit_trainings")
def add_attendees(ctx: AppContext, training_id: int, people: Sequence[AttendeeInput]) -> TrainingDetail:
    """Append imported people in one transaction: all of them or, on any error, none."""
    validated = [validate_attendee(a, i) for i, a in enumerate(people, start=1)]
    with rc.write(ctx, NOUN) as s:
        t = _load(s, training_id)
        current = [AttendeeInput(a.name, a.organisation, a.role, a.phone, a.property_company_id, a.invited,
                                 a.attended, a.id) for a in t.attendees]
        _replace_attendees(s, t, current + validated)
        rc.touch(t)
        s.flush()
        return _detail(t)


@requires("view")
def find_case(ctx: AppContext, number: str) -> ExampleCase:
    """A case by its number (2025-长征-0037), for linking as an example."""
    wanted = (number or "").strip()
    if not wanted:
        raise ValidationError("请输入案件编号，例如 2025-长征-0037。", field="case_number")
    with ctx.db.session() as s:
        case = s.scalar(select(Case).where(Case.number == wanted).options(
            selectinload(Case.category), selectinload(Case.estate)))
        if case is None:
            raise NotFoundError(f"找不到案件编号“{wanted}”，请核对后重试。")
        return example_case(case)


def _in_view(ctx: AppContext, s: Session) -> list[Any]:
    """Trainings for an estate in the desk's view, and those for no estate in particular (street- or district-wide)."""
    cond = view_estate_filter(ctx, s, training_estates.c.estate_id)
    if cond is None:
        return []
    for_estates = exists().where(training_estates.c.training_id == Training.id)
    return [or_(exists().where(training_estates.c.training_id == Training.id, cond), ~for_estates)]


def _filtered(f: TrainingFilter, extra: Sequence[Any] = ()) -> Select[Any]:
    stmt = select(Training).where(*extra)
    if f.kind_id is not None:
        stmt = stmt.where(Training.kind_id == f.kind_id)
    if f.date_from is not None:
        stmt = stmt.where(Training.starts_at >= day_start(f.date_from))
    if f.date_to is not None:
        stmt = stmt.where(Training.starts_at < day_start(f.date_to + timedelta(days=1)))
    if f.estate_id is not None:
        stmt = stmt.where(exists().where(training_estates.c.training_id == Training.id,
                                         training_estates.c.estate_id == f.estate_id))
    if f.department_id is not None:
        stmt = stmt.where(exists().where(training_departments.c.training_id == Training.id,
                                         training_departments.c.department_id == f.department_id))
    text = f.text.strip()
    if text:
        escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        like = f"%{escaped}%"
        who = exists().where(TrainingAttendee.training_id == Training.id,
                             TrainingAttendee.name.like(like, escape="\\"))
        stmt = stmt.where(or_(*(c.like(like, escape="\\") for c in (
            Training.title, Training.venue, Training.organiser, Training.audience, Training.notes)), who))
    return stmt


@requires("view")
def list_trainings(ctx: AppContext, f: TrainingFilter | None = None) -> list[TrainingRow]:
    """Trainings matching the filters, newest first (stations hold hundreds, not millions: one query)."""
    f = f or TrainingFilter()
    with ctx.db.session() as s:
        in_view = _in_view(ctx, s)
        stmt = _filtered(f, in_view).options(selectinload(Training.departments), selectinload(Training.estates),
                                    selectinload(Training.kind)).order_by(Training.starts_at.desc(), Training.id.desc())
        trainings = list(s.scalars(stmt))
        present = (select(TrainingAttendee.training_id, func.sum(case((TrainingAttendee.invited, 1), else_=0)),
                          func.sum(case((TrainingAttendee.attended, 1), else_=0)))
                   .where(TrainingAttendee.training_id.in_(
                       _filtered(f, in_view).with_only_columns(Training.id).scalar_subquery()))
                   .group_by(TrainingAttendee.training_id))
        counts = {tid: (int(inv or 0), int(att or 0)) for tid, inv, att in s.execute(present)}
        used = (select(training_cases.c.training_id, func.count())
                .join(TypicalCase, TypicalCase.case_id == training_cases.c.case_id)
                .group_by(training_cases.c.training_id))
        typical: dict[int, int] = {tid: int(n) for tid, n in s.execute(used)}
        rows = []
        for t in trainings:
            starts = to_local(t.starts_at)
            assert starts is not None
            invited, attended = counts.get(t.id, (0, 0))
            rows.append(TrainingRow(t.id, starts, to_local(t.ends_at), t.kind.name, t.title, t.venue, t.organiser,
                                    tuple(d.name for d in t.departments), tuple(e.name for e in t.estates),
                                    t.planned_count, t.actual_count, invited, attended,
                                    int(typical.get(t.id, 0))))
        return rows
