"""显示号码: a button beside a masked phone number for roles that may see personal data.

A clerk who must call a complainant (or a case's party) back clicks it: the controller checks the role, writes
one audit entry and returns the full number, which a small window shows as selectable text with a 复制 button.
Other roles never see the button (and the controller would refuse them anyway).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from controllers.core.context import AppContext
from controllers.core.privacy import may_unmask
from controllers.station.reveal import reveal_phone
from ui.common import background


class RevealedPhoneDialog(QDialog):
    """The full number, large and selectable, with 复制 (to the clipboard) and 关闭."""

    def __init__(self, phone: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Phone number"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.number = QLabel(phone)
        self.number.setObjectName("revealedPhone")
        self.number.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                            | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        # A style sheet, not setFont: the theme's sheet sets every label's font size and would win.
        self.number.setStyleSheet("font-size: 24px; font-weight: bold;")
        hint = QLabel(self.tr("Shown for calling back; this was recorded in the audit log."))
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        self.copy_button = buttons.addButton(self.tr("Copy"), QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy)
        buttons.rejected.connect(self.reject)
        self.setMinimumWidth(360)  # the hint on two lines at most, the buttons apart from it
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(self.number)
        layout.addWidget(hint)
        layout.addWidget(buttons)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.number.text())
        self.copy_button.setText(self.tr("Copied"))


class PhoneRevealButton(QPushButton):
    """显示号码 for one record (`record_id()` gives the record shown now); hidden for roles without personal data."""

    def __init__(self, ctx: AppContext, kind: str, record_id: Callable[[], int | None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setText(self.tr("Show number"))
        self.setObjectName("revealPhoneButton")
        self.setToolTip(self.tr("Show the full number to call back (recorded in the audit log)"))
        self.ctx = ctx
        self.kind = kind
        self.record_id = record_id
        self.allowed = may_unmask(ctx)
        self.dialog: RevealedPhoneDialog | None = None
        self.setVisible(self.allowed)
        self.clicked.connect(self.reveal)

    def reveal(self) -> background.Operation | None:
        """Ask the controller off the GUI thread; the number window opens when it answers."""
        record = self.record_id()
        if record is None:
            return None
        ctx, kind = self.ctx, self.kind
        self.setEnabled(False)  # one reveal (one audit entry) per click
        operation = background.run(self, lambda: reveal_phone(ctx, kind, record), done=self._show,
                                   error_title=self.tr("Show number"), name="reveal phone")
        operation.ended.connect(lambda _ok: self.setEnabled(True))
        return operation

    def _show(self, phone: str) -> None:
        self.dialog = RevealedPhoneDialog(phone, self.window())
        self.dialog.open()
