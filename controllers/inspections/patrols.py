"""Patrol and inspection records (巡查/检查记录): record, edit, delete, read; each write one transaction.

A patrol is often typed in afterwards from the paper sheet, so any past date and time is accepted (never a future
one). Times are Shanghai wall time as typed, stored as naive UTC. Who was met is kept by role only. Editing keeps
the rows of estates and checklist lines that stay (their UUIDs travel in exchange packages) and refuses to drop a
finding that already became a case or a referral. The audit hook records every change; officers' notes are free
text and never quoted there.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from controllers.core import clock
from controllers.core.context import AppContext
from controllers.core.errors import NotFoundError, ValidationError
from controllers.core.permissions import requires
from controllers.core.privacy import known_names, may_unmask, text_masker
from controllers.reference import checks as rc
from controllers.station.views import require_own_estate, require_visible
from controllers.storage.attachments import discard_unused, files_of
from models.enums import CHECK_RESULTS, PATROL_KINDS
from models.inspections import Patrol, PatrolCheck, PatrolVisit
from models.reference import Category, Department, Estate, Staff

MET_ROLES = ("物业", "居委", "业委会")
_MET_COLUMNS = {"物业": "met_property", "居委": "met_committee", "业委会": "met_owners_committee"}
JOINT = "联合检查"


@dataclass(frozen=True)
class CheckInput:
    """One checklist line as the form sends it."""

    category_id: int
    result: str
    place: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class VisitInput:
    """One estate on the round: whom the officers met there (roles from MET_ROLES) and its checklist."""

    estate_id: int
    met: tuple[str, ...] = ()
    checks: tuple[CheckInput, ...] = ()


@dataclass(frozen=True)
class PatrolInput:
    """What the entry form (or `patrol add`) sends; `started_at` is Shanghai wall time."""

    started_at: datetime | None
    kind: str
    officer_ids: tuple[int, ...]
    visits: tuple[VisitInput, ...]
    department_ids: tuple[int, ...] = ()
    notes: str | None = None


@dataclass(frozen=True)
class CheckLine:
    id: int
    category_id: int
    category_code: str
    category: str
    result: str
    place: str | None
    note: str | None
    outcome: str | None
    case_id: int | None
    case_number: str | None
    referral_id: int | None


@dataclass(frozen=True)
class VisitLine:
    id: int
    estate_id: int
    estate: str
    met: tuple[str, ...]
    checks: tuple[CheckLine, ...]


@dataclass(frozen=True)
class PatrolDetail:
    """A patrol as the record window shows it; `started_at` in Shanghai wall time."""

    id: int
    started_at: datetime
    kind: str
    officers: tuple[str, ...]
    officer_ids: tuple[int, ...]
    departments: tuple[str, ...]
    notes: str | None
    visits: tuple[VisitLine, ...] = field(default_factory=tuple)

    @property
    def findings(self) -> tuple[CheckLine, ...]:
        return tuple(c for v in self.visits for c in v.checks if c.result == "发现问题")


def _ids_exist(s: Session, model: type[Staff | Department | Estate], ids: Iterable[int], message: str,
               field_name: str) -> list[int]:
    wanted = list(dict.fromkeys(ids))
    found = set(s.scalars(select(model.id).where(model.id.in_(wanted)))) if wanted else set()
    if len(found) != len(wanted):
        raise ValidationError(message, field=field_name)
    return wanted


def _clean(s: Session, data: PatrolInput) -> PatrolInput:
    """Validate everything before anything is written; returns the input with texts cleaned."""
    if data.started_at is None:
        raise ValidationError("请填写巡查日期和时间。", field="started_at")
    if clock.to_utc(data.started_at) > clock.utcnow():
        raise ValidationError("巡查时间不能晚于现在（补录纸质记录请填当天的实际时间）。", field="started_at")
    if data.kind not in PATROL_KINDS:
        raise ValidationError(f"巡查类型应为：{'、'.join(PATROL_KINDS)}。", field="kind")
    if not data.officer_ids:
        raise ValidationError("请选择参加巡查的队员（至少一人）。", field="officer_ids")
    _ids_exist(s, Staff, data.officer_ids, "所选的队员有的已被删除，请重新选择。", "officer_ids")
    if data.kind == JOINT and not data.department_ids:
        raise ValidationError("联合检查请选择参加的部门。", field="department_ids")
    _ids_exist(s, Department, data.department_ids, "所选的部门有的已被删除，请重新选择。", "department_ids")
    if not data.visits:
        raise ValidationError("请至少填写一个巡查的小区。", field="visits")
    estate_ids = [v.estate_id for v in data.visits]
    if len(set(estate_ids)) != len(estate_ids):
        raise ValidationError("同一个小区在一次巡查中只能填写一次。", field="visits")
    _ids_exist(s, Estate, estate_ids, "所选的小区有的已被删除，请重新选择。", "visits")
    for estate_id in estate_ids:
        require_own_estate(s, estate_id)
    categories = {i: active for i, active in s.execute(select(Category.id, Category.active))}
    visits = []
    for v in data.visits:
        if any(m not in MET_ROLES for m in v.met):
            raise ValidationError(f"见到的人员只能按角色填写：{'、'.join(MET_ROLES)}。", field="met")
        seen: set[int] = set()
        checks = []
        for c in v.checks:
            if c.category_id not in categories:
                raise ValidationError("检查项目的类别有的已被删除，请重新选择。", field="checks")
            if c.category_id in seen:
                raise ValidationError("同一小区的同一检查项目只能填写一行。", field="checks")
            seen.add(c.category_id)
            if c.result not in CHECK_RESULTS:
                raise ValidationError(f"检查结果应为：{'、'.join(CHECK_RESULTS)}。", field="checks")
            checks.append(CheckInput(
                c.category_id, c.result,
                rc.text(c.place, field="place", label="问题地点", max_len=200),
                rc.text(c.note, field="note", label="检查情况说明", max_len=2000)))
        visits.append(VisitInput(v.estate_id, tuple(dict.fromkeys(v.met)), tuple(checks)))
    notes = rc.text(data.notes, field="notes", label="巡查情况", max_len=4000)
    return PatrolInput(data.started_at, data.kind, tuple(dict.fromkeys(data.officer_ids)), tuple(visits),
                       tuple(dict.fromkeys(data.department_ids)), notes)


def _write(s: Session, patrol: Patrol, data: PatrolInput) -> None:
    """Put the cleaned input on the patrol, keeping the rows of estates and lines that stay."""
    assert data.started_at is not None  # checked in _clean
    patrol.started_at = clock.to_utc(data.started_at)
    patrol.kind = data.kind
    patrol.notes = data.notes
    patrol.officers = list(s.scalars(select(Staff).where(Staff.id.in_(data.officer_ids))))
    patrol.departments = list(s.scalars(select(Department).where(Department.id.in_(data.department_ids))))
    old_visits = {v.estate_id: v for v in patrol.visits}
    wanted = {v.estate_id for v in data.visits}
    for estate_id, visit in old_visits.items():
        if estate_id not in wanted:
            _refuse_dropping_work(visit.checks)
    visits = []
    for position, v in enumerate(data.visits):
        visit = old_visits.get(v.estate_id) or PatrolVisit(estate_id=v.estate_id)
        visit.position = position
        for role, column in _MET_COLUMNS.items():
            setattr(visit, column, role in v.met)
        old_checks = {c.category_id: c for c in visit.checks}
        kept = {c.category_id for c in v.checks}
        _refuse_dropping_work([c for cat, c in old_checks.items() if cat not in kept])
        lines = []
        for c in v.checks:
            line = old_checks.get(c.category_id) or PatrolCheck(category_id=c.category_id)
            if line.outcome is not None and c.result != "发现问题":
                raise ValidationError("该发现已有处理结果（立案、移交或当场劝阻整改），不能改为其他检查结果。",
                                      field="checks")
            line.result, line.place, line.note = c.result, c.place, c.note
            lines.append(line)
        visit.checks = lines
        visits.append(visit)
    patrol.visits = visits


def _refuse_dropping_work(lines: Iterable[PatrolCheck]) -> None:
    if any(line.case_id is not None or line.referral_id is not None for line in lines):
        raise ValidationError("该巡查记录中有发现已经立案或移交，不能删去对应的小区或检查项目。", field="visits")


def _load(s: Session, patrol_id: int) -> Patrol:
    patrol = s.get(Patrol, patrol_id, options=[selectinload(Patrol.visits).selectinload(PatrolVisit.checks)])
    if patrol is None:
        raise NotFoundError("找不到该巡查记录，可能已被删除。请刷新后重试。")
    return patrol


def detail_in(s: Session, patrol_id: int, *, full: bool = True) -> PatrolDetail:
    """The patrol as PatrolDetail, inside the caller's session; `full` False masks names and numbers in the notes
    (a role without personal data: officers' notes may name the people they met)."""
    p = _load(s, patrol_id)
    shown = text_masker(full, () if full else known_names(s))
    estate_ids = [v.estate_id for v in p.visits]
    names = {i: n for i, n in s.execute(select(Estate.id, Estate.name).where(Estate.id.in_(estate_ids)))}
    visits = []
    for v in p.visits:
        checks = tuple(
            CheckLine(c.id, c.category_id, c.category.code, c.category.name, c.result, shown(c.place), shown(c.note),
                      c.outcome,
                      c.case_id, c.case.number if c.case else None, c.referral_id)
            for c in sorted(v.checks, key=lambda c: (c.category.sort_order, c.category.code)))
        met = tuple(role for role, col in _MET_COLUMNS.items() if getattr(v, col))
        visits.append(VisitLine(v.id, v.estate_id, names.get(v.estate_id, ""), met, checks))
    return PatrolDetail(p.id, clock.to_local(p.started_at), p.kind, tuple(o.name for o in p.officers),
                        tuple(o.id for o in p.officers), tuple(d.name for d in p.departments), shown(p.notes),
                        tuple(visits))


@requires("edit_patrols")
def record_patrol(ctx: AppContext, data: PatrolInput) -> PatrolDetail:
    """Save a new patrol with its estates and checklist lines, all or nothing."""
    with ctx.db.session() as s:
        cleaned = _clean(s, data)
        patrol = Patrol()
        patrol.visits = []
        _write(s, patrol, cleaned)
        s.add(patrol)
        s.flush()
        return detail_in(s, patrol.id)


@requires("edit_patrols")
def update_patrol(ctx: AppContext, patrol_id: int, data: PatrolInput) -> PatrolDetail:
    """Replace a patrol's contents; lines that became cases or referrals must stay findings. A line or an estate
    left out goes with its photos, and their stored files once the change committed."""
    with ctx.db.session() as s:
        patrol = _load(s, patrol_id)
        _require_patrol_visible(ctx, s, patrol)
        before = {c.id for v in patrol.visits for c in v.checks}
        _write(s, patrol, _clean(s, data))
        with s.no_autoflush:  # read the dropped lines' photos before the flush deletes their rows (ON DELETE CASCADE)
            dropped = before - {c.id for v in patrol.visits for c in v.checks}
            photos = files_of(s, "finding", dropped)
        s.flush()
        result = detail_in(s, patrol.id)
    discard_unused(ctx, photos)  # after the commit, as delete_patrol does
    return result


@requires("edit_patrols")
def delete_patrol(ctx: AppContext, patrol_id: int) -> None:
    """Delete a patrol typed by mistake; one whose findings became cases or referrals stays (the case points at it).

    Its findings' photos go with it, and their stored files once the deletion committed (unless another record
    uses the same file)."""
    with ctx.db.session() as s:
        patrol = _load(s, patrol_id)
        _require_patrol_visible(ctx, s, patrol)
        if any(c.case_id is not None or c.referral_id is not None for v in patrol.visits for c in v.checks):
            raise ValidationError("该巡查记录中有发现已经立案或移交，不能删除。", field="patrol")
        photos = files_of(s, "finding", [c.id for v in patrol.visits for c in v.checks])
        s.delete(patrol)
    discard_unused(ctx, photos)


def _require_patrol_visible(ctx: AppContext, s: Session, patrol: Patrol) -> None:
    for v in patrol.visits:
        require_visible(ctx, s, v.estate_id, noun="巡查记录")


@requires("view")
def get_patrol(ctx: AppContext, patrol_id: int) -> PatrolDetail:
    with ctx.db.session() as s:
        patrol = _load(s, patrol_id)
        _require_patrol_visible(ctx, s, patrol)
        return detail_in(s, patrol_id, full=may_unmask(ctx))
