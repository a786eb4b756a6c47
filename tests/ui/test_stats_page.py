"""统计简报 page: a preview is generated off the GUI thread and shown in the PDF view; save-as writes the file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from controllers.app import AppContext
from controllers.work_brief import issued_numbers
from tests.unit.case_fixtures import new_case
from ui.stats.page import StatsPage


def _page(qtbot, app_ctx: AppContext) -> StatsPage:
    page = StatsPage(app_ctx)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    return page


def test_work_brief_preview_and_save(shell_app: QApplication, qtbot, app_ctx: AppContext, tmp_path: Path,
                                     monkeypatch) -> None:
    page = _page(qtbot, app_ctx)
    page.period_kind.setCurrentIndex(page.period_kind.findData("quarter"))
    page.year.setValue(2025)
    page.quarter.setCurrentIndex(0)
    assert page.period_text() == "2025Q1" and page.scope_text() == "district"
    with qtbot.waitSignal(page.document.statusChanged, timeout=20000):
        page.preview_button.click()
        qtbot.waitUntil(page.wait_idle, timeout=20000)
    qtbot.waitUntil(lambda: page.document.pageCount() > 0, timeout=5000)
    assert page.result is not None and page.result.number is None  # a preview takes no number
    assert issued_numbers(app_ctx, page.result_year()) == []
    assert page.save_button.isEnabled() and page.print_button.isEnabled()
    target = tmp_path / "简报.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PDF"))
    page.save_as()
    assert target.read_bytes().startswith(b"%PDF-")


def test_official_brief_takes_a_number(shell_app: QApplication, qtbot, app_ctx: AppContext, monkeypatch) -> None:
    page = _page(qtbot, app_ctx)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.formal_button.click()
    qtbot.waitUntil(page.wait_idle, timeout=20000)
    assert page.result is not None and page.result.number == 1
    assert issued_numbers(app_ctx, page.result_year()) == [1]


def test_case_brief_and_unknown_number(shell_app: QApplication, qtbot, app_ctx: AppContext, tmp_path: Path) -> None:
    case = new_case(app_ctx)
    page = _page(qtbot, app_ctx)
    page.kind.setCurrentIndex(page.kind.findData("case"))
    page.case_number.setText("2099-长征-9999")
    page.preview_button.click()
    assert "没有编号" in page.status.text() and page.result is None
    page.case_number.setText(case.number)
    page.preview_button.click()
    qtbot.waitUntil(page.wait_idle, timeout=20000)
    qtbot.waitUntil(lambda: page.document.pageCount() > 0, timeout=5000)
    assert page.result is not None and case.number in page.result.title
