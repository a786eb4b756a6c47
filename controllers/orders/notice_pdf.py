"""One 督办单 as an A4 notice (督办通知单): red title, the number, a grid of the particulars, the answer box, and
the signature lines for the person pressed to send back.

Free text (reason, answer, closing note) goes through privacy.mask_free_text: a notice is handed round, and a phone
number someone typed into it must not travel with it. Every piece of text goes through Text.p (escaped, CJK wrapping).
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Any

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.units import mm
from reportlab.platypus import Spacer, Table, TableStyle
from reportlab.platypus.flowables import HRFlowable

from controllers.core import audit
from controllers.core.context import AppContext
from controllers.core.permissions import requires
from controllers.core.privacy import mask_free_text
from controllers.documents.cjk_lines import CjkParagraph
from controllers.documents.pdf_fonts import cjk_style
from controllers.documents.pdf_pages import (
    BODY_WIDTH,
    GREY,
    RED,
    BriefResult,
    Text,
    brief_fonts,
    build_a4,
    cn_date,
    write_atomically,
)
from controllers.orders.records import OrderRow, get_order
from controllers.station.settings import get_station_name

TITLE = "督办通知单"


def _grid(t: Text, o: OrderRow) -> Table:
    deadline = f"{cn_date(o.deadline)}前（{o.working_days} 个工作日）"
    if o.deadline_note:
        deadline += f"　注：{o.deadline_note}"
    pairs = [
        ("督办对象", o.addressee),
        ("督办事项", o.subject_label),
        ("督办事由", f"{o.reason}：{mask_free_text(o.reason_text)}"),
        ("下达日期", cn_date(o.issued_on)),
        ("办理期限", deadline),
        ("办理要求", "请接单后抓紧办理，并于期限内将办理情况书面反馈督办人；逾期未办结的，纳入年度考核。"),
        ("办理情况", mask_free_text(o.answer) if o.answer else ""),
        ("办结意见", (mask_free_text(o.close_note) or "已办结") if o.closed_on else ""),
    ]
    rows = [[t.p(a, "head"), t.p(b, "cell")] for a, b in pairs]
    table = Table(rows, colWidths=[BODY_WIDTH * 0.18, BODY_WIDTH * 0.82],
                  rowHeights=[None] * 6 + [None if o.answer else 45 * mm, None])
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), t.fonts.latin, 9), ("GRID", (0, 0), (-1, -1), 0.5, "#808080"),
        ("BACKGROUND", (0, 0), (0, -1), GREY), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
    ]))
    return table


def _story(t: Text, o: OrderRow, station: str) -> list[Any]:
    red = cjk_style("order_title", font=t.fonts.cjk, size=26, leading=36, alignment=TA_CENTER)
    red.textColor = RED
    sign = Table([[t.p(f"督办人：{o.issued_by}", "body"), t.p(f"签发单位：{station}", "body")],
                  [t.p("承办人签收：＿＿＿＿＿＿", "body"), t.p("签收日期：＿＿＿＿年＿＿月＿＿日", "body")]],
                 colWidths=[BODY_WIDTH * 0.45, BODY_WIDTH * 0.55])
    sign.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), t.fonts.latin, 9), ("TOPPADDING", (0, 0), (-1, -1), 8)]))
    return [
        CjkParagraph(t.markup(TITLE), red), Spacer(1, 2 * mm), t.p(o.number_text, "subtitle"),
        HRFlowable(width="100%", thickness=2, color=RED, spaceBefore=4, spaceAfter=8),
        _grid(t, o), Spacer(1, 8 * mm), sign, Spacer(1, 6 * mm),
        t.p("本通知单一式两份，督办人、承办人各执一份。", "small"),
    ]


def render_notice(ctx: AppContext, order: OrderRow, path: str | os.PathLike[str]) -> BriefResult:
    """Lay out an order its checked caller loaded, and write the PDF atomically."""
    fonts = brief_fonts(ctx)
    t = Text(fonts, base=12)
    station = get_station_name(ctx)
    story = _story(t, order, station)
    counter = {"pages": 0}
    title = f"{TITLE} {order.number_text}"

    def build(tmp: str) -> None:
        build_a4(tmp, story, fonts, counter, title=title, station=station, subject=order.subject_label,
                 keywords=["督办", order.reason])

    write_atomically(path, build)
    return BriefResult(path=Path(path), pages=counter["pages"], title=title, number=order.number)


@requires("print")
def write_order_notice(ctx: AppContext, order_id: int, path: str | os.PathLike[str], *,
                       today: date | None = None) -> BriefResult:
    """Print one order as its A4 notice (NotFoundError if gone); the print is audited."""
    result = render_notice(ctx, get_order(ctx, order_id, today=today), path)
    audit.exported(ctx, "supervision_orders", 1, action="print")
    return result
