"""下达督办: the dialog a supervisor fills in to issue a 督办单 on one item (from the candidate list or an item)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from controllers.core.context import AppContext
from controllers.orders.records import (
    DEFAULT_WORKING_DAYS,
    ORDER_REASONS,
    WORKING_DAYS_MAX,
    OrderInput,
    OrderRow,
    issue_order,
)
from controllers.reference.choices import department_choices, staff_choices
from ui.common.background import Operation
from ui.common.dialog_save import save_and_accept
from ui.common.events import Change
from ui.common.feedback import say


class IssueOrderDialog(QDialog):
    """Reason (不作为/慢作为/乱作为/其他) with text, a deadline in working days, and who is pressed.

    Who is pressed: the item's own party (its 承办人, department or owner) unless a staff member or a department is
    picked, or a name typed. On success `saved` holds the new order's row.
    """

    def __init__(self, ctx: AppContext, *, subject: str, subject_id: int, label: str, reason: str = "慢作为",
                 why: str = "", default_addressee: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.subject, self.subject_id = subject, subject_id
        self.saved: OrderRow | None = None
        self.setWindowTitle(self.tr("Issue a supervision order"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.addRow(self.tr("Item"), QLabel(label))
        self.reason = QComboBox()
        for r in ORDER_REASONS:
            self.reason.addItem(r, r)
        self.reason.setCurrentIndex(max(0, self.reason.findData(reason)))
        form.addRow(self.tr("Reason"), self.reason)
        self.reason_text = QPlainTextEdit(why)
        self.reason_text.setFixedHeight(80)
        form.addRow(self.tr("Details"), self.reason_text)
        self.days = QSpinBox()
        self.days.setRange(1, WORKING_DAYS_MAX)
        self.days.setValue(DEFAULT_WORKING_DAYS)
        self.days.setSuffix(self.tr(" working days"))
        form.addRow(self.tr("Deadline"), self.days)
        self.pressed = QComboBox()
        own = default_addressee or self.tr("(none named: pick or type one)")
        self.pressed.addItem(self.tr("The item's own: %1").replace("%1", own), None)
        for staff_id, name in staff_choices(ctx):
            self.pressed.addItem(self.tr("Staff: %1").replace("%1", name), ("staff", staff_id))
        for dept_id, name in department_choices(ctx):
            self.pressed.addItem(self.tr("Department: %1").replace("%1", name), ("department", dept_id))
        form.addRow(self.tr("Pressed"), self.pressed)
        self.typed = QLineEdit()
        self.typed.setPlaceholderText(self.tr("or type a person or unit"))
        form.addRow("", self.typed)
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox()
        self.ok_button: QPushButton = buttons.addButton(self.tr("Issue"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.operation: Operation | None = None  # the running save (tests wait on it)

    def order_input(self) -> OrderInput:
        picked = self.pressed.currentData()
        staff_id = picked[1] if picked and picked[0] == "staff" else None
        department_id = picked[1] if picked and picked[0] == "department" else None
        typed = self.typed.text() if picked is None else None
        return OrderInput(self.subject, self.subject_id, self.reason.currentData(), self.reason_text.toPlainText(),
                          self.days.value(), staff_id=staff_id, department_id=department_id, addressee=typed)

    def show_error(self, message: str, _field: str | None = None) -> None:
        say(self.error, message, error=True)
        self.error.show()

    def accept(self) -> None:
        ctx, item = self.ctx, self.order_input()
        self.operation = save_and_accept(self, lambda: issue_order(ctx, item), button=self.ok_button,
                                         changes=(Change.SUPERVISION, Change.CASES), show_error=self.show_error,
                                         name="issuing a supervision order")
