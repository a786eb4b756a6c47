"""基础数据 → 从 Excel 导入…: the preview lists what each row would do, 导入 imports it, the estates list shows it;
下载模板 writes the template. Clicked through as a clerk does (file dialogs replaced by their seams)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QApplication

from controllers.core.context import AppContext
from tests.unit.bad_input_kit import fingerprint
from tests.unit.reference_sheet_kit import DISTRICT_ROWS, workbook
from ui.common import background
from ui.common.events import Change, data_events
from ui.reference import import_dialog
from ui.reference.import_dialog import ReferenceImportDialog
from ui.reference.page import ReferenceDataPage
from ui.reference.panels import EstatePanel, ListPanel

SHOTS = Path("/tmp/i18-refimport")


def _sheet(tmp_path: Path) -> Path:
    """The district sheet with one bad row (an unknown street) added under the good ones."""
    rows = [list(r) for r in DISTRICT_ROWS[:7]] + [[4, "火星街道", None, "外星小区", 10, 20, None, None, None, None, 1]]
    return workbook(tmp_path / "长征镇小区.xlsx", {"小区": rows}, {"小区": ["A1:K1", "G2:I2", "A2:A3", "B2:B3",
                                                                              "C2:C3", "D2:D3", "E2:E3", "F2:F3",
                                                                              "J2:J3", "K2:K3", "B4:B5"]})


def _texts(dialog: ReferenceImportDialog, column: int) -> list[str]:
    return [dialog.model.index(r, column).data() for r in range(dialog.model.rowCount())]


def _grab(widget: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(SHOTS / name))


def test_import_button_previews_then_imports(shell_app: QApplication, qtbot: Any, app_ctx: AppContext,
                                             tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page = ReferenceDataPage(app_ctx)
    qtbot.addWidget(page)
    page.resize(1366, 728)
    page.show()
    panel = page.show_kind("estates")
    assert isinstance(panel, EstatePanel)
    assert panel.import_button.text() == "从 Excel 导入…" and panel.template_button.text() == "下载模板"
    _grab(page, "estates-panel.png")
    sheet = _sheet(tmp_path)
    heard: list[Change] = []
    data_events().changed.connect(heard.append)
    seen: dict[str, Any] = {}

    def clerk(self: ListPanel, dialog: ReferenceImportDialog) -> bool:
        seen["dialog"] = dialog
        dialog.show()
        monkeypatch.setattr(dialog, "ask_open_path", lambda: str(sheet))
        before = fingerprint(app_ctx)
        dialog.choose_button.click()
        qtbot.waitUntil(lambda: dialog.preview is not None, timeout=20000)
        assert fingerprint(app_ctx) == before  # the preview wrote nothing
        assert _texts(dialog, dialog.model.COL_OUTCOME) == ["新增", "新增", "新增", "错误"]
        assert _texts(dialog, dialog.model.COL_ROW) == ["4", "5", "7", "8"]
        assert "火星街道" in _texts(dialog, dialog.model.COL_REASON)[3]
        assert dialog.summary.text().startswith("预览（尚未导入）：将新增 小区 3 个、物业企业 2 家、工作人员 0 名")
        assert dialog.import_button.isEnabled()
        _grab(dialog, "import-preview.png")
        dialog.import_button.click()
        qtbot.waitUntil(lambda: dialog.imported is not None, timeout=20000)
        assert dialog.summary.text().startswith("导入完成：新增 小区 3 个")
        assert not dialog.import_button.isEnabled()  # imported: a second click cannot import twice
        _grab(dialog, "import-done.png")
        dialog.close_button.click()
        return True

    monkeypatch.setattr(ListPanel, "exec_dialog", clerk)
    panel.import_button.click()
    qtbot.waitUntil(lambda: background.running() == 0)
    assert Change.REFERENCE in heard
    names = [panel.proxy.index(r, 0).data() for r in range(panel.proxy.rowCount())]
    assert sorted(names) == ["梅川一村", "梅川二村", "真如花园"]  # the list shows them without a restart


def test_a_file_that_is_not_a_sheet_is_one_red_line(shell_app: QApplication, qtbot: Any, app_ctx: AppContext,
                                                    tmp_path: Path) -> None:
    dialog = ReferenceImportDialog(app_ctx)
    qtbot.addWidget(dialog)
    bad = tmp_path / "照片.xlsx"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n")
    op = dialog.load(bad)
    qtbot.waitUntil(lambda: not op.running, timeout=20000)
    assert "照片.xlsx" in dialog.summary.text() and dialog.summary.property("class") == "danger"
    assert not dialog.import_button.isEnabled() and dialog.model.rowCount() == 0


def test_download_template_from_the_panel(shell_app: QApplication, qtbot: Any, app_ctx: AppContext, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    page = ReferenceDataPage(app_ctx)
    qtbot.addWidget(page)
    panel = page.show_kind("estates")
    assert isinstance(panel, EstatePanel)
    target = tmp_path / "模板"  # no suffix typed: .xlsx is added
    told: list[str] = []
    monkeypatch.setattr("ui.reference.panels.ask_template_path", lambda _parent: str(target))
    monkeypatch.setattr(panel, "tell", told.append)
    panel.template_button.click()
    qtbot.waitUntil(lambda: told != [], timeout=20000)
    assert told == [f"模板已保存：{target}.xlsx"]
    assert load_workbook(f"{target}.xlsx").sheetnames == ["小区", "工作人员"]
    assert import_dialog.ask_template_path is not None
