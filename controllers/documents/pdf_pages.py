"""What the case brief and the work brief share: page geometry, fonts, numbered pages, styles, tables, writing.

Pages follow GB/T 9704 (党政机关公文格式): A4, top margin 37 mm, left 28 mm; we take right 26 mm and bottom
35 mm so the type area is the standard 156 x 225 mm, with the page number in the bottom margin.
User text always goes through `Text.p()` / `PdfFonts.markup()` (escaped, Latin runs in Roboto); a character
neither font has is logged by code point (never with the text around it, which may be personal data) and
printed as whatever the viewer shows for a missing glyph, so a rare character never stops a brief.
"""

from __future__ import annotations

import logging
import os
import tempfile
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont
from reportlab.pdfgen import canvas as pdfcanvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import LayoutError
from sqlalchemy import select

from controllers.core.context import AppContext
from controllers.core.errors import UserError, ValidationError
from controllers.core.permissions import requires
from controllers.documents.cjk_lines import CjkParagraph, HeaderParagraph, fit_size, header_words
from controllers.documents.pdf_fonts import (
    DocumentFaces,
    PdfFonts,
    cjk_style,
    document_faces,
    font_file_problem,
    pdf_fonts,
)
from models.admin import Setting

log = logging.getLogger(__name__)

PAGE_WIDTH, PAGE_HEIGHT = A4
TOP, LEFT, RIGHT, BOTTOM = 37 * mm, 28 * mm, 26 * mm, 35 * mm
BODY_WIDTH = PAGE_WIDTH - LEFT - RIGHT
AUTHOR = "社区工作室台账"
FONT_KEY = "brief_font_path"
FONT_SUFFIXES = (".ttf", ".ttc")
RED = colors.HexColor("#C8102E")
TABLE_PAD = 3  # a table cell's left and right padding, points
SHORT_LABEL = 12  # a cell this short and without a break (a category, a status) is shrunk rather than cut
GREY = colors.HexColor("#EEEEEE")

Progress = Callable[[int, str], None]


class BriefCancelled(UserError):
    """The user stopped the generation; nothing was written."""


def step(progress: Progress | None, cancel: threading.Event | None, percent: int, what: str) -> None:
    """Report progress and stop here if the user cancelled."""
    if cancel is not None and cancel.is_set():
        raise BriefCancelled("已取消生成简报。")
    if progress is not None:
        progress(percent, what)


def cn_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def iso(day: date | None) -> str:
    return day.isoformat() if day else "—"


def num(value: float | int | None, digits: int = 1) -> str:
    """A figure for prose and tables: — when missing, no trailing .0 on whole numbers of counts."""
    if value is None:
        return "—"
    if isinstance(value, int):
        return str(value)
    return f"{value:.{digits}f}"


def pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}%"


# Counts of last year below this make a percentage meaningless ("上升 112 件（+5600.0%）" on a base of 2): the
# comparison then gives last year's count itself.
SMALL_BASE = 10
COUNT_UNITS = ("件", "场", "次", "人", "个")


def change_phrase(cur: float | None, last: float | None, unit: str, digits: int = 1) -> str:
    """"，较去年同期下降 0.8 件/万人（-20.0%）" style comparison, the one wording of every brief and 通报;
    "…上升 112 件（去年同期 2 件）" when last year's count is too small (or nothing) for a percentage."""
    if cur is None or last is None:
        return "，去年同期无可比数据"
    diff = round(cur - last, digits)
    if diff == 0:
        return "，与去年同期持平"
    word = "上升" if diff > 0 else "下降"
    counted = not isinstance(cur, float) and not isinstance(last, float)
    if unit in COUNT_UNITS and abs(last) < SMALL_BASE:
        rel = f"（去年同期 {num(int(last) if counted else last, digits)} {unit}）"
    else:
        rel = f"（{diff / last * 100:+.1f}%）" if last else ""
    amount = num(int(abs(diff)) if counted else abs(diff), digits)
    return f"，较去年同期{word} {amount} {unit}{rel}".replace("  ", " ")


# --- settings: the brief font ---------------------------------------------------------------------------------

def get_brief_font_path(ctx: AppContext) -> str | None:
    """The TrueType file 设置 chose for briefs, or None for the bundled font."""
    with ctx.db.session() as s:
        row = s.get(Setting, FONT_KEY)
        return row.value if row is not None and row.value else None


@requires("edit_settings")
def set_brief_font_path(ctx: AppContext, path: str | None) -> str | None:
    """Store the chosen font after checking ReportLab can embed it; None or "" goes back to the bundled font."""
    value = str(path or "").strip()
    if value:
        file = Path(value)
        if file.suffix.lower() not in FONT_SUFFIXES:
            raise ValidationError("请选择一个 TrueType 字体文件（.ttf 或 .ttc）。", field=FONT_KEY)
        problem = font_file_problem(file)  # devices, FIFOs, folders and huge files are never read
        if problem is not None:
            raise ValidationError(problem + "请选择一个 TrueType 字体文件（.ttf 或 .ttc）。", field=FONT_KEY)
        try:
            TTFont("StationProbe", str(file), subfontIndex=0)
        except (OSError, TTFError):
            raise ValidationError(
                f"字体“{file.name}”无法嵌入 PDF（可能是 OpenType/CFF 字体），请换一个 TrueType 字体。", field=FONT_KEY
            ) from None
    with ctx.db.session() as s:
        row = s.get(Setting, FONT_KEY)
        if row is None:
            s.add(Setting(key=FONT_KEY, value=value))
        else:
            row.value = value
    return value or None


def brief_fonts(ctx: AppContext) -> PdfFonts:
    return pdf_fonts(get_brief_font_path(ctx))


def brief_faces(ctx: AppContext) -> DocumentFaces:
    """The formal brief's body (仿宋-style) and title (宋/黑) fonts: see pdf_fonts.document_faces."""
    return document_faces(get_brief_font_path(ctx))


def station_setting(ctx: AppContext, key: str) -> str | None:
    with ctx.db.session() as s:
        return s.scalar(select(Setting.value).where(Setting.key == key))


# --- text -----------------------------------------------------------------------------------------------------

def _cmap(font: str) -> Any:
    face = getattr(pdfmetrics.getFont(font), "face", None)
    return getattr(face, "charToGlyph", None)


class Text:
    """Paragraph factory for one PDF: escaped markup in the font pair, styles by name, missing glyphs logged."""

    def __init__(self, fonts: PdfFonts, *, base: float = 12, title_font: str | None = None) -> None:
        self.fonts = fonts
        self.title_font = title_font or fonts.cjk  # the formal brief's 小标宋/宋/黑 face, when the machine has one
        self._cjk, self._latin = _cmap(fonts.cjk), _cmap(fonts.latin)
        self._missing: set[int] = set()
        f = fonts.cjk
        self.styles = {
            "title": cjk_style("title", font=self.title_font, size=max(20, base * 1.375), leading=max(30, base * 2),
                               alignment=TA_CENTER),
            "subtitle": cjk_style("subtitle", font=f, size=12, leading=18, alignment=TA_CENTER),
            # Headings are never smaller than the body (a 三号 body takes 三号 headings).
            "h1": cjk_style("h1", font=f, size=max(15, base), leading=max(24, base * 1.7)),
            "h2": cjk_style("h2", font=f, size=max(13, base), leading=max(20, base * 1.6)),
            "body": cjk_style("body", font=f, size=base, leading=base * 1.7),
            "small": cjk_style("small", font=f, size=9, leading=12.5),
            "cell": cjk_style("cell", font=f, size=9.5, leading=13),
            "cell_right": cjk_style("cell_right", font=f, size=9.5, leading=13, alignment=TA_RIGHT),
            "head": cjk_style("head", font=f, size=9.5, leading=13, alignment=TA_CENTER),
            "caption": cjk_style("caption", font=f, size=9, leading=12, alignment=TA_CENTER),
        }
        self.styles["h1"].spaceBefore, self.styles["h1"].spaceAfter = 10, 4
        self.styles["h2"].spaceAfter = 3  # a table right under "按分级：" does not touch it
        self.styles["body"].firstLineIndent = base * 2
        self.styles["body"].spaceAfter = 4
        # The 版记 lines (报/送/发): 四号 at most, a wrapped list indented past its "报：".
        record = min(base, 14)
        self.styles["record"] = cjk_style("record", font=f, size=record, leading=record * 1.5)
        self.styles["record"].leftIndent, self.styles["record"].firstLineIndent = record * 2, -record * 2
        # A dated step ("2025-03-04 登记（王伟）"): later lines indented past the date, so dates line up down the page.
        self.styles["step"] = cjk_style("step", font=f, size=base, leading=base * 1.6)
        self.styles["step"].leftIndent, self.styles["step"].firstLineIndent = base * 5.5, -base * 5.5
        # Notes and captions often follow a table or chart: spaced from it, never touching its bottom rule.
        self.styles["small"].spaceBefore = 3
        self.styles["caption"].spaceBefore = 6
        self.styles["caption"].spaceAfter = 3

    def check(self, text: str) -> None:
        for ch in text:
            code = ord(ch)
            if ch.isspace() or code in self._missing:
                continue
            if (self._cjk is None or code in self._cjk) or (self._latin is None or code in self._latin):
                continue
            self._missing.add(code)
            # Shown on the CLI's stderr: in Chinese, by code point only (the text around it may be personal data).
            log.warning("简报中的字符 U+%04X 在字体中没有字形，PDF 中该字符会显示为空白。", code)

    def markup(self, text: object) -> str:
        s = "" if text is None else str(text)
        self.check(s)
        return self.fonts.markup(s)

    def p(self, text: object, style: str = "body") -> Paragraph:
        return CjkParagraph(self.markup(text), self.styles[style])

    def head(self, text: str, style: str = "h1") -> list[Flowable]:
        """A heading that never ends a page: with less than 30 mm left it starts the next one (a long table
        below it may still split across pages, unlike keepWithNext, which would push the whole table on)."""
        return [CondPageBreak(30 * mm), self.p(text, style)]

    def header(self, text: str, width: float, style: str = "head") -> Paragraph:
        """A table header that breaks only between words ("不含重复万人比" never splits), its font shrunk until
        each word fits `width`."""
        base = self.styles[style]
        size = fit_size(text, width, self.fonts.width, base.fontSize)
        if size != base.fontSize:
            base = cjk_style(f"{style}-{size:.1f}", font=base.fontName, size=size, leading=size * 1.35,
                             alignment=base.alignment)
        return HeaderParagraph(self.markup(text), base)

    def cell(self, value: object, style: str, width: float) -> Paragraph:
        """A table cell; a short label with no break in it ("违规处置生活垃圾") shrinks a little to stay whole."""
        text = "" if value is None else str(value)
        if len(text) <= SHORT_LABEL and header_words(text) == [text]:
            base = self.styles[style]
            size = fit_size(text, width, self.fonts.width, base.fontSize, smallest=base.fontSize * 0.75)
            if size != base.fontSize:
                shrunk = cjk_style(f"{style}-{size:.1f}", font=base.fontName, size=size, leading=base.leading,
                                   alignment=base.alignment)
                return HeaderParagraph(self.markup(text), shrunk)
        return self.p(text, style)

    def caption(self, text: str) -> list[Flowable]:
        """A table's caption: spaced from what is above and, like a heading, never alone at a page's foot."""
        return [CondPageBreak(25 * mm), self.p(text, "caption")]

    @property
    def missing(self) -> set[int]:
        return set(self._missing)

    def table(self, headers: Sequence[str], rows: Sequence[Sequence[object]], widths: Sequence[float], *,
              align_right: Sequence[int] = ()) -> Table:
        """A grid table, header repeated on every page, every cell a wrapping Paragraph (nothing is cut off)."""
        scale = BODY_WIDTH / sum(widths) if sum(widths) > BODY_WIDTH else 1.0
        col_widths = [w * scale for w in widths]
        data: list[list[Any]] = [[self.header(h, w - 2 * TABLE_PAD) for h, w in zip(headers, col_widths, strict=True)]]
        # Cells are Paragraphs (they wrap), which a table's ALIGN does not move: figures get a right-aligned style.
        styles = ["cell_right" if c in align_right else "cell" for c in range(len(headers))]
        data += [[cell if isinstance(cell, Flowable) else self.cell(cell, styles[c], col_widths[c] - 2 * TABLE_PAD)
                  for c, cell in enumerate(row)] for row in rows]
        table = Table(data, colWidths=col_widths, repeatRows=1)
        style = [
            ("FONT", (0, 0), (-1, -1), self.fonts.latin, 9),  # never Helvetica (not embedded)
            ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#808080")),
            ("BACKGROUND", (0, 0), (-1, 0), GREY),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), TABLE_PAD),
            ("RIGHTPADDING", (0, 0), (-1, -1), TABLE_PAD),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]
        style += [("ALIGN", (c, 1), (c, -1), "RIGHT") for c in align_right]
        table.setStyle(TableStyle(style))
        return table


def cut(text: str | None, limit: int) -> str:
    """A table cell keeps at most `limit` characters (the case record holds the rest)."""
    t = " ".join((text or "").split())
    return t if len(t) <= limit else t[: limit - 1] + "…"


# --- pages ----------------------------------------------------------------------------------------------------

def numbered_canvas(fonts: PdfFonts, counter: dict[str, int], mark: str | None = None) -> type[pdfcanvas.Canvas]:
    """A canvas class that holds pages back to print “第 i 页 / 共 N 页” (and an optional corner mark) on each."""

    class NumberedCanvas(pdfcanvas.Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            # Start in our font, so the PDF does not reference Helvetica, which is never embedded.
            kwargs["initialFontName"] = fonts.latin
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = counter["pages"] = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self.setFillColor(colors.black)
                fonts.draw_centred(self, PAGE_WIDTH / 2, BOTTOM / 2, f"第 {number} 页 / 共 {total} 页", 10)
                if mark:
                    self.setFillColor(RED)
                    fonts.draw_centred(self, PAGE_WIDTH - RIGHT - 12 * mm, PAGE_HEIGHT - 16 * mm, mark, 11)
                super().showPage()
            super().save()

    return NumberedCanvas


HEADING_STYLES = ("h1", "h2", "caption")


class HeadedTable(Flowable):
    """A heading (or caption) and the table under it: the heading never ends a page without the table's first
    rows; a long table still splits across pages below it (KeepTogether would push it all on, leaving a gap)."""

    def __init__(self, head: Flowable, table: Table) -> None:
        super().__init__()
        self.head, self.table = head, table
        self._head_h = 0.0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        _w, self._head_h = self.head.wrap(avail_width, avail_height)
        self._head_h += self.head.getSpaceAfter()
        _tw, th = self.table.wrap(avail_width, avail_height - self._head_h)
        self.width, self.height = avail_width, self._head_h + th
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        _w, head_h = self.head.wrap(avail_width, avail_height)
        parts = self.table.split(avail_width, avail_height - head_h - self.head.getSpaceAfter())
        return [self.head, *parts] if parts else []  # not even the header and a row fit: all to the next page

    def getSpaceBefore(self) -> float:
        return float(self.head.getSpaceBefore())

    def draw(self) -> None:
        self.head.drawOn(self.canv, 0, self.height - self._head_h + self.head.getSpaceAfter())
        self.table.drawOn(self.canv, 0, 0)


def bind_headings(story: list[Flowable]) -> list[Flowable]:
    """Each heading or caption directly above a table becomes one HeadedTable with it."""
    out: list[Flowable] = []
    for item in story:
        prev = out[-1] if out else None
        if isinstance(item, Table) and isinstance(prev, Paragraph) and prev.style.name in HEADING_STYLES:
            out[-1] = HeadedTable(prev, item)
        else:
            out.append(item)
    return out


def build_a4(tmp: str, story: list[Flowable], fonts: PdfFonts, counter: dict[str, int], *, title: str,
             station: str, subject: str, keywords: Sequence[str] = (), mark: str | None = None) -> None:
    """Lay the story out on A4 with the house margins, numbered pages and the PDF's metadata (one for every brief)."""
    doc = BaseDocTemplate(tmp, pagesize=A4, title=title, author=f"{station}（{AUTHOR}）", subject=subject,
                          creator=AUTHOR, keywords=list(keywords))
    frame = Frame(LEFT, BOTTOM, BODY_WIDTH, PAGE_HEIGHT - TOP - BOTTOM, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    doc.build(bind_headings(story), canvasmaker=numbered_canvas(fonts, counter, mark=mark))


@dataclass(frozen=True)
class BriefResult:
    """What was written."""

    path: Path
    pages: int
    title: str
    number: int | None = None  # 第 N 期 of a formal work brief; None for a preview or a case brief
    fonts_used: str = ""  # "正文字体：…；标题字体：…" for the brief dialog, when the document chose its faces


def write_atomically(path: str | os.PathLike[str], build: Callable[[str], None]) -> None:
    """Build into a temporary file beside the target, then rename: a failed brief never leaves half a PDF."""
    target = Path(path)
    if not target.parent.is_dir():
        raise UserError(f"文件夹“{target.parent}”不存在，请换一个保存位置。")
    fd, tmp = tempfile.mkstemp(prefix=".brief-", suffix=".pdf", dir=target.parent)
    os.close(fd)
    try:
        build(tmp)
        os.replace(tmp, target)
    except LayoutError as exc:
        log.exception("brief layout failed")
        raise UserError("简报排版失败：某一项内容过长，无法放进一页。请缩短该内容后重试。") from exc
    except OSError as exc:
        raise UserError(f"无法保存“{target}”（{exc.strerror or exc}），文件可能正被其他程序打开。") from exc
    finally:
        Path(tmp).unlink(missing_ok=True)
