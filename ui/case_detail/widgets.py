"""Small widgets for the case window: optional dates, a type-ahead picker, date conversions."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QCompleter, QDateEdit, QHBoxLayout, QWidget

from controllers.core import clock

DATE_FORMAT = "yyyy-MM-dd"
ERROR_STYLE = "border: 2px solid #c62828;"


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(qd: QDate) -> date:
    return date(qd.year(), qd.month(), qd.day())


def date_edit(day: date | None = None) -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(DATE_FORMAT)
    edit.setDate(to_qdate(day or clock.today()))
    return edit


class OptionalDate(QWidget):
    """A date that may be absent (no deadline yet, no penalty): a tick box enables the date."""

    changed = Signal()

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check = QCheckBox(label)
        self.edit = date_edit()
        self.edit.setEnabled(False)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.check)
        row.addWidget(self.edit, 1)
        self.check.toggled.connect(self.edit.setEnabled)
        self.check.toggled.connect(self.changed)
        self.edit.dateChanged.connect(self.changed)

    def value(self) -> date | None:
        return from_qdate(self.edit.date()) if self.check.isChecked() else None

    def set_value(self, day: date | None) -> None:
        self.check.setChecked(day is not None)
        if day is not None:
            self.edit.setDate(to_qdate(day))


class IdPicker(QComboBox):
    """A combo of (id, label) choices; `typeahead` makes it editable with a contains-match completer."""

    def __init__(self, choices: Sequence[tuple[int, str]], *, none_label: str | None = None,
                 typeahead: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if none_label is not None:
            self.addItem(none_label, None)
        for record_id, label in choices:
            self.addItem(label, record_id)
        if typeahead:
            self.setEditable(True)
            self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            completer = QCompleter(self.model(), self)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            self.setCompleter(completer)

    def value(self) -> int | None:
        if self.isEditable():
            index = self.findText(self.currentText().strip(), Qt.MatchFlag.MatchExactly)
            return None if index < 0 else self.itemData(index)
        return self.currentData()

    def set_value(self, record_id: int | None) -> None:
        index = self.findData(record_id)
        if index < 0 and self.isEditable():
            self.setCurrentIndex(-1)
            self.setEditText("")
            return
        self.setCurrentIndex(max(index, 0))


