"""Streets and towns, the simple editable lists (estate grades, training kinds) and the holiday calendar."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import extract, func, select
from sqlalchemy.orm import Session

from controllers.core import clock
from controllers.core.context import AppContext
from controllers.core.errors import ValidationError
from controllers.core.permissions import requires
from controllers.reference import checks as rc
from models.admin import CalendarDay
from models.cases import Case
from models.complaints import Complaint
from models.enums import CALENDAR_DAY_KINDS, STREET_KINDS
from models.reference import Estate, EstateGrade, Staff, Street
from models.trainings import Training, TrainingKind

# Vocabularies for pickers: the UI does not import models.
STREET_KIND_CHOICES = STREET_KINDS
CALENDAR_KIND_CHOICES = CALENDAR_DAY_KINDS


@dataclass(frozen=True)
class StreetRow:
    """A street or town as the lists and dialogs show it."""

    id: int
    name: str
    short_name: str
    kind: str
    sort_order: int
    estate_count: int


@dataclass(frozen=True)
class NamedRow:
    """An entry of a simple editable list (estate grade, training kind) with how often it is used."""

    id: int
    name: str
    sort_order: int
    use_count: int


@dataclass(frozen=True)
class CalendarDayRow:
    """A holiday or make-up working day."""

    id: int
    day: date
    kind: str
    name: str | None


# ---- streets -------------------------------------------------------------------------------------------------


def _street_row(st: Street, estate_count: int) -> StreetRow:
    return StreetRow(st.id, st.name, st.short_name, st.kind, st.sort_order, estate_count)


@requires("view")
def list_streets(ctx: AppContext) -> list[StreetRow]:
    """All streets and towns in their display order, with the number of estates in each."""
    with ctx.db.session() as s:
        counts = dict(s.execute(select(Estate.street_id, func.count()).group_by(Estate.street_id)).all())
        streets = s.scalars(select(Street).order_by(Street.sort_order, Street.id))
        return [_street_row(st, counts.get(st.id, 0)) for st in streets]


@requires("view")
def get_street(ctx: AppContext, street_id: int) -> StreetRow:
    with ctx.db.session() as s:
        st = rc.fetch(s, Street, street_id, "街镇")
        return _street_row(st, rc.count(s, select(Estate.id).where(Estate.street_id == street_id)))


def _save_street(
    ctx: AppContext, street_id: int | None, name: str, short_name: str, kind: str, sort_order: int | None
) -> StreetRow:
    name = rc.required_text(name, field="name", label="街镇名称", max_len=40)
    short_name = rc.required_text(short_name, field="short_name", label="简称", max_len=20)
    if any(ch in short_name for ch in "-/\\ "):
        # The short name sits inside case numbers such as 2025-长征-0037, so it must not contain the separator.
        raise ValidationError("简称用在案件编号中，不能包含“-”、“/”或空格。", field="short_name")
    kind = rc.one_of(kind, STREET_KINDS, field="kind", label="类型")
    rc.number(sort_order, field="sort_order", label="排序", minimum=0, maximum=9999)
    with rc.write(ctx, "街镇") as s:
        rc.ensure_unique(s, Street.name, name, exclude_id=street_id, field="name",
                         message=f"已存在名为“{name}”的街镇。")
        rc.ensure_unique(s, Street.short_name, short_name, exclude_id=street_id, field="short_name",
                         message=f"简称“{short_name}”已被其他街镇使用。")
        if street_id is None:
            order = sort_order if sort_order is not None else (s.scalar(select(func.max(Street.sort_order))) or 0) + 1
            st = Street(name=name, short_name=short_name, kind=kind, sort_order=order)
            s.add(st)
        else:
            st = rc.fetch(s, Street, street_id, "街镇")
            st.name, st.short_name, st.kind = name, short_name, kind
            if sort_order is not None:
                st.sort_order = sort_order
            rc.touch(st)
        s.flush()
        return _street_row(st, rc.count(s, select(Estate.id).where(Estate.street_id == st.id)))


@requires("edit_reference")
def create_street(ctx: AppContext, *, name: str, short_name: str, kind: str = "街道",
                  sort_order: int | None = None) -> StreetRow:
    """Add a street or town; its short name is used in case numbers."""
    return _save_street(ctx, None, name, short_name, kind, sort_order)


@requires("edit_reference")
def update_street(ctx: AppContext, street_id: int, *, name: str, short_name: str, kind: str,
                  sort_order: int | None = None) -> StreetRow:
    """Change a street; existing case numbers keep the short name they were given."""
    return _save_street(ctx, street_id, name, short_name, kind, sort_order)


@requires("edit_reference")
def delete_street(ctx: AppContext, street_id: int) -> None:
    """Delete a street nothing refers to any more."""
    with rc.write(ctx, "街镇") as s:
        st = rc.fetch(s, Street, street_id, "街镇")
        rc.refuse_if_used("街镇", [
            (rc.count(s, select(Estate.id).where(Estate.street_id == street_id)), "个小区"),
            (rc.count(s, select(Case.id).where(Case.street_id == street_id)), "件案件"),
            (rc.count(s, select(Complaint.id).where(Complaint.street_id == street_id)), "件诉件"),
            (rc.count(s, select(Staff.id).where(Staff.street_id == street_id)), "名工作人员"),
        ])
        s.delete(st)


# ---- simple named lists --------------------------------------------------------------------------------------

# model -> (noun, what refers to it, unit for the refusal message)
_NAMED: dict[type, tuple[str, Any, str]] = {
    EstateGrade: ("分级分类", Estate.grade_id, "个小区"),
    TrainingKind: ("培训类型", Training.kind_id, "次培训宣传"),
}


def _list_named(ctx: AppContext, model: Any) -> list[NamedRow]:
    _noun, ref_col, _unit = _NAMED[model]
    with ctx.db.session() as s:
        counts: dict[int, int] = dict(
            s.execute(select(ref_col, func.count()).where(ref_col.is_not(None)).group_by(ref_col)).all()
        )
        items = s.scalars(select(model).order_by(model.sort_order, model.id))
        return [NamedRow(i.id, i.name, i.sort_order, counts.get(i.id, 0)) for i in items]


def _save_named(ctx: AppContext, model: Any, item_id: int | None, name: str, sort_order: int | None) -> NamedRow:
    noun, ref_col, _unit = _NAMED[model]
    name = rc.required_text(name, field="name", label="名称", max_len=40)
    rc.number(sort_order, field="sort_order", label="排序", minimum=0, maximum=9999)
    with rc.write(ctx, noun) as s:
        rc.ensure_unique(s, model.name, name, exclude_id=item_id, field="name",
                         message=f"已存在名为“{name}”的{noun}。")
        if item_id is None:
            order = sort_order if sort_order is not None else (s.scalar(select(func.max(model.sort_order))) or 0) + 1
            item = model(name=name, sort_order=order)
            s.add(item)
        else:
            item = rc.fetch(s, model, item_id, noun)
            item.name = name
            if sort_order is not None:
                item.sort_order = sort_order
            rc.touch(item)
        s.flush()
        return NamedRow(item.id, item.name, item.sort_order, rc.count(s, select(ref_col).where(ref_col == item.id)))


def _delete_named(ctx: AppContext, model: Any, item_id: int) -> None:
    noun, ref_col, unit = _NAMED[model]
    with rc.write(ctx, noun) as s:
        item = rc.fetch(s, model, item_id, noun)
        rc.refuse_if_used(noun, [(rc.count(s, select(ref_col).where(ref_col == item_id)), unit)])
        s.delete(item)


@requires("view")
def list_estate_grades(ctx: AppContext) -> list[NamedRow]:
    """The management grades (分级分类) an estate can be given."""
    return _list_named(ctx, EstateGrade)


@requires("edit_reference")
def create_estate_grade(ctx: AppContext, *, name: str, sort_order: int | None = None) -> NamedRow:
    return _save_named(ctx, EstateGrade, None, name, sort_order)


@requires("edit_reference")
def update_estate_grade(ctx: AppContext, grade_id: int, *, name: str, sort_order: int | None = None) -> NamedRow:
    return _save_named(ctx, EstateGrade, grade_id, name, sort_order)


@requires("edit_reference")
def delete_estate_grade(ctx: AppContext, grade_id: int) -> None:
    _delete_named(ctx, EstateGrade, grade_id)


@requires("view")
def list_training_kinds(ctx: AppContext) -> list[NamedRow]:
    """The kinds of training and outreach (物业企业培训, 社区守法小讲堂...)."""
    return _list_named(ctx, TrainingKind)


@requires("edit_reference")
def create_training_kind(ctx: AppContext, *, name: str, sort_order: int | None = None) -> NamedRow:
    return _save_named(ctx, TrainingKind, None, name, sort_order)


@requires("edit_reference")
def update_training_kind(ctx: AppContext, kind_id: int, *, name: str, sort_order: int | None = None) -> NamedRow:
    return _save_named(ctx, TrainingKind, kind_id, name, sort_order)


@requires("edit_reference")
def delete_training_kind(ctx: AppContext, kind_id: int) -> None:
    _delete_named(ctx, TrainingKind, kind_id)


# ---- holiday calendar ----------------------------------------------------------------------------------------


def _day_row(d: CalendarDay) -> CalendarDayRow:
    return CalendarDayRow(d.id, d.day, d.kind, d.name)


@requires("view")
def calendar_years(ctx: AppContext, *, today: date | None = None) -> list[int]:
    """Years that have calendar entries, plus this year and next (so a new year can be filled in)."""
    this_year = (today or clock.today()).year
    with ctx.db.session() as s:
        years = {int(y) for y in s.scalars(select(extract("year", CalendarDay.day)).distinct())}
    return sorted(years | {this_year, this_year + 1})


@requires("view")
def list_calendar_days(ctx: AppContext, *, year: int | None = None) -> list[CalendarDayRow]:
    """Holidays and make-up working days, of one year or all."""
    with ctx.db.session() as s:
        stmt = select(CalendarDay).order_by(CalendarDay.day)
        if year is not None:
            stmt = stmt.where(CalendarDay.day >= date(year, 1, 1), CalendarDay.day <= date(year, 12, 31))
        return [_day_row(d) for d in s.scalars(stmt)]


def check_day(day: date | None, kind: str, name: str | None) -> tuple[date, str, str | None]:
    """A calendar day's fields checked before any write (Chinese refusals)."""
    if day is None:
        raise ValidationError("请填写日期。", field="day")
    kind = rc.one_of(kind, CALENDAR_DAY_KINDS, field="kind", label="类型")
    name = rc.text(name, field="name", label="名称", max_len=40)
    if kind == "调休上班" and day.weekday() < 5:
        # A make-up working day only means something on a weekend; on a weekday it is already a working day.
        raise ValidationError(f"{rc.fmt_day(day)}本来就是工作日，调休上班日应为周六或周日。", field="day")
    return day, kind, name


def save_day_in(s: Session, day_id: int | None, day: date, kind: str, name: str | None) -> CalendarDayRow:
    """Write one checked calendar day in the caller's transaction (controllers.holidays.day_entry recomputes the
    deadlines it moves in the same one)."""
    rc.ensure_unique(s, CalendarDay.day, day, exclude_id=day_id, field="day",
                     message=f"{rc.fmt_day(day)}已在日历中，请直接编辑那一天。")
    if day_id is None:
        d = CalendarDay(day=day, kind=kind, name=name)
        s.add(d)
    else:
        d = rc.fetch(s, CalendarDay, day_id, "日期")
        d.day, d.kind, d.name = day, kind, name
        rc.touch(d)
    s.flush()
    return _day_row(d)


def delete_day_in(s: Session, day_id: int) -> date:
    """Remove a calendar entry in the caller's transaction; returns its day."""
    d = rc.fetch(s, CalendarDay, day_id, "日期")
    day = d.day
    s.delete(d)
    s.flush()
    return day
