"""工作台's charts on an office screen: the running month is marked (axis title, dashed segment, hollow point, paler
bars), every month label shows, and no two value labels overlap – read from the charts' scene items, not pixels."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCharts import QChart, QLineSeries, QScatterSeries, QStackedBarSeries
from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtWidgets import QApplication, QGraphicsTextItem

from controllers.core.context import AppContext
from controllers.dashboard.goals import ChartData, EstateRatio
from tests.ui.test_desk_fits import DESK, _desk, built  # noqa: F401 (built: the fixture, data of 2026-03-15)
from ui.dashboard.charts import ChartBox, per10k_chart, pilot_chart

SCREENS = [DESK, QSize(1920, 1040)]
IDS = ["1366x768", "1920x1080"]
NOTE = "本月截至 3月15日"  # tests.unit.test_dashboard.TODAY is 2026-03-15


def _texts(box: ChartBox) -> list[tuple[str, QRectF]]:
    """The chart's visible texts (axis labels, titles, value labels) with their scene rectangles."""
    out = []
    for item in box.view.scene().items():
        if item.type() != 8 or not item.isVisible():  # QGraphicsTextItem::Type; QtCharts' own classes
            continue
        obj = item.toGraphicsObject()
        text = shiboken6.wrapInstance(shiboken6.getCppPointer(obj)[0], QGraphicsTextItem).toPlainText()
        if text:
            out.append((text, item.sceneBoundingRect()))
    return out


def _apart(rects: list[QRectF]) -> bool:
    return all(not a.intersects(b) for i, a in enumerate(rects) for b in rects[i + 1:])


def _chart(box: ChartBox) -> QChart:
    chart = box.view.chart()
    assert chart is not None and box.showing_chart
    return chart


@pytest.mark.usefixtures("built")
@pytest.mark.parametrize("size", SCREENS, ids=IDS)
def test_every_month_label_shows_and_value_labels_stay_apart(shell_app, qtbot, app_ctx: AppContext,
                                                            size: QSize) -> None:
    _window, page = _desk(qtbot, app_ctx, size)
    for box in (page.per10k_chart, page.case_chart):
        months = [c for c in _chart(box).axes(Qt.Orientation.Horizontal)[0].categories()]
        shown = {t: r for t, r in _texts(box) if t in months}
        assert sorted(shown) == sorted(months), f"{box.title}: hidden {set(months) - set(shown)}"
        assert _apart(list(shown.values()))
    pilot = _chart(page.pilot_chart)
    values = [t for t, _r in _texts(page.pilot_chart) if t.replace(".", "").isdigit()]
    labels = [r for t, r in _texts(page.pilot_chart) if t in values and r.y() > 40]
    assert pilot.series() and _apart(labels)
    plot = _chart(page.top_chart).mapToScene(_chart(page.top_chart).plotArea()).boundingRect()
    top = [r for _t, r in _texts(page.top_chart)  # the bar labels: in the plot's height, right of its left edge
           if plot.top() < r.center().y() < plot.bottom() and r.left() >= plot.left()]
    estates = _chart(page.top_chart).series()[0].barSets()[0].count()
    assert estates and len(top) == estates and _apart(top)
    assert all(plot.contains(r) for r in top)  # inside the plot, not cut at its edge
    chart = _chart(page.top_chart)
    bars = chart.series()[0]
    for i in range(estates):  # beside the bar's end (dark on white), not a white label taller than its bar
        end = chart.mapToScene(chart.mapToPosition(QPointF(bars.barSets()[0].at(i), i), bars))
        row = end.y()
        label = min(top, key=lambda r, row=row: abs(r.center().y() - row))
        assert label.left() >= end.x() - 0.5


@pytest.mark.usefixtures("built")
def test_the_running_month_is_marked_not_drawn_as_whole(shell_app, qtbot, app_ctx: AppContext) -> None:
    _window, page = _desk(qtbot, app_ctx)
    per10k = _chart(page.per10k_chart)
    assert per10k.axes(Qt.Orientation.Horizontal)[0].titleText() == f"月份（{NOTE}）"
    lines = [s for s in per10k.series() if isinstance(s, QLineSeries) and not isinstance(s, QScatterSeries)]
    this_year = next(s for s in lines if s.name() == "今年")
    assert all(p.x() < 2 for p in this_year.points())  # January and February only: March is still running
    dashed = next(s for s in lines if s.name() == "本月（未满整月）")
    assert dashed.pen().style() == Qt.PenStyle.DashLine and dashed.points()[-1].x() == 2
    hollow = next(s for s in per10k.series() if isinstance(s, QScatterSeries))
    assert [p.x() for p in hollow.points()] == [2] and hollow.color().name() == "#ffffff"
    assert not any(m.isVisible() for m in per10k.legend().markers(hollow))
    assert any(t == f"月份（{NOTE}）" for t, _r in _texts(page.per10k_chart))  # drawn, not clipped away

    cases = _chart(page.case_chart)
    march = list(cases.axes(Qt.Orientation.Horizontal)[0].categories()).index("3")
    assert cases.axes(Qt.Orientation.Horizontal)[0].titleText() == f"月份（{NOTE}）"
    bars = [b for s in cases.series() if isinstance(s, QStackedBarSeries) for b in s.barSets()]
    assert bars and all(b.selectedBars() == [march] for b in bars)
    assert all(b.selectedColor() != b.color() for b in bars)


def _boxed(qtbot, title: str, chart: QChart | None, width: int) -> ChartBox:
    box = ChartBox(title)
    qtbot.addWidget(box)
    box.show_chart(chart, "")
    box.resize(width, 300)
    box.show()
    qtbot.waitExposed(box)
    QApplication.processEvents()
    return box


def _district(year: int = 2026) -> ChartData:
    """District-sized ratios: four-digit values with two decimals, close to each other."""
    pilot = (EstateRatio("试点小区", 12345, 100_000, 1234.56), EstateRatio("试点小区", 11987, 100_000, 1198.77),
             EstateRatio("其他小区", 98765, 800_000, 1234.57), EstateRatio("其他小区", 97654, 800_000, 1220.68))
    per10k = tuple(float(1000 + m) for m in range(12))
    return ChartData(year, (), (), per10k, per10k, (), pilot)


@pytest.mark.parametrize("width", [260, 380])
def test_a_narrow_chart_keeps_every_month_and_the_pilot_labels_apart(shell_app, qtbot, width: int) -> None:
    data = _district()
    months = [str(m) for m in range(1, 13)]
    line = _boxed(qtbot, "各月投诉万人比", per10k_chart(data, "月份", "今年", "去年", "件/万人"), width)
    shown = {t: r for t, r in _texts(line) if t in months}
    assert sorted(shown) == sorted(months) and _apart(list(shown.values()))
    pilot = pilot_chart(data, ("试点小区", "其他小区"), "今年", "去年", "件/万人")
    bars = _boxed(qtbot, "试点小区与其他小区对比", pilot, width)
    values = [r for t, r in _texts(bars) if "." in t]
    assert len(values) == 4 and _apart(values)
