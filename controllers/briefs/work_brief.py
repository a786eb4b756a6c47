"""The work brief (工作简报) of a period and scope: red masthead, 第 N 期, seven sections with charts, on A4.

Numbering (第 N 期): numbers run per station and calendar year of issue (models.admin.BriefIssue). A preview
(formal=False) takes no number and prints 第 X 期（预览）, so previewing as often as one likes never burns a
number. A formal brief (formal=True, "生成正式简报") takes max+1 in the same transaction that records the issue
(a concurrent issue hitting the UNIQUE constraint retries with the next number); if writing the PDF then fails,
the record is removed again while it is still the latest, so a failed print leaves no gap.
"""

from __future__ import annotations

import logging
import os
import threading
from datetime import date
from pathlib import Path
from typing import Any

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.flowables import HRFlowable
from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError

from controllers.briefs.signoff import Signoff, clean, get_signoff
from controllers.briefs.signoff_block import signoff_flowables
from controllers.briefs.work_brief_data import WorkBriefData, gather
from controllers.briefs.work_brief_sections import SECTIONS
from controllers.core import audit, clock
from controllers.core.context import AppContext
from controllers.core.periods import Period
from controllers.core.permissions import requires
from controllers.documents.cjk_lines import CjkParagraph
from controllers.documents.pdf_fonts import cjk_style
from controllers.documents.pdf_pages import (
    BODY_WIDTH,
    RED,
    BriefResult,
    Progress,
    Text,
    brief_faces,
    build_a4,
    cn_date,
    station_setting,
    step,
    write_atomically,
)
from controllers.station.scopes import Scope
from controllers.station.settings import get_station_name
from models.admin import BriefIssue

log = logging.getLogger(__name__)

MASTHEAD_KEY = "brief_masthead"
DEFAULT_MASTHEAD = "住宅小区综合治理工作简报"


def masthead_title(ctx: AppContext) -> str:
    return (station_setting(ctx, MASTHEAD_KEY) or "").strip() or DEFAULT_MASTHEAD


def body_title(data: WorkBriefData, station: str) -> tuple[str, str]:
    """The heading under the masthead as (who and when, what), naming the scope the way a reader says it
    (本工作室 = the station's name); a heading too long for one line breaks between the two."""
    scope = data.scope
    if scope.kind == "estate":
        return f"{data.period.label}{scope.name}", "综合治理工作情况"
    where = {"district": "", "station": station}.get(scope.kind, scope.name)
    return f"{data.period.label}{where}", "住宅小区综合治理工作情况"


def _title(t: Text, parts: tuple[str, str]) -> Paragraph:
    style = t.styles["title"]
    joint = "<br/>" if t.fonts.width("".join(parts), style.fontSize) > BODY_WIDTH else ""
    return CjkParagraph(t.markup(parts[0]) + joint + t.markup(parts[1]), style)


def scope_words(data: WorkBriefData, station: str) -> str:
    """The scope for the PDF metadata: 本工作室 also names the station."""
    return f"{data.scope.label}（{station}）" if data.scope.kind == "station" else data.scope.label


def masthead(t: Text, title: str, number: str, station: str, issued: date) -> list[Any]:
    """The 简报 head: red title, the issue line, the issuer and date, the red rule (also the assessment sheet's)."""
    red = cjk_style("masthead", font=t.title_font, size=30, leading=40, alignment=TA_CENTER)
    red.textColor = RED
    # Long masthead titles (a station's own wording) shrink to stay on one line.
    while t.fonts.width(title, red.fontSize) > BODY_WIDTH and red.fontSize > 16:
        red.fontSize -= 2
        red.leading = red.fontSize * 1.3
    issue = cjk_style("issue", font=t.fonts.cjk, size=14, leading=22, alignment=TA_CENTER)
    right = cjk_style("date", font=t.fonts.cjk, size=13, leading=20, alignment=TA_RIGHT)
    line = Table([[t.p(f"编发单位：{station}", "h2"), CjkParagraph(t.markup(cn_date(issued)), right)]],
                 colWidths=[BODY_WIDTH * 0.65, BODY_WIDTH * 0.35])
    line.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), t.fonts.latin, 9), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                              ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))

    return [CjkParagraph(t.markup(title), red), Spacer(1, 3 * mm), CjkParagraph(t.markup(number), issue),
            Spacer(1, 2 * mm), line, HRFlowable(width="100%", thickness=2, color=RED, spaceBefore=1, spaceAfter=8)]


def _next_number(ctx: AppContext, *, station: str, year: int, data: WorkBriefData) -> int:
    for _attempt in range(5):
        try:
            with ctx.db.session() as s:
                number = int(s.scalar(select(func.max(BriefIssue.number)).where(
                    BriefIssue.station_name == station, BriefIssue.year == year)) or 0) + 1
                s.add(BriefIssue(station_name=station, year=year, number=number, period_label=data.period.label,
                                 scope_label=data.scope.label, issued_on=clock.today(), issued_by=ctx.actor))
            return number
        except IntegrityError:
            continue  # another machine took this number in the meantime
    raise RuntimeError("could not assign a brief number")


def _release(ctx: AppContext, *, station: str, year: int, number: int) -> None:
    with ctx.db.session() as s:
        latest = s.scalar(select(func.max(BriefIssue.number)).where(
            BriefIssue.station_name == station, BriefIssue.year == year))
        if latest == number:
            s.execute(delete(BriefIssue).where(BriefIssue.station_name == station, BriefIssue.year == year,
                                               BriefIssue.number == number))


@requires("view")
def issued_numbers(ctx: AppContext, year: int) -> list[int]:
    """The numbers issued this year by this station, in order (for the UI and tests)."""
    station = get_station_name(ctx)
    with ctx.db.session() as s:
        return list(s.scalars(select(BriefIssue.number).where(BriefIssue.station_name == station,
                                                              BriefIssue.year == year).order_by(BriefIssue.number)))


def render_work_brief(ctx: AppContext, data: WorkBriefData, path: str | os.PathLike[str], *, number: int | None,
                      signoff: Signoff | None = None, progress: Progress | None = None,
                      cancel: threading.Event | None = None) -> BriefResult:
    """Lay out gathered figures; number None is a preview, which says 预览 where a formal brief has 第 N 期.

    GB/T 9704: the body in 三号 (16 pt) in a 仿宋-style face, the title in 小标宋/宋/黑, when the machine has them.
    """
    faces = brief_faces(ctx)
    fonts = faces.body
    t = Text(fonts, base=16, title_font=faces.title.cjk)
    station = get_station_name(ctx)
    title = masthead_title(ctx)
    issued = clock.today()
    label = f"第 {number} 期" if number is not None else "预览"
    story = masthead(t, title, label, station, issued)
    story.append(_title(t, body_title(data, station)))
    if data.area:
        story.append(t.p(f"统计范围：{data.area}", "subtitle"))
    story.append(Spacer(1, 4 * mm))
    for i, (name, section) in enumerate(SECTIONS, start=1):
        step(progress, cancel, 40 + i * 7, f"排版：{name}")
        story += section(t, data)
    story += signoff_flowables(t, signoff if signoff is not None else get_signoff(ctx), formal=number is not None)
    counter = {"pages": 0}
    doc_title = f"{title} {label} {data.period.label}"

    def build(tmp: str) -> None:
        step(progress, cancel, 90, "生成 PDF")
        build_a4(tmp, story, fonts, counter, title=doc_title, station=station,
                 subject=f"{data.period.label} {scope_words(data, station)} 住宅小区综合治理工作简报")

    write_atomically(path, build)
    if t.missing:
        log.warning("work brief: %d characters printed without a glyph", len(t.missing))
    step(progress, cancel, 100, "完成")
    return BriefResult(path=Path(path), pages=counter["pages"], title=doc_title, number=number,
                       fonts_used=faces.describe())


@requires("print")
def write_work_brief(ctx: AppContext, period: Period, scope: Scope | None, path: str | os.PathLike[str], *,
                     formal: bool = False, signoff: Signoff | None = None, progress: Progress | None = None,
                     cancel: threading.Event | None = None, on: date | None = None) -> BriefResult:
    """Gather and write the brief; formal=True takes the next 第 N 期 number, a preview takes none.

    `signoff` (报/送/发, 签发人, 审核) as edited for this brief; None prints what 设置 holds.
    """
    if signoff is not None:
        signoff = clean(signoff)  # refused before a number is taken
    step(progress, cancel, 5, "统计数据")
    data = gather(ctx, period, scope, on=on)
    step(progress, cancel, 40, "排版")
    if not formal:
        result = render_work_brief(ctx, data, path, number=None, signoff=signoff, progress=progress,
                                   cancel=cancel)
    else:
        station, year = get_station_name(ctx), clock.today().year
        number = _next_number(ctx, station=station, year=year, data=data)
        try:
            result = render_work_brief(ctx, data, path, number=number, signoff=signoff, progress=progress,
                                       cancel=cancel)
        except BaseException:
            _release(ctx, station=station, year=year, number=number)
            raise
    audit.exported(ctx, "work_brief", 1, action="print")
    return result
