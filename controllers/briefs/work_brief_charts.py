"""Vector charts of the work brief (ReportLab graphics): cases by category and by month, this year against last.

The bundled CJK font has no digits and Roboto has no Chinese, while a ReportLab String has one font; so the
axis labels and legends that mix both ("3月", a category name a station edited) are drawn by us, run by run
(`mixed_string`), and the charts' own category labels are hidden. Value axes carry digits only (Latin font).
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics

from controllers.documents.pdf_fonts import PdfFonts

THIS_YEAR = colors.HexColor("#C8102E")
LAST_YEAR = colors.HexColor("#9AA5B1")


def mixed_string(d: Drawing, fonts: PdfFonts, x: float, y: float, text: str, size: float,
                 anchor: str = "start", fill: colors.Color = colors.black) -> None:
    """Add text to the drawing, each run in the font that has its characters."""
    width = fonts.width(text, size)
    left = x - width if anchor == "end" else x - width / 2 if anchor == "middle" else x
    for font, chunk in fonts.runs(text):
        d.add(String(left, y, chunk, fontName=font, fontSize=size, fillColor=fill))
        left += pdfmetrics.stringWidth(chunk, font, size)


def _legend(d: Drawing, fonts: PdfFonts, x: float, y: float, names: Sequence[str]) -> None:
    for name, colour in zip(names, (THIS_YEAR, LAST_YEAR), strict=False):
        d.add(Rect(x, y, 9, 9, fillColor=colour, strokeColor=None))
        mixed_string(d, fonts, x + 13, y + 1, name, 9)
        x += 13 + fonts.width(name, 9) + 18


def _drawing(fonts: PdfFonts, width: float, height: float) -> Drawing:
    d = Drawing(width, height)
    # The renderer starts every drawing in its initial font (Helvetica unless told): a PDF would then reference a
    # font it does not embed.
    d.initialFontName = fonts.latin
    return d


def _label(value: int) -> str:
    return str(value) if value else ""


def _nice_max(values: Sequence[int]) -> int:
    top = max([*values, 1])
    step = 1
    for s in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000):
        if top / s <= 8:
            step = s
            break
    return ((top + step - 1) // step) * step


def category_bars(fonts: PdfFonts, names: Sequence[str], this: Sequence[int], last: Sequence[int], *,
                  width: float, labels: tuple[str, str] = ("本期", "去年同期")) -> Drawing:
    """Horizontal bars per category (top to bottom in the given order), this period beside last year's."""
    label_w = min(max((fonts.width(n, 9) for n in names), default=40) + 8, width * 0.42)
    row = 16
    height = row * len(names) + 50
    d = _drawing(fonts, width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = label_w, 30
    chart.width, chart.height = width - label_w - 20, row * len(names)
    # The chart draws the first category at the bottom: reverse so the list reads top-down.
    chart.data = [list(reversed(this)), list(reversed(last))]
    chart.bars[0].fillColor, chart.bars[1].fillColor = THIS_YEAR, LAST_YEAR
    chart.bars.strokeColor = None
    chart.barSpacing, chart.groupSpacing = 0.5, 3
    chart.categoryAxis.categoryNames = [""] * len(names)  # drawn by mixed_string below
    chart.categoryAxis.labels.fontName = fonts.latin  # never Helvetica: it would be referenced, not embedded
    chart.valueAxis.valueMin, chart.valueAxis.valueMax = 0, _nice_max([*this, *last])
    chart.valueAxis.labels.fontName, chart.valueAxis.labels.fontSize = fonts.latin, 8
    chart.valueAxis.visibleGrid, chart.valueAxis.gridStrokeColor = True, colors.HexColor("#DDDDDD")
    # Values printed at the bars' ends; last year's zeros stay blank so an empty year does not clutter.
    chart.barLabelFormat, chart.barLabels.fontName, chart.barLabels.fontSize = "values", fonts.latin, 7
    chart.barLabelArray = [[_label(v) for v in series] for series in chart.data]
    chart.barLabels.boxAnchor, chart.barLabels.dx = "w", 2
    d.add(chart)
    for i, name in enumerate(reversed(names)):
        mixed_string(d, fonts, label_w - 5, chart.y + (i + 0.5) * row - 3, name, 9, anchor="end")
    _legend(d, fonts, label_w, 8, labels)
    return d


def month_lines(fonts: PdfFonts, months: Sequence[str], this: Sequence[int], last: Sequence[int], *,
                width: float, height: float = 150, labels: tuple[str, str] = ("本期", "去年同期")) -> Drawing:
    """Cases per month, this period and last year, as two lines with their values marked."""
    d = _drawing(fonts, width, height)
    chart = HorizontalLineChart()
    chart.x, chart.y = 40, 40
    chart.width, chart.height = width - 60, height - 60
    chart.data = [list(this), list(last)]
    chart.lines[0].strokeColor, chart.lines[1].strokeColor = THIS_YEAR, LAST_YEAR
    chart.lines[0].strokeWidth, chart.lines[1].strokeWidth = 2, 1.5
    chart.categoryAxis.categoryNames = [""] * len(months)  # drawn by mixed_string below
    chart.categoryAxis.labels.fontName = fonts.latin
    chart.valueAxis.valueMin, chart.valueAxis.valueMax = 0, _nice_max([*this, *last])
    chart.valueAxis.labels.fontName, chart.valueAxis.labels.fontSize = fonts.latin, 8
    chart.valueAxis.visibleGrid, chart.valueAxis.gridStrokeColor = True, colors.HexColor("#DDDDDD")
    chart.lineLabelFormat, chart.lineLabels.fontName, chart.lineLabels.fontSize = "values", fonts.latin, 7
    chart.lineLabelArray = [[_label(v) for v in series] for series in chart.data]
    chart.lineLabels.dy = 6
    chart.joinedLines = 1
    d.add(chart)
    n = max(len(months), 1)
    step = chart.width / n
    for i, name in enumerate(months):
        mixed_string(d, fonts, chart.x + (i + 0.5) * step, chart.y - 13, name, 8.5, anchor="middle")
    d.add(Line(chart.x, chart.y, chart.x + chart.width, chart.y, strokeColor=colors.black, strokeWidth=0.5))
    _legend(d, fonts, chart.x, 6, labels)
    return d
