"""The case book's filter bar: status (several), category, street, estate, officer, source, dates and four flags."""

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
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from controllers.cases.listing import SOURCES, STATUSES, CaseFilter
from controllers.core.context import AppContext
from controllers.reference.choices import category_choices, estate_choices, staff_choices, street_choices

NO_DATE = QDate(2000, 1, 1)  # the date edits' minimum, shown as "any"


class CaseFilterBar(QWidget):
    """Emits `changed` whenever a filter changes; `case_filter(query)` gives the combined CaseFilter."""

    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._quiet = False

        self.status_button = QToolButton()
        self.status_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.status_menu = QMenu(self.status_button)
        self.status_actions = {}
        for status in STATUSES:
            action = self.status_menu.addAction(status)
            action.setCheckable(True)
            action.toggled.connect(self._status_toggled)
            self.status_actions[status] = action
        self.status_button.setMenu(self.status_menu)

        self.category = self._combo(self.tr("All categories"), category_choices(ctx, include_inactive=True))
        self.street = self._combo(self.tr("All streets"), street_choices(ctx))
        self.estate = self._combo(self.tr("All estates"), [])
        self.estate.setEditable(True)
        self.estate.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.estate.setMinimumContentsLength(10)
        self._fill_estates()
        self.officer = self._combo(self.tr("All officers"), staff_choices(ctx, include_inactive=True))
        self.source = self._combo(self.tr("All sources"), [(i, s) for i, s in enumerate(SOURCES)])
        self.street.currentIndexChanged.connect(self._street_changed)
        for combo in (self.category, self.officer, self.source):
            combo.currentIndexChanged.connect(self._emit)
        self.estate.currentIndexChanged.connect(self._emit)

        self.found_from = self._date_edit()
        self.found_to = self._date_edit()
        self.overdue = QCheckBox(self.tr("Overdue"))
        self.due_soon = QCheckBox(self.tr("Due within 3 working days"))
        self.on_hold = QCheckBox(self.tr("On hold"))
        self.referred = QCheckBox(self.tr("Referred"))
        for box in (self.overdue, self.due_soon, self.on_hold, self.referred):
            box.toggled.connect(self._emit)
        self.clear_button = QPushButton(self.tr("Clear filters"))
        self.clear_button.clicked.connect(self.clear)

        row1 = QHBoxLayout()
        for w in (self.status_button, self.category, self.street, self.estate, self.officer, self.source):
            row1.addWidget(w, 1 if isinstance(w, QComboBox) else 0)
        row2 = QHBoxLayout()
        row2.addWidget(QLabel(self.tr("Found from")))
        row2.addWidget(self.found_from)
        row2.addWidget(QLabel(self.tr("to")))
        row2.addWidget(self.found_to)
        row2.addSpacing(12)
        for w in (self.overdue, self.due_soon, self.on_hold, self.referred):
            row2.addWidget(w)
        row2.addStretch(1)
        row2.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row1)
        layout.addLayout(row2)
        self._update_status_text()

    # --- building ---------------------------------------------------------------------------------------
    def _combo(self, all_text: str, choices: list[tuple[int, str]]) -> QComboBox:
        combo = QComboBox()
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(6)
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
        street_id = self.street.currentData()
        self.estate.blockSignals(True)
        self.estate.clear()
        self.estate.addItem(self.tr("All estates"), None)
        for value, label in estate_choices(self.ctx, street_id=street_id):
            self.estate.addItem(label, value)
        completer = QCompleter(self.estate.model(), self.estate)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.estate.setCompleter(completer)
        self.estate.setCurrentIndex(0)
        self.estate.blockSignals(False)

    # --- reacting ---------------------------------------------------------------------------------------
    def _street_changed(self) -> None:
        self._fill_estates()
        self._emit()

    def _status_toggled(self) -> None:
        self._update_status_text()
        self._emit()

    def _update_status_text(self) -> None:
        chosen = self.statuses()
        if not chosen:
            self.status_button.setText(self.tr("All statuses"))
        else:
            self.status_button.setText(self.tr("Status: %1").replace("%1", "、".join(chosen)))

    def _emit(self) -> None:
        if not self._quiet:
            self.changed.emit()

    # --- reading and setting ----------------------------------------------------------------------------
    def statuses(self) -> tuple[str, ...]:
        return tuple(s for s, a in self.status_actions.items() if a.isChecked())

    def set_statuses(self, statuses: tuple[str, ...]) -> None:
        self._quiet = True
        for status, action in self.status_actions.items():
            action.setChecked(status in statuses)
        self._quiet = False
        self._update_status_text()
        self.changed.emit()

    @staticmethod
    def _date(edit: QDateEdit) -> date | None:
        value = edit.date()
        return None if value == NO_DATE else date(value.year(), value.month(), value.day())

    def _ids(self, combo: QComboBox) -> tuple[int, ...]:
        value = combo.currentData()
        return () if value is None else (int(value),)

    def case_filter(self, query: str = "") -> CaseFilter:
        source = self.source.currentData()
        return CaseFilter(
            statuses=self.statuses(), category_ids=self._ids(self.category), street_ids=self._ids(self.street),
            estate_ids=self._ids(self.estate), officer_ids=self._ids(self.officer),
            sources=() if source is None else (SOURCES[int(source)],),
            found_from=self._date(self.found_from), found_to=self._date(self.found_to),
            overdue=self.overdue.isChecked(), due_soon=self.due_soon.isChecked(),
            on_hold=self.on_hold.isChecked(), referred=self.referred.isChecked(), query=query,
        )

    def set_filter(self, f: CaseFilter) -> None:
        """Show exactly this filter (the dashboard opens the case book filtered); one change signal."""
        self._quiet = True
        for status, action in self.status_actions.items():
            action.setChecked(status in f.statuses)
        for combo, ids in ((self.category, f.category_ids), (self.street, f.street_ids),
                           (self.officer, f.officer_ids)):
            combo.setCurrentIndex(max(0, combo.findData(ids[0])) if ids else 0)
        self._fill_estates()
        self.estate.setCurrentIndex(max(0, self.estate.findData(f.estate_ids[0])) if f.estate_ids else 0)
        self.source.setCurrentIndex(SOURCES.index(f.sources[0]) + 1 if f.sources else 0)
        for edit, day in ((self.found_from, f.found_from), (self.found_to, f.found_to)):
            edit.setDate(NO_DATE if day is None else QDate(day.year, day.month, day.day))
        for box, on in ((self.overdue, f.overdue), (self.due_soon, f.due_soon), (self.on_hold, f.on_hold),
                        (self.referred, f.referred)):
            box.setChecked(on)
        self._quiet = False
        self._update_status_text()
        self.changed.emit()

    def clear(self) -> None:
        """Back to every case (one change signal, not one per widget)."""
        self._quiet = True
        for action in self.status_actions.values():
            action.setChecked(False)
        for combo in (self.category, self.street, self.officer, self.source):
            combo.setCurrentIndex(0)
        self._fill_estates()
        for edit in (self.found_from, self.found_to):
            edit.setDate(NO_DATE)
        for box in (self.overdue, self.due_soon, self.on_hold, self.referred):
            box.setChecked(False)
        self._quiet = False
        self._update_status_text()
        self.changed.emit()
