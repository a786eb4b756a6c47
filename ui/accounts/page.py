"""The administrator's accounts window: accounts (create, edit, reset password, unlock), idle lock time, audit log."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from controllers.accounts import audit_labels, audit_log
from controllers.accounts import users as accounts
from controllers.accounts.users import AccountRow
from controllers.core import clock
from controllers.core.context import AppContext
from controllers.core.errors import UserError
from controllers.core.permissions import REP, ROLES
from controllers.reference.choices import estate_choices
from ui.accounts.dialogs import error_label, password_edit
from ui.accounts.models import AccountsModel, AuditModel
from ui.common import background
from ui.common.background import Operation
from ui.common.dialog_save import save_and_accept
from ui.common.rows_model import ID_ROLE

AUDIT_LIMIT = 1000


def ask_save_path(parent: QWidget, title: str, suggested: str) -> str | None:
    """The save dialog (tests replace this function)."""
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, "Excel (*.xlsx)")
    return path or None


class PasswordDialog(QDialog):
    """A new password, twice (administrator's reset)."""

    def __init__(self, username: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Reset password for %1").replace("%1", username))
        self.password, self.again = password_edit(self), password_edit(self)
        self.password.setObjectName("password")
        self.again.setObjectName("passwordAgain")
        form = QFormLayout(self)
        form.addRow(self.tr("New password"), self.password)
        form.addRow(self.tr("Again"), self.again)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


def ask_new_password(parent: QWidget, username: str) -> tuple[str, str] | None:
    """Ask for the new password twice (tests replace this function)."""
    dialog = PasswordDialog(username, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.password.text(), dialog.again.text()


class AccountDialog(QDialog):
    """Create or edit one account; a 居委代表 needs the estates they may show in meeting mode."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, row: AccountRow | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.row = ctx, row
        self.setWindowTitle(self.tr("Edit account") if row else self.tr("New account"))
        self.setMinimumWidth(460)
        self.username = QLineEdit(self)
        self.username.setObjectName("username")
        self.display_name = QLineEdit(self)
        self.display_name.setObjectName("displayName")
        self.role = QComboBox(self)
        self.role.setObjectName("role")
        self.role.addItems(list(ROLES))
        self.password = password_edit(self)
        self.password.setObjectName("password")
        self.active = QCheckBox(self.tr("Account may sign in"), self)
        self.active.setChecked(True)
        self.estates = QListWidget(self)
        self.estates.setObjectName("estates")
        self.estates.setMinimumHeight(140)
        for estate_id, name in estate_choices(ctx):
            item = QListWidgetItem(name, self.estates)
            item.setData(ID_ROLE, estate_id)
            item.setCheckState(Qt.CheckState.Unchecked)
        form = QFormLayout()
        form.addRow(self.tr("Username"), self.username)
        form.addRow(self.tr("Name"), self.display_name)
        form.addRow(self.tr("Role"), self.role)
        if row is None:
            form.addRow(self.tr("Password"), self.password)
        else:
            form.addRow("", self.active)
        self.estates_label = QLabel(self.tr("Estates (residents' committee rep only)"), self)
        form.addRow(self.estates_label, self.estates)
        self.error = error_label(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        if row is not None:
            self.username.setText(row.username)
            self.username.setReadOnly(True)
            self.display_name.setText(row.display_name)
            self.role.setCurrentText(row.role)
            self.active.setChecked(row.active)
            for i in range(self.estates.count()):
                item = self.estates.item(i)
                if item.data(ID_ROLE) in row.estate_ids:
                    item.setCheckState(Qt.CheckState.Checked)
        self.role.currentTextChanged.connect(self._role_changed)
        self._role_changed(self.role.currentText())

    def _role_changed(self, role: str) -> None:
        self.estates.setEnabled(role == REP)

    def estate_ids(self) -> list[int]:
        return [int(self.estates.item(i).data(ID_ROLE)) for i in range(self.estates.count())
                if self.estates.item(i).checkState() == Qt.CheckState.Checked]

    def accept(self) -> None:
        """Save off the GUI thread; the dialog closes once saved, or stays open with the reason."""
        ctx, row, estate_ids = self.ctx, self.row, self.estate_ids()
        username, name, password = self.username.text(), self.display_name.text(), self.password.text()
        role, active = self.role.currentText(), self.active.isChecked()

        def store() -> AccountRow:
            if row is None:
                return accounts.create_account(ctx, username=username, display_name=name, password=password,
                                               role=role, estate_ids=estate_ids)
            return accounts.update_account(ctx, row.id, display_name=name, role=role, active=active,
                                           estate_ids=estate_ids)

        self.operation = save_and_accept(self, store, button=self.ok_button, changes=(),
                                         show_error=self._show_error, name="account save")

    def _show_error(self, message: str, _field: str | None) -> None:
        self.error.setText(message)
        self.error.show()


def _table(parent: QWidget, model: AccountsModel | AuditModel) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    return view


class AccountsTab(QWidget):
    """The list of accounts with its actions, and the idle-lock time."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = AccountsModel(self)
        self.view = _table(self, self.model)
        self.view.doubleClicked.connect(lambda _i: self.edit_account())
        header = self.view.horizontalHeader()
        for col, width in enumerate((130, 130, 90, 260, 130)):
            header.resizeSection(col, width)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.new_button = QPushButton(self.tr("New account…"), self)
        self.edit_button = QPushButton(self.tr("Edit…"), self)
        self.reset_button = QPushButton(self.tr("Reset password…"), self)
        self.unlock_button = QPushButton(self.tr("Unlock"), self)
        self.new_button.clicked.connect(self.new_account)
        self.edit_button.clicked.connect(self.edit_account)
        self.reset_button.clicked.connect(self.reset_password)
        self.unlock_button.clicked.connect(self.unlock)
        bar = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.reset_button, self.unlock_button):
            bar.addWidget(button)
        bar.addStretch(1)
        self.idle_minutes = QSpinBox(self)
        self.idle_minutes.setObjectName("idleMinutes")
        self.idle_minutes.setRange(0, 480)
        self.idle_minutes.setSuffix(self.tr(" min"))
        self.idle_minutes.setSpecialValueText(self.tr("never"))
        self.idle_minutes.setValue(accounts.get_idle_minutes(ctx))
        self.idle_minutes.valueChanged.connect(self._idle_changed)
        bar.addWidget(QLabel(self.tr("Lock the window after"), self))
        bar.addWidget(self.idle_minutes)
        bar.addWidget(QLabel(self.tr("without input"), self))
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self.refresh()

    def refresh(self) -> None:
        self.model.set_rows(accounts.list_accounts(self.ctx))

    def selected(self) -> AccountRow | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def new_account(self) -> None:
        if AccountDialog(self.ctx, self).exec() == QDialog.DialogCode.Accepted:
            self.refresh()

    def edit_account(self) -> None:
        row = self.selected()
        if row is not None and AccountDialog(self.ctx, self, row=row).exec() == QDialog.DialogCode.Accepted:
            self.refresh()

    def reset_password(self) -> None:
        row = self.selected()
        if row is None:
            return
        answer = ask_new_password(self, row.username)
        if answer is None:
            return
        ctx = self.ctx
        self._run(lambda: accounts.reset_password(ctx, row.id, password=answer[0], password_again=answer[1]),
                  self.tr("The new password for %1 is set; the account is unlocked.").replace("%1", row.username))

    def unlock(self) -> None:
        row = self.selected()
        if row is not None:
            ctx = self.ctx
            self._run(lambda: accounts.unlock_account(ctx, row.id),
                      self.tr("%1 can sign in again.").replace("%1", row.username))

    def _run(self, action: Callable[[], object], done: str) -> Operation:
        """One account change off the GUI thread; the list and a confirmation once it is saved."""
        return background.run(self, action, done=lambda _result: self._done(done),
                              error_title=self.tr("Not saved"), name="account change")

    def _done(self, done: str) -> None:
        self.refresh()
        QMessageBox.information(self, self.tr("Accounts"), done)

    def _idle_changed(self, minutes: int) -> None:
        ctx = self.ctx
        background.run(self, lambda: accounts.set_idle_minutes(ctx, minutes),
                       done=lambda _result: self._idle_saved(minutes), error_title=self.tr("Not saved"),
                       name="idle minutes")

    def _idle_saved(self, minutes: int) -> None:
        window = self.window().parent() or self.window()
        apply = getattr(window, "set_idle_minutes", None)
        if callable(apply):
            apply(minutes)


class AuditTab(QWidget):
    """The audit log, newest first, filtered by dates, action and user; exported to Excel. No edit path."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = AuditModel(self)
        self.view = _table(self, self.model)
        header = self.view.horizontalHeader()
        for col, width in enumerate((150, 110, 90, 90, 120)):
            header.resizeSection(col, width)
        today = clock.today()  # Shanghai's date, whatever the machine's time zone
        self.start = QDateEdit(QDate(today.year, today.month, 1), self)
        self.end = QDateEdit(QDate(today.year, today.month, today.day), self)
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.action = QComboBox(self)
        self.action.addItem(self.tr("All actions"), None)
        for key, label in audit_labels.ACTION_LABELS.items():
            self.action.addItem(label, key)
        self.user = QComboBox(self)
        self.refresh_button = QPushButton(self.tr("Show"), self)
        self.refresh_button.setObjectName("showAudit")
        self.export_button = QPushButton(self.tr("Export to Excel…"), self)
        self.count_label = QLabel(self)
        self.refresh_button.clicked.connect(self.refresh)
        self.export_button.clicked.connect(self.export)
        bar = QHBoxLayout()
        for label, widget in ((self.tr("From"), self.start), (self.tr("to"), self.end),
                              (self.tr("Action"), self.action), (self.tr("User"), self.user)):
            bar.addWidget(QLabel(label, self))
            bar.addWidget(widget)
        bar.addWidget(self.refresh_button)
        bar.addStretch(1)
        bar.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count_label)
        self._fill_users()
        self.refresh()

    def _fill_users(self) -> None:
        self.user.clear()
        self.user.addItem(self.tr("All users"), None)
        for name in audit_log.usernames(self.ctx):
            self.user.addItem(name, name)

    def current_filter(self) -> audit_log.AuditFilter:
        return audit_log.AuditFilter(start=self.start.date().toPython(), end=self.end.date().toPython(),
                                 action=self.action.currentData(), username=self.user.currentData())

    def refresh(self) -> None:
        f = self.current_filter()
        total = audit_log.count_entries(self.ctx, f)
        self.model.set_rows(audit_log.list_entries(self.ctx, f, limit=AUDIT_LIMIT))
        text = self.tr("%1 entries").replace("%1", str(total))
        if total > AUDIT_LIMIT:
            text += self.tr(" (the newest %1 shown; narrow the filter or export)").replace("%1", str(AUDIT_LIMIT))
        self.count_label.setText(text)

    def export(self) -> None:
        path = ask_save_path(self, self.tr("Export audit log"), str(Path.home() / "审计日志.xlsx"))
        if not path:
            return
        try:
            count = audit_log.export_entries(self.ctx, path, self.current_filter())
        except UserError as exc:
            QMessageBox.warning(self, self.tr("Export failed"), exc.message)
            return
        self.refresh()
        QMessageBox.information(self, self.tr("Export audit log"),
                                self.tr("%1 entries exported.").replace("%1", str(count)))


class AccountsWindow(QDialog):
    """Administrator only: accounts and the audit log in two tabs."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Accounts and audit log"))
        self.resize(1100, 640)
        self.tabs = QTabWidget(self)
        self.accounts_tab = AccountsTab(ctx, self.tabs)
        self.audit_tab = AuditTab(ctx, self.tabs)
        self.tabs.addTab(self.accounts_tab, self.tr("Accounts"))
        self.tabs.addTab(self.audit_tab, self.tr("Audit log"))
        self.tabs.currentChanged.connect(lambda i: self.audit_tab.refresh() if i == 1 else None)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
