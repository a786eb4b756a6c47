"""Issue 19's "Done when", as a clerk and a supervisor do it in the real main window: a morning's patrol of three
estates typed from the paper sheet by keyboard, two findings turned into a case and a referral from the patrol
window, coverage updated on 工作台, and the quarter's work brief showing 分级分类检查 by grade and by street."""

from __future__ import annotations

import re
import time
from datetime import date
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog

from controllers.core.context import AppContext
from controllers.inspections.coverage import coverage
from controllers.inspections.patrols import get_patrol
from tests.unit.case_fixtures import make_staff
from tests.unit.inspection_fixtures import graded_estate
from ui.case_detail.window import CaseWindow
from ui.dashboard.page import DashboardPage
from ui.inspections import entry_form
from ui.inspections.page import InspectionsPage
from ui.inspections.patrol_window import PatrolWindow
from ui.shell.main_window import MainWindow
from ui.stats.page import StatsPage

from tests.ui.test_inspections_page import type_the_morning_sheet  # isort: skip

SHOTS = Path("/tmp/s8-i19r")


def _dashboard_after_refresh(qtbot, window: MainWindow) -> DashboardPage:
    dashboard = window.select_page("dashboard")
    assert isinstance(dashboard, DashboardPage)
    qtbot.waitUntil(lambda: dashboard.ready and dashboard.status.text() == "", timeout=30_000)
    return dashboard


def test_a_morning_patrol_to_cases_coverage_and_the_brief(main_window: MainWindow, qtbot, app_ctx: AppContext,
                                                          pin_clock, monkeypatch, tmp_path: Path) -> None:
    pin_clock(date(2025, 3, 10))
    route = [graded_estate(app_ctx, "梅岭小区", "A"), graded_estate(app_ctx, "桃源小区", "B"),
             graded_estate(app_ctx, "金桥苑", "C")]
    make_staff(app_ctx, "王队员"), make_staff(app_ctx, "李队员")
    window = main_window
    window.resize(1366, 768)
    dashboard = _dashboard_after_refresh(qtbot, window)
    before = dashboard.snapshot.work.inspections.totals

    # The clerk: 巡查检查 → 新建巡查记录, the sheet typed in, saved with Ctrl+Enter.
    page = window.select_page("inspections")
    assert isinstance(page, InspectionsPage)
    typed: dict[str, object] = {}
    started = time.perf_counter()

    def type_sheet(dialog: entry_form.PatrolEntryDialog) -> int:
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.activateWindow()
        typed["keys"] = type_the_morning_sheet(qtbot, dialog, route).count
        return int(dialog.result())

    monkeypatch.setattr(entry_form.PatrolEntryDialog, "exec", type_sheet)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert typed["keys"] == 144
    qtbot.waitUntil(lambda: page.patrol_model.rowCount() == 1)
    patrol_id = page.selected_patrol()
    assert patrol_id is not None and get_patrol(app_ctx, patrol_id).kind == "分级分类检查"

    # Enter on the list opens the patrol; 立案 for the roof, 移交 for the gas pipe (C99, not ours).
    page.patrol_view.setFocus()
    qtbot.keyClick(page.patrol_view, Qt.Key.Key_Return)
    patrol = next(w for w in QApplication.topLevelWidgets() if isinstance(w, PatrolWindow) and w.isVisible())
    patrol.view.selectRow(0)
    qtbot.mouseClick(patrol.case_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not patrol.busy(), timeout=20_000)
    assert patrol.model.row_at(0)[1].case_number is not None, patrol.result.text()
    patrol.view.selectRow(1)
    monkeypatch.setattr(QInputDialog, "getItem", lambda parent, title, label, items, *a: (items[0], True))
    qtbot.mouseClick(patrol.referral_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not patrol.busy(), timeout=20_000)
    assert patrol.model.row_at(1)[1].referral_id is not None, patrol.result.text()
    seconds = time.perf_counter() - started
    assert [patrol.model.row_at(i)[1].outcome for i in range(3)] == ["立案", "移交", None]
    SHOTS.mkdir(parents=True, exist_ok=True)
    patrol.grab().save(str(SHOTS / "done_when_patrol.png"))
    patrol.view.selectRow(0)
    qtbot.mouseClick(patrol.open_button, Qt.MouseButton.LeftButton)
    case = next(w for w in QApplication.topLevelWidgets() if isinstance(w, CaseWindow) and w.isVisible())
    assert f"巡查记录 #{patrol_id}" in case.summary.text() and case.patrol_button.isVisible()
    case.close()
    patrol.close()

    # 工作台: the tile counts the inspection now.
    dashboard = _dashboard_after_refresh(qtbot, window)
    after = dashboard.snapshot.work.inspections.totals
    assert after.done > before.done and after == coverage(app_ctx, dashboard.snapshot.work.inspections.period).totals
    assert dashboard.inspection_tile.actual.text() == str(after.done)
    window.grab().save(str(SHOTS / "done_when_dashboard.png"))

    # The supervisor: 统计简报 → 2025 Q1 work brief, saved and read back.
    stats = window.select_page("stats")
    assert isinstance(stats, StatsPage)
    stats.period_kind.setCurrentIndex(stats.period_kind.findData("quarter"))
    stats.year.setValue(2025)
    stats.quarter.setCurrentIndex(0)
    stats.scope_kind.setCurrentIndex(stats.scope_kind.findData("district"))
    qtbot.mouseClick(stats.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(stats.wait_idle, timeout=60_000)
    assert stats.result is not None
    target = tmp_path / "2025Q1.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PDF"))
    qtbot.mouseClick(stats.save_button, Qt.MouseButton.LeftButton)
    text = re.sub(r"\s+", "", "".join(p.extract_text() or "" for p in PdfReader(target).pages))
    section = text[text.index("七、分级分类检查"):]
    assert "按分级" in section and "按街镇" in section
    assert all(grade in section for grade in ("A级", "B级", "C级")) and "长征镇" in section
    assert "立案1项" in section and "线索移交1项" in section
    print(f"patrol entry: {typed['keys']} keys; sheet to case and referral in {seconds:.1f} s (offscreen)")
