"""The sign-in sheet (签到表) of a training as an A4 PDF: heading on every page, invited names or blank rows.

Layout is fixed so the number of pages follows from the row height: every page carries the same heading band
(a page handed round the room on its own still says what it is for), a table header repeated on every page,
and rows tall enough to sign by hand. The 联系电话 column is left blank on purpose: a sheet passed from hand
to hand must not show everyone's number to everyone; each person writes their own.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as pdfcanvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, Table, TableStyle

from controllers.core import audit
from controllers.core.context import AppContext
from controllers.core.errors import UserError, ValidationError
from controllers.core.permissions import requires
from controllers.documents.cjk_lines import CjkParagraph, HeaderParagraph
from controllers.documents.pdf_fonts import PdfFonts, cjk_style, pdf_fonts
from controllers.trainings.common import fmt_when
from controllers.trainings.records import TrainingDetail, get_training

PAGE_WIDTH, PAGE_HEIGHT = A4
SIDE_MARGIN = 15 * mm
TOP_MARGIN = 12 * mm
HEADING_HEIGHT = 36 * mm  # the band with title, time, venue, organisers, on every page
BOTTOM_MARGIN = 18 * mm  # holds the page number
HEADER_ROW_HEIGHT = 9 * mm
ROW_HEIGHT = 12 * mm  # room for a handwritten signature
FRAME_HEIGHT = PAGE_HEIGHT - TOP_MARGIN - HEADING_HEIGHT - BOTTOM_MARGIN
COLUMNS = (("序号", 12 * mm), ("姓名", 32 * mm), ("单位", 60 * mm), ("联系电话", 34 * mm), ("签名", 42 * mm))
HEADERS = tuple(h for h, _w in COLUMNS)
DEFAULT_BLANK_ROWS_EMPTY = 36  # two whole pages for a session with no invitation list
DEFAULT_BLANK_ROWS_EXTRA = 4  # room for walk-ins under the invited names
MAX_BLANK_ROWS = 1000


def rows_per_page() -> int:
    """Attendee rows that fit under the repeated header on one page."""
    return int((FRAME_HEIGHT - HEADER_ROW_HEIGHT) // ROW_HEIGHT)


def default_blank_rows(invited: int) -> int:
    """Blank rows under the invited names: at least DEFAULT_BLANK_ROWS_EXTRA for walk-ins, and as many more as
    fill the last page (a last page with two rows on it wasted a sheet and read as a mistake)."""
    if not invited:
        return DEFAULT_BLANK_ROWS_EMPTY
    per_page = rows_per_page()
    pages = -(-(invited + DEFAULT_BLANK_ROWS_EXTRA) // per_page)
    return pages * per_page - invited


@dataclass(frozen=True)
class SheetResult:
    """What was written: the file, its pages and its rows (names plus blank ones)."""

    path: Path
    pages: int
    rows: int


class _NumberedCanvas(pdfcanvas.Canvas):
    """Holds pages back until the end so each can say “第 i 页 / 共 N 页”."""

    fonts = PdfFonts("Helvetica", "Helvetica")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Start in our font, so the PDF does not reference Helvetica, which is never embedded.
        kwargs["initialFontName"] = kwargs.get("initialFontName") or self.fonts.latin
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self.setFillColor(colors.black)
            self.fonts.draw_centred(self, PAGE_WIDTH / 2, BOTTOM_MARGIN / 2, f"第 {number} 页 / 共 {total} 页", 9)
            super().showPage()
        super().save()


def _fit(text: str, *, fonts: PdfFonts, size: float, width: float, lines: int) -> str:
    """Shorten text with “…” so it wraps into at most `lines` lines of the cell (rows have a fixed height)."""
    # 0.9: CJK wrapping breaks between characters, so a line is rarely filled to the last point.
    budget = width * lines * 0.9
    if fonts.width(text, size) <= budget:
        return text
    while text and fonts.width(text + "…", size) > budget:
        text = text[:-1]
    return text + "…"


def _heading(detail: TrainingDetail, fonts: PdfFonts, scale: float) -> list[Paragraph]:
    font = fonts.cjk
    title = cjk_style("title", font=font, size=16 * scale, leading=21 * scale, alignment=TA_CENTER)
    info = cjk_style("info", font=font, size=10.5 * scale, leading=15 * scale)
    organisers = "、".join(x for x in [detail.organiser or ""] if x)
    joint = "、".join(name for _i, name in detail.departments)
    # Paragraph collapses runs of spaces; non-breaking spaces in the Latin font keep a visible gap.
    gap = f'<font name="{fonts.latin}">{"&nbsp;" * 8}</font>'
    when = fonts.markup(f"时间：{fmt_when(detail.starts_at, detail.ends_at)}")
    lines = [when + gap + fonts.markup(f"类型：{detail.kind}"),
             fonts.markup(f"地点：{detail.venue or ''}"),
             fonts.markup(f"主办：{organisers}") + (gap + fonts.markup(f"联合部门：{joint}") if joint else "")]
    heading = CjkParagraph(fonts.markup(detail.title) + "　签到表", title)
    return [heading, *(CjkParagraph(t, info) for t in lines)]


def _draw_heading(detail: TrainingDetail, fonts: PdfFonts) -> Any:
    width = PAGE_WIDTH - 2 * SIDE_MARGIN

    def on_page(canvas: pdfcanvas.Canvas, _doc: Any) -> None:
        scale = 1.0
        # Shrink a very long title or list of departments until the heading fits its band (min. 60 %).
        while True:
            paras = _heading(detail, fonts, scale)
            heights = [p.wrap(width, HEADING_HEIGHT)[1] for p in paras]
            if sum(heights) + 6 <= HEADING_HEIGHT or scale < 0.6:
                break
            scale *= 0.9
        y = PAGE_HEIGHT - TOP_MARGIN
        for para, height in zip(paras, heights, strict=True):
            y -= height
            para.drawOn(canvas, SIDE_MARGIN, y)
            if para is paras[0]:
                y -= 6
    return on_page


def _table(detail: TrainingDetail, fonts: PdfFonts, blank_rows: int) -> tuple[Table, int]:
    font = fonts.cjk
    name_style = cjk_style("name", font=font, size=11, leading=13)
    org_style = cjk_style("org", font=font, size=9, leading=11)
    head_style = cjk_style("head", font=font, size=11, leading=13, alignment=TA_CENTER)
    pad = 6  # left + right cell padding
    invited = [a for a in detail.attendees if a.invited]
    data: list[list[Any]] = [[HeaderParagraph(h, head_style) for h in HEADERS]]
    for n, person in enumerate(invited, start=1):
        name = _fit(person.name, fonts=fonts, size=11, width=COLUMNS[1][1] - pad, lines=2)
        org = _fit(person.organisation or person.property_company or "", fonts=fonts, size=9,
                   width=COLUMNS[2][1] - pad, lines=2)
        data.append([str(n), CjkParagraph(fonts.markup(name), name_style), CjkParagraph(fonts.markup(org), org_style),
                     "", ""])
    for n in range(len(invited) + 1, len(invited) + blank_rows + 1):
        data.append([str(n), "", "", "", ""])
    heights = [HEADER_ROW_HEIGHT] + [ROW_HEIGHT] * (len(data) - 1)
    table = Table(data, colWidths=[w for _h, w in COLUMNS], rowHeights=heights, repeatRows=1)
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), fonts.latin, 10),  # only 序号 is a plain string: digits
        ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8E8E8")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 0), (0, -1), "CENTER"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]))
    return table, len(data) - 1


def render_signin_sheet(detail: TrainingDetail, path: str | os.PathLike[str], *, blank_rows: int | None = None,
                        font_path: str | None = None) -> SheetResult:
    """Write the sheet for a training; blank_rows None = a default that depends on whether names are listed."""
    target = Path(path)
    if blank_rows is None:
        blank_rows = default_blank_rows(sum(1 for a in detail.attendees if a.invited))
    if not 0 <= blank_rows <= MAX_BLANK_ROWS:
        raise ValidationError(f"空白行数应在 0 到 {MAX_BLANK_ROWS} 之间。", field="blank_rows")
    if not target.parent.is_dir():
        raise UserError(f"文件夹“{target.parent}”不存在，请换一个保存位置。")
    fonts = pdf_fonts(font_path)
    table, rows = _table(detail, fonts, blank_rows)
    fd, tmp = tempfile.mkstemp(prefix=".signin-", suffix=".pdf", dir=target.parent)
    os.close(fd)
    counter = {"pages": 0}

    class Canvas(_NumberedCanvas):
        def save(self) -> None:
            counter["pages"] = len(self._pages)
            super().save()

    Canvas.fonts = fonts
    doc = BaseDocTemplate(tmp, pagesize=A4, title=f"{detail.title} 签到表", author="社区工作室台账",
                          leftMargin=SIDE_MARGIN, rightMargin=SIDE_MARGIN, bottomMargin=BOTTOM_MARGIN,
                          topMargin=TOP_MARGIN + HEADING_HEIGHT)
    frame = Frame(SIDE_MARGIN, BOTTOM_MARGIN, PAGE_WIDTH - 2 * SIDE_MARGIN, FRAME_HEIGHT, leftPadding=0,
                  rightPadding=0, topPadding=0, bottomPadding=0, id="rows")
    doc.addPageTemplates([PageTemplate(id="sheet", frames=[frame], onPage=_draw_heading(detail, fonts))])
    try:
        doc.build([table], canvasmaker=Canvas)
        os.replace(tmp, target)
    except OSError as exc:
        raise UserError(f"无法保存“{target}”（{exc.strerror or exc}），文件可能正被其他程序打开。") from exc
    finally:
        Path(tmp).unlink(missing_ok=True)
    return SheetResult(target, counter["pages"], rows)


@requires("print")
def write_signin_sheet(ctx: AppContext, training_id: int, path: str | os.PathLike[str], *,
                       blank_rows: int | None = None, font_path: str | None = None) -> SheetResult:
    """Load the training and write its sign-in sheet (NotFoundError for an unknown id)."""
    detail = get_training(ctx, training_id)
    result = render_signin_sheet(detail, path, blank_rows=blank_rows, font_path=font_path)
    # The sheet lists the attendees' names: a print with personal data.
    audit.record(ctx, "print", entity="trainings", detail={"kind": "签到表", "training_id": training_id,
                                                          "rows": len(detail.attendees), "personal": True})
    return result
