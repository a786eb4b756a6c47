"""Sign-in UI: the first-start administrator dialog, the login dialog's messages, the idle lock, login before GUI."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from controllers.accounts import audit_log
from controllers.accounts import users as accounts
from controllers.core.context import AppContext
from controllers.core.permissions import ADMIN, NOBODY
from ui.accounts import dialogs
from ui.accounts.dialogs import FirstStartDialog, LoginDialog
from ui.shell import app as ui_app


def make_admin(ctx: AppContext) -> None:
    accounts.create_first_admin(ctx, username="admin", display_name="王站长", password="station-2025",
                                password_again="station-2025")


def test_first_start_dialog_creates_the_administrator(shell_app, qtbot, app_ctx: AppContext) -> None:
    dialog = FirstStartDialog(app_ctx)
    qtbot.addWidget(dialog)
    dialog.display_name.setText("王站长")
    qtbot.keyClicks(dialog.password, "short")
    qtbot.keyClicks(dialog.password_again, "short")
    dialog.accept()
    assert dialog.error.isVisibleTo(dialog) and "至少需要 8 个字符" in dialog.error.text()
    assert dialog.result() != QDialog.DialogCode.Accepted and not accounts.has_users(app_ctx)
    dialog.password.setText("station-2025")
    dialog.password_again.setText("station-2025")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert app_ctx.user.username == "admin" and app_ctx.user.role == ADMIN


def test_login_dialog_shows_wrong_password_and_lock(shell_app, qtbot, app_ctx: AppContext) -> None:
    make_admin(app_ctx)
    accounts.logout(app_ctx)
    dialog = LoginDialog(app_ctx)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.username, "admin")
    for _ in range(4):
        qtbot.keyClicks(dialog.password, "wrong-pass")
        dialog.accept()
    assert "再错 1 次" in dialog.error.text() and dialog.password.text() == ""
    qtbot.keyClicks(dialog.password, "wrong-pass")
    dialog.accept()
    assert "已锁定 15 分钟" in dialog.error.text() and "后再试" in dialog.error.text()
    qtbot.keyClicks(dialog.password, "station-2025")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted and app_ctx.user == NOBODY


def test_gui_signs_in_before_any_window(shell_app, app_ctx: AppContext, monkeypatch) -> None:
    seen = []
    monkeypatch.setattr(dialogs, "sign_in", lambda ctx, parent=None: seen.append(ctx.user) or False)
    monkeypatch.setattr(ui_app, "build_main_window", lambda *a, **k: pytest.fail("window built before sign-in"))
    assert ui_app.run_gui(app_ctx) == 0
    assert seen == [NOBODY]  # the local administrator of the CLI is dropped before the dialog


def test_idle_window_locks_and_the_same_user_unlocks(main_window, qtbot, app_ctx: AppContext, monkeypatch) -> None:
    make_admin(app_ctx)
    shown: list[str | None] = []

    def fake_exec(dialog: LoginDialog) -> int:
        shown.append(dialog.locked_user)
        assert not main_window.centralWidget().isVisible()  # nothing readable behind the lock
        dialog.password.setText("station-2025")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(LoginDialog, "exec", fake_exec)
    lock = main_window.enable_idle_lock(60)
    qtbot.waitUntil(lambda: shown == ["admin"], timeout=3000)
    assert main_window.centralWidget().isVisible() and app_ctx.user.username == "admin"
    assert [e.action for e in audit_log.list_entries(app_ctx, audit_log.AuditFilter(action="lock"))] == ["lock"]
    lock.set_interval(0)


def test_activity_restarts_the_idle_timer(main_window, qtbot) -> None:
    lock = main_window.enable_idle_lock(10_000)
    before = lock.resets
    qtbot.mouseClick(main_window.user_label, Qt.MouseButton.LeftButton)
    qtbot.keyClick(main_window.user_label, Qt.Key.Key_Shift)
    assert lock.resets >= before + 2 and lock.timer.isActive()
    lock.pause(True)  # while the lock dialog shows, input behind it does not count
    qtbot.mouseClick(main_window.user_label, Qt.MouseButton.LeftButton)
    assert not lock.timer.isActive()
    lock.pause(False)
    assert lock.timer.isActive()
    lock.set_interval(0)
    assert not lock.timer.isActive()
