"""The complaint log's filter bar: channel, status, category, street, estate, received dates, overdue, repeat."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from controllers.complaints.entry import CHANNELS, STATUSES
from controllers.complaints.listing import ComplaintFilter
from controllers.core.context import AppContext
from controllers.reference.choices import category_choices, estate_choices, street_choices

NO_DATE = QDate(2000, 1, 1)  # the date edits' minimum, shown as "any"


class ComplaintFilterBar(QWidget):
    """Emits `changed` whenever a filter changes; `complaint_filter(query)` gives the combined filter."""

    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._quiet = False
        self.channel = self._combo(self.tr("All channels"), list(enumerate(CHANNELS)))
        self.status = self._combo(self.tr("All statuses"), list(enumerate(STATUSES)))
        self.category = self._combo(self.tr("All categories"), category_choices(ctx, include_inactive=True))
        self.street = self._combo(self.tr("All streets"), street_choices(ctx))
        self.estate = self._combo(self.tr("All estates"), [])
        self.estate.setEditable(True)
        self.estate.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.estate.setMinimumContentsLength(8)
        self._fill_estates()
        self.street.currentIndexChanged.connect(self._street_changed)
        for combo in (self.channel, self.status, self.category, self.estate):
            combo.currentIndexChanged.connect(self._emit)
        self.received_from = self._date_edit()
        self.received_to = self._date_edit()
        self.overdue = QCheckBox(self.tr("Reply overdue"))
        self.repeat = QCheckBox(self.tr("Repeat complaints"))
        for box in (self.overdue, self.repeat):
            box.toggled.connect(self._emit)
        self.clear_button = QPushButton(self.tr("Clear filters"))
        self.clear_button.clicked.connect(self.clear)

        row1 = QHBoxLayout()
        for w in (self.channel, self.status, self.category, self.street, self.estate):
            row1.addWidget(w, 1)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Received")))
        row.addWidget(self.received_from)
        row.addWidget(QLabel(self.tr("to")))
        row.addWidget(self.received_to)
        row.addWidget(self.overdue)
        row.addWidget(self.repeat)
        row.addStretch(1)
        row.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row1)
        layout.addLayout(row)

    def _combo(self, all_text: str, choices: list[tuple[int, str]]) -> QComboBox:
        combo = QComboBox()
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(5)
        combo.addItem(all_text, None)
        for value, label in choices:
            combo.addItem(label, value)
        return combo

    def _date_edit(self) -> QDateEdit:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setMinimumDate(NO_DATE)
        edit.setSpecialValueText(self.tr("any"))
        edit.setDate(NO_DATE)
        edit.dateChanged.connect(self._emit)
        return edit

    def _fill_estates(self) -> None:
        self.estate.blockSignals(True)
        self.estate.clear()
        self.estate.addItem(self.tr("All estates"), None)
        for value, label in estate_choices(self.ctx, street_id=self.street.currentData()):
            self.estate.addItem(label, value)
        completer = QCompleter(self.estate.model(), self.estate)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.estate.setCompleter(completer)
        self.estate.setCurrentIndex(0)
        self.estate.blockSignals(False)

    def _street_changed(self) -> None:
        self._fill_estates()
        self._emit()

    def _emit(self) -> None:
        if not self._quiet:
            self.changed.emit()

    @staticmethod
    def _date(edit: QDateEdit) -> date | None:
        value = edit.date()
        return None if value == NO_DATE else date(value.year(), value.month(), value.day())

    @staticmethod
    def _ids(combo: QComboBox) -> tuple[int, ...]:
        value = combo.currentData()
        return () if value is None else (int(value),)

    def set_filter(self, f: ComplaintFilter) -> None:
        """Show exactly this filter (the dashboard opens the complaint log filtered); one change signal."""
        self._quiet = True
        self.channel.setCurrentIndex(CHANNELS.index(f.channels[0]) + 1 if f.channels else 0)
        self.status.setCurrentIndex(STATUSES.index(f.statuses[0]) + 1 if f.statuses else 0)
        for combo, ids in ((self.category, f.category_ids), (self.street, f.street_ids)):
            combo.setCurrentIndex(max(0, combo.findData(ids[0])) if ids else 0)
        self._fill_estates()
        self.estate.setCurrentIndex(max(0, self.estate.findData(f.estate_ids[0])) if f.estate_ids else 0)
        for edit, day in ((self.received_from, f.received_from), (self.received_to, f.received_to)):
            edit.setDate(NO_DATE if day is None else QDate(day.year, day.month, day.day))
        self.overdue.setChecked(f.overdue)
        self.repeat.setChecked(f.repeat)
        self._quiet = False
        self.changed.emit()

    def complaint_filter(self, query: str = "") -> ComplaintFilter:
        channel, status = self.channel.currentData(), self.status.currentData()
        return ComplaintFilter(
            channels=() if channel is None else (CHANNELS[int(channel)],),
            statuses=() if status is None else (STATUSES[int(status)],),
            category_ids=self._ids(self.category), street_ids=self._ids(self.street),
            estate_ids=self._ids(self.estate), received_from=self._date(self.received_from),
            received_to=self._date(self.received_to), overdue=self.overdue.isChecked(),
            repeat=self.repeat.isChecked(), query=query,
        )

    def clear(self) -> None:
        """Back to every complaint (one change signal, not one per widget)."""
        self._quiet = True
        for combo in (self.channel, self.status, self.category, self.street):
            combo.setCurrentIndex(0)
        self._fill_estates()
        for edit in (self.received_from, self.received_to):
            edit.setDate(NO_DATE)
        for box in (self.overdue, self.repeat):
            box.setChecked(False)
        self._quiet = False
        self.changed.emit()
