"""投诉万人比 panel: the 本工作室 scope (the station's area from 设置) needs no name and narrows the figure."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from controllers.core.context import AppContext
from controllers.station import area as station
from tests.unit.complaint_fixtures import Ref
from tests.unit.test_per10k import ref  # noqa: F401  (fixture with complaints in 2025)
from ui.complaints.per10k_dialog import Per10kDialog


def test_station_scope_in_the_per10k_panel(shell_app: QApplication, qtbot, app_ctx: AppContext,
                                           ref: Ref) -> None:  # noqa: F811
    station.set_station_area(app_ctx, street="长征镇")
    dialog = Per10kDialog(app_ctx)
    qtbot.addWidget(dialog)
    dialog.period.setText("2025Q1")
    dialog.scope_kind.setCurrentIndex(dialog.scope_kind.findData("station"))
    assert dialog.scope_kind.currentText() == "本工作室"
    dialog.scope_name.clear()
    dialog.compute_button.click()
    text = dialog.result.text()
    # 梅岭小区 only (长征镇): 3 complaints in Q1 over 4,000 residents = 7.50 per 10,000.
    assert "本工作室" in text and "7.50 件/万人" in text, text
