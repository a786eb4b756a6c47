"""pytest-qt: the 12345 import wizard — reading and import off the GUI thread, mapping by combo with a live preview,
results."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFileDialog, QMessageBox

from controllers.complaints import importer as ci
from controllers.core.context import AppContext
from controllers.reference.choices import estate_choices, street_choices
from controllers.reference.estates import create_estate
from ui.common import background
from ui.common.events import Change, data_events
from ui.complaint_import import run_import_wizard
from ui.complaint_import.wizard import ImportWizard

# A copy of ../shared/samples/ kept in the repo: CI runs on a clean clone without the shared folder.
SAMPLE = Path(__file__).resolve().parents[1] / "data" / "12345_workorders_sample.xlsx"
CONTENT = ci.R.FIELD_KEYS.index("content") + 1  # preview column: row number first


@pytest.fixture
def wizard(qtbot, app_ctx: AppContext) -> ImportWizard:
    streets = {n: i for i, n in street_choices(app_ctx)}
    create_estate(app_ctx, name="怒江苑", street_id=streets["万里街道"])
    create_estate(app_ctx, name="长风苑", street_id=streets["长风新村街道"])
    w = ImportWizard(app_ctx, ci.inspect_file(app_ctx, SAMPLE))
    qtbot.addWidget(w)
    return w


def test_mapping_combo_changes_the_preview(wizard: ImportWizard, qtmodeltester) -> None:
    qtmodeltester.check(wizard.preview_model)
    model = wizard.preview_model
    assert model.rowCount() == 20
    assert model.data(model.index(0, CONTENT)) == "怒江苑31号202室装修未在物业登记，天天砸墙。"
    combo = wizard.combos["content"]
    combo.setCurrentIndex(combo.findData(wizard.preview.columns.index("诉求类别")))
    assert model.data(model.index(0, CONTENT)) == "装修人未申报登记"
    combo.setCurrentIndex(combo.findData(-1))  # content not imported: refused
    assert not wizard.import_button.isEnabled() and "诉求内容" in wizard.mapping_problem.text()
    assert "诉求内容为空" in model.data(model.index(0, model.columnCount() - 1))


def test_import_runs_and_shows_results(wizard: ImportWizard, qtbot, qtmodeltester, app_ctx: AppContext,
                                       tmp_path: Path, monkeypatch) -> None:
    changed: list[str] = []
    data_events().changed.connect(changed.append)
    with qtbot.waitSignal(wizard.stack.currentChanged, timeout=30000,
                          check_params_cb=lambda i: i == ImportWizard.PAGE_RESULT):
        wizard.import_button.click()
    result = wizard.import_result
    assert result is not None and (result.imported, result.duplicates, len(result.errors)) == (135, 1, 1)
    assert "135" in wizard.summary.text()
    qtmodeltester.check(wizard.error_model)
    assert wizard.error_model.data(wizard.error_model.index(0, 0)) == 140
    qtbot.waitUntil(lambda: changed == [Change.COMPLAINTS])  # announced once the result is shown
    assert ci.inspect_file(app_ctx, SAMPLE).remembered  # the confirmed mapping is remembered

    report = tmp_path / "err.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(report), ""))
    wizard.save_errors_button.click()
    assert load_workbook(report).active["A4"].value == 140

    alias, combo, button = wizard.unmatched_rows["上海市普陀区玉屏南路35号"]
    assert alias.text() == "玉屏南路"
    combo.setCurrentIndex(combo.findText("长风苑"))
    button.click()
    assert not button.isEnabled()
    # Assigned off the GUI thread; another address with the same alias is done as well.
    qtbot.waitUntil(lambda: not wizard.unmatched_rows["上海市普陀区玉屏南路6号"][2].isEnabled())
    assert not button.isEnabled()
    assert wizard.unmatched_rows["上海市普陀区不存在小区1号"][2].isEnabled()
    again = ci.run_import(app_ctx, SAMPLE, dry_run=True)
    assert not any("玉屏南路" in t for t in again.unmatched_estates)
    assert estate_choices(app_ctx)  # the picker offered the estates


def test_cancel_leaves_nothing(wizard: ImportWizard, qtbot, app_ctx: AppContext, monkeypatch) -> None:
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)
    # Cancelled while the worker still reads the file: the cancel is seen at the first chunk boundary.
    monkeypatch.setattr(ci, "CHUNK", 10)
    wizard.start_import()
    wizard.stop_button.click()
    qtbot.waitUntil(lambda: not wizard.is_running(), timeout=30000)
    qtbot.waitUntil(lambda: wizard.stack.currentIndex() == ImportWizard.PAGE_MAPPING, timeout=5000)
    assert wizard.import_result is None
    assert ci.run_import(app_ctx, SAMPLE, dry_run=True).imported == 135  # nothing was imported


def test_run_import_wizard_with_no_file_chosen_does_nothing(app_ctx: AppContext, monkeypatch) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: ("", ""))
    assert run_import_wizard(app_ctx) is False


def test_run_import_wizard_refuses_a_bad_file_with_a_message(app_ctx: AppContext, tmp_path: Path,
                                                             monkeypatch) -> None:
    bad = tmp_path / "x.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    shown: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    assert run_import_wizard(app_ctx) is False
    assert "找不到表头行" in shown[0]


@pytest.fixture
def held_read(monkeypatch) -> tuple[threading.Event, list[bool]]:
    """inspect_file waits for the returned gate; the list records whether it ran on the main (GUI) thread."""
    gate = threading.Event()
    on_main: list[bool] = []
    real = ci.inspect_file

    def held(ctx, path):
        on_main.append(threading.current_thread() is threading.main_thread())
        assert gate.wait(30)
        return real(ctx, path)

    monkeypatch.setattr(ci, "inspect_file", held)
    return gate, on_main


def test_reading_the_file_runs_in_the_worker_while_the_gui_stays_responsive(qtbot, app_ctx: AppContext,
                                                                            held_read) -> None:
    gate, on_main = held_read
    wizard = ImportWizard(app_ctx, str(SAMPLE))
    qtbot.addWidget(wizard)
    assert wizard.is_reading() and wizard.reading_bar.maximum() == 0  # a busy bar while the file is read
    assert "12345_workorders_sample.xlsx" in wizard.reading_label.text()
    qtbot.waitUntil(lambda: on_main == [False])  # the read started, in the worker thread
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    with qtbot.waitSignal(timer.timeout, timeout=2000):  # the GUI thread still runs its events meanwhile
        timer.start(10)
    assert wizard.is_reading() and wizard.preview is None
    with qtbot.waitSignal(wizard.stack.currentChanged, timeout=30000):
        gate.set()
    assert wizard.stack.currentIndex() == ImportWizard.PAGE_MAPPING
    assert wizard.preview is not None and wizard.preview_model.rowCount() == 20
    assert wizard.import_button.isEnabled()


def test_cancel_while_reading_closes_at_once(qtbot, app_ctx: AppContext, held_read) -> None:
    gate, on_main = held_read
    wizard = ImportWizard(app_ctx, str(SAMPLE))
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitUntil(lambda: on_main == [False])
    with qtbot.waitSignal(wizard.rejected, timeout=1000):
        wizard.reading_cancel.click()  # the read is still held: closing does not wait for it
    assert not wizard.isVisible()
    gate.set()
    # The result is queued before the thread's end, so it has been delivered (and dropped) once the worker is gone.
    qtbot.waitUntil(lambda: background.running() == 0, timeout=30000)
    assert wizard.preview is None and wizard.stack.count() == 1  # the late result was dropped


@pytest.mark.parametrize(("name", "data", "expected"), [
    ("x.csv", b"a,b\n1,2\n", "找不到表头行"),
    ("broken.xlsx", b"PK\x03\x04 not really a workbook", "broken.xlsx"),
])
def test_a_file_that_cannot_be_read_shows_the_chinese_message(qtbot, app_ctx: AppContext, tmp_path: Path,
                                                              monkeypatch, name: str, data: bytes,
                                                              expected: str) -> None:
    bad = tmp_path / name
    bad.write_bytes(data)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    wizard = ImportWizard(app_ctx, str(bad))
    qtbot.addWidget(wizard)
    with qtbot.waitSignal(wizard.rejected, timeout=30000):
        wizard.show()
    assert len(shown) == 1 and expected in shown[0]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in shown[0])  # Chinese, never a traceback
