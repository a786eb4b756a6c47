"""Names a person types (the command line, a script) turned into the ids the patrol controllers take.

Estates by name or alias, officers by name or badge number, departments and categories by name or code; a name
that matches nothing, or more than one estate, is refused in Chinese so a script never records the wrong place.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from controllers.core.context import AppContext
from controllers.core.errors import ValidationError
from controllers.core.permissions import requires
from models.reference import Category, Department, Estate, EstateAlias, Staff


@dataclass(frozen=True)
class NamedFinding:
    """`小区/类别/地点/说明` as typed: one 发现问题 line."""

    estate: str
    category: str
    place: str | None = None
    note: str | None = None


def _one(ids: list[int], what: str, name: str) -> int:
    if not ids:
        raise ValidationError(f"找不到{what}“{name}”，请检查名称。", field=what)
    if len(set(ids)) > 1:
        raise ValidationError(f"有多个{what}叫“{name}”，请写得更具体（如用别名或编号）。", field=what)
    return ids[0]


def estate_id(s: Session, name: str) -> int:
    name = name.strip()
    alias = select(EstateAlias.estate_id).where(EstateAlias.alias == name)
    return _one(list(s.scalars(select(Estate.id).where(or_(Estate.name == name, Estate.id.in_(alias))))), "小区", name)


def staff_id(s: Session, name: str) -> int:
    name = name.strip()
    return _one(list(s.scalars(select(Staff.id).where(or_(Staff.name == name, Staff.badge_no == name),
                                                      Staff.active.is_(True)))), "队员", name)


def department_id(s: Session, name: str) -> int:
    name = name.strip()
    return _one(list(s.scalars(select(Department.id).where(Department.name == name))), "部门", name)


def category_id(s: Session, name: str) -> int:
    name = name.strip()
    found = s.scalars(select(Category.id).where(or_(Category.code == name.upper(), Category.name == name)))
    return _one(list(found), "检查项目类别", name)


@requires("view")
def resolve(ctx: AppContext, *, officers: Sequence[str], estates: Sequence[str], departments: Sequence[str] = (),
            findings: Sequence[NamedFinding] = ()) -> tuple[list[int], list[int], list[int],
                                                           list[tuple[int, int, str | None, str | None]]]:
    """(officer ids, estate ids, department ids, findings as (estate id, category id, place, note))."""
    with ctx.db.session() as s:
        found = [(estate_id(s, f.estate), category_id(s, f.category), f.place, f.note) for f in findings]
        return ([staff_id(s, n) for n in officers], [estate_id(s, n) for n in estates],
                [department_id(s, n) for n in departments], found)
