"""A case opened from a patrol's finding and the patrol, each opened from the other by a click: the patrol shows
what the finding became and opens the case; the case names the patrol it came from and opens it again."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from controllers.core.context import AppContext
from tests.unit.case_fixtures import new_case
from tests.unit.inspection_fixtures import graded_estate, morning_patrol
from ui.case_detail.window import CaseWindow, open_case
from ui.inspections.patrol_window import PatrolWindow, open_patrol


def _top(kind: type) -> list:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]


def test_case_and_patrol_open_each_other(shell_app: QApplication, qtbot, app_ctx: AppContext, pin_clock) -> None:
    pin_clock(date(2025, 3, 10))
    route = [graded_estate(app_ctx, "梅岭小区", "A"), graded_estate(app_ctx, "桃源小区", "B")]
    patrol = morning_patrol(app_ctx, route)
    window = open_patrol(app_ctx, patrol.id)
    window.view.selectRow(0)  # C05 on the roof of 梅岭小区
    operation = window.to_case()
    assert operation is not None
    qtbot.waitUntil(lambda: not operation.running)
    line = window.model.row_at(0)[1]
    assert line.case_number and window.model.data(window.model.index(0, window.model.COL_BECAME)) == \
        f"立案 · {line.case_number}"

    qtbot.mouseClick(window.open_button, Qt.MouseButton.LeftButton)  # patrol -> case
    case_window = next(w for w in _top(CaseWindow) if w.case_id == line.case_id)
    qtbot.addWidget(case_window)
    assert f"巡查记录 #{patrol.id}" in case_window.summary.text()
    assert case_window.patrol_button.isVisible()

    window.close()  # the patrol window goes (the case window stays); the case opens it again
    qtbot.waitUntil(lambda: not _top(PatrolWindow))
    assert case_window.isVisible()
    qtbot.mouseClick(case_window.patrol_button, Qt.MouseButton.LeftButton)  # case -> patrol
    again = _top(PatrolWindow)
    assert [w.patrol_id for w in again] == [patrol.id]
    again[0].close()
    assert again[0].model.row_at(0)[1].case_id == line.case_id  # and it shows what the finding became


def test_a_case_not_from_a_patrol_offers_no_patrol(shell_app: QApplication, qtbot, app_ctx: AppContext) -> None:
    case = new_case(app_ctx, graded_estate(app_ctx, "梅岭小区", "A"))
    open_case(app_ctx, case.id)
    window = next(w for w in _top(CaseWindow) if w.case_id == case.id)
    qtbot.addWidget(window)
    assert window.patrol_id is None and not window.patrol_button.isVisible()
    assert "巡查记录" not in window.summary.text()
