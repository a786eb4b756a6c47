"""案例警示: a typical case's de-identified write-up on one A4 page (for a 守法小讲堂, a 7.15 开放日 board), and its
plain text for the 公众号. Only the write-up prints, never the case's own facts: it is what the user approved."""

from __future__ import annotations

import os
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import HRFlowable, Spacer

from controllers.cases.typical import TypicalDetail, get_typical
from controllers.core import audit
from controllers.core.context import AppContext
from controllers.core.errors import UserError, ValidationError
from controllers.core.permissions import requires
from controllers.documents.pdf_pages import RED, BriefResult, Text, brief_fonts, build_a4, cn_date, write_atomically
from controllers.station.settings import get_station_name

TITLE = "案例警示"


def _load(ctx: AppContext, case_id: int) -> TypicalDetail:
    detail = get_typical(ctx, case_id)
    if detail is None:
        raise ValidationError("该案件尚未标记为典型案例，请先在案件窗口中标记。", field="case")
    return detail


@requires("print")
def write_typical_pdf(ctx: AppContext, case_id: int, path: str | os.PathLike[str]) -> BriefResult:
    """The 案例警示 PDF of a typical case; refused when the write-up does not fit on one page."""
    detail = _load(ctx, case_id)
    fonts = brief_fonts(ctx)
    t = Text(fonts, base=11.5)
    station = get_station_name(ctx)
    story = [t.p(TITLE, "subtitle"), t.p(detail.title, "title"),
             HRFlowable(width="100%", thickness=1.2, color=RED, spaceBefore=2, spaceAfter=6),
             t.p(f"类别：{detail.category.split(' ', 1)[-1]}　　地点：{detail.place}", "subtitle"), Spacer(1, 3 * mm)]
    for label, text in detail.parts()[1:]:
        story += [t.p(f"【{label}】", "h2"), t.p(text)]
    story += [Spacer(1, 6 * mm),
              HRFlowable(width="100%", thickness=0.5, color=colors.grey, spaceAfter=3),
              t.p(f"{station}　{cn_date(detail.marked_on)}　以案释法 · 守法小讲堂", "small")]
    counter = {"pages": 0}

    def build(tmp: str) -> None:
        build_a4(tmp, story, fonts, counter, title=f"{TITLE} {detail.title}", station=station,
                 subject=detail.category, keywords=("典型案例", "以案释法"))
        if counter["pages"] != 1:
            raise UserError(f"案例警示排版后有 {counter['pages']} 页，超过一页。请精简基本案情或处理经过后重试。")

    write_atomically(path, build)
    audit.exported(ctx, "typical_cases", 1, action="print")
    return BriefResult(path=Path(path), pages=counter["pages"], title=detail.title)


@requires("view")
def typical_text(ctx: AppContext, case_id: int) -> str:
    """The write-up as plain text for the 公众号 (title, then 【基本案情】… each part)."""
    return _load(ctx, case_id).plain_text()
