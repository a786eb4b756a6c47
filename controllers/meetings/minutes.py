"""Meeting minutes (会商纪要) as an A4 PDF in the briefs' style: header, who attended, what was discussed, the
decisions and the action items with owner, deadline and done mark.

The data is controllers.meetings.records.meeting_detail() as is: its complaints carry no complainant name, phone or
address (summaries have room and phone numbers blanked). Minutes go to departments and residents' reps, so
phone numbers someone typed into the free-text fields (people present, decisions, action items) are masked
with privacy.mask_phone as well. Every piece of user text goes through Text.p (escaped, CJK wrapping).
"""

from __future__ import annotations

import os
import threading
from datetime import date
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer, Table, TableStyle

from controllers.core import audit
from controllers.core.clock import local_now
from controllers.core.context import AppContext
from controllers.core.permissions import requires
from controllers.core.privacy import mask_free_text
from controllers.documents.pdf_pages import (
    BODY_WIDTH,
    GREY,
    BriefResult,
    Progress,
    Text,
    brief_fonts,
    build_a4,
    cn_date,
    iso,
    step,
    write_atomically,
)
from controllers.meetings.actions import ActionRow
from controllers.meetings.records import MeetingDetail, meeting_detail
from controllers.station.settings import get_station_name


def mask_phones(text: str | None) -> str:
    """Free text with every phone number in it masked the way lists mask them (138****5678)."""
    return mask_free_text(text)


def _done_text(a: ActionRow) -> str:
    if a.done:
        return f"已完成 {iso(a.done_on)}" if a.done_on else "已完成"
    return "逾期未完成" if a.overdue else "未完成"


def _facts(t: Text, d: MeetingDetail) -> Table:
    """The meeting's particulars as a label/value grid; long values span the row."""
    pairs = [
        ("会商主题", d.title, None, None),
        ("会商类型", d.kind, "会商日期", iso(d.held_on)),
        ("会商地点", d.venue or "—", None, None),
        ("参会部门", "、".join(d.department_names) or "—", None, None),
        ("参会人员", mask_phones(d.people_present) or "—", None, None),
    ]
    rows, spans = [], []
    for r, (a, b, c, e) in enumerate(pairs):
        if c is None:
            rows.append([t.p(a, "head"), t.p(b, "cell"), "", ""])
            spans.append(("SPAN", (1, r), (3, r)))
        else:
            rows.append([t.p(a, "head"), t.p(b, "cell"), t.p(c, "head"), t.p(e, "cell")])
    w = BODY_WIDTH
    table = Table(rows, colWidths=[w * 0.16, w * 0.34, w * 0.16, w * 0.34])
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), t.fonts.latin, 9), ("GRID", (0, 0), (-1, -1), 0.5, "#808080"),
        ("BACKGROUND", (0, 0), (0, -1), GREY), ("BACKGROUND", (2, 1), (2, 1), GREY),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), *spans,
    ]))
    return table


def _cases(t: Text, d: MeetingDetail) -> list[Any]:
    if not d.cases:
        return [t.p("本次会商未研讨具体案件。")]
    rows = [[str(i), c.number, c.category, c.estate, c.status] for i, c in enumerate(d.cases, start=1)]
    return [t.table(["序号", "案件编号", "类别", "小区", "当前状态"], rows,
                    [12 * mm, 36 * mm, 46 * mm, 40 * mm, 22 * mm])]


def _complaints(t: Text, d: MeetingDetail) -> list[Any]:
    groups = d.complaint_groups
    if not groups:
        return [t.p("本次会商未研讨诉件。")]
    rows: list[list[object]] = []
    spans = []
    for number, group in enumerate(groups, start=1):
        first = len(rows) + 1  # row 0 is the header
        label = f"第 {number} 组"  # its size shows in the rows it spans (a “（3 件）” would not fit the column)
        for i, c in enumerate(group):
            rows.append([label if i == 0 else "", c.work_order_no or f"#{c.id}", iso(c.received_on),
                         c.estate or "—", c.category or "未分类", c.summary or "—"])
        if len(group) > 1:
            spans.append(("SPAN", (0, first), (0, first + len(group) - 1)))
    table = t.table(["组别", "工单号", "受理日期", "小区", "类别", "诉求摘要"], rows,
                    [22 * mm, 24 * mm, 20 * mm, 22 * mm, 22 * mm, 46 * mm])
    table.setStyle(TableStyle(spans))
    total = sum(len(g) for g in groups)
    return [t.p(f"共 {len(groups)} 组、{total} 件诉件（重复诉件按组列出，不含诉求人个人信息）。", "small"),
            Spacer(1, 1.5 * mm), table]


def _decisions(t: Text, d: MeetingDetail) -> list[Any]:
    lines = [line.strip() for line in mask_phones(d.decisions).splitlines() if line.strip()]
    return [t.p(line) for line in lines] or [t.p("未记录。")]


def _actions(t: Text, d: MeetingDetail) -> list[Any]:
    if not d.actions:
        return [t.p("无。")]
    rows = [[str(a.position + 1), mask_phones(a.description), mask_phones(a.owner) or "—", iso(a.due), _done_text(a)]
            for a in d.actions]
    open_count = sum(1 for a in d.actions if not a.done)
    overdue = sum(1 for a in d.actions if a.overdue)
    note = f"共 {len(d.actions)} 项，未完成 {open_count} 项" + (f"，其中逾期 {overdue} 项" if overdue else "") + "。"
    return [t.p(note, "small"), Spacer(1, 1.5 * mm),
            t.table(["序号", "事项", "责任人/部门", "完成期限", "完成情况"], rows,
                    [10 * mm, 62 * mm, 30 * mm, 22 * mm, 32 * mm])]


def _story(t: Text, d: MeetingDetail, station: str) -> list[Any]:
    now = local_now()
    where = f"　{d.venue}" if d.venue else ""
    header = [
        t.p(station, "subtitle"), t.p("会商纪要", "title"),
        t.p(f"{d.kind}　{cn_date(d.held_on)}{where}", "subtitle"),
        t.p(f"生成时间：{cn_date(now.date())} {now:%H:%M}", "subtitle"), Spacer(1, 4 * mm),
    ]
    return [
        KeepTogether(header),
        t.p("一、基本情况", "h1"), _facts(t, d),
        *t.head("二、研讨案件"), *_cases(t, d),
        *t.head("三、研讨诉件"), *_complaints(t, d),
        *t.head("四、会商决定"), *_decisions(t, d),
        *t.head("五、待办事项"), *_actions(t, d),
    ]


def render_minutes(ctx: AppContext, detail: MeetingDetail, path: str | os.PathLike[str], *,
                   progress: Progress | None = None, cancel: threading.Event | None = None) -> BriefResult:
    """Lay out an already loaded meeting and write the PDF atomically."""
    fonts = brief_fonts(ctx)
    t = Text(fonts, base=12)
    station = get_station_name(ctx)
    step(progress, cancel, 30, "排版")
    story = _story(t, detail, station)
    counter = {"pages": 0}
    title = f"会商纪要 {detail.held_on.isoformat()} {detail.title}"

    def build(tmp: str) -> None:
        step(progress, cancel, 60, "生成 PDF")
        build_a4(tmp, story, fonts, counter, title=title, station=station,
                 subject=f"{detail.kind} {cn_date(detail.held_on)}", keywords=["会商纪要", detail.kind])

    write_atomically(path, build)
    step(progress, cancel, 100, "完成")
    return BriefResult(path=Path(path), pages=counter["pages"], title=title)


@requires("print")
def write_minutes(ctx: AppContext, meeting_id: int, path: str | os.PathLike[str], *, today: date | None = None,
                  progress: Progress | None = None, cancel: threading.Event | None = None) -> BriefResult:
    """Load the meeting (NotFoundError if gone) and write its minutes to path; the print is audited."""
    step(progress, cancel, 5, "读取会商记录")
    result = render_minutes(ctx, meeting_detail(ctx, meeting_id, today=today), path,
                            progress=progress, cancel=cancel)
    audit.exported(ctx, "meetings", 1, action="print")
    return result
