"""Which records a desk looks at (视图): its station's estates (editable), the whole street or the district (read only).

On a shared street server one database holds several stations' records. The view is the desk's choice for this
session (AppContext.view, never stored: every start opens on the station's own records):
- station: the estates of the station's area (controllers.station.area); an unset area covers every estate, so a
  station alone on its desk sees and edits everything exactly as before and no condition is added to any query;
- street: every estate of the station's street (the whole district when no street is set), read only;
- district: every estate, read only.
Read-only views are enforced in controllers.core.permissions.require (the edit permissions); reads filter with
`view_estate_filter`, and the detail of a record outside the view is refused with `OutsideViewError`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeAlias

from sqlalchemy import or_, select
from sqlalchemy.orm import QueryableAttribute, Session
from sqlalchemy.sql.elements import ColumnElement

from controllers.core.context import AppContext
from controllers.core.errors import NotFoundError, ValidationError
from controllers.core.permissions import READ_ONLY_VIEW_MESSAGES, requires
from controllers.station import area as station
from controllers.station.scopes import Scope, scope_estate_ids
from models.reference import Estate

# An estate id column: Case.estate_id, Complaint.estate_id, training_estates.c.estate_id.
EstateColumn: TypeAlias = "QueryableAttribute[Any] | ColumnElement[Any]"

VIEWS: dict[str, str] = {"station": "本工作室", "street": "全街镇", "district": "全区"}
VIEW_KEYS: tuple[str, ...] = tuple(VIEWS)


class OutsideViewError(NotFoundError):
    """The record exists but belongs to an estate outside the current view (another station's, another street's)."""


@dataclass(frozen=True)
class ViewState:
    """The current view as the window shows it."""

    key: str
    label: str
    read_only: bool


def current_view(ctx: AppContext) -> ViewState:
    return ViewState(ctx.view, VIEWS.get(ctx.view, ctx.view), ctx.view in READ_ONLY_VIEW_MESSAGES)


def can_edit(ctx: AppContext) -> bool:
    """False in the read-only street and district views (the role's own rights are checked by permissions.can)."""
    return ctx.view not in READ_ONLY_VIEW_MESSAGES


@requires("view")
def set_view(ctx: AppContext, view: str) -> ViewState:
    """Switch this desk to the station's, the street's or the district's records; returns the new view."""
    if view not in VIEWS:
        raise ValidationError(f"无法识别视图“{view}”，可选：{'、'.join(VIEWS.values())}。", field="view")
    ctx.view = view
    return current_view(ctx)


def view_estate_ids(ctx: AppContext, s: Session) -> list[int] | None:
    """The estate ids the current view shows; None when it shows every estate (no condition needed)."""
    if ctx.view == "station":
        return station.station_estate_ids(s)
    if ctx.view == "street":
        street_id = station.station_street_id(s)
        if street_id is None:
            return None  # no street set: the street view is the district
        return station.street_estate_ids(s, street_id)
    return None


def scoped_estate_ids(ctx: AppContext, s: Session, scope: Scope | None) -> list[int] | None:
    """The estates of a report scope that the current view shows (the view always bounds what a desk reads);
    None when both cover every estate. A scope naming nothing is refused by scope_estate_ids."""
    ids = view_estate_ids(ctx, s)
    wanted = None if scope is None else scope_estate_ids(s, scope)
    if wanted is None:
        return ids
    if ids is None:
        return wanted
    seen = set(ids)
    return [i for i in wanted if i in seen]


def view_estate_filter(
    ctx: AppContext, s: Session, column: EstateColumn, *, include_unassigned: bool = False
) -> ColumnElement[bool] | None:
    """`column IN (the view's estates)` for a list query, or None when the view covers everything.

    `include_unassigned` keeps rows without an estate visible (complaints whose address matched no estate yet:
    someone has to see them to assign them).
    """
    ids = view_estate_ids(ctx, s)
    if ids is None:
        return None
    cond = column.in_(ids)
    return or_(cond, column.is_(None)) if include_unassigned else cond


def where_in_view(ctx: AppContext, s: Session, column: EstateColumn, *,
                  include_unassigned: bool = False) -> list[ColumnElement[bool]]:
    """The view's condition as a list to splat into `.where(*conds)` (empty when the view covers everything)."""
    cond = view_estate_filter(ctx, s, column, include_unassigned=include_unassigned)
    return [] if cond is None else [cond]


def require_visible(ctx: AppContext, s: Session, estate_id: int | None, *, noun: str) -> None:
    """Refuse the detail of a record whose estate lies outside the current view (records without one are shown)."""
    if estate_id is None:
        return
    ids = view_estate_ids(ctx, s)
    if ids is None or estate_id in ids:
        return
    hint = "请切换到全街镇或全区视图查看。" if ctx.view == "station" else "请切换到全区视图查看。"
    raise OutsideViewError(f"该{noun}不属于{VIEWS[ctx.view]}的范围（属于其他工作室或街镇的小区）。{hint}")


def require_own_estate(s: Session, estate_id: int | None) -> None:
    """Refuse a new or edited record for an estate outside the station's area (no estate = nothing to check)."""
    if estate_id is None:
        return
    ids = station.station_estate_ids(s)
    if ids is None or estate_id in ids:
        return
    name = s.scalar(select(Estate.name).where(Estate.id == estate_id)) or ""
    raise ValidationError(
        f"该小区{('“' + name + '”') if name else ''}不属于本工作室的范围，不能在此登记或修改。"
        "请由所属工作室办理，或由管理员在设置的“本工作室范围”中调整。",
        field="estate_id",
    )


def view_phrase(ctx: AppContext, s: Session) -> list[str]:
    """“范围：全街镇” for an export's subtitle when the view leaves estates out; [] when it shows everything."""
    return [] if view_estate_ids(ctx, s) is None else [f"范围：{VIEWS.get(ctx.view, ctx.view)}"]
