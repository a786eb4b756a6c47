"""The four QtCharts of the dashboard; each sits in a frame that says 暂无数据 instead of drawing an empty chart.

The month still running (`running_month`) is never drawn as if complete: its bars are paler, its point is hollow
on a dashed segment, and the month axis' title says how far it goes (月份（本月截至 12月6日）).
"""

from __future__ import annotations

import math
from datetime import date

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QLineSeries,
    QScatterSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, QPointF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QApplication, QLabel, QStackedWidget, QVBoxLayout, QWidget

from controllers.briefs.months_drawn import month_progress
from controllers.dashboard.goals import ChartData
from ui.dashboard.axis_scale import nice_scale

CHART_HEIGHT = 300
PALETTE = ("#1565c0", "#ef6c00", "#2e7d32", "#c62828", "#6a1b9a", "#00838f", "#ad1457", "#5d4037", "#9e9d24",
           "#455a64", "#f9a825", "#283593", "#00695c", "#8d6e63")


def _font(size: int = 11, bold: bool = False) -> QFont:
    # The application font carries the bundled CJK family, so Chinese renders in the chart as in widgets.
    font = QFont(QApplication.font())
    font.setPixelSize(size)
    font.setBold(bold)
    return font


class ChartBox(QWidget):
    """A titled chart slot: the chart when there is data, a friendly empty note otherwise."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.view = QChartView()
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setMinimumHeight(CHART_HEIGHT)
        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setMinimumHeight(CHART_HEIGHT)
        self.empty.setObjectName("chartEmpty")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    def show_chart(self, chart: QChart | None, empty_text: str) -> None:
        if chart is None:
            self.empty.setText(f"{self.title}\n\n{empty_text}")
            self.stack.setCurrentWidget(self.empty)
            return
        chart.setTitle(self.title)
        chart.setTitleFont(_font(13, bold=True))
        if chart.legend().font().pixelSize() != 10:
            chart.legend().setFont(_font(11))
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.plotAreaChanged.connect(lambda area, c=chart: _fit_labels(c, area.width()))
        old = self.view.chart()
        self.view.setChart(chart)
        if old is not None:
            old.deleteLater()
        self.stack.setCurrentWidget(self.view)

    @property
    def showing_chart(self) -> bool:
        return self.stack.currentWidget() is self.view


def running_month(data: ChartData, through: date | None) -> tuple[int | None, str]:
    """(index of the chart year's month still running on `through`, its note 本月截至 12月6日) or (None, "")."""
    if through is None:
        return None, ""
    drawn = month_progress([(data.year, m) for m in range(1, 13)], through)
    return drawn.partial, drawn.note


def _month_title(title: str, note: str) -> str:
    return f"{title}（{note}）" if note else title


def _one_decimal(series: QBarSeries | QHorizontalBarSeries, top: float) -> None:
    """Value labels to one decimal place ("55.9", not "55.87"), so the two bars of a group keep theirs apart.

    Qt's precision counts significant digits: the integer digits of the largest value plus one.
    """
    series.setLabelsPrecision(max(1, int(math.log10(top)) + 1) + 1 if top >= 1 else 2)


def _fit_labels(chart: QChart, plot_width: float) -> None:
    """Keep every x label and every bar's value label readable as the chart is laid out (at each resize).

    QtCharts silently HIDES an x label that would touch its neighbour (the "2" of a narrow monthly chart), so the
    labels' font shrinks (to 8 px at least) until the widest fits its slot. A vertical bar's value label wider
    than its bar turns upright; if even upright it is thicker than the bar, the bars' labels are hidden (the
    value axis still reads them) rather than printed over each other.
    """
    for axis in chart.axes(Qt.Orientation.Horizontal):
        if not isinstance(axis, QBarCategoryAxis) or not axis.count():
            continue
        font = axis.labelsFont()
        size = 11
        while size > 8 and _widest(font, size, axis.categories()) + 6 > plot_width / axis.count():
            size -= 1
        if font.pixelSize() != size:
            font.setPixelSize(size)
            axis.setLabelsFont(font)
        for series in chart.series():
            if isinstance(series, QBarSeries) and series.barSets():
                _fit_bar_labels(series, plot_width / axis.count() * series.barWidth() / len(series.barSets()))


def _widest(font: QFont, size: int, texts: list[str]) -> int:
    font = QFont(font)
    font.setPixelSize(size)
    metrics = QFontMetrics(font)
    return max((metrics.horizontalAdvance(t) for t in texts), default=0)


def _fit_bar_labels(series: QBarSeries, bar_width: float) -> None:
    sets = series.barSets()
    texts = [f"{v:.{series.labelsPrecision()}g}" for b in sets for v in (b.at(i) for i in range(b.count()))]
    metrics = QFontMetrics(sets[0].labelFont())
    upright = max((metrics.horizontalAdvance(t) for t in texts), default=0) + 4 > bar_width
    series.setLabelsAngle(-90 if upright else 0)
    series.setLabelsVisible(not upright or metrics.height() + 2 <= bar_width)


def _axis_x(labels: list[str], title: str = "") -> QBarCategoryAxis:
    axis = QBarCategoryAxis()
    axis.append(labels)
    axis.setLabelsFont(_font(11))
    axis.setTruncateLabels(False)  # estate names and months must be read whole, never "1…"
    if title:
        axis.setTitleText(title)
        axis.setTitleFont(_font(11))
    return axis


def _axis_y(top: float, title: str = "", room: float = 1.1, *, whole: bool = False) -> QValueAxis:
    """A value axis from 0 past `room` times the largest value (room for the labels at the bars' ends), its grid lines
    at round numbers (`whole`: counts, never a fraction)."""
    scale = nice_scale(top, room, whole=whole)
    axis = QValueAxis()
    axis.setRange(0, scale.upper)
    axis.setTickCount(scale.ticks)
    axis.setLabelsFont(_font(11))
    axis.setLabelFormat(f"%.{scale.decimals}f")
    if title:
        axis.setTitleText(title)
        axis.setTitleFont(_font(11))
    return axis


def cases_chart(data: ChartData, month_title: str, unit: str, through: date | None = None) -> QChart | None:
    """Cases found per month, stacked by category; the running month's bars paler."""
    if not data.has_cases:
        return None
    partial, note = running_month(data, through)
    at = data.months.index(partial + 1) if partial is not None and partial + 1 in data.months else None
    series = QStackedBarSeries()
    for i, s in enumerate(data.case_series):
        bar = QBarSet(s.name)
        bar.append([float(v) for v in s.counts])
        colour = QColor(PALETTE[i % len(PALETTE)])
        bar.setColor(colour)
        if at is not None:  # "selected" is Qt's only per-bar colour: the running month, drawn paler
            bar.setSelectedColor(colour.lighter(160))
            bar.selectBar(at)
        series.append(bar)
    chart = QChart()
    chart.addSeries(series)
    totals = [sum(s.counts[i] for s in data.case_series) for i in range(len(data.months))]
    x = _axis_x([str(m) for m in data.months], _month_title(month_title, note if at is not None else ""))
    y = _axis_y(max(totals or [0]), unit, whole=True)
    chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(x)
    series.attachAxis(y)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
    chart.legend().setFont(_font(10))
    return chart


def per10k_chart(data: ChartData, month_title: str, this_year: str, last_year: str, unit: str,
                 through: date | None = None, so_far: str = "") -> QChart | None:
    """Complaints per 10,000 residents per month: this year against last year.

    The running month is not joined to the whole months: a dashed segment (named `so_far` in the legend) leads
    to a hollow point, so its low figure reads as a month not yet over.
    """
    if not data.has_per10k:
        return None
    partial, note = running_month(data, through)
    if partial is not None and data.per10k_this_year[partial] is None:
        partial, note = None, ""
    chart = QChart()
    x = _axis_x([str(m) for m in range(1, 13)], _month_title(month_title, note))
    values = [v for v in data.per10k_this_year + data.per10k_last_year if v is not None]
    y = _axis_y(max(values or [0]), unit)
    chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
    for name, points, colour in ((this_year, data.per10k_this_year, PALETTE[0]),
                                 (last_year, data.per10k_last_year, "#9e9e9e")):
        line = QLineSeries()
        line.setName(name)
        line.setColor(QColor(colour))
        line.setPointsVisible(True)
        for i, v in enumerate(points):
            if v is not None and not (colour == PALETTE[0] and partial is not None and i >= partial):
                line.append(QPointF(i, v))  # category axis: x is the month's index
        chart.addSeries(line)
        line.attachAxis(x)
        line.attachAxis(y)
    if partial is not None:
        _running_point(chart, x, y, data.per10k_this_year, partial, so_far)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    return chart


def _running_point(chart: QChart, x: QBarCategoryAxis, y: QValueAxis, points: tuple[float | None, ...],
                   partial: int, name: str) -> None:
    """The running month: a dashed segment from the last whole month and a hollow point."""
    value = points[partial]
    assert value is not None
    dashed = QLineSeries()
    dashed.setName(name)
    pen = QPen(QColor(PALETTE[0]))
    pen.setStyle(Qt.PenStyle.DashLine)
    pen.setWidth(2)
    dashed.setPen(pen)
    before = points[partial - 1] if partial > 0 else None
    if before is not None:
        dashed.append(QPointF(partial - 1, before))
    dashed.append(QPointF(partial, value))
    hollow = QScatterSeries()
    hollow.setMarkerSize(10)
    hollow.setColor(QColor("white"))
    hollow.setBorderColor(QColor(PALETTE[0]))
    hollow.append(QPointF(partial, value))
    for series in (dashed, hollow):
        chart.addSeries(series)
        series.attachAxis(x)
        series.attachAxis(y)
    for marker in chart.legend().markers(hollow):  # the dashed line's legend entry names it once
        marker.setVisible(False)


def top_estates_chart(data: ChartData, unit: str) -> QChart | None:
    """The ten estates with the most complaints per 10,000 residents, highest at the top."""
    if not data.top_estates:
        return None
    ranked = list(reversed(data.top_estates))  # a horizontal bar chart draws its first category at the bottom
    bar = QBarSet(unit)
    bar.append([float(e.per10k or 0.0) for e in ranked])
    bar.setColor(QColor(PALETTE[1]))
    bar.setLabelColor(QColor("#333333"))
    series = QHorizontalBarSeries()
    series.append(bar)
    series.setLabelsVisible(True)
    series.setLabelsFormat("@value")
    # Beside the bar's end, dark: inside, a white label is taller than a thin bar and half of it vanishes.
    series.setLabelsPosition(QHorizontalBarSeries.LabelsPosition.LabelsOutsideEnd)
    _one_decimal(series, max(e.per10k or 0.0 for e in ranked))
    chart = QChart()
    chart.addSeries(series)
    y = _axis_x([e.name for e in ranked])
    x = _axis_y(max(e.per10k or 0.0 for e in ranked), room=1.25)
    chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
    chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(y)
    series.attachAxis(x)
    chart.legend().hide()
    return chart


def pilot_chart(data: ChartData, labels: tuple[str, str], this_year: str, last_year: str,
                unit: str) -> QChart | None:
    """Pilot estates against the rest: complaints per 10,000 residents this year and last year."""
    if not data.pilot or all(r.per10k is None for r in data.pilot):
        return None
    p_now, p_last, r_now, r_last = data.pilot
    # A side with no residents in either year has no estates in the view (a station made only of pilot estates):
    # no empty bar group for it.
    groups = [(label, now, last) for label, now, last in ((labels[0], p_now, p_last), (labels[1], r_now, r_last))
              if now.population or last.population]
    now_values = [float(now.per10k or 0.0) for _label, now, _last in groups]
    last_values = [float(last.per10k or 0.0) for _label, _now, last in groups]
    series = QBarSeries()
    for name, values, colour in ((this_year, now_values, PALETTE[0]), (last_year, last_values, "#9e9e9e")):
        bar = QBarSet(name)
        bar.append(values)
        bar.setColor(QColor(colour))
        series.append(bar)
    series.setLabelsVisible(True)
    series.setLabelsFormat("@value")
    top = max(float(r.per10k or 0.0) for r in data.pilot)
    _one_decimal(series, top)
    chart = QChart()
    chart.addSeries(series)
    x = _axis_x([label for label, _now, _last in groups])
    y = _axis_y(top, unit)
    chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(x)
    series.attachAxis(y)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    return chart
