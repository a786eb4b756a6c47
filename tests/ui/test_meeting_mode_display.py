"""Meeting mode as the room sees it under the real theme: overdue cases in red, training titles never cut."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics

from controllers.core.context import AppContext
from controllers.meetings.meeting_mode import MeetingTraining, scope_choices
from tests.unit.test_dashboard import TODAY, Built, build
from ui.meeting_mode.window import MeetingModeWindow

LONG_TITLES = ("飞线充电火灾案例警示教育暨电动自行车安全充电进楼入户宣传", "住宅小区装修管理实务培训", "群租整治")


@pytest.fixture
def window(shell_app, qtbot, app_ctx: AppContext, pin_clock) -> MeetingModeWindow:
    pin_clock(TODAY)
    built: Built = build(app_ctx)
    assert built
    choice = next(c for c in scope_choices(app_ctx) if c.kind == "committee" and c.name == "甲居委会")
    win = MeetingModeWindow(app_ctx, choice)
    qtbot.addWidget(win)
    win.resize(1366, 768)  # the smallest screen the stations have
    win.show()
    qtbot.waitExposed(win)
    return win


def test_overdue_cases_are_marked_under_the_theme(window: MeetingModeWindow) -> None:
    """Overdue lines carry the house warning tint (the theme hides red text; see ui/common/tints.py)."""
    view, model = window.case_table, window.case_model
    rows = model.rows()
    assert any(r.overdue for r in rows) and not all(r.overdue for r in rows)
    image = view.viewport().grab().toImage()
    for r, row in enumerate(rows):
        cell = view.visualRect(model.index(r, 0))
        c = image.pixelColor(cell.right() - 3, cell.top() + 3)  # background, away from the text
        assert (c.red() > c.green() + 30) == row.overdue, row.number


def assert_whole(view, col: int) -> None:
    """Every cell of the column is shown whole: no elision, and its wrapped text fits the cell (less the item
    padding) in the row's height."""
    metrics = QFontMetrics(view.font())
    model = view.model()
    for r in range(model.rowCount()):
        shown = model.data(model.index(r, col))
        room = view.columnWidth(col) - 8
        needed = metrics.boundingRect(QRect(0, 0, room, 10_000), int(Qt.TextFlag.TextWordWrap), shown).height()
        assert view.rowHeight(r) >= needed, shown
    assert view.textElideMode() == Qt.TextElideMode.ElideNone and view.wordWrap()


def test_training_titles_are_shown_whole_at_1366(window: MeetingModeWindow, qtbot) -> None:
    window.training_model.set_rows([MeetingTraining(t, date(2026, 3, i + 1), "案例警示", 12)
                                    for i, t in enumerate(LONG_TITLES)])
    view, model = window.training_table, window.training_model
    qtbot.waitUntil(lambda: view.rowHeight(0) > view.rowHeight(2))  # the long title's row grew to fit
    for r, title in enumerate(LONG_TITLES):
        # whole, with its kind; nothing left for a tooltip only
        assert model.data(model.index(r, model.COL_TITLE)) == f"【案例警示】{title}"
    assert_whole(view, model.COL_TITLE)


def test_case_categories_are_shown_whole_at_1366(window: MeetingModeWindow, qtbot) -> None:
    from dataclasses import replace

    view, model = window.case_table, window.case_model
    longest = "其他（非城管执法事项，需移交相关部门）"
    model.set_rows([replace(model.rows()[0], category=longest), *model.rows()[1:]])
    qtbot.waitUntil(lambda: view.rowHeight(0) > view.rowHeight(1))  # the long category's row grew to fit
    assert model.data(model.index(0, model.COL_CATEGORY)) == longest
    assert_whole(view, model.COL_CATEGORY)
