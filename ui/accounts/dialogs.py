"""The first-start administrator dialog and the login dialog (also used to unlock an idle-locked window)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from controllers.accounts import users as accounts
from controllers.core.context import AppContext
from controllers.core.errors import UserError
from ui.common.restart import start_demo

DIALOG_WIDTH = 420


def password_edit(parent: QWidget) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaxLength(200)
    return edit


def error_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setObjectName("errorLabel")
    label.setWordWrap(True)
    label.setStyleSheet("color: #c62828;")
    label.hide()
    return label


def demo_button(parent: QWidget) -> QPushButton:
    """试用演示数据: the demo opens in its own window on its own folder; this dialog stays for the real data."""
    button = QPushButton(QCoreApplication.translate("FirstStartDialog", "Try with demo data"), parent)
    button.setObjectName("tryDemo")
    button.setToolTip(QCoreApplication.translate(
        "FirstStartDialog", "Opens made-up data in a separate folder and window; the station's own data is "
        "never touched."))
    button.clicked.connect(start_demo)
    return button


class FirstStartDialog(QDialog):
    """No accounts yet: create the administrator (username, name, password twice) and sign them in."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Create the administrator account"))
        self.setMinimumWidth(DIALOG_WIDTH)
        intro = QLabel(self.tr("This is the first start. Create the administrator account: it manages the other "
                               "accounts and the reference data. The password needs at least 8 characters."), self)
        intro.setWordWrap(True)
        self.username = QLineEdit(self)
        self.username.setObjectName("username")
        self.username.setText("admin")
        self.display_name = QLineEdit(self)
        self.display_name.setObjectName("displayName")
        self.password = password_edit(self)
        self.password.setObjectName("password")
        self.password_again = password_edit(self)
        self.password_again.setObjectName("passwordAgain")
        form = QFormLayout()
        form.addRow(self.tr("Username"), self.username)
        form.addRow(self.tr("Name"), self.display_name)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.tr("Password again"), self.password_again)
        self.error = error_label(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Create and sign in"))
        buttons.addButton(demo_button(self), QDialogButtonBox.ButtonRole.ActionRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.display_name.setFocus()

    def accept(self) -> None:
        try:
            accounts.create_first_admin(self.ctx, username=self.username.text(), display_name=self.display_name.text(),
                                        password=self.password.text(), password_again=self.password_again.text())
        except UserError as exc:
            self.error.setText(exc.message)
            self.error.show()
            return
        super().accept()


class LoginDialog(QDialog):
    """Username and password; after an idle lock the name is fixed to the same user unless they switch user."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, locked_user: str | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.locked_user = locked_user
        self.setWindowTitle(self.tr("Locked") if locked_user else self.tr("Sign in"))
        self.setMinimumWidth(DIALOG_WIDTH)
        title = QLabel(self.tr("The window was locked. Enter your password to continue.") if locked_user
                       else self.tr("Sign in to Station Ledger"), self)
        title.setWordWrap(True)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        title.setFont(font)
        self.username = QLineEdit(self)
        self.username.setObjectName("username")
        self.username.setMaxLength(40)
        self.password = password_edit(self)
        self.password.setObjectName("password")
        form = QFormLayout()
        form.addRow(self.tr("Username"), self.username)
        form.addRow(self.tr("Password"), self.password)
        self.error = error_label(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Sign in"))
        self.switch_button = QPushButton(self.tr("Switch user"), self)
        self.switch_button.setObjectName("switchUser")
        self.quit_button = QPushButton(self.tr("Quit"), self)
        buttons.addButton(self.switch_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.quit_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.switch_button.setVisible(bool(locked_user))
        if not locked_user:
            buttons.addButton(demo_button(self), QDialogButtonBox.ButtonRole.ActionRole)
        self.switch_button.clicked.connect(self.switch_user)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        if locked_user:
            self.username.setText(locked_user)
            self.username.setReadOnly(True)
            self.password.setFocus()
        else:
            self.username.setFocus()

    def switch_user(self) -> None:
        self.locked_user = None
        self.username.setReadOnly(False)
        self.username.clear()
        self.password.clear()
        self.username.setFocus()

    def accept(self) -> None:
        try:
            accounts.login(self.ctx, username=self.username.text(), password=self.password.text())
        except UserError as exc:
            self.error.setText(exc.message)
            self.error.show()
            self.password.clear()
            self.password.setFocus()
            return
        super().accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Escape must not dismiss a lock screen: only 退出 (quit) leaves it.
        if self.locked_user and event.key() == Qt.Key.Key_Escape:
            return
        super().keyPressEvent(event)


def sign_in(ctx: AppContext, parent: QWidget | None = None) -> bool:
    """First start → create the administrator; otherwise the login dialog. True once someone is signed in."""
    dialog: QDialog = LoginDialog(ctx, parent) if accounts.has_users(ctx) else FirstStartDialog(ctx, parent)
    return dialog.exec() == QDialog.DialogCode.Accepted
