"""Reply templates (回复模板): editable reference data per category and kind of reply, and filling their fields.

A template's fields are a closed list of things about the matter ({小区}, {类别}, {日期}, {整改期限}, {承办部门},
{案件编号}); there is no field for a complainant's name or phone, so no template, however edited, can put personal
data into a reply. Saving a template that names a field outside the list is refused, so a typo shows at once.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from controllers.core.context import AppContext
from controllers.core.errors import ValidationError
from controllers.core.permissions import requires
from controllers.reference import checks as rc
from models.enums import REPLY_KINDS
from models.reference import Category, ReplyTemplate

KINDS = REPLY_KINDS
# Every field a template may use, in the order the editor lists them. Nothing personal, by construction.
FIELDS = ("小区", "类别", "日期", "整改期限", "承办部门", "案件编号")
BODY_MAX = 1000
NAME_MAX = 40
# "{小区}": a field; anything else in braces is refused on save and left as typed when filling.
_FIELD = re.compile(r"\{([^{}]{1,20})\}")


@dataclass(frozen=True)
class TemplateRow:
    """A template as the 基础数据 list and the pickers show it."""

    id: int
    category_id: int
    category: str  # "C03 群租"
    kind: str
    name: str
    body: str
    active: bool


TO_FILL = "（待填写）"  # what a field without a value reads in a filled template


def fill(body: str, values: Mapping[str, str]) -> str:
    """The template with each known field replaced by its value (an unknown value reads “（待填写）” so the clerk
    sees what to type); text in braces that is not a field stays as typed. Only FIELDS are ever looked up."""
    def one(m: re.Match[str]) -> str:
        key = m.group(1)
        if key not in FIELDS:
            return m.group(0)
        return values.get(key) or TO_FILL

    return _FIELD.sub(one, body)


def _check_body(body: str | None) -> str:
    text = rc.required_text(body, field="body", label="模板内容", max_len=BODY_MAX)
    unknown = sorted({m.group(1) for m in _FIELD.finditer(text)} - set(FIELDS))
    if unknown:
        allowed = "、".join("{" + f + "}" for f in FIELDS)
        raise ValidationError(f"模板中的“{{{unknown[0]}}}”不是可用字段。可用字段：{allowed}。", field="body")
    return text


def _row(t: ReplyTemplate) -> TemplateRow:
    return TemplateRow(t.id, t.category_id, f"{t.category.code} {t.category.name}", t.kind, t.name, t.body, t.active)


@requires("view")
def list_templates(ctx: AppContext, *, category_id: int | None = None, kind: str | None = None,
                   active_only: bool = False) -> list[TemplateRow]:
    """Templates in category order, then kind order (sort_order is the kind's place in KINDS); filtered by category
    and kind when given."""
    with ctx.db.session() as s:
        stmt = select(ReplyTemplate).join(Category)
        if category_id is not None:
            stmt = stmt.where(ReplyTemplate.category_id == category_id)
        if kind is not None:
            stmt = stmt.where(ReplyTemplate.kind == kind)
        if active_only:
            stmt = stmt.where(ReplyTemplate.active.is_(True))
        return [_row(t) for t in s.scalars(stmt.order_by(Category.sort_order, Category.code, ReplyTemplate.sort_order,
                                                         ReplyTemplate.name))]


def _clean(s: Session, category_id: int, kind: str | None, name: str | None, body: str | None) -> tuple[str, str, str]:
    rc.fetch(s, Category, category_id, "类别")
    return (rc.one_of(kind, KINDS, field="kind", label="回复类型"),
            rc.required_text(name, field="name", label="模板名称", max_len=NAME_MAX), _check_body(body))


@requires("edit_reference")
def create_template(ctx: AppContext, *, category_id: int, kind: str, name: str, body: str,
                    active: bool = True) -> TemplateRow:
    """Add a template; the same name twice for one category and kind is refused."""
    with rc.write(ctx, "回复模板") as s:
        kind, name, body = _clean(s, category_id, kind, name, body)
        _unique(s, category_id, kind, name, None)
        t = ReplyTemplate(category_id=category_id, kind=kind, name=name, body=body, active=active,
                          sort_order=KINDS.index(kind))
        s.add(t)
        s.flush()
        s.refresh(t)
        return _row(t)


@requires("edit_reference")
def update_template(ctx: AppContext, template_id: int, *, category_id: int, kind: str, name: str, body: str,
                    active: bool = True) -> TemplateRow:
    with rc.write(ctx, "回复模板") as s:
        t = rc.fetch(s, ReplyTemplate, template_id, "回复模板")
        kind, name, body = _clean(s, category_id, kind, name, body)
        _unique(s, category_id, kind, name, template_id)
        t.category_id, t.kind, t.name, t.body, t.active = category_id, kind, name, body, active
        t.sort_order = KINDS.index(kind)
        s.flush()
        s.refresh(t)
        return _row(t)


@requires("edit_reference")
def delete_template(ctx: AppContext, template_id: int) -> None:
    """Templates are only wording: nothing refers to one, so any can go."""
    with rc.write(ctx, "回复模板") as s:
        s.delete(rc.fetch(s, ReplyTemplate, template_id, "回复模板"))


def _unique(s: Session, category_id: int, kind: str, name: str, exclude_id: int | None) -> None:
    rc.ensure_unique(s, ReplyTemplate.name, name, exclude_id=exclude_id, field="name",
                     extra=(ReplyTemplate.category_id == category_id) & (ReplyTemplate.kind == kind),
                     message=f"该类别已有名为“{name}”的{kind}模板，请换一个名称。")
