"""The work brief's charts, read from their ReportLab Drawings before rendering: labels apart and inside the plot,
ticks under their month names, legend, unit, and the running month marked rather than drawn as a whole one."""

from __future__ import annotations

import itertools
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, String
from reportlab.pdfbase import pdfmetrics

from controllers.briefs.months_drawn import month_progress, period_note
from controllers.briefs.work_brief_charts import (
    DIGIT_HEIGHT,
    LABEL_SIZE,
    THIS_YEAR,
    category_bars,
    month_lines,
)
from controllers.documents.chart_labels import Box
from controllers.documents.pdf_fonts import PdfFonts, pdf_fonts

WIDTH = 442.0


@pytest.fixture(scope="module")
def fonts() -> PdfFonts:
    return pdf_fonts()


def _strings(d: Drawing) -> list[String]:
    return [s for s in d.contents if isinstance(s, String)]


def _left(s: String) -> float:
    w = pdfmetrics.stringWidth(s.text, s.fontName, s.fontSize)
    return s.x - (w if s.textAnchor == "end" else w / 2 if s.textAnchor == "middle" else 0)


def _value_labels(d: Drawing) -> list[Box]:
    """The value labels (digits at LABEL_SIZE) as the boxes their digits cover."""
    out = []
    for s in _strings(d):
        if s.fontSize == LABEL_SIZE:
            x = _left(s)
            out.append(Box(x, s.y, x + pdfmetrics.stringWidth(s.text, s.fontName, s.fontSize),
                           s.y + (DIGIT_HEIGHT - 0.1) * s.fontSize))
    return out


def _text_rows(d: Drawing, size: float) -> dict[float, list[tuple[float, float, str]]]:
    """Texts of one size by baseline, the runs of a mixed string joined: (left, right, text)."""
    rows: dict[float, list[tuple[float, float, str]]] = {}
    for s in sorted((s for s in _strings(d) if s.fontSize == size), key=lambda s: (s.y, _left(s))):
        left, right = _left(s), _left(s) + pdfmetrics.stringWidth(s.text, s.fontName, s.fontSize)
        row = rows.setdefault(s.y, [])
        if row and abs(row[-1][1] - left) < 0.01:
            row[-1] = (row[-1][0], right, row[-1][2] + s.text)
        else:
            row.append((left, right, s.text))
    return rows


def _plot(d: Drawing) -> Box:
    """The plot: the x axis is the long black line; its height is the tallest grid line's."""
    axis = max((ln for ln in d.contents if isinstance(ln, Line) and ln.y1 == ln.y2), key=lambda ln: ln.x2 - ln.x1)
    top = max(ln.y1 for ln in d.contents if isinstance(ln, Line) and ln.y1 == ln.y2)
    return Box(axis.x1, axis.y1, axis.x2, top)


def _check_labels(d: Drawing) -> list[Box]:
    labels = _value_labels(d)
    plot = _plot(d)
    lines = [list(zip(p.points[::2], p.points[1::2], strict=True)) for p in d.contents if isinstance(p, PolyLine)]
    for i, a in enumerate(labels):
        assert a.inside(plot), a
        for b in labels[i + 1:]:
            assert not a.overlaps(b), (a, b)
        for line in lines:
            for p, q in itertools.pairwise(line):
                assert not a.crosses(p, q), (a, p, q)
    return labels


MONTHS = [(2026, m) for m in range(1, 13)]
NAMES = [f"{m}月" for _y, m in MONTHS]


def test_july_127_and_123_both_print_apart_and_ticks_sit_under_month_names(fonts) -> None:
    this = [40, 52, 61, 80, 95, 70, 127, 110, 90, 88, 85, 12]
    last = [35, 50, 66, 78, 90, 72, 123, 105, 94, 80, 86, 91]
    d = month_lines(fonts, NAMES, this, last, width=WIDTH, drawn=month_progress(MONTHS, date(2026, 12, 6)))
    labels = _check_labels(d)
    texts = [s.text for s in _strings(d) if s.fontSize == LABEL_SIZE]
    assert "127" in texts and len(labels) >= 12
    plot = _plot(d)
    ticks = sorted(ln.x1 for ln in d.contents if isinstance(ln, Line) and ln.x1 == ln.x2 and ln.y1 == plot.y0)
    names = next(row for row in _text_rows(d, 8.5).values() if len(row) == 12)
    assert [t for _l, _r, t in names] == NAMES
    assert len(ticks) == 12
    for tick, (left, right, _t) in zip(ticks, names, strict=True):
        assert abs(tick - (left + right) / 2) < 0.01  # under the name's middle, not between two names
    legend = [t for row in _text_rows(d, 9).values() for _l, _r, t in row]
    assert legend == ["本期", "去年同期", "本月截至 12月6日"]
    assert any("件" in t for row in _text_rows(d, 8).values() for _l, _r, t in row)


def test_the_running_month_is_hollow_on_a_dashed_segment_and_later_months_are_not_drawn(fonts) -> None:
    q4 = [(2026, 10), (2026, 11), (2026, 12)]
    drawn = month_progress(q4, date(2026, 11, 15))
    assert (drawn.reached, drawn.partial, drawn.note) == (2, 1, "本月截至 11月15日")
    d = month_lines(fonts, ["10月", "11月", "12月"], [30, 14, 0], [28, 31, 25], width=WIDTH, drawn=drawn)
    ours = [c for c in d.contents if isinstance(c, Circle) and c.strokeColor == THIS_YEAR and c.r < 3]
    assert len(ours) == 2  # December not drawn as a zero
    assert ours[1].fillColor != THIS_YEAR  # November hollow
    dashed = [p for p in d.contents if isinstance(p, PolyLine) and p.strokeDashArray]
    assert len(dashed) == 1 and dashed[0].points[-2:] == [ours[1].cx, ours[1].cy]
    _check_labels(d)


def test_a_month_over_or_a_past_period_is_not_partial() -> None:
    assert month_progress(MONTHS, date(2026, 12, 31)) == month_progress(MONTHS, date(2027, 3, 1))
    assert month_progress(MONTHS, date(2027, 3, 1)).partial is None
    assert month_progress(MONTHS, date(2027, 3, 1)).note == ""
    assert month_progress([(2026, 2)], date(2026, 2, 28)).partial is None


pairs = st.integers(min_value=2, max_value=12).flatmap(lambda n: st.tuples(
    st.lists(st.integers(min_value=0, max_value=5000), min_size=n, max_size=n),
    st.lists(st.integers(min_value=0, max_value=5000), min_size=n, max_size=n),
    st.dates(min_value=date(2026, 1, 1), max_value=date(2027, 1, 31))))


@settings(max_examples=150, deadline=None, derandomize=True, database=None)
@given(pairs)
def test_any_values_keep_their_labels_apart_and_in_the_plot(fonts, case) -> None:
    this, last, as_of = case
    months = MONTHS[:len(this)]
    _check_labels(month_lines(fonts, NAMES[:len(this)], this, last, width=WIDTH,
                              drawn=month_progress(months, as_of)))


@settings(max_examples=60, deadline=None, derandomize=True, database=None)
@given(st.lists(st.tuples(st.integers(min_value=0, max_value=99999), st.integers(min_value=0, max_value=99999)),
                min_size=1, max_size=14))
def test_category_bar_labels_stay_apart_and_in_the_plot(fonts, rows) -> None:
    names = [f"类别{i}" for i in range(len(rows))]
    d = category_bars(fonts, names, [a for a, _b in rows], [b for _a, b in rows], width=WIDTH)
    labels = _value_labels(d)
    plot_right = max(ln.x1 for ln in d.contents if isinstance(ln, Line) and ln.x1 == ln.x2)
    for i, a in enumerate(labels):
        assert a.x1 <= plot_right + 0.01
        for b in labels[i + 1:]:
            assert not a.overlaps(b)
    assert len(labels) == sum(bool(a) + bool(b) for a, b in rows)  # none dropped: every bar has room


def test_a_period_not_yet_over_says_so_under_the_category_bars(fonts) -> None:
    assert period_note(date(2026, 12, 31), date(2026, 12, 7)) == "本期截至 12月7日"
    assert period_note(date(2026, 9, 30), date(2026, 12, 7)) == ""
    assert period_note(date(2026, 9, 30), date(2026, 9, 30)) == ""
    d = category_bars(fonts, ["群租"], [3], [5], width=WIDTH, note=period_note(date(2026, 12, 31), date(2026, 12, 7)))
    legend = [t for row in _text_rows(d, 9).values() for _l, _r, t in row if t != "群租"]
    assert legend == ["本期", "去年同期", "（本期截至 12月7日）"]
    lefts = sorted(left for row in _text_rows(d, 9).values() for left, _r, t in row if t != "群租")
    rights = sorted(r for row in _text_rows(d, 9).values() for _l, r, t in row if t != "群租")
    assert all(a < b for a, b in zip(rights, lefts[1:], strict=False))  # one line, not printed over each other
    assert rights[-1] <= WIDTH
