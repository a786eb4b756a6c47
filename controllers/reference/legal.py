"""Enforcement categories (执法类别) with their default legal basis, and the regulations (法规) they cite."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select

from controllers.core.context import AppContext
from controllers.core.errors import ValidationError
from controllers.core.permissions import requires
from controllers.reference import checks as rc
from models.cases import Case, case_regulations
from models.complaints import Complaint
from models.reference import Category, Regulation, category_regulations


@dataclass(frozen=True)
class RegulationRow:
    """A law or regulation of the plan's annex (or added by the station)."""

    id: int
    annex_no: int | None
    name: str
    articles: str | None
    applies_to_all: bool
    notes: str | None


@dataclass(frozen=True)
class CategoryRow:
    """A violation category with its rectification deadline and default legal basis."""

    id: int
    code: str
    name: str
    deadline_days: int
    working_days: bool
    referral_only: bool
    active: bool
    sort_order: int
    regulation_ids: tuple[int, ...]
    regulation_names: tuple[str, ...]

    @property
    def deadline_text(self) -> str:
        """“15 个工作日” / “30 日” as staff say it."""
        return f"{self.deadline_days} 个工作日" if self.working_days else f"{self.deadline_days} 日"


# ---- regulations ---------------------------------------------------------------------------------------------


def _reg_row(r: Regulation) -> RegulationRow:
    return RegulationRow(r.id, r.annex_no, r.name, r.articles, r.applies_to_all, r.notes)


@requires("view")
def list_regulations(ctx: AppContext) -> list[RegulationRow]:
    """Regulations in annex order; the station's own additions (no annex number) last."""
    with ctx.db.session() as s:
        stmt = select(Regulation).order_by(Regulation.annex_no.is_(None), Regulation.annex_no, Regulation.name)
        return [_reg_row(r) for r in s.scalars(stmt)]


@requires("view")
def get_regulation(ctx: AppContext, regulation_id: int) -> RegulationRow:
    with ctx.db.session() as s:
        return _reg_row(rc.fetch(s, Regulation, regulation_id, "法规"))


def _save_regulation(ctx: AppContext, regulation_id: int | None, *, annex_no: int | None, name: str,
                     articles: str | None, applies_to_all: bool, notes: str | None) -> RegulationRow:
    name = rc.required_text(name, field="name", label="法规名称", max_len=200)
    annex_no = rc.number(annex_no, field="annex_no", label="附件序号", minimum=1, maximum=999)
    articles = rc.text(articles, field="articles", label="条款", max_len=4000)
    notes = rc.text(notes, field="notes", label="备注", max_len=4000)
    with rc.write(ctx, "法规") as s:
        rc.ensure_unique(s, Regulation.name, name, exclude_id=regulation_id, field="name",
                         message=f"已存在名为“{name}”的法规。")
        rc.ensure_unique(s, Regulation.annex_no, annex_no, exclude_id=regulation_id, field="annex_no",
                         message=f"附件序号 {annex_no} 已被其他法规使用。")
        if regulation_id is None:
            r = Regulation()
            s.add(r)
        else:
            r = rc.fetch(s, Regulation, regulation_id, "法规")
            rc.touch(r)
        r.annex_no, r.name, r.articles, r.applies_to_all, r.notes = annex_no, name, articles, applies_to_all, notes
        s.flush()
        return _reg_row(r)


@requires("edit_reference")
def create_regulation(ctx: AppContext, *, name: str, annex_no: int | None = None, articles: str | None = None,
                      applies_to_all: bool = False, notes: str | None = None) -> RegulationRow:
    """Add a regulation; cite it by name, articles only where the station knows them."""
    return _save_regulation(ctx, None, annex_no=annex_no, name=name, articles=articles,
                            applies_to_all=applies_to_all, notes=notes)


@requires("edit_reference")
def update_regulation(ctx: AppContext, regulation_id: int, *, name: str, annex_no: int | None = None,
                      articles: str | None = None, applies_to_all: bool = False,
                      notes: str | None = None) -> RegulationRow:
    return _save_regulation(ctx, regulation_id, annex_no=annex_no, name=name, articles=articles,
                            applies_to_all=applies_to_all, notes=notes)


@requires("edit_reference")
def delete_regulation(ctx: AppContext, regulation_id: int) -> None:
    """Delete a regulation no category or case cites."""
    with rc.write(ctx, "法规") as s:
        r = rc.fetch(s, Regulation, regulation_id, "法规")
        rc.refuse_if_used("法规", [
            (rc.count(s, select(category_regulations.c.category_id)
                      .where(category_regulations.c.regulation_id == regulation_id)), "个执法类别"),
            (rc.count(s, select(case_regulations.c.case_id)
                      .where(case_regulations.c.regulation_id == regulation_id)), "件案件"),
        ])
        s.delete(r)


# ---- categories ----------------------------------------------------------------------------------------------


def _cat_row(c: Category) -> CategoryRow:
    return CategoryRow(
        c.id, c.code, c.name, c.deadline_days, c.working_days, c.referral_only, c.active, c.sort_order,
        tuple(r.id for r in c.regulations), tuple(r.name for r in c.regulations),
    )


@requires("view")
def list_categories(ctx: AppContext, *, include_inactive: bool = True) -> list[CategoryRow]:
    """Categories in display order with the regulations each cites by default."""
    with ctx.db.session() as s:
        stmt = select(Category).order_by(Category.sort_order, Category.code)
        if not include_inactive:
            stmt = stmt.where(Category.active.is_(True))
        return [_cat_row(c) for c in s.scalars(stmt)]


@requires("view")
def get_category(ctx: AppContext, category_id: int) -> CategoryRow:
    with ctx.db.session() as s:
        return _cat_row(rc.fetch(s, Category, category_id, "执法类别"))


def _save_category(ctx: AppContext, category_id: int | None, *, code: str, name: str, deadline_days: int | None,
                   working_days: bool, referral_only: bool, active: bool,
                   regulation_ids: Sequence[int]) -> CategoryRow:
    code = rc.required_text(code, field="code", label="代码", max_len=10).upper()
    name = rc.required_text(name, field="name", label="类别名称", max_len=100)
    days = rc.number(deadline_days, field="deadline_days", label="整改期限天数", minimum=0, maximum=365,
                     required=True)
    assert days is not None
    with rc.write(ctx, "执法类别") as s:
        rc.ensure_unique(s, Category.code, code, exclude_id=category_id, field="code",
                         message=f"代码“{code}”已被其他执法类别使用。")
        rc.ensure_unique(s, Category.name, name, exclude_id=category_id, field="name",
                         message=f"已存在名为“{name}”的执法类别。")
        regs = list(s.scalars(select(Regulation).where(Regulation.id.in_(set(regulation_ids)))))
        if len(regs) != len(set(regulation_ids)):
            raise ValidationError("所选法规中有已被删除的，请重新勾选。", field="regulations")
        if category_id is None:
            order = (s.scalar(select(func.max(Category.sort_order))) or 0) + 1
            c = Category(sort_order=order)
            s.add(c)
        else:
            c = rc.fetch(s, Category, category_id, "执法类别")
            rc.touch(c)
        c.code, c.name, c.deadline_days = code, name, days
        c.working_days, c.referral_only, c.active = working_days, referral_only, active
        c.regulations = sorted(regs, key=lambda r: (r.annex_no is None, r.annex_no or 0, r.name))
        s.flush()
        return _cat_row(c)


@requires("edit_reference")
def create_category(ctx: AppContext, *, code: str, name: str, deadline_days: int | None = 15,
                    working_days: bool = True, referral_only: bool = False, active: bool = True,
                    regulation_ids: Sequence[int] = ()) -> CategoryRow:
    """Add a category; its regulations become the default legal basis of new cases."""
    return _save_category(ctx, None, code=code, name=name, deadline_days=deadline_days, working_days=working_days,
                          referral_only=referral_only, active=active, regulation_ids=regulation_ids)


@requires("edit_reference")
def update_category(ctx: AppContext, category_id: int, *, code: str, name: str, deadline_days: int | None,
                    working_days: bool, referral_only: bool, active: bool,
                    regulation_ids: Sequence[int]) -> CategoryRow:
    """Change a category; cases already opened keep the legal basis they were given."""
    return _save_category(ctx, category_id, code=code, name=name, deadline_days=deadline_days,
                          working_days=working_days, referral_only=referral_only, active=active,
                          regulation_ids=regulation_ids)


@requires("edit_reference")
def delete_category(ctx: AppContext, category_id: int) -> None:
    """Delete a category no case or complaint uses; otherwise the user can set it inactive."""
    with rc.write(ctx, "执法类别") as s:
        c = rc.fetch(s, Category, category_id, "执法类别")
        rc.refuse_if_used("执法类别", [
            (rc.count(s, select(Case.id).where(Case.category_id == category_id)), "件案件"),
            (rc.count(s, select(Complaint.id).where(Complaint.category_id == category_id)), "件诉件"),
        ], hint="如不再使用，可将其设为停用。")
        s.delete(c)
