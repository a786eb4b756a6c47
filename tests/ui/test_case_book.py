"""pytest-qt: the case book page counts, filters, searches, sorts, windows, remembers its columns and exports."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from controllers.cases.listing import CaseFilter, count_cases
from tests.unit.case_list_data import add_case, reference_ids
from ui.cases.page import CaseBookPage
from ui.cases.table_model import CaseTableModel
from ui.common.events import Change, notify
from ui.common.rows_model import ID_ROLE, ROW_ROLE


@pytest.fixture
def ref(app_ctx, pin_clock):
    pin_clock(date(2025, 9, 30))
    ref = reference_ids(app_ctx)
    add_case(app_ctx, ref, status="责令整改", found=date(2025, 8, 1), deadline=date(2025, 9, 29), facts="违法搭建")
    add_case(app_ctx, ref, street=1, status="复查", found=date(2025, 9, 1), deadline=date(2025, 10, 10),
             facts="群租隔断")
    add_case(app_ctx, ref, status="结案", found=date(2025, 1, 5), facts="占用楼道")
    return ref


@pytest.fixture
def page(shell_app, qtbot, app_ctx, ref) -> CaseBookPage:
    page = CaseBookPage(app_ctx, None)
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    qtbot.waitExposed(page)
    return page


def shown_ids(page: CaseBookPage) -> list[int]:
    m = page.model
    return [m.data(m.index(r, 0), ID_ROLE) for r in range(m.rowCount())]


def test_page_shows_the_count_and_rows(page):
    assert page.count_label.text() == "共 3 件"
    assert page.model.rowCount() == 3
    assert page.model.headerData(0, Qt.Orientation.Horizontal) == "案件编号"


def test_filters_and_search_change_the_rows(page, app_ctx, ref):
    page.filters.set_statuses(("责令整改", "复查"))
    assert page.model.rowCount() == 2 and page.count_label.text() == "共 2 件"
    page.filters.street.setCurrentIndex(page.filters.street.findData(ref["streets"][1][0]))
    assert page.model.rowCount() == 1
    page.filters.clear()
    assert page.model.rowCount() == 3
    page.search.setText("搭建")
    page.apply_filters()  # what the debounce timer does after a pause in typing
    assert page.model.rowCount() == 1
    assert page.model.data(page.model.index(0, 0), ROW_ROLE).status == "责令整改"
    page.search.setText("没有这种案件")
    page.apply_filters()
    assert page.stack.currentWidget() is page.empty
    assert page.empty.headline.text() == "没有符合筛选条件的记录"
    assert page.empty.link("清除筛选").isVisible()


def test_search_waits_for_a_pause_in_typing(page, qtbot):
    page.search.setText("群租")
    assert page.model.rowCount() == 3  # not yet: the timer is running
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=3000)


def test_flags_and_deadline_colours(page):
    page.filters.overdue.setChecked(True)
    assert page.model.rowCount() == 1
    deadline = page.model.index(0, CaseTableModel.COL_DEADLINE)
    assert "逾期1个工作日" in page.model.data(deadline)
    assert page.model.data(deadline, Qt.ItemDataRole.BackgroundRole) is not None
    page.filters.overdue.setChecked(False)
    page.filters.due_soon.setChecked(True)
    assert "剩2个工作日" in page.model.data(page.model.index(0, CaseTableModel.COL_DEADLINE))


def test_clicking_a_header_sorts_by_a_new_query(page, qtbot):
    header = page.view.horizontalHeader()
    header.setSortIndicator(CaseTableModel.COL_FOUND, Qt.SortOrder.AscendingOrder)
    found = [page.model.data(page.model.index(r, CaseTableModel.COL_FOUND)) for r in range(3)]
    assert found == sorted(found)
    header.setSortIndicator(CaseTableModel.COL_FOUND, Qt.SortOrder.DescendingOrder)
    assert [page.model.data(page.model.index(r, CaseTableModel.COL_FOUND)) for r in range(3)] == found[::-1]


def test_model_passes_the_model_tester_and_windows_a_long_list(qtmodeltester, app_ctx, ref):
    for i in range(330):
        add_case(app_ctx, ref, found=date(2024, 1, 1 + i % 28), status="登记")
    model = CaseTableModel(app_ctx)
    model.reload()
    assert model.rowCount() == count_cases(app_ctx, CaseFilter()) == 333
    qtmodeltester.check(model)
    assert model.loaded_rows() <= CaseTableModel.BLOCK * CaseTableModel.MAX_BLOCKS
    model.row_at(332)
    assert model.loaded_rows() < 333  # never the whole list


def test_column_layout_is_remembered(page, qtbot, app_ctx, shell_app):
    header = page.view.horizontalHeader()
    header.resizeSection(CaseTableModel.COL_PLACE, 333)
    header.setSortIndicator(CaseTableModel.COL_NUMBER, Qt.SortOrder.AscendingOrder)
    again = CaseBookPage(app_ctx, None)
    qtbot.addWidget(again)
    assert again.view.horizontalHeader().sectionSize(CaseTableModel.COL_PLACE) == 333
    assert (again.model.sort_key, again.model.descending) == ("number", False)


def test_export_through_the_page_runs_in_a_worker(page, qtbot, monkeypatch, tmp_path):
    from controllers.cases import export as case_list_export

    target = tmp_path / "台账"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: told.append(a[2]))
    on_main: list[bool] = []
    real = case_list_export.export_cases

    def watched(*args, **kwargs):
        on_main.append(threading.current_thread() is threading.main_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(case_list_export, "export_cases", watched)
    page.filters.set_statuses(("责令整改", "复查"))
    with qtbot.waitSignal(page.exported, timeout=30000) as done:
        page.export_excel()
        assert page.is_exporting() and not page.export_button.isEnabled()  # busy, and no second export meanwhile
        assert page.export_busy.isVisibleTo(page)
    assert on_main == [False]  # the rows were written off the GUI thread
    assert done.args == [2, str(target.with_suffix(".xlsx"))]
    rows = list(load_workbook(target.with_suffix(".xlsx")).active.iter_rows(values_only=True))
    assert "状态：责令整改、复查" in rows[1][0]
    assert len(rows) == 3 + 2
    assert told and "2" in told[0]
    assert not page.is_exporting() and page.export_button.isEnabled() and not page.export_busy.isVisibleTo(page)


def test_cancelling_an_export_writes_no_file_and_frees_the_button(page, qtbot, monkeypatch, tmp_path):
    from controllers.cases import export as case_list_export

    folder = tmp_path / "导出"
    folder.mkdir()
    target = folder / "台账.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: told.append(a[2]))
    may_start = threading.Event()
    real = case_list_export.export_cases

    def held(*args, **kwargs):  # the export waits until the user has pressed cancel
        may_start.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(case_list_export, "export_cases", held)
    page.export_excel()
    assert page.export_cancel.isVisibleTo(page) and page.export_busy.maximum() == page.model.total()
    qtbot.mouseClick(page.export_cancel, Qt.MouseButton.LeftButton)
    assert page.export_note.text() == "正在取消…"
    may_start.set()
    qtbot.waitUntil(lambda: not page.is_exporting(), timeout=30000)
    assert list(folder.iterdir()) == []  # no file, no half-written temporary file
    assert page.export_button.isEnabled() and not page.is_exporting() and not page.export_cancel.isVisibleTo(page)
    assert told == []  # not "exported": and a cancel is the user's own choice, so no message box either


def test_a_failed_export_says_why_and_frees_the_button(page, qtbot, monkeypatch, tmp_path):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "no" / "x.xlsx"), ""))
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(a[2]))
    page.export_excel()
    qtbot.waitUntil(lambda: bool(warned), timeout=30000)
    assert "不存在" in warned[0]  # the controller's Chinese message
    assert page.export_button.isEnabled() and not page.is_exporting()


def test_opening_a_case_calls_the_case_window(page, monkeypatch, qtbot):
    from ui import case_detail

    opened = []
    monkeypatch.setattr(case_detail, "open_case", lambda ctx, case_id, parent: opened.append(case_id))
    index = page.model.index(1, 0)
    page.view.setCurrentIndex(index)
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    assert opened == [page.model.data(index, ID_ROLE)]


def test_a_save_elsewhere_refreshes_and_keeps_the_selection(page, app_ctx, ref):

    page.view.selectRow(1)
    chosen = page.selected_case_id()
    add_case(app_ctx, ref, found=date(2020, 1, 1))  # sorts last: the selected row stays where it is
    notify(Change.CASES)
    assert page.count_label.text() == "共 4 件"
    assert page.selected_case_id() == chosen
