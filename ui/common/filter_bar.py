"""What the case book's and the complaint log's filter bars share: "all" combos, dates that may be "any", the
street → estate pair with its type-to-find completer, and one change signal however many widgets a reset moves."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtWidgets import QComboBox, QCompleter, QDateEdit, QWidget

from controllers.core.context import AppContext
from controllers.reference.choices import estate_choices, street_choices

NO_DATE = QDate(2000, 1, 1)  # the date edits' minimum, shown as "any"
# Translated with the literal context "FilterBar": self.tr() here would use the subclass's name, which lupdate cannot
# know, and lupdate only collects translate() calls whose arguments are literals.


class FilterBar(QWidget):
    """Emits `changed` whenever a filter changes; subclasses build their widgets with these helpers."""

    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._quiet = False

    # ---- building ----------------------------------------------------------------------------------------
    def combo(self, all_text: str, choices: list[tuple[int, str]], *, min_length: int) -> QComboBox:
        """A combo of `choices` after an "all" entry (data None)."""
        combo = QComboBox()
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(min_length)
        combo.addItem(all_text, None)
        for value, label in choices:
            combo.addItem(label, value)
        return combo

    def date_edit(self) -> QDateEdit:
        """A date that starts as "any" (NO_DATE); a change emits `changed`."""
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setMinimumDate(NO_DATE)
        edit.setSpecialValueText(QCoreApplication.translate("FilterBar", "any"))
        edit.setDate(NO_DATE)
        edit.dateChanged.connect(self.emit_changed)
        return edit

    def street_and_estate(self, *, min_length: int, estate_length: int) -> tuple[QComboBox, QComboBox]:
        """self.street and self.estate: choosing a street narrows the estates; an estate can be typed to find."""
        all_streets = QCoreApplication.translate("FilterBar", "All streets")
        self.street = self.combo(all_streets, street_choices(self.ctx), min_length=min_length)
        self.estate = self.combo(QCoreApplication.translate("FilterBar", "All estates"), [], min_length=min_length)
        self.estate.setEditable(True)
        self.estate.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.estate.setMinimumContentsLength(estate_length)
        self.fill_estates()
        self.street.currentIndexChanged.connect(self._street_changed)
        self.estate.currentIndexChanged.connect(self.emit_changed)
        return self.street, self.estate

    def fill_estates(self) -> None:
        """The chosen street's estates (every estate for all streets), "all" chosen; no change signal."""
        self.estate.blockSignals(True)
        self.estate.clear()
        self.estate.addItem(QCoreApplication.translate("FilterBar", "All estates"), None)
        for value, label in estate_choices(self.ctx, street_id=self.street.currentData()):
            self.estate.addItem(label, value)
        completer = QCompleter(self.estate.model(), self.estate)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.estate.setCompleter(completer)
        self.estate.setCurrentIndex(0)
        self.estate.blockSignals(False)

    def _street_changed(self) -> None:
        self.fill_estates()
        self.emit_changed()

    # ---- signalling --------------------------------------------------------------------------------------
    def emit_changed(self) -> None:
        if not self._quiet:
            self.changed.emit()

    @contextmanager
    def one_change(self) -> Iterator[None]:
        """Set many widgets (clear, a filter from the dashboard) and emit `changed` once at the end."""
        self._quiet = True
        try:
            yield
        finally:
            self._quiet = False
        self.changed.emit()

    # ---- reading and setting -----------------------------------------------------------------------------
    @staticmethod
    def date_of(edit: QDateEdit) -> date | None:
        value = edit.date()
        return None if value == NO_DATE else date(value.year(), value.month(), value.day())

    @staticmethod
    def set_date(edit: QDateEdit, day: date | None) -> None:
        edit.setDate(NO_DATE if day is None else QDate(day.year, day.month, day.day))

    @staticmethod
    def ids_of(combo: QComboBox) -> tuple[int, ...]:
        value = combo.currentData()
        return () if value is None else (int(value),)

    @staticmethod
    def choose(combo: QComboBox, ids: tuple[int, ...]) -> None:
        """Select the first id's entry, or "all" for none (or one no longer listed)."""
        combo.setCurrentIndex(max(0, combo.findData(ids[0])) if ids else 0)

    def choose_street_and_estate(self, street_ids: tuple[int, ...], estate_ids: tuple[int, ...]) -> None:
        self.choose(self.street, street_ids)
        self.fill_estates()
        self.choose(self.estate, estate_ids)
