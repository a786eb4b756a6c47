"""Small input dialogs the case window asks through (tests replace these functions with stubs)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from controllers.cases.states import DEADLINE, DEPARTMENT, REASON, REVIEW_DATE, Transition
from ui.case_detail.widgets import IdPicker, date_edit, from_qdate


class AskDialog(QDialog):
    """A titled form with OK / Cancel; `result_values()` reads the fields back."""

    def __init__(self, parent: QWidget | None, title: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self.form = QFormLayout()
        layout = QVBoxLayout(self)
        self.intro_label = QLabel()
        self.intro_label.setWordWrap(True)
        self.intro_label.hide()
        layout.addWidget(self.intro_label)
        layout.addLayout(self.form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.fields: dict[str, Any] = {}

    def intro(self, text: str) -> None:
        self.intro_label.setText(text)
        self.intro_label.show()

    def text(self, key: str, label: str, value: str = "", *, multiline: bool = False) -> None:
        widget: QLineEdit | QPlainTextEdit
        if multiline:
            widget = QPlainTextEdit(value)
            widget.setFixedHeight(80)
            widget.setTabChangesFocus(True)
        else:
            widget = QLineEdit(value)
        self.fields[key] = widget
        self.form.addRow(label, widget)

    def day(self, key: str, label: str, value: date) -> None:
        self.fields[key] = date_edit(value)
        self.form.addRow(label, self.fields[key])

    def pick(self, key: str, label: str, choices: Sequence[tuple[int, str]], current: int | None = None) -> None:
        picker = IdPicker(choices)
        picker.set_value(current)
        self.fields[key] = picker
        self.form.addRow(label, picker)

    def tick(self, key: str, label: str) -> None:
        self.fields[key] = QCheckBox(label)
        self.form.addRow("", self.fields[key])

    def result_values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, w in self.fields.items():
            if isinstance(w, QPlainTextEdit):
                out[key] = w.toPlainText().strip() or None
            elif isinstance(w, QLineEdit):
                out[key] = w.text().strip() or None
            elif isinstance(w, IdPicker):
                out[key] = w.value()
            elif isinstance(w, QCheckBox):
                out[key] = w.isChecked()
            else:
                out[key] = from_qdate(w.date())
        return out

    def ask(self) -> dict[str, Any] | None:
        return self.result_values() if self.exec() == QDialog.DialogCode.Accepted else None


class TransitionAsk(AskDialog):
    """What a move needs (reason, review date, deadline, department) plus an optional note."""

    def __init__(self, parent: QWidget, move: Transition, *, number: str, today: date,
                 proposed_deadline: date | None, departments: Sequence[tuple[int, str]]) -> None:
        super().__init__(parent, f"{number}：{move.label}")
        if REASON in move.needs:
            self.text("reason", self.tr("Reason"), multiline=True)
        if REVIEW_DATE in move.needs:
            self.day("review_date", self.tr("Review on"), today + timedelta(days=30))
        if DEADLINE in move.needs:
            self.day("deadline", self.tr("Rectify by"), proposed_deadline or today + timedelta(days=15))
        if DEPARTMENT in move.needs:
            self.pick("department_id", self.tr("Department"), departments)
            self.text("reason", self.tr("Matter referred"), multiline=True)
            self.text("letter_no", self.tr("Letter no."))
            self.day("reply_due", self.tr("Reply due"), today + timedelta(days=14))
        self.text("note", self.tr("Note"))


class ReferralAsk(AskDialog):
    """A referral asking a department to assist or act, the case staying with the station."""

    def __init__(self, parent: QWidget, *, departments: Sequence[tuple[int, str]], today: date, reply_due: date,
                 department_id: int | None = None, reason: str = "") -> None:
        super().__init__(parent, "")
        self.setWindowTitle(self.tr("Refer to a department"))
        self.intro(self.tr("The case stays with the station; the department is asked to assist or act."))
        self.pick("department_id", self.tr("Department"), departments, department_id)
        self.text("reason", self.tr("Matter referred"), reason, multiline=True)
        self.day("referred_on", self.tr("Referred on"), today)
        self.text("letter_no", self.tr("Letter no."))
        self.day("reply_due", self.tr("Reply due"), reply_due)


class ReceiptAsk(AskDialog):
    """The date a department acknowledged a referral."""

    def __init__(self, parent: QWidget, *, today: date) -> None:
        super().__init__(parent, "")
        self.setWindowTitle(self.tr("Record receipt"))
        self.day("received_on", self.tr("Received on"), today)


class ReplyAsk(AskDialog):
    """A department's reply letter (回函)."""

    def __init__(self, parent: QWidget, *, today: date) -> None:
        super().__init__(parent, "")
        self.setWindowTitle(self.tr("Record reply"))
        self.day("replied_on", self.tr("Replied on"), today)
        self.text("reply_letter_no", self.tr("Reply letter no."))
        self.text("reply", self.tr("Reply"), multiline=True)


class FollowupAsk(AskDialog):
    """The follow-up visit (回头看) after closing."""

    def __init__(self, parent: QWidget, *, today: date) -> None:
        super().__init__(parent, "")
        self.setWindowTitle(self.tr("Follow-up visit"))
        self.intro(self.tr("If the violation is back, a new case linked to this one is opened."))
        self.day("on", self.tr("Visited on"), today)
        self.text("note", self.tr("What was seen"), multiline=True)
        self.tick("found_again", self.tr("The violation was found again"))


# The window asks through these names so tests can replace them with stubs.
def ask_transition(parent: QWidget, move: Transition, **kwargs: Any) -> dict[str, Any] | None:
    return TransitionAsk(parent, move, **kwargs).ask()


def ask_referral(parent: QWidget, **kwargs: Any) -> dict[str, Any] | None:
    return ReferralAsk(parent, **kwargs).ask()


def ask_receipt(parent: QWidget, **kwargs: Any) -> dict[str, Any] | None:
    return ReceiptAsk(parent, **kwargs).ask()


def ask_reply(parent: QWidget, **kwargs: Any) -> dict[str, Any] | None:
    return ReplyAsk(parent, **kwargs).ask()


def ask_followup(parent: QWidget, **kwargs: Any) -> dict[str, Any] | None:
    return FollowupAsk(parent, **kwargs).ask()
