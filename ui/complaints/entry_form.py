"""Quick entry of a complaint (新登记), usable by keyboard alone while on the phone."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from controllers.complaints import entry as cc
from controllers.core import clock
from controllers.core.context import AppContext
from controllers.core.errors import UserError, ValidationError
from controllers.reference.choices import category_choices
from ui.common import background
from ui.common.background import Operation
from ui.common.events import Change


def to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


class TabLeavesDateTimeEdit(QDateTimeEdit):
    """Tab moves to the next field (Qt would walk the date's sections); Left/Right still move between them."""

    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)


class TabLeavesDateEdit(QDateEdit):
    """A date edit that Tab leaves at once, like TabLeavesDateTimeEdit."""

    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)


class QuickEntryDialog(QDialog):
    """Channel, time, name, phone, estate, address, category, content, reply deadline; Enter or Ctrl+Enter saves."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.created_id: int | None = None
        self.operation: Operation | None = None
        self._due_edited = False
        self.setWindowTitle(self.tr("New complaint"))
        self.setMinimumWidth(560)

        self.channel = QComboBox()
        self.channel.addItems(list(cc.CHANNELS))
        self.received = TabLeavesDateTimeEdit()
        self.received.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.received.setCalendarPopup(True)
        now = clock.local_now()
        self.received.setDateTime(QDateTime(to_qdate(now.date()), QTime(now.hour, now.minute)))
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("Optional: anonymous is allowed"))
        self.phone = QLineEdit()
        self.phone.setPlaceholderText(self.tr("Optional"))
        self.estate = QLineEdit()
        self.estate.setPlaceholderText(self.tr("Type part of the estate's name or alias"))
        names = cc.estate_names(ctx)
        self._estate_names = {n.text: n.estate_id for n in names}
        completer = QCompleter(sorted(self._estate_names), self.estate)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.estate.setCompleter(completer)
        self.address = QLineEdit()
        self.category = QComboBox()
        self.category.addItem(self.tr("(not classified)"), None)
        for value, label in category_choices(ctx):
            self.category.addItem(label, value)
        self.content = QPlainTextEdit()
        self.content.setTabChangesFocus(True)  # Tab leaves the text box, as in every other field
        self.content.setFixedHeight(96)
        self.reply_due = TabLeavesDateEdit()
        self.reply_due.setDisplayFormat("yyyy-MM-dd")
        self.reply_due.setCalendarPopup(True)

        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        rows = [
            ("channel", self.tr("Channel"), self.channel), ("received_at", self.tr("Received"), self.received),
            ("complainant_name", self.tr("Complainant"), self.name),
            ("complainant_phone", self.tr("Phone"), self.phone), ("estate_id", self.tr("Estate"), self.estate),
            ("address", self.tr("Address"), self.address), ("category_id", self.tr("Category"), self.category),
            ("content", self.tr("Content"), self.content), ("reply_due", self.tr("Reply due"), self.reply_due),
        ]
        for key, label, widget in rows:
            box = QVBoxLayout()
            box.setSpacing(2)
            box.addWidget(widget)
            error = QLabel()
            error.setObjectName("fieldError")
            error.setStyleSheet("color: #d32f2f;")
            error.setWordWrap(True)
            error.hide()
            box.addWidget(error)
            self.errors[key] = error
            form.addRow(label, box)
        self.fields = [w for _k, _l, w in rows]

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        hint = QLabel(self.tr("Enter or Ctrl+Enter saves; Esc cancels."))
        hint.setObjectName("hint")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.buttons)
        # The tab order follows the form, the order of a phone call; set once every widget is in the window.
        for first, second in zip(self.fields, [*self.fields[1:], self.buttons], strict=True):
            QWidget.setTabOrder(first, second)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, activated=self.save)

        self.channel.currentIndexChanged.connect(self._propose_due)
        self.received.dateTimeChanged.connect(self._propose_due)
        self.reply_due.dateChanged.connect(self._due_changed)
        self._propose_due()
        self.channel.setFocus()

    def _due_changed(self) -> None:
        if not self._setting_due:
            self._due_edited = True

    _setting_due = False

    def _propose_due(self) -> None:
        """The channel's default deadline, until the user sets one by hand."""
        if self._due_edited:
            return
        due = cc.default_reply_due(self.ctx, channel=self.channel.currentText(),
                                   received_on=to_date(self.received.date()))
        self._setting_due = True
        self.reply_due.setDate(to_qdate(due))
        self._setting_due = False

    def _clear_errors(self) -> None:
        for label in self.errors.values():
            label.hide()

    def show_error(self, field: str | None, message: str) -> None:
        """The message next to its field (or under the channel when the field is unknown), field focused."""
        key = field if field in self.errors else "content"
        self.errors[key].setText(message)
        self.errors[key].show()
        widget = dict(zip(self.errors, self.fields, strict=True)).get(key)
        if widget is not None:
            widget.setFocus()

    def save(self) -> Operation | None:
        """Record the complaint off the GUI thread; the form closes once it is in the log."""
        if self.operation is not None and self.operation.running:
            return None  # Enter pressed again while the first save is on its way
        self._clear_errors()
        qdt = self.received.dateTime()
        local = datetime(qdt.date().year(), qdt.date().month(), qdt.date().day(), qdt.time().hour(),
                         qdt.time().minute())
        ctx, estate = self.ctx, self.estate.text()
        values = dict(channel=self.channel.currentText(), received_at=clock.to_utc(local),
                      complainant_name=self.name.text(), complainant_phone=self.phone.text(),
                      address=self.address.text(), category_id=self.category.currentData(),
                      content=self.content.toPlainText(), reply_due=to_date(self.reply_due.date()))

        def record() -> int:
            return cc.create_complaint(ctx, estate_id=cc.resolve_estate(ctx, estate), **values)

        self.operation = background.run(self, record, changes=(Change.COMPLAINTS,), done=self._recorded,
                                        refused=self._refused, name="complaint entry")
        return self.operation

    def _recorded(self, created_id: int) -> None:
        self.created_id = created_id
        self.accept()

    def _refused(self, exc: UserError) -> None:
        self.show_error(exc.field if isinstance(exc, ValidationError) else None, exc.message)


def quick_entry(ctx: AppContext, parent: QWidget | None = None) -> int | None:
    """Open the entry form; the new complaint's id, or None when cancelled."""
    dialog = QuickEntryDialog(ctx, parent)
    return dialog.created_id if dialog.exec() == QDialog.DialogCode.Accepted else None
