"""Reference data for other screens: (id, label) choices for pickers. The editing lives in reference_*.py."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select

from controllers.core.context import AppContext
from controllers.core.permissions import require_any, requires
from models.reference import Category, Department, Estate, Staff, Street

Choice = tuple[int, str]


@requires("view")
def street_choices(ctx: AppContext) -> list[Choice]:
    """Streets and towns in display order."""
    with ctx.db.session() as s:
        return [(i, n) for i, n in s.execute(select(Street.id, Street.name).order_by(Street.sort_order, Street.id))]


@requires("view")
def estate_choices(ctx: AppContext, *, street_id: int | None = None) -> list[Choice]:
    """Estates by name; a name used in two streets gets its street in brackets so the pick is unambiguous."""
    with ctx.db.session() as s:
        stmt = select(Estate.id, Estate.name, Street.name).join(Street).order_by(Estate.name, Street.sort_order)
        if street_id is not None:
            stmt = stmt.where(Estate.street_id == street_id)
        rows = s.execute(stmt).all()
    seen = Counter(name for _i, name, _st in rows)
    return [(i, f"{name}（{street}）" if seen[name] > 1 else name) for i, name, street in rows]


def category_choices(ctx: AppContext, *, include_inactive: bool = False) -> list[Choice]:
    """Categories as “C01 装修人未申报登记”, active ones only unless asked."""
    require_any(ctx, "view", "meeting_mode")  # a 居委代表 picks one when raising a matter in meeting mode
    with ctx.db.session() as s:
        stmt = select(Category.id, Category.code, Category.name).order_by(Category.sort_order, Category.code)
        if not include_inactive:
            stmt = stmt.where(Category.active.is_(True))
        return [(i, f"{code} {name}") for i, code, name in s.execute(stmt)]


@requires("view")
def staff_choices(ctx: AppContext, *, include_inactive: bool = False) -> list[Choice]:
    """Staff as “name（badge no）”, active ones only unless asked."""
    with ctx.db.session() as s:
        stmt = select(Staff.id, Staff.name, Staff.badge_no).order_by(Staff.name, Staff.id)
        if not include_inactive:
            stmt = stmt.where(Staff.active.is_(True))
        return [(i, f"{name}（{badge}）" if badge else name) for i, name, badge in s.execute(stmt)]


@requires("view")
def department_choices(ctx: AppContext) -> list[Choice]:
    """Departments in the plan's order."""
    with ctx.db.session() as s:
        stmt = select(Department.id, Department.name).order_by(Department.sort_order, Department.id)
        return [(i, n) for i, n in s.execute(stmt)]
