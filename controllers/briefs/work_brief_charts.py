"""Vector charts of the work brief (ReportLab graphics): cases by category and by month, this year against last.

The bundled CJK font has no digits and Roboto has no Chinese, while a ReportLab String has one font; so every
text that may mix both ("3月", a category name a station edited) is drawn run by run (`mixed_string`).
The charts are drawn from plain shapes rather than ReportLab's chart widgets so that each position is ours to
state and test: a month's tick, its point and its name share one x; value labels are placed by
`controllers.documents.chart_labels.place_labels` (never over another label, a line or a marker, never outside
the plot; a label with no free place is dropped); each chart has a legend and its unit (件); a month not yet over
when the brief is printed is drawn hollow on a dashed segment with a note (本月截至 12月6日), and months not yet
reached are not drawn at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics

from controllers.briefs.months_drawn import MonthsDrawn
from controllers.documents.chart_labels import Box, Wish, place_labels
from controllers.documents.pdf_fonts import PdfFonts

THIS_YEAR = colors.HexColor("#C8102E")
LAST_YEAR = colors.HexColor("#9AA5B1")
GRID = colors.HexColor("#DDDDDD")
UNIT = "件"
LABEL_SIZE = 7
# Digits of the Latin font rise about 0.72 em above the baseline and do not descend: a label's box.
DIGIT_HEIGHT = 0.8


def mixed_string(d: Drawing, fonts: PdfFonts, x: float, y: float, text: str, size: float,
                 anchor: str = "start", fill: colors.Color = colors.black) -> None:
    """Add text to the drawing, each run in the font that has its characters."""
    width = fonts.width(text, size)
    left = x - width if anchor == "end" else x - width / 2 if anchor == "middle" else x
    for font, chunk in fonts.runs(text):
        d.add(String(left, y, chunk, fontName=font, fontSize=size, fillColor=fill))
        left += pdfmetrics.stringWidth(chunk, font, size)


def _legend(d: Drawing, fonts: PdfFonts, x: float, y: float, names: Sequence[str], note: str = "",
            hollow: bool = True) -> None:
    """The series' colours and names; a note (the running month or period) follows, after a hollow marker when
    the chart draws the running month's point hollow."""
    for name, colour in zip(names, (THIS_YEAR, LAST_YEAR), strict=False):
        d.add(Rect(x, y, 9, 9, fillColor=colour, strokeColor=None))
        mixed_string(d, fonts, x + 13, y + 1, name, 9)
        x += 13 + fonts.width(name, 9) + 18
    if note and hollow:
        d.add(Circle(x + 4.5, y + 4.5, 3, fillColor=colors.white, strokeColor=THIS_YEAR, strokeWidth=1.2))
        mixed_string(d, fonts, x + 13, y + 1, note, 9)
    elif note:
        mixed_string(d, fonts, x, y + 1, f"（{note}）", 9)


def _drawing(fonts: PdfFonts, width: float, height: float) -> Drawing:
    d = Drawing(width, height)
    # The renderer starts every drawing in its initial font (Helvetica unless told): a PDF would then reference a
    # font it does not embed.
    d.initialFontName = fonts.latin
    return d


def _nice_scale(values: Sequence[int]) -> tuple[int, int]:
    """(top, step) of a value axis from 0 with at most 8 steps of 1, 2 or 5 times a power of ten."""
    top = max([*values, 1])
    step = 1
    for s in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000):
        step = s
        if top / s <= 8:
            break
    return ((top + step - 1) // step) * step, step


def _digits(d: Drawing, fonts: PdfFonts, box: Box, text: str, fill: colors.Color) -> None:
    """A value label drawn in its placed box (the box's width is the text's, so x0 is where it starts)."""
    d.add(String(box.x0, box.y0 + 0.05 * LABEL_SIZE, text, fontName=fonts.latin, fontSize=LABEL_SIZE,
                 fillColor=fill))


def _label_size(fonts: PdfFonts, text: str) -> tuple[float, float]:
    return pdfmetrics.stringWidth(text, fonts.latin, LABEL_SIZE), DIGIT_HEIGHT * LABEL_SIZE


@dataclass(frozen=True)
class Plot:
    """The plot rectangle and the value scale of a chart."""

    x: float
    y: float
    width: float
    height: float
    top: int

    @property
    def box(self) -> Box:
        return Box(self.x, self.y, self.x + self.width, self.y + self.height)

    def scale(self, value: float) -> float:
        """The height of `value` on a vertical value axis."""
        return value / self.top * self.height


def _value_axis(d: Drawing, fonts: PdfFonts, p: Plot, step: int, *, vertical: bool) -> None:
    """Grid lines and digit labels every `step`, and the unit (件) at the axis' far end."""
    for v in range(0, p.top + 1, step):
        if vertical:
            y = p.y + v / p.top * p.height
            d.add(Line(p.x, y, p.x + p.width, y, strokeColor=GRID, strokeWidth=0.5))
            d.add(String(p.x - 4, y - 3, str(v), fontName=fonts.latin, fontSize=8, textAnchor="end"))
        else:
            x = p.x + v / p.top * p.width
            d.add(Line(x, p.y, x, p.y + p.height, strokeColor=GRID, strokeWidth=0.5))
            d.add(String(x, p.y - 11, str(v), fontName=fonts.latin, fontSize=8, textAnchor="middle"))
    if vertical:
        mixed_string(d, fonts, p.x - 4, p.y + p.height + 5, f"（{UNIT}）", 8, anchor="end")
    else:
        right = p.x + p.width + pdfmetrics.stringWidth(str(p.top), fonts.latin, 8) / 2 + 3
        mixed_string(d, fonts, right, p.y - 11, f"（{UNIT}）", 8)


def _headroom(values: Sequence[int], room: float, need: float) -> tuple[int, int]:
    """A scale whose top leaves `need` drawing units beyond the largest value, so its label fits in the plot."""
    top, step = _nice_scale(values)
    biggest = max([*values, 0])
    while room > need and biggest / top * room > room - need:
        top += step
    return top, step


def category_bars(fonts: PdfFonts, names: Sequence[str], this: Sequence[int], last: Sequence[int], *,
                  width: float, labels: tuple[str, str] = ("本期", "去年同期"), note: str = "") -> Drawing:
    """Horizontal bars per category (top to bottom in the given order), this period above last year's.

    `note` (period_note: 本期截至 12月7日) says the period is not over, so its bars are read as a part period."""
    label_w = min(max((fonts.width(n, 9) for n in names), default=40) + 8, width * 0.42)
    row, bar = 18, 6.5
    height = row * len(names) + 58
    d = _drawing(fonts, width, height)
    plot_w = width - label_w - 40  # room on the right for the last tick's number and （件）
    widest = max((_label_size(fonts, str(v))[0] for v in [*this, *last]), default=0)
    top, step = _headroom([*this, *last], plot_w, widest + 6)
    p = Plot(label_w, 36, plot_w, row * len(names), top)
    _value_axis(d, fonts, p, step, vertical=False)
    wishes, texts = [], []
    for i, name in enumerate(names):
        centre = p.y + p.height - (i + 0.5) * row
        mixed_string(d, fonts, label_w - 5, centre - 3, name, 9, anchor="end")
        for value, colour, y in ((this[i], THIS_YEAR, centre + 0.5), (last[i], LAST_YEAR, centre - 0.5 - bar)):
            length = value / p.top * p.width
            d.add(Rect(p.x, y, length, bar, fillColor=colour, strokeColor=None))
            if value:  # zeros stay blank so an empty year does not clutter
                w, h = _label_size(fonts, str(value))
                wishes.append(Wish(p.x + length, y + bar / 2, w, h, prefer="right"))
                texts.append((str(value), colour))
    d.add(Line(p.x, p.y, p.x, p.y + p.height, strokeColor=colors.black, strokeWidth=0.5))
    for box, (text, _colour) in zip(place_labels(wishes, p.box, gap=2, marker=0), texts, strict=True):
        if box is not None:
            _digits(d, fonts, box, text, colors.black)
    _legend(d, fonts, label_w, 8, labels, note, hollow=False)
    return d


def month_lines(fonts: PdfFonts, months: Sequence[str], this: Sequence[int], last: Sequence[int], *,
                width: float, height: float = 160, labels: tuple[str, str] = ("本期", "去年同期"),
                drawn: MonthsDrawn | None = None) -> Drawing:
    """Cases per month, this period and last year, as two lines with their values marked.

    Last year's line runs through every month; this period's stops at `drawn.reached` and its running month
    (`drawn.partial`) is a hollow marker on a dashed segment, named in the legend's note.
    """
    drawn = drawn or MonthsDrawn(len(this), None, "")
    d = _drawing(fonts, width, height)
    n = max(len(months), 1)
    tall = max((_label_size(fonts, str(v))[1] for v in [*this, *last]), default=0)
    top, step_v = _headroom([*this, *last], height - 62, tall + 5)
    p = Plot(36, 42, width - 50, height - 62, top)
    _value_axis(d, fonts, p, step_v, vertical=True)
    step = p.width / n
    xs = [p.x + (i + 0.5) * step for i in range(n)]
    for i, name in enumerate(months):  # a month's tick, its points and its name share one x
        d.add(Line(xs[i], p.y, xs[i], p.y - 3, strokeColor=colors.black, strokeWidth=0.5))
        mixed_string(d, fonts, xs[i], p.y - 13, name, 8.5, anchor="middle")
    d.add(Line(p.x, p.y, p.x + p.width, p.y, strokeColor=colors.black, strokeWidth=0.5))
    now = [(xs[i], p.y + p.scale(v)) for i, v in enumerate(this[:drawn.reached])]
    before = [(xs[i], p.y + p.scale(v)) for i, v in enumerate(last)]
    whole = now if drawn.partial is None else now[:drawn.partial]
    d.add(PolyLine(_flat(before), strokeColor=LAST_YEAR, strokeWidth=1.5))
    d.add(PolyLine(_flat(whole), strokeColor=THIS_YEAR, strokeWidth=2))
    if drawn.partial is not None and drawn.partial > 0:
        d.add(PolyLine(_flat(now[drawn.partial - 1:drawn.partial + 1]), strokeColor=THIS_YEAR, strokeWidth=1.2,
                       strokeDashArray=[3, 2]))
    for pts, colour in ((before, LAST_YEAR), (now, THIS_YEAR)):
        for i, (x, y) in enumerate(pts):
            hollow = colour == THIS_YEAR and i == drawn.partial
            d.add(Circle(x, y, 2.2, fillColor=colors.white if hollow else colour, strokeColor=colour,
                         strokeWidth=1))
    wishes, texts = [], []
    for series, pts, other, colour in ((this, now, last, THIS_YEAR), (last, before, this, LAST_YEAR)):
        for i, (x, y) in enumerate(pts):
            if not series[i]:
                continue
            # The higher of the two values at a month labels above, the lower below (a tie: this period above).
            higher = (i >= len(other) or series[i] > other[i]
                      or (series[i] == other[i] and colour == THIS_YEAR))
            w, h = _label_size(fonts, str(series[i]))
            wishes.append(Wish(x, y, w, h, prefer="above" if higher else "below"))
            texts.append((str(series[i]), colour))
    for box, (text, colour) in zip(place_labels(wishes, p.box, [now, before]), texts, strict=True):
        if box is not None:
            _digits(d, fonts, box, text, colour)
    _legend(d, fonts, p.x, 6, labels, drawn.note)
    return d


def _flat(points: Sequence[tuple[float, float]]) -> list[float]:
    return [c for xy in points for c in xy]
