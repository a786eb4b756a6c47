"""发现问题 lines stand out in the house's warning tint under the real theme (whose stylesheet hides a model's own
text colours): the checklist being typed, and a patrol's findings still waiting for a decision. Checked on the
pixels drawn, not only on the model's data."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QTableView

from controllers.core.context import AppContext
from tests.unit.inspection_fixtures import graded_estate, morning_patrol
from ui.common.tints import WARNING_TINT
from ui.inspections.checklist_table import COL_NOTE, COL_RESULT, FOUND, NORMAL, ChecklistTable
from ui.inspections.patrol_window import PatrolWindow

SHOTS = Path("/tmp/s8-i19r")


def _reddish(image: QImage, view: QTableView, row: int, column: int) -> bool:
    """The drawn colour a few pixels inside the cell, away from its text: red well above green and blue."""
    rect = view.visualRect(view.model().index(row, column))
    offset = view.viewport().mapTo(view, rect.topLeft())
    c = QColor(image.pixel(offset.x() + rect.width() - 3, offset.y() + 3))
    return c.red() - max(c.green(), c.blue()) > 25


def test_a_finding_line_of_the_checklist_is_tinted(shell_app: QApplication, qtbot) -> None:
    table = ChecklistTable([(1, "C01 乱张贴"), (2, "C05 违法搭建"), (3, "C07 毁绿占绿")])
    qtbot.addWidget(table)
    table.resize(700, 200)
    table.show()
    table.mark(1, FOUND)
    table.mark(2, NORMAL)
    assert table.item(1, COL_NOTE).background().color() == WARNING_TINT
    image = table.grab().toImage()
    assert [_reddish(image, table, r, COL_NOTE) for r in range(3)] == [False, True, False]
    assert _reddish(image, table, 1, COL_RESULT)
    table.mark(1, NORMAL)  # corrected: plain again
    assert not _reddish(table.grab().toImage(), table, 1, COL_NOTE)


def test_pending_findings_of_a_patrol_are_tinted_until_handled(shell_app: QApplication, qtbot, app_ctx: AppContext,
                                                               pin_clock) -> None:
    pin_clock(date(2025, 3, 10))
    route = [graded_estate(app_ctx, "梅岭小区", "A"), graded_estate(app_ctx, "桃源小区", "B")]
    window = PatrolWindow(app_ctx, morning_patrol(app_ctx, route).id)
    qtbot.addWidget(window)
    window.resize(1100, 600)
    window.show()
    window.view.clearSelection()  # the selection's own colour would cover the tint
    view = window.view
    assert all(_reddish(view.grab().toImage(), view, r, 3) for r in range(3))
    window.view.selectRow(2)
    operation = window.to_fixed()
    assert operation is not None
    qtbot.waitUntil(lambda: not operation.running)
    window.view.clearSelection()
    image = view.grab().toImage()
    fixed = next(r for r in range(3) if window.model.row_at(r)[1].outcome)
    assert [_reddish(image, view, r, 3) for r in range(3)] == [r != fixed for r in range(3)]
    SHOTS.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(SHOTS / "patrol_findings_tint.png"))
