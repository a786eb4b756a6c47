"""The case book's filter bar: status (several), category, street, estate, officer, source, dates and four flags."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from controllers.cases.listing import SOURCES, STATUSES, CaseFilter
from controllers.core.context import AppContext
from controllers.reference.choices import category_choices, staff_choices
from ui.common.filter_bar import NO_DATE, FilterBar


class CaseFilterBar(FilterBar):
    """Emits `changed` whenever a filter changes; `case_filter(query)` gives the combined CaseFilter."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)

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
        # Drawn like the combo boxes beside it: the theme puts a tool button's menu arrow under its text.
        self.status_button.setObjectName("statusFilter")
        self.status_button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.status_button.setStyleSheet(
            "QToolButton#statusFilter { text-align: left; padding-left: 16px; padding-right: 28px; }"
            "QToolButton#statusFilter::menu-indicator { subcontrol-origin: padding; subcontrol-position: center right;"
            " right: 8px; }")

        self.category = self.combo(self.tr("All categories"), category_choices(ctx, include_inactive=True),
                                   min_length=6)
        self.street_and_estate(min_length=6, estate_length=10)
        self.officer = self.combo(self.tr("All officers"), staff_choices(ctx, include_inactive=True), min_length=6)
        self.source = self.combo(self.tr("All sources"), [(i, s) for i, s in enumerate(SOURCES)], min_length=6)
        for combo in (self.category, self.officer, self.source):
            combo.currentIndexChanged.connect(self.emit_changed)

        self.found_from = self.date_edit()
        self.found_to = self.date_edit()
        self.overdue = QCheckBox(self.tr("Overdue"))
        self.due_soon = QCheckBox(self.tr("Due within 3 working days"))
        self.on_hold = QCheckBox(self.tr("On hold"))
        self.referred = QCheckBox(self.tr("Referred"))
        for box in (self.overdue, self.due_soon, self.on_hold, self.referred):
            box.toggled.connect(self.emit_changed)
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

    # --- reacting ---------------------------------------------------------------------------------------
    def _status_toggled(self) -> None:
        self._update_status_text()
        self.emit_changed()

    def _update_status_text(self) -> None:
        chosen = self.statuses()
        if not chosen:
            self.status_button.setText(self.tr("All statuses"))
        else:
            self.status_button.setText(self.tr("Status: %1").replace("%1", "、".join(chosen)))

    # --- reading and setting ----------------------------------------------------------------------------
    def statuses(self) -> tuple[str, ...]:
        return tuple(s for s, a in self.status_actions.items() if a.isChecked())

    def set_statuses(self, statuses: tuple[str, ...]) -> None:
        with self.one_change():
            for status, action in self.status_actions.items():
                action.setChecked(status in statuses)
            self._update_status_text()

    def case_filter(self, query: str = "") -> CaseFilter:
        source = self.source.currentData()
        return CaseFilter(
            statuses=self.statuses(), category_ids=self.ids_of(self.category), street_ids=self.ids_of(self.street),
            estate_ids=self.ids_of(self.estate), officer_ids=self.ids_of(self.officer),
            sources=() if source is None else (SOURCES[int(source)],),
            found_from=self.date_of(self.found_from), found_to=self.date_of(self.found_to),
            overdue=self.overdue.isChecked(), due_soon=self.due_soon.isChecked(),
            on_hold=self.on_hold.isChecked(), referred=self.referred.isChecked(), query=query,
        )

    def set_filter(self, f: CaseFilter) -> None:
        """Show exactly this filter (the dashboard opens the case book filtered); one change signal."""
        with self.one_change():
            for status, action in self.status_actions.items():
                action.setChecked(status in f.statuses)
            self.choose(self.category, f.category_ids)
            self.choose(self.officer, f.officer_ids)
            self.choose_street_and_estate(f.street_ids, f.estate_ids)
            self.source.setCurrentIndex(SOURCES.index(f.sources[0]) + 1 if f.sources else 0)
            self.set_date(self.found_from, f.found_from)
            self.set_date(self.found_to, f.found_to)
            for box, on in ((self.overdue, f.overdue), (self.due_soon, f.due_soon), (self.on_hold, f.on_hold),
                            (self.referred, f.referred)):
                box.setChecked(on)
            self._update_status_text()

    def clear(self) -> None:
        """Back to every case (one change signal, not one per widget)."""
        with self.one_change():
            for action in self.status_actions.values():
                action.setChecked(False)
            for combo in (self.category, self.street, self.officer, self.source):
                combo.setCurrentIndex(0)
            self.fill_estates()
            for edit in (self.found_from, self.found_to):
                edit.setDate(NO_DATE)
            for box in (self.overdue, self.due_soon, self.on_hold, self.referred):
                box.setChecked(False)
            self._update_status_text()
