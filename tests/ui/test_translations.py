"""Every visible UI string has a finished Simplified Chinese translation, and the shipped .qm files are current."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from tools import i18n_tool


@pytest.fixture(scope="module")
def problems() -> list[str]:
    # lupdate runs on temporary copies of every area's .ts (areas found on disk, so new ui/ subpackages count too).
    return i18n_tool.check()


def test_every_source_string_has_a_finished_translation(problems: list[str]) -> None:
    untranslated = [p for p in problems if "untranslated" in p]
    assert not untranslated, "run python -m tools.i18n_tool and translate:\n" + "\n".join(untranslated)


def test_every_ts_has_a_current_qm(problems: list[str]) -> None:
    stale = [p for p in problems if ".qm" in p]
    assert not stale, "\n".join(stale)


def test_areas_cover_the_shell_and_every_ui_subpackage() -> None:
    names = {a.name for a in i18n_tool.areas()}
    assert "shell" in names
    packages = {p.name for p in i18n_tool.UI_DIR.iterdir() if (p / "__init__.py").exists()}
    assert packages <= names


def test_lupdate_collects_self_tr_translate_and_noop_from_python(tmp_path: Path) -> None:
    ui_dir = tmp_path / "ui"
    (ui_dir / "newarea").mkdir(parents=True)
    (ui_dir / "__init__.py").write_text("")
    (ui_dir / "newarea" / "__init__.py").write_text("")
    (ui_dir / "newarea" / "widget.py").write_text(
        "from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication\n"
        "from PySide6.QtWidgets import QWidget\n"
        "LABELS = [QT_TRANSLATE_NOOP('Labels', 'Noop text')]\n"
        "class Thing(QWidget):\n"
        "    def __init__(self):\n"
        "        super().__init__()\n"
        "        self.setWindowTitle(self.tr('Tr text'))\n"
        "def f():\n"
        "    return QCoreApplication.translate('Free', 'Translate text')\n"
    )
    area = next(a for a in i18n_tool.areas(ui_dir) if a.name == "newarea")
    ts = tmp_path / "newarea_zh_CN.ts"
    i18n_tool.lupdate(area, ts)
    contexts = ET.parse(ts).iter("context")
    found = {(c.findtext("name"), m.findtext("source")) for c in contexts for m in c.iter("message")}
    assert found == {("Thing", "Tr text"), ("Labels", "Noop text"), ("Free", "Translate text")}
    assert len(i18n_tool.unfinished(ts)) == 3


def test_translators_are_installed_at_start(qapp: QApplication) -> None:
    from ui.shell.app import create_application

    create_application()
    assert QCoreApplication.translate("MainWindow", "Station Ledger") == "社区工作室台账"
    # Qt's own strings (standard dialog buttons) come from qtbase_zh_CN.
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"


def test_the_file_dialog_speaks_chinese(qapp: QApplication) -> None:
    """Qt's zh_CN lacks the file dialog's new accelerated labels: 从 Excel 导入… showed "Look in:" in English."""
    from PySide6.QtWidgets import QFileDialog, QLabel

    from ui.shell.app import create_application

    create_application()
    dialog = QFileDialog(None, "选择要导入的表格", "/", "表格文件 (*.xlsx *.csv)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    labels = {label.objectName(): label.text() for label in dialog.findChildren(QLabel)}
    assert labels["lookInLabel"] == "查找范围(&L)："
    assert labels["fileTypeLabel"] == "文件类型(&T)："
    # No Latin letter is left once the accelerator hints "(&L)" are taken out.
    assert not [text for text in labels.values() if re.search("[A-Za-z]", re.sub(r"\(&\w\)", "", text))], labels
    dialog.deleteLater()
