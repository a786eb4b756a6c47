"""The plan's reference data: each grade's inspection frequency, and an estate's grade changes by date.

Administrators edit both (they change what every estate's coverage counts against). A grade change is dated: it
applies from that day on, never to the days before it (controllers.inspections.plan); the estate's grade shown
elsewhere follows the change once its day has come.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from controllers.core import clock
from controllers.core.context import AppContext
from controllers.core.errors import NotFoundError, ValidationError
from controllers.core.permissions import requires
from controllers.reference import checks as rc
from controllers.reference import estates as est
from models.inspections import EstateGradeChange
from models.reference import Estate, EstateGrade


@dataclass(frozen=True)
class GradePlan:
    id: int
    name: str
    inspection_months: int | None
    inspection_working_days: bool


@dataclass(frozen=True)
class GradeChange:
    id: int
    effective_from: date
    grade: str  # "" for ungraded
    previous_grade: str


@requires("view")
def grade_plans(ctx: AppContext) -> list[GradePlan]:
    with ctx.db.session() as s:
        return [GradePlan(g.id, g.name, g.inspection_months, g.inspection_working_days)
                for g in s.scalars(select(EstateGrade).order_by(EstateGrade.sort_order, EstateGrade.id))]


@requires("edit_reference")
def set_grade_plan(ctx: AppContext, grade_id: int, *, inspection_months: int | None,
                   inspection_working_days: bool) -> GradePlan:
    """Set how often a grade is inspected (every 1-12 months; None: no inspections due)."""
    months = rc.number(inspection_months, field="inspection_months", label="检查周期（月）", minimum=1, maximum=12)
    with ctx.db.session() as s:
        g = s.get(EstateGrade, grade_id)
        if g is None:
            raise NotFoundError("找不到该分级，可能已被删除。请刷新后重试。")
        g.inspection_months, g.inspection_working_days = months, bool(inspection_working_days)
        s.flush()
        return GradePlan(g.id, g.name, g.inspection_months, g.inspection_working_days)


@requires("edit_reference")
def change_estate_grade(ctx: AppContext, estate_id: int, *, grade_id: int | None, effective_from: date | None,
                        note: str | None = None) -> list[GradeChange]:
    """Record that an estate holds `grade_id` from `effective_from` on; returns the estate's changes, oldest first."""
    effective_from, note = _clean_change(effective_from, note)
    with ctx.db.session() as s:
        estate = s.get(Estate, estate_id)
        if estate is None:
            raise NotFoundError("找不到该小区，可能已被删除。请刷新后重试。")
        return _record_change(s, estate, grade_id, effective_from, note)


@requires("edit_reference")
def update_estate_regraded(ctx: AppContext, estate_id: int, *, new_grade_id: int | None,
                           effective_from: date | None, **particulars: Any) -> est.EstateRow:
    """The estate dialog's save when the grade changed: the particulars (with `grade_id` the grade in force until
    then) and the dated change to `new_grade_id`, in one transaction: a refused change keeps nothing of the save."""
    day, _note = _clean_change(effective_from, None)
    return est.update_estate(ctx, estate_id, **particulars,
                             then=lambda s, estate: _record_change(s, estate, new_grade_id, day, None))


def _clean_change(effective_from: date | None, note: str | None) -> tuple[date, str | None]:
    if effective_from is None:
        raise ValidationError("请填写分级调整的生效日期。", field="effective_from")
    return effective_from, rc.text(note, field="note", label="调整说明", max_len=200)


def _record_change(s: Session, estate: Estate, grade_id: int | None, effective_from: date,
                   note: str | None) -> list[GradeChange]:
    """Add the dated change in the caller's session and set the grade the rest of the app shows."""
    if grade_id is not None and s.get(EstateGrade, grade_id) is None:
        raise ValidationError("所选的分级已被删除，请重新选择。", field="grade_id")
    changes = list(s.scalars(select(EstateGradeChange).where(EstateGradeChange.estate_id == estate.id)
                             .order_by(EstateGradeChange.effective_from)))
    if any(c.effective_from == effective_from for c in changes):
        raise ValidationError("该小区在这一天已有分级调整，请修改原记录或换一个日期。", field="effective_from")
    before = [c for c in changes if c.effective_from < effective_from]
    previous = before[-1].grade_id if before else (changes[0].previous_grade_id if changes else estate.grade_id)
    s.add(EstateGradeChange(estate_id=estate.id, effective_from=effective_from, grade_id=grade_id,
                            previous_grade_id=previous, note=note))
    s.flush()
    rows = list(s.scalars(select(EstateGradeChange).where(EstateGradeChange.estate_id == estate.id)
                          .order_by(EstateGradeChange.effective_from)))
    today = clock.today()
    in_force = [c for c in rows if c.effective_from <= today]
    if in_force:  # the grade the rest of the app shows is the one in force today
        estate.grade_id = in_force[-1].grade_id
    names = {gid: name for gid, name in s.execute(select(EstateGrade.id, EstateGrade.name))}
    return [GradeChange(c.id, c.effective_from, names.get(c.grade_id, "") if c.grade_id else "",
                        names.get(c.previous_grade_id, "") if c.previous_grade_id else "") for c in rows]
