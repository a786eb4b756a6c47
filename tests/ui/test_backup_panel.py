"""设置 → 备份: last backup, 立即备份 off the GUI thread, second folder, 从备份恢复…, the damaged-start offer."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

import ui.settings.backup_panel
import ui.shell.app
from controllers.backup import backups as backup
from controllers.core.context import AppContext
from controllers.core.paths import DataDir
from controllers.storage.integrity import CorruptDatabaseError
from controllers.storage.opening import open_data_dir
from tests.e2e.crash_writer import add_case
from tests.ui.slow_kit import SlowCall
from ui.settings.backup_panel import BackupPanel

# Backups copy the SQLite file with the online-backup API: these tests keep SQLite in the PostgreSQL run.
pytestmark = pytest.mark.sqlite_file


@pytest.fixture
def panel(shell_app, qtbot, app_ctx: AppContext) -> BackupPanel:
    widget = BackupPanel(app_ctx)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_back_up_now_runs_in_the_background_and_shows_the_result(panel: BackupPanel, qtbot) -> None:
    assert "尚未备份" in panel.last_label.text()
    with qtbot.waitSignal(panel.backupFinished, timeout=20000) as done:
        panel.backup_button.click()
        assert not panel.backup_button.isEnabled()  # no second backup while one runs
    info = done.args[0]
    assert info.ok
    qtbot.waitUntil(panel.backup_button.isEnabled)
    assert Path(info.path).name in panel.last_label.text() and "已校验" in panel.last_label.text()
    assert "备份已保存并校验通过" in panel.message.text()


def test_second_folder_is_chosen_and_cleared(panel: BackupPanel, qtbot, tmp_path: Path, monkeypatch) -> None:
    usb = tmp_path / "U盘"
    usb.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(usb))
    # At each tick while the setting is blocked in the controller: the folder shown so far.
    slow = SlowCall(monkeypatch, backup, "set_second_dir", lambda: panel.second_edit.text())
    panel.choose_button.click()
    qtbot.waitUntil(lambda: panel.second_edit.text() != "", timeout=20000)
    slow.stop()
    assert slow.blocked_while("")  # the settings page ran on while the folder was being stored
    assert panel.second_edit.text() == str(usb.resolve())
    assert backup.second_dir(panel.ctx) == usb.resolve()
    panel.clear_button.click()
    qtbot.waitUntil(lambda: panel.second_edit.text() == "")
    assert panel.second_edit.text() == "" and backup.second_dir(panel.ctx) is None


def test_restore_asks_then_restores_and_restarts(panel: BackupPanel, qtbot, monkeypatch) -> None:
    saved = backup.make_backup(panel.ctx, reason="manual")
    with panel.ctx.db.session() as s:
        add_case(s, facts="备份之后的案件")
    asked: list[str] = []
    told: list[str] = []
    restarts: list[bool] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (saved.path, ""))
    monkeypatch.setattr(QMessageBox, "question",
                        lambda _p, _t, text, *a: asked.append(text) or QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: told.append(text))
    monkeypatch.setattr(ui.settings.backup_panel, "request_restart", lambda: restarts.append(True))

    panel.restore_button.click()
    qtbot.waitUntil(lambda: restarts == [True], timeout=20000)
    assert Path(saved.path).name in asked[0]
    assert "恢复前的数据已备份为" in told[0] and "重新启动" in told[0]
    assert _case_count(panel.ctx) == 0


def _case_count(ctx: AppContext) -> int:
    import sqlite3

    con = sqlite3.connect(ctx.data_dir.database)
    try:
        return int(con.execute("SELECT count(*) FROM cases").fetchone()[0])
    finally:
        con.close()


def test_restore_of_a_non_backup_is_refused_in_the_panel(panel: BackupPanel, qtbot, tmp_path: Path,
                                                         monkeypatch) -> None:
    junk = tmp_path / "照片.zip"
    junk.write_bytes(b"not a backup")
    restarts: list[bool] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(junk), ""))
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(ui.settings.backup_panel, "request_restart", lambda: restarts.append(True))
    panel.restore_button.click()
    qtbot.waitUntil(lambda: "不是台账的备份文件" in panel.message.text(), timeout=20000)
    qtbot.waitUntil(panel.restore_button.isEnabled)
    assert restarts == []


def test_cancelled_restore_changes_nothing(panel: BackupPanel, monkeypatch) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: ("", ""))
    panel.restore_button.click()
    assert list(panel.ctx.data_dir.backups.iterdir()) == []


def test_settings_page_shows_the_backup_section(main_window) -> None:
    page = main_window.select_page("settings")
    found = page.findChild(BackupPanel, "backupPanel")
    assert found is not None and found.title() == "备份"


def test_damaged_database_at_start_offers_the_newest_backup(shell_app, data_dir: DataDir, monkeypatch) -> None:
    ctx = open_data_dir(data_dir)
    with ctx.db.session() as s:
        for n in range(60):
            add_case(s, facts=f"案件 {n} " + "事实" * 300)
    good = backup.make_backup(ctx, reason="daily")
    ctx.close()
    db = data_dir.database
    with db.open("r+b") as fh:
        fh.seek(db.stat().st_size // 2 // 4096 * 4096)
        fh.write(b"\xde\xad" * 8192)
    with pytest.raises(CorruptDatabaseError) as err:
        open_data_dir(data_dir)

    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda _p, _t, text, *a: asked.append(text) or QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda *a: None)
    assert ui.shell.app.offer_restore(data_dir, err.value)
    assert Path(good.path).name in asked[0] and "不会删除" in asked[0]
    assert list(data_dir.root.glob("station-ledger.db.corrupt-*"))
    open_data_dir(data_dir).close()
