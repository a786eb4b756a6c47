"""The meetings list to Excel: one row per meeting with what it discussed, and a second sheet with one row per
action item and its 督办, so a clerk can rebuild the ledger in a spreadsheet.

Exports carry no personal data: the free text (title, people present, decisions, actions) is masked with every
name the ledger knows, phones and room numbers blanked, and the venue cut to the building (privacy.export_text)."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from controllers.core import audit
from controllers.core.clock import local_now
from controllers.core.context import AppContext
from controllers.core.permissions import requires
from controllers.core.privacy import export_text, place_without_room
from controllers.documents.xlsx_writer import Column, Sheet, export_subtitle, write_sheets
from controllers.meetings.actions import ActionRow
from controllers.meetings.links import ComplaintItem
from controllers.meetings.records import MeetingDetail, MeetingFilter, list_meetings, meeting_detail
from models.supervision import SupervisionOrder

COLUMNS = (
    Column("ID", 6, "int"), Column("日期", 12, "date"), Column("类型", 10), Column("主题", 36), Column("地点", 18),
    Column("参会部门", 30), Column("参会人员", 30), Column("所议案件", 30), Column("所议诉件（工单号）", 30),
    Column("所议重复诉件组", 40), Column("会议决定", 50), Column("待办事项", 60), Column("督办", 30),
    Column("未完成", 8, "int"), Column("已逾期", 8, "int"),
)
ACTION_COLUMNS = (
    Column("会商ID", 8, "int"), Column("会商日期", 12, "date"), Column("会商主题", 30), Column("序号", 6, "int"),
    Column("事项", 50), Column("责任人", 14), Column("期限", 12, "date"), Column("状态", 8),
    Column("完成日期", 12, "date"), Column("督办单", 20), Column("督办状态", 10), Column("督办期限", 12, "date"),
)
Text = Callable[[str | None], str]


def _action_text(a: ActionRow, text: Text) -> str:
    parts = [p for p in (text(a.owner), f"期限 {a.due.isoformat()}" if a.due else None) if p]
    return f"{a.position + 1}. {text(a.description)}（{'，'.join([*parts, _state(a)])}）"


def _state(a: ActionRow) -> str:
    if a.done:
        return f"已完成 {a.done_on.isoformat()}" if a.done_on else "已完成"
    return "已逾期" if a.overdue else "未完成"


def _group_text(group: tuple[ComplaintItem, ...], text: Text) -> str:
    """A repeat group as the minutes show it: its work orders, how many, the gist of the first."""
    first = group[0]
    orders = "、".join(c.work_order_no or f"#{c.id}" for c in group)
    return f"{orders}（{len(group)}件，{first.estate} {first.category}）：{text(first.summary)}"


def _orders(s: Session, action_ids: list[int]) -> dict[int, list[SupervisionOrder]]:
    """The 督办单 pressing on each action item, oldest first."""
    found: dict[int, list[SupervisionOrder]] = {}
    if action_ids:
        for order in s.scalars(select(SupervisionOrder).where(SupervisionOrder.action_id.in_(action_ids))
                               .order_by(SupervisionOrder.issued_on, SupervisionOrder.id)):
            found.setdefault(int(order.action_id or 0), []).append(order)
    return found


def _order_label(order: SupervisionOrder) -> str:
    # The numbering controllers.orders prints (督办〔2026〕3号); orders sit beside meetings, not below them.
    return f"督办〔{order.year}〕{order.number}号"


def _row(d: MeetingDetail, open_count: int, overdue: int, orders: dict[int, list[SupervisionOrder]],
         text: Text) -> tuple[object, ...]:
    complaints = "、".join(c.work_order_no or f"#{c.id}" for c in d.complaints)
    groups = "\n".join(_group_text(g, text) for g in d.complaint_groups if len(g) > 1)
    pressed = "、".join(f"{_order_label(o)}（{o.status}）" for a in d.actions for o in orders.get(a.id, []))
    return (d.id, d.held_on, d.kind, text(d.title), place_without_room(d.venue), "、".join(d.department_names),
            text(d.people_present), "、".join(c.number for c in d.cases), complaints, groups, text(d.decisions),
            "\n".join(_action_text(a, text) for a in d.actions), pressed, open_count, overdue)


def _action_rows(d: MeetingDetail, orders: dict[int, list[SupervisionOrder]], text: Text) -> list[tuple[object, ...]]:
    rows: list[tuple[object, ...]] = []
    for a in d.actions:
        pressing = orders.get(a.id, [])
        last = pressing[-1] if pressing else None  # the latest order is the one that counts now
        rows.append((d.id, d.held_on, text(d.title), a.position + 1, text(a.description), text(a.owner), a.due,
                     _state(a), a.done_on, _order_label(last) if last else "", last.status if last else "",
                     last.deadline if last else None))
    return rows


def _filters(flt: MeetingFilter) -> list[str]:
    shown = [f"类型：{flt.kind}"] if flt.kind else []
    if flt.date_from or flt.date_to:
        shown.append(f"日期：{flt.date_from or '不限'} 至 {flt.date_to or '不限'}")
    if flt.text:
        shown.append(f"包含：{flt.text}")
    return shown


@requires("export")
def export_meetings(ctx: AppContext, path: str | os.PathLike[str], flt: MeetingFilter | None = None, *,
                    today: date | None = None, now: datetime | None = None) -> int:
    """Write the (filtered) meetings to an .xlsx file; returns how many meetings were written."""
    flt = flt or MeetingFilter()
    listed = list_meetings(ctx, flt, today=today)
    details = [(meeting_detail(ctx, m.id, today=today), m.open_actions, m.overdue_actions) for m in listed]
    subtitle = export_subtitle(_filters(flt), now or local_now())
    with ctx.db.session() as s:
        text = export_text(s, False)
        orders = _orders(s, [a.id for d, _o, _v in details for a in d.actions])
        meetings = [_row(d, open_count, overdue, orders, text) for d, open_count, overdue in details]
        actions = [row for d, _o, _v in details for row in _action_rows(d, orders, text)]
    write_sheets(path, [Sheet("会商", "会商记录", subtitle, COLUMNS, meetings),
                        Sheet("待办事项", "会商待办事项", subtitle, ACTION_COLUMNS, actions)])
    audit.exported(ctx, "meetings", len(meetings))
    return len(meetings)
