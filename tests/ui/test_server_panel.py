"""设置 → 数据库: the database in use, test connection off the GUI thread, saving without the password."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from PySide6.QtWidgets import QInputDialog, QLabel, QLineEdit, QMessageBox

import ui.shell.app
from controllers.backup import backups as backup
from controllers.core.context import AppContext
from controllers.core.paths import DataDir
from controllers.core.permissions import STAFF, SignedInUser
from controllers.storage import connection, server_config
from controllers.storage.connection import ConnectionReport, ServerConnectionError
from ui.settings.backup_panel import BackupPanel
from ui.settings.page import SettingsPage
from ui.settings.server_panel import DatabasePanel


def _panel(qtbot, ctx: AppContext) -> DatabasePanel:
    widget = DatabasePanel(ctx)
    qtbot.addWidget(widget)
    widget.show()
    return widget


@pytest.fixture
def panel(shell_app, qtbot, app_ctx: AppContext) -> DatabasePanel:
    return _panel(qtbot, app_ctx)


def test_settings_page_shows_the_sqlite_file_in_use(shell_app, qtbot, sqlite_app_ctx: AppContext) -> None:
    page = SettingsPage(sqlite_app_ctx)
    qtbot.addWidget(page)
    panel = page.database_panel
    assert panel.title() == "数据库"
    assert panel.current_label.text() == f"本机数据库文件：{sqlite_app_ctx.data_dir.database}"
    assert panel.attachments_label.text() == str(sqlite_app_ctx.data_dir.attachments)
    assert panel.url_edit.text() == "" and not panel.local_button.isEnabled()


def test_test_connection_runs_off_the_gui_thread_and_reports(panel: DatabasePanel, qtbot, monkeypatch) -> None:
    calls: list[tuple[str, str | None]] = []

    def fake(url: str, *, password: str | None = None) -> ConnectionReport:
        calls.append((url, password))
        return ConnectionReport(display=url, server_version="15.18", schema_revision=None)

    monkeypatch.setattr(connection, "try_connection", fake)
    panel.url_edit.setText("postgresql://clerk@db.street/ledger")
    panel.password_edit.setText("pw")
    panel.test_button.click()
    assert not panel.test_button.isEnabled()  # one test at a time
    qtbot.waitUntil(lambda: "PostgreSQL 15.18" in panel.message.text())
    qtbot.waitUntil(panel.test_button.isEnabled)
    assert "数据库是空的" in panel.message.text() and panel.message.property("class") == "success"
    assert calls == [("postgresql://clerk@db.street/ledger", "pw")]


def test_a_refused_connection_shows_the_chinese_reason(panel: DatabasePanel, qtbot) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    panel.url_edit.setText(f"postgresql://clerk@127.0.0.1:{port}/ledger")
    panel.test_button.click()
    qtbot.waitUntil(lambda: "连接被拒绝" in panel.message.text(), timeout=15000)
    assert panel.message.property("class") == "danger"


def test_a_bad_url_is_refused_before_connecting(panel: DatabasePanel, qtbot, monkeypatch) -> None:
    monkeypatch.setattr(connection, "probe", lambda *_: pytest.fail("must not connect"))
    panel.url_edit.setText("mysql://clerk@db/ledger")
    panel.test_button.click()
    qtbot.waitUntil(lambda: "只支持 PostgreSQL" in panel.message.text())


def test_test_connection_against_a_real_server(panel: DatabasePanel, qtbot, pg_url: str) -> None:
    panel.url_edit.setText(pg_url)
    panel.test_button.click()
    qtbot.waitUntil(lambda: "已连接到 PostgreSQL" in panel.message.text(), timeout=15000)
    assert "已有台账数据" in panel.message.text()


def test_save_keeps_the_url_without_password_for_the_next_start(panel: DatabasePanel, tmp_path: Path) -> None:
    shared = tmp_path / "共享"
    shared.mkdir()
    panel.url_edit.setText("postgresql://clerk:hunter2@db.street/ledger")
    panel.password_edit.setText("hunter2")
    panel.folder_edit.setText(str(shared))
    assert panel.save().wait()
    assert "下次启动" in panel.message.text() and "密码没有保存" in panel.message.text()
    assert panel.password_edit.text() == ""
    assert panel.url_edit.text() == "postgresql+psycopg://clerk@db.street/ledger"
    stored = server_config.config_path(panel.ctx.data_dir).read_text(encoding="utf-8")
    assert "hunter2" not in stored and json.loads(stored)["attachments_dir"] == str(shared.resolve())
    assert panel.local_button.isEnabled()
    assert panel.use_local().wait()
    assert "本机数据库" in panel.message.text() and panel.url_edit.text() == ""
    assert server_config.load(panel.ctx.data_dir).url is None


def test_save_without_shared_folder_explains(panel: DatabasePanel) -> None:
    before = server_config.load(panel.ctx.data_dir)
    panel.url_edit.setText("postgresql://clerk@db.street/ledger")
    panel.folder_edit.clear()
    assert not panel.save().wait()
    assert "共享附件文件夹" in panel.message.text() and panel.message.property("class") == "danger"
    assert server_config.load(panel.ctx.data_dir) == before


def test_only_an_administrator_can_change_it(shell_app, qtbot, app_ctx: AppContext) -> None:
    app_ctx.sign_in(SignedInUser(username="clerk", display_name="办事员", role=STAFF, user_id=99))
    panel = _panel(qtbot, app_ctx)
    for widget in (panel.url_edit, panel.folder_edit, panel.test_button, panel.save_button):
        assert not widget.isEnabled()


def test_backup_panel_in_server_mode_says_the_server_admin_backs_up(shell_app, qtbot, app_ctx, monkeypatch) -> None:
    monkeypatch.setattr(backup, "server_mode", lambda _ctx: True)
    monkeypatch.setattr(backup, "last_backup", lambda _ctx: pytest.fail("no file backups in server mode"))
    panel = BackupPanel(app_ctx)
    qtbot.addWidget(panel)
    panel.show()
    assert "服务器管理员负责备份" in panel.last_label.text()
    assert not panel.backup_button.isVisible() and not panel.backup_button.isEnabled()
    assert not panel.restore_button.isEnabled() and not panel.folder_edit.isVisible()
    label = panel.layout().labelForField(panel.last_label)
    assert isinstance(label, QLabel) and label.text() == "服务器模式"


def test_start_up_password_dialog_and_error_dialog(shell_app, monkeypatch) -> None:
    seen: list[str] = []

    def get_text(_parent, title, label, echo):
        seen.append(title + "|" + label)
        assert echo == QLineEdit.EchoMode.Password  # typed characters are not shown
        return "pw", True

    monkeypatch.setattr(QInputDialog, "getText", get_text)
    assert ui.shell.app.ask_server_password("clerk", "postgresql+psycopg://clerk@db/ledger", True) == "pw"
    assert "数据库密码" in seen[0] and "密码不正确" in seen[0] and "“clerk”" in seen[0] and ".pgpass" in seen[0]
    monkeypatch.setattr(QInputDialog, "getText", lambda *a: ("", False))
    assert ui.shell.app.ask_server_password("clerk", "db", False) is None

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, title, text: shown.append(f"{title}|{text}"))
    ui.shell.app.show_start_error(ServerConnectionError("无法连接到数据库服务器。", reason="refused"))
    ui.shell.app.show_start_error(ServerConnectionError("没有输入密码，已取消。", reason="cancelled"))
    assert shown == ["无法打开数据库|无法连接到数据库服务器。"]


def test_gui_start_with_an_unreachable_server_shows_the_reason(shell_app, monkeypatch, tmp_path: Path) -> None:
    import cli

    shown: list[str] = []
    monkeypatch.setattr(ui.shell.app, "show_start_error", lambda exc: shown.append(exc.message))
    monkeypatch.setattr(ui.shell.app, "run_gui", lambda _ctx: pytest.fail("no window without a database"))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    code = cli.run(["--data-dir", str(tmp_path / "desk"), "--db", f"postgresql://clerk@127.0.0.1:{port}/ledger"])
    assert code == 2 and len(shown) == 1 and "连接被拒绝" in shown[0]


def test_gui_start_asks_for_the_password_in_a_dialog(shell_app, monkeypatch, tmp_path: Path) -> None:
    """The server wants a password: the start-up dialog asks, and the database opens with it (never saved)."""
    import cli
    import controllers.storage.opening

    def probe(url_text: str) -> ConnectionReport:
        if connection.make_url(url_text).password != "s3cret":
            raise ServerConnectionError("要密码", reason="password_needed")
        return ConnectionReport(display="", server_version="15", schema_revision="x")

    opened: list[str] = []

    class FakeContext:
        def close(self) -> None:
            opened.append("closed")

    def open_data_dir(_data_dir, *, db_url=None, seed=True):
        opened.append(str(db_url))
        return FakeContext()

    monkeypatch.setattr(connection, "probe", probe)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a: ("s3cret", True))
    monkeypatch.setattr(controllers.storage.opening, "open_data_dir", open_data_dir)
    monkeypatch.setattr(ui.shell.app, "run_gui", lambda _ctx: 0)
    desk = tmp_path / "desk"
    assert cli.run(["--data-dir", str(desk), "--db", "postgresql://clerk@db.street/ledger"]) == 0
    assert connection.make_url(opened[0]).password == "s3cret" and opened[1] == "closed"
    assert not server_config.config_path(DataDir(desk)).exists()  # nothing about the password written anywhere
    assert all("s3cret" not in p.read_text(encoding="utf-8") for p in desk.rglob("*") if p.is_file())
