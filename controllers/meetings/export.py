"""The meetings list to Excel: one row per meeting with what it discussed and its action items."""

from __future__ import annotations

import os
from datetime import date, datetime

from controllers.core import audit
from controllers.core.clock import local_now
from controllers.core.context import AppContext
from controllers.core.permissions import requires
from controllers.documents.xlsx_writer import Column, export_subtitle, write_table
from controllers.meetings.actions import ActionRow
from controllers.meetings.records import MeetingDetail, MeetingFilter, list_meetings, meeting_detail

COLUMNS = (
    Column("ID", 6, "int"), Column("日期", 12, "date"), Column("类型", 10), Column("主题", 36), Column("地点", 18),
    Column("参会部门", 30), Column("参会人员", 30), Column("所议案件", 30), Column("所议诉件（工单号）", 30),
    Column("会议决定", 50), Column("待办事项", 60), Column("未完成", 8, "int"), Column("已逾期", 8, "int"),
)


def _action_text(a: ActionRow) -> str:
    parts = [p for p in (a.owner, f"期限 {a.due.isoformat()}" if a.due else None) if p]
    state = f"已完成 {a.done_on.isoformat()}" if a.done and a.done_on else ("已完成" if a.done else "未完成")
    return f"{a.position + 1}. {a.description}（{'，'.join([*parts, state])}）"


def _row(d: MeetingDetail, open_count: int, overdue: int) -> tuple[object, ...]:
    complaints = "、".join(c.work_order_no or f"#{c.id}" for c in d.complaints)
    return (d.id, d.held_on, d.kind, d.title, d.venue, "、".join(d.department_names), d.people_present,
            "、".join(c.number for c in d.cases), complaints, d.decisions,
            "\n".join(_action_text(a) for a in d.actions), open_count, overdue)


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
    """Write the (filtered) meetings to an .xlsx file; returns how many were written."""
    flt = flt or MeetingFilter()
    listed = list_meetings(ctx, flt, today=today)
    rows = [_row(meeting_detail(ctx, m.id, today=today), m.open_actions, m.overdue_actions) for m in listed]
    count = write_table(path, title="会商记录", subtitle=export_subtitle(_filters(flt), now or local_now()),
                        columns=COLUMNS, rows=rows, sheet_name="会商")
    audit.exported(ctx, "meetings", count)
    return count
