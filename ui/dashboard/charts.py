"""The four QtCharts of the dashboard; each sits in a frame that says 暂无数据 instead of drawing an empty chart."""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QLineSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, QPointF, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QApplication, QLabel, QStackedWidget, QVBoxLayout, QWidget

from controllers.dashboard.goals import ChartData

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
        old = self.view.chart()
        self.view.setChart(chart)
        if old is not None:
            old.deleteLater()
        self.stack.setCurrentWidget(self.view)

    @property
    def showing_chart(self) -> bool:
        return self.stack.currentWidget() is self.view


def _axis_x(labels: list[str], title: str = "") -> QBarCategoryAxis:
    axis = QBarCategoryAxis()
    axis.append(labels)
    axis.setLabelsFont(_font(11))
    axis.setTruncateLabels(False)  # estate names and months must be read whole, never "1…"
    if title:
        axis.setTitleText(title)
        axis.setTitleFont(_font(11))
    return axis


def _axis_y(top: float, title: str = "") -> QValueAxis:
    axis = QValueAxis()
    axis.setRange(0, top * 1.1 if top > 0 else 1)
    axis.setLabelsFont(_font(11))
    axis.setLabelFormat("%.0f" if top >= 10 else "%.1f")
    if title:
        axis.setTitleText(title)
        axis.setTitleFont(_font(11))
    return axis


def cases_chart(data: ChartData, month_title: str, unit: str) -> QChart | None:
    """Cases found per month, stacked by category."""
    if not data.has_cases:
        return None
    series = QStackedBarSeries()
    for i, s in enumerate(data.case_series):
        bar = QBarSet(s.name)
        bar.append([float(v) for v in s.counts])
        bar.setColor(QColor(PALETTE[i % len(PALETTE)]))
        series.append(bar)
    chart = QChart()
    chart.addSeries(series)
    totals = [sum(s.counts[i] for s in data.case_series) for i in range(len(data.months))]
    x = _axis_x([str(m) for m in data.months], month_title)
    y = _axis_y(max(totals or [0]), unit)
    chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(x)
    series.attachAxis(y)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
    chart.legend().setFont(_font(10))
    return chart


def per10k_chart(data: ChartData, month_title: str, this_year: str, last_year: str, unit: str) -> QChart | None:
    """Complaints per 10,000 residents per month: this year against last year."""
    if not data.has_per10k:
        return None
    chart = QChart()
    x = _axis_x([str(m) for m in range(1, 13)], month_title)
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
            if v is not None:
                line.append(QPointF(i, v))  # category axis: x is the month's index
        chart.addSeries(line)
        line.attachAxis(x)
        line.attachAxis(y)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    return chart


def top_estates_chart(data: ChartData, unit: str) -> QChart | None:
    """The ten estates with the most complaints per 10,000 residents, highest at the top."""
    if not data.top_estates:
        return None
    ranked = list(reversed(data.top_estates))  # a horizontal bar chart draws its first category at the bottom
    bar = QBarSet(unit)
    bar.append([float(e.per10k or 0.0) for e in ranked])
    bar.setColor(QColor(PALETTE[1]))
    series = QHorizontalBarSeries()
    series.append(bar)
    series.setLabelsVisible(True)
    series.setLabelsFormat("@value")
    chart = QChart()
    chart.addSeries(series)
    y = _axis_x([e.name for e in ranked])
    x = _axis_y(max(e.per10k or 0.0 for e in ranked))
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
    chart = QChart()
    chart.addSeries(series)
    x = _axis_x([label for label, _now, _last in groups])
    y = _axis_y(max(float(r.per10k or 0.0) for r in data.pilot), unit)
    chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(x)
    series.attachAxis(y)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    return chart
