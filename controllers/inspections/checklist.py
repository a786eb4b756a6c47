"""The printable checklist (分级分类检查表): one A4 per estate, and a blank patrol sheet for a route of estates.

An officer takes the pages on the round and ticks them by hand; `patrol add` or the entry form takes them back.
Each checklist names the estate's particulars and the grade in force on the day printed, with the 13 categories as
tick rows (正常 / 发现问题 / 不适用) and room for notes, whom the officers met (by role) and signatures. The route
sheet lists the estates in order with room for the time, whom they met, what they found and what became of it.
No resident's name or phone is printed: the pages leave the office.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer, Table, TableStyle
from sqlalchemy import select

from controllers.core import audit, clock
from controllers.core.context import AppContext
from controllers.core.errors import ValidationError
from controllers.core.permissions import requires
from controllers.documents.cjk_lines import CjkParagraph
from controllers.documents.pdf_fonts import PdfFonts, cjk_style
from controllers.documents.pdf_pages import BODY_WIDTH, GREY, brief_fonts, build_a4, cn_date, write_atomically
from controllers.inspections import plan
from controllers.inspections.coverage import estate_segments, grade_rules
from controllers.station.settings import get_station_name
from controllers.station.views import require_visible
from models.reference import Category, Estate, PropertyCompany, Street

MAX_ESTATES = 200  # a route or a batch printed at once; more is a mistake, not a round


@dataclass(frozen=True)
class Particulars:
    """What a checklist prints about an estate (no person's name: the pages leave the office)."""

    name: str
    street: str
    committee: str
    address: str
    households: int | None
    company: str
    grade: str
    plan: str  # "每月一次" / "每 2 个月一次" / "未定检查周期"


@dataclass(frozen=True)
class ChecklistResult:
    path: Path
    pages: int
    estates: int


def _plan_words(rule: plan.GradeRule | None) -> str:
    if rule is None or not rule.months:
        return "未定检查周期"
    every = "每月一次" if rule.months == 1 else ("每季度一次" if rule.months == 3 else f"每 {rule.months} 个月一次")
    return every + ("（按工作日）" if rule.working_days else "")


def _particulars(ctx: AppContext, estate_ids: list[int], on: date) -> list[Particulars]:
    with ctx.db.session() as s:
        rows = {r.id: r for r in s.execute(
            select(Estate.id, Estate.name, Street.name.label("street"), Estate.residents_committee, Estate.address,
                   Estate.households, PropertyCompany.name.label("company"))
            .join(Street, Street.id == Estate.street_id)
            .outerjoin(PropertyCompany, PropertyCompany.id == Estate.property_company_id)
            .where(Estate.id.in_(estate_ids)))}
        for estate_id in estate_ids:
            if estate_id not in rows:
                raise ValidationError("所选的小区有的已被删除，请重新选择。", field="estate_ids")
            require_visible(ctx, s, estate_id, noun="小区")
        rules, names = grade_rules(s)
        segs = estate_segments(s, estate_ids)
    out = []
    for estate_id in estate_ids:
        r = rows[estate_id]
        grade = plan.grade_on(segs[estate_id], on)
        out.append(Particulars(r.name, r.street, r.residents_committee or "", r.address or "", r.households,
                               r.company or "", names.get(grade, "") if grade else "未分级",
                               _plan_words(rules.get(grade) if grade else None)))
    return out


def _grid(fonts: PdfFonts, data: list[list[object]], widths: list[float | None], heights: list[float] | None = None,
          header: bool = True, lines: bool = True) -> Table:
    table = Table(data, colWidths=widths, rowHeights=heights, repeatRows=1 if header else 0)
    # The table's own font for empty cells too: otherwise the PDF names Helvetica, which is never embedded.
    style: list[tuple[object, ...]] = [
        ("FONT", (0, 0), (-1, -1), fonts.latin, 10), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3 if lines else 0), ("RIGHTPADDING", (0, 0), (-1, -1), 3)]
    if lines:
        style.append(("GRID", (0, 0), (-1, -1), 0.6, colors.black))
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), GREY))
    table.setStyle(TableStyle(style))
    return table


class _Choices(Flowable):
    """Tick boxes with their labels (□ 物业  □ 居委 ...), drawn: neither bundled font has a box glyph.

    Items that do not fit the width go on the next line.
    """

    SIZE = 9.5

    def __init__(self, labels: list[str], fonts: PdfFonts) -> None:
        super().__init__()
        self.labels, self.fonts = labels, fonts
        self.box = self.SIZE * 0.9
        self.lines: list[list[tuple[str, float]]] = []

    def _item_width(self, label: str) -> float:
        return self.box + 2 + self.fonts.width(label, self.SIZE) + 7

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.lines = []
        line: list[tuple[str, float]] = []
        used = 0.0
        for label in self.labels:
            w = self._item_width(label)
            if line and used + w > avail_width:
                self.lines.append(line)
                line, used = [], 0.0
            line.append((label, w))
            used += w
        self.lines.append(line)
        self.width = max(sum(w for _l, w in ln) for ln in self.lines)
        self.height = len(self.lines) * (self.SIZE + 4)
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        for row, line in enumerate(self.lines):
            y = self.height - (row + 1) * (self.SIZE + 4) + 2
            x = 0.0
            for label, w in line:
                c.setLineWidth(0.6)
                c.rect(x, y, self.box, self.box)
                left = x + self.box + 2
                for font, chunk in self.fonts.runs(label):
                    c.setFont(font, self.SIZE)
                    c.drawString(left, y + 0.5, chunk)
                    left += pdfmetrics.stringWidth(chunk, font, self.SIZE)
                x += w


class _Styles:
    def __init__(self, fonts: PdfFonts) -> None:
        self.fonts = fonts
        self.title = cjk_style("title", font=fonts.cjk, size=18, leading=24, alignment=TA_CENTER)
        self.sub = cjk_style("sub", font=fonts.cjk, size=10.5, leading=14, alignment=TA_CENTER)
        self.cell = cjk_style("cell", font=fonts.cjk, size=10.5, leading=13)
        self.centre = cjk_style("centre", font=fonts.cjk, size=10.5, leading=13, alignment=TA_CENTER)
        self.small = cjk_style("small", font=fonts.cjk, size=9, leading=11)

    def p(self, text: str, style: ParagraphStyle | None = None) -> Paragraph:
        return CjkParagraph(self.fonts.markup(text), style or self.cell)

    def blanks(self, *parts: str, gap: int = 6, style: ParagraphStyle | None = None) -> Paragraph:
        """Text with room to write between its parts (年 月 日): Paragraph would collapse plain spaces."""
        space = f'<font name="{self.fonts.latin}">{"&nbsp;" * gap}</font>'
        return CjkParagraph(space.join(self.fonts.markup(t) for t in parts), style or self.cell)

    def one_line(self, text: str, width: float, size: float = 10.5) -> str:
        """Shortened with “…” to fit `width` (a 2-line cell: twice its width); CJK lines rarely fill to the end."""
        budget = width * 0.92
        if self.fonts.width(text, size) <= budget:
            return text
        while text and self.fonts.width(text + "…", size) > budget:
            text = text[:-1]
        return text + "…"

    def boxes(self, *labels: str) -> _Choices:
        return _Choices(list(labels), self.fonts)


def _checklist_page(st: _Styles, e: Particulars, categories: list[tuple[str, str]], station: str,
                    on: date) -> list[Flowable]:
    p = st.p
    half = BODY_WIDTH / 2
    def line(text: str) -> Paragraph:  # one line each, so the page holds whatever was typed
        return p(st.one_line(text, half - 6))

    info = _grid(st.fonts, [
        [line(f"小区：{e.name}"), line(f"街镇：{e.street}")],
        [line(f"居委会：{e.committee}"), line(f"户数：{e.households if e.households is not None else ''}")],
        [line(f"地址：{e.address}"), line(f"物业服务企业：{e.company}")],
        [line(f"管理分级：{e.grade}"), line(f"检查周期：{e.plan}")],
    ], [half, half], header=False)
    rows: list[list[object]] = [[p("序号", st.centre), p("检查项目", st.centre), p("正常", st.centre),
                                 p("发现问题", st.centre), p("不适用", st.centre), p("情况说明、地点", st.centre)]]
    for n, (code, name) in enumerate(categories, start=1):
        # The cells under 正常 / 发现问题 / 不适用 are the boxes to tick.
        rows.append([p(str(n), st.centre), p(f"{code} {name}", st.small), "", "", "", ""])
    widths = [10 * mm, 50 * mm, 13 * mm, 19 * mm, 15 * mm]
    checks = _grid(st.fonts, rows, [*widths, BODY_WIDTH - sum(widths)], [8 * mm] + [8.4 * mm] * len(categories))
    met = _grid(st.fonts, [[p("见到："), st.boxes("物业", "居委", "业委会")]], [16 * mm, None], header=False,
                lines=False)
    tail = _grid(st.fonts, [
        [st.blanks("检查时间：", "年", "月", "日", "时", "分", gap=8), met],
        [p("其他情况："), ""],
        [p("检查人员（签名）："), p("陪同人员（签名）：")],
    ], [BODY_WIDTH * 0.5, BODY_WIDTH * 0.5], [9 * mm, 20 * mm, 14 * mm], header=False)
    tail.setStyle(TableStyle([("SPAN", (0, 1), (1, 1)), ("VALIGN", (0, 1), (-1, 1), "TOP")]))
    return [p("住宅小区分级分类检查表", st.title), st.blanks(station, f"打印日期：{cn_date(on)}", style=st.sub),
            Spacer(1, 4 * mm), info, Spacer(1, 3 * mm), checks, Spacer(1, 3 * mm), tail]


def _route_page(st: _Styles, estates: list[Particulars], station: str, on: date) -> list[Flowable]:
    p = st.p
    rows: list[list[object]] = [[p(h, st.centre) for h in ("序号", "小区", "到达时间", "见到", "发现问题及地点",
                                                           "处理")]]
    for n, e in enumerate(estates, start=1):
        rows.append([p(str(n), st.centre), p(st.one_line(f"{e.name} {e.grade}", 2 * (40 * mm - 6), 9), st.small), "",
                     st.boxes("物业", "居委", "业委会"), "", st.boxes("立案", "移交", "当场劝阻整改")])
    widths = [10 * mm, 40 * mm, 18 * mm, 20 * mm]
    last = 28 * mm
    route = _grid(st.fonts, rows, [*widths, BODY_WIDTH - sum(widths) - last, last],
                  [8 * mm] + [17 * mm] * len(estates))
    choices = st.boxes("分级分类检查", "日常巡查", "专项整治", "联合检查", "夜间巡查")
    kinds = _grid(st.fonts, [[p("巡查类型："), choices]], [24 * mm, None], header=False, lines=False)
    head = _grid(st.fonts, [[kinds],
                  [st.blanks("日期：", "年", "月", "日", "出发时间：", "时", "分", "联合部门：", gap=8)],
                  [p("巡查人员（签名）：")]], [BODY_WIDTH], [9 * mm, 9 * mm, 12 * mm], header=False)
    return [p("巡查记录单", st.title),
            st.blanks(station, f"打印日期：{cn_date(on)}", f"共 {len(estates)} 个小区", style=st.sub),
            Spacer(1, 4 * mm), head, Spacer(1, 3 * mm), route]


def render_checklists(estates: list[Particulars], categories: list[tuple[str, str]], path: str | os.PathLike[str],
                      *, station: str, on: date, fonts: PdfFonts) -> ChecklistResult:
    """The route sheet (for more than one estate) and one checklist page per estate, written atomically."""
    st = _Styles(fonts)
    story: list[Flowable] = []
    if len(estates) > 1:
        story += [*_route_page(st, estates, station, on), PageBreak()]
    for i, e in enumerate(estates):
        story += _checklist_page(st, e, categories, station, on)
        if i + 1 < len(estates):
            story.append(PageBreak())
    counter = {"pages": 0}
    write_atomically(path, lambda tmp: build_a4(tmp, story, fonts, counter, title="住宅小区分级分类检查表",
                                                station=station, subject="分级分类检查"))
    return ChecklistResult(Path(path), counter["pages"], len(estates))


@requires("print")
def write_checklists(ctx: AppContext, estate_ids: list[int], path: str | os.PathLike[str], *,
                     on: date | None = None) -> ChecklistResult:
    """Print the checklists of the estates (in route order), with a route sheet when there are several."""
    ids = list(dict.fromkeys(estate_ids))
    if not ids:
        raise ValidationError("请至少选择一个小区。", field="estate_ids")
    if len(ids) > MAX_ESTATES:
        raise ValidationError(f"一次最多打印 {MAX_ESTATES} 个小区的检查表。", field="estate_ids")
    day = on or clock.today()
    estates = _particulars(ctx, ids, day)
    with ctx.db.session() as s:
        categories = [(c, n) for c, n in s.execute(
            select(Category.code, Category.name).where(Category.active.is_(True), Category.referral_only.is_(False))
            .order_by(Category.sort_order, Category.code))]
    result = render_checklists(estates, categories, path, station=get_station_name(ctx), on=day,
                               fonts=brief_fonts(ctx))
    audit.record(ctx, "print", entity="estates", detail={"kind": "分级分类检查表", "estates": len(ids)})
    return result
