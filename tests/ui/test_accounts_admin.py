"""The administrator's accounts window, the audit viewer, and what other roles see (and are refused)."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from controllers.accounts import users as accounts
from controllers.cases import records as case_records
from controllers.core.context import AppContext
from controllers.core.permissions import REP, STAFF, SUPERVISOR, PermissionDenied, SignedInUser
from tests.ui.slow_kit import SlowCall
from ui.accounts import page as accounts_page
from ui.accounts.page import AccountDialog, AccountsWindow
from ui.shell.app import build_main_window
from ui.shell.pages import PAGE_KEYS


@pytest.fixture
def admin_ctx(app_ctx: AppContext) -> AppContext:
    accounts.create_first_admin(app_ctx, username="admin", display_name="王站长", password="station-2025",
                                password_again="station-2025")
    return app_ctx


def select_row(view, row: int) -> None:
    view.selectionModel().select(view.model().index(row, 0),
                                 QItemSelectionModel.SelectionFlag.ClearAndSelect
                                 | QItemSelectionModel.SelectionFlag.Rows)


def test_admin_creates_user_and_resets_password(shell_app, qtbot, qtmodeltester, admin_ctx, monkeypatch) -> None:
    window = AccountsWindow(admin_ctx)
    qtbot.addWidget(window)
    tab = window.accounts_tab
    dialog = AccountDialog(admin_ctx, window)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.username, "li")
    dialog.display_name.setText("李敏")
    dialog.role.setCurrentText(STAFF)
    qtbot.keyClicks(dialog.password, "short")
    dialog.accept()
    assert not dialog.operation.wait()
    assert "至少需要 8 个字符" in dialog.error.text()
    dialog.password.setText("li-secret-1")
    dialog.accept()
    assert dialog.operation.wait() and dialog.result() == QDialog.DialogCode.Accepted
    tab.refresh()
    qtmodeltester.check(tab.model)
    usernames = [tab.model.row_at(r).username for r in range(tab.model.rowCount())]
    assert usernames == ["admin", "li"]
    assert tab.model.data(tab.model.index(1, 2)) == STAFF

    infos: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: infos.append(a[2]))
    monkeypatch.setattr(accounts_page, "ask_new_password", lambda parent, name: ("li-new-pass", "li-new-pass"))
    select_row(tab.view, 1)
    # At each tick while the reset is blocked in the controller: (confirmations shown, window visible).
    slow = SlowCall(monkeypatch, accounts, "reset_password", lambda: (len(infos), window.isVisible()))
    window.show()
    tab.reset_password()
    qtbot.waitUntil(lambda: bool(infos), timeout=20000)
    slow.stop()
    assert slow.blocked_while((0, True))  # the window ran on while the password was being set
    assert "li" in infos[-1]
    assert accounts.login(admin_ctx, username="li", password="li-new-pass").role == STAFF


def test_audit_viewer_lists_and_exports(shell_app, qtbot, qtmodeltester, admin_ctx, tmp_path: Path,
                                        monkeypatch) -> None:
    window = AccountsWindow(admin_ctx)
    qtbot.addWidget(window)
    tab = window.audit_tab
    qtmodeltester.check(tab.model)
    actions = {tab.model.row_at(r).action_label for r in range(tab.model.rowCount())}
    assert {"新建账号", "登录"} <= actions
    tab.action.setCurrentIndex(tab.action.findData("login"))
    tab.refresh()
    assert {tab.model.row_at(r).action for r in range(tab.model.rowCount())} == {"login"}
    target = tmp_path / "audit.xlsx"
    monkeypatch.setattr(accounts_page, "ask_save_path", lambda *a: str(target))
    monkeypatch.setattr(QMessageBox, "information", lambda *a: None)
    tab.export()
    rows = list(load_workbook(target).active.iter_rows(values_only=True))
    assert rows[0][0] == "审计日志" and any(r[2] == "登录" for r in rows[3:])


def test_supervisor_sees_no_edit_buttons_and_controller_refuses(shell_app, qtbot, app_ctx: AppContext) -> None:
    app_ctx.sign_in(SignedInUser(username="sup", display_name="赵督导", role=SUPERVISOR))
    window = build_main_window(app_ctx, persist=False, page="cases")
    qtbot.addWidget(window)
    window.show()
    cases = window.pages["cases"]
    assert not cases.new_button.isVisibleTo(window) and cases.export_button.isVisibleTo(window)
    assert not window.accounts_button.isVisibleTo(window) and "赵督导" in window.user_label.text()
    complaints = window.select_page("complaints")
    assert not complaints.new_button.isVisibleTo(window) and not complaints.import_button.isVisibleTo(window)
    with pytest.raises(PermissionDenied, match="督导账号只能查看和打印，不能修改案件"):
        case_records.create_case(app_ctx, category_id=1, estate_id=1, source="巡查发现", found_date=None,  # type: ignore[arg-type]
                                 facts="x")


def test_rep_sees_only_the_dashboard_and_admin_sees_accounts(shell_app, qtbot, app_ctx: AppContext) -> None:
    app_ctx.sign_in(SignedInUser(username="rep", display_name="居委", role=REP, estate_ids=frozenset({1})))
    window = build_main_window(app_ctx, persist=False, page="cases")
    qtbot.addWidget(window)
    visible = [k for row, k in enumerate(PAGE_KEYS) if not window.navigation.item(row).isHidden()]
    assert visible == ["dashboard"] and window.current_page_key() == "dashboard"
    accounts.create_first_admin(app_ctx, username="admin", display_name="王站长", password="station-2025",
                                password_again="station-2025")
    window.user_changed()
    assert all(not window.navigation.item(row).isHidden() for row in range(len(PAGE_KEYS)))
    assert window.accounts_button.isVisibleTo(window)
    assert window.navigation.item(PAGE_KEYS.index("cases")).flags() & Qt.ItemFlag.ItemIsEnabled
