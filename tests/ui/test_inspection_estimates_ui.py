"""The 工作台 tile and the coverage page mark due dates the working-day calendar only estimates, as the case and
complaint lists mark theirs: ≈ before the figure and the calendar's note in the tooltip and the totals line."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from controllers.core.context import AppContext
from controllers.core.workdays import ESTIMATE_MARK, ESTIMATE_NOTE, seeded_years
from tests.unit.inspection_fixtures import graded_estate
from ui.dashboard.page import DashboardPage
from ui.inspections.models import CoverageModel
from ui.inspections.page import InspectionsPage

NEXT = max(seeded_years()) + 1


def test_tile_and_coverage_page_carry_the_estimate_note(shell_app, qtbot, app_ctx: AppContext, pin_clock) -> None:
    pin_clock(date(NEXT, 1, 20))  # the year came and nobody entered its holidays
    graded_estate(app_ctx, "梅岭小区", "A")
    dashboard = DashboardPage(app_ctx)
    qtbot.addWidget(dashboard)
    dashboard.show()
    assert dashboard.wait_until_ready()
    tile = dashboard.inspection_tile
    assert ESTIMATE_MARK in tile.due.text() and ESTIMATE_NOTE in tile.toolTip()
    asked: list[object] = []
    dashboard.listRequested.connect(lambda _key, f: asked.append(f))
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    page = InspectionsPage(app_ctx)
    qtbot.addWidget(page)
    page.show()
    page.apply_filter(asked[0])  # type: ignore[arg-type]
    assert ESTIMATE_NOTE in page.totals_label.text()
    model = page.coverage_model
    assert model.data(model.index(0, CoverageModel.COL_DUE), Qt.ItemDataRole.ToolTipRole) == ESTIMATE_NOTE
    assert model.data(model.index(0, CoverageModel.COL_DONE), Qt.ItemDataRole.ToolTipRole) != ESTIMATE_NOTE
