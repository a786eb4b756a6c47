"""pytest-qt: create a training in the dialog, paste attendees with Ctrl+V, mark attendance, print the sheet."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QDateTime, Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from controllers.core.context import AppContext
from controllers.storage.attachments import AttachmentInfo
from controllers.trainings import records as trainings
from controllers.trainings import stats as training_stats
from controllers.trainings.common import AttendeeInput, ExampleCase, kind_choices
from ui.trainings.dialog import TAB_ATTENDEES, TrainingDialog
from ui.trainings.models import (
    AttachmentModel,
    AttendeeGridModel,
    CompanyAttendanceModel,
    CompanyTrainingsModel,
    ExampleCaseModel,
    QuarterModel,
)
from ui.trainings.page import TrainingsPage

PASTE = "姓名\t单位\t职务\t电话\n张三\t甲单位\t经理\t13812345678\n\n李四\t乙单位\t\t\n王五\t\t\t12ab\n"


@pytest.fixture
def opened_urls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    urls: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: urls.append(url.toLocalFile()) or True)
    return urls


def test_create_paste_mark_and_print(shell_app: QApplication, qtbot, app_ctx: AppContext, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch, opened_urls: list[str]) -> None:
    page = TrainingsPage(app_ctx)
    qtbot.addWidget(page)
    page.show()
    dialog = page.open_dialog(None)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.title.setText("垃圾分类小讲堂")
    dialog.venue.setText("居委会活动室")
    dialog.starts.setDateTime(QDateTime(datetime(2025, 3, 5, 9, 0)))
    dialog.ends.setDateTime(QDateTime(datetime(2025, 3, 5, 11, 0)))

    dialog.tabs.setCurrentIndex(TAB_ATTENDEES)
    grid = dialog.grid
    QApplication.clipboard().setText(PASTE)
    grid.view.setFocus()
    qtbot.keyClick(grid.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert grid.model.rowCount() == 2
    assert grid.model.index(0, AttendeeGridModel.COL_PHONE).data() == "138****5678"  # masked on screen
    assert grid.errors.isVisible() and "第 5 行" in grid.errors.text()

    assert dialog.save().wait()
    saved = trainings.get_training(app_ctx, dialog.training_id)
    assert [(a.name, a.phone) for a in saved.attendees] == [("张三", "13812345678"), ("李四", None)]
    assert page.list_model.rowCount() == 1  # the page heard the data-changed signal

    # After the session: tick 张三 present; the head count follows on save.
    present = grid.model.index(0, AttendeeGridModel.COL_ATTENDED)
    assert grid.model.setData(present, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    out = tmp_path / "签到表.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), "PDF (*.pdf)"))
    dialog.print_sheet()  # saves the change first, then prints
    assert out.exists() and out.stat().st_size > 1000
    assert opened_urls == [str(out)]
    assert trainings.get_training(app_ctx, dialog.training_id).actual_count == 1


def test_validation_error_stays_in_dialog(shell_app: QApplication, qtbot, app_ctx: AppContext) -> None:
    dialog = TrainingDialog(app_ctx)
    qtbot.addWidget(dialog)
    grid = dialog.grid
    grid.add_row()
    grid.model.setData(grid.model.index(0, AttendeeGridModel.COL_ORG), "只有单位")
    assert not dialog.save().wait()
    assert "请填写标题" in dialog.error.text()
    dialog.title.setText("培训")
    assert not dialog.save().wait()
    assert "第 1 行：请填写姓名" in dialog.error.text()
    assert dialog.tabs.currentIndex() == TAB_ATTENDEES
    assert trainings.list_trainings(app_ctx) == []


def test_import_cancelled_adds_nobody(shell_app: QApplication, qtbot, app_ctx: AppContext, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["姓名", "单位"])
    wb.active.append(["张三", "甲"])
    path = tmp_path / "名单.xlsx"
    wb.save(path)
    dialog = TrainingDialog(app_ctx)
    qtbot.addWidget(dialog)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Cancel)
    dialog.grid.import_file()
    assert dialog.grid.model.rowCount() == 0
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Ok)
    dialog.grid.import_file()
    assert [r.name for r in dialog.grid.rows()] == ["张三"]


def test_page_tabs_and_filters(shell_app: QApplication, qtbot, app_ctx: AppContext) -> None:
    kind = kind_choices(app_ctx)[0][0]
    for title, day in (("一月培训", 10), ("二月培训", 20)):
        trainings.create_training(app_ctx, trainings.TrainingInput(kind_id=kind, title=title,
                                                                   starts_at=datetime(2025, 1, day, 9, 0)))
    page = TrainingsPage(app_ctx)
    qtbot.addWidget(page)
    assert page.list_model.rowCount() == 2
    page.search.setText("一月")
    page.refresh_list()
    assert [r.title for r in page.list_model._rows] == ["一月培训"]
    page.tabs.setCurrentIndex(1)
    assert page.companies_model.rowCount() == len(training_stats.company_attendance(app_ctx))
    page.only_missing.setChecked(True)
    assert "无人参训" in page.companies_note.text()
    page.tabs.setCurrentIndex(2)
    assert page.quarter_model.rowCount() == 1
    assert page.quarter_model.index(0, 0).data() == "2025年第1季度"


def test_models_pass_the_model_tester(shell_app: QApplication, qtmodeltester, app_ctx: AppContext) -> None:
    kind = kind_choices(app_ctx)[0][0]
    trainings.create_training(app_ctx, trainings.TrainingInput(
        kind_id=kind, title="培训", starts_at=datetime(2025, 1, 10, 9, 0), attendees=(AttendeeInput("张三"),)))
    page = TrainingsPage(app_ctx)
    qtmodeltester.check(page.list_model)
    companies = CompanyAttendanceModel()
    companies.set_rows([training_stats.CompanyAttendance(1, "甲物业", 2, 3, date(2025, 1, 1)),
                        training_stats.CompanyAttendance(2, "乙物业", 0, 0, None)])
    qtmodeltester.check(companies)
    attended = CompanyTrainingsModel()
    attended.set_rows([training_stats.CompanyTraining(1, date(2025, 1, 1), "物业企业培训", "培训", 2)])
    qtmodeltester.check(attended)
    quarters = QuarterModel()
    quarters.set_table(training_stats.quarterly_by_kind(app_ctx))
    qtmodeltester.check(quarters)
    cases = ExampleCaseModel()
    cases.set_rows([ExampleCase(1, "2025-长征-0001", "群租", "甲小区", "案情")])
    qtmodeltester.check(cases)
    files = AttachmentModel()
    files.set_rows([AttachmentInfo(1, "training", 1, "0" * 64, "a.pdf", "application/pdf", 2048, "材料", None,
                                   datetime(2025, 1, 1))])
    qtmodeltester.check(files)
    grid = AttendeeGridModel([(1, "甲物业")])
    grid.set_rows([AttendeeInput("张三", phone="13812345678", property_company_id=1), AttendeeInput("李四")])
    qtmodeltester.check(grid)
