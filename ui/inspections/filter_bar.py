"""The patrols list's filter bar: patrol days, kind and the estate visited (a street narrows the estates offered)."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from controllers.core.context import AppContext
from controllers.inspections.listing import PatrolFilter
from controllers.inspections.patrols import PATROL_KINDS
from ui.common.filter_bar import NO_DATE, FilterBar


class PatrolFilterBar(FilterBar):
    """Emits `changed` whenever a filter changes; `patrol_filter()` gives the combined filter."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.first = self.date_edit()
        self.last = self.date_edit()
        self.kind = self.combo(self.tr("All kinds"), list(enumerate(PATROL_KINDS)), min_length=6)
        self.kind.currentIndexChanged.connect(self.emit_changed)
        self.street_and_estate(min_length=5, estate_length=10)
        self.clear_button = QPushButton(self.tr("Clear filters"))
        self.clear_button.clicked.connect(self.clear)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in (QLabel(self.tr("Patrol days")), self.first, QLabel(self.tr("to")), self.last, self.kind,
                       self.street, self.estate):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.clear_button)

    def patrol_filter(self) -> PatrolFilter:
        kind = self.kind.currentData()
        estate = self.estate.currentData()
        return PatrolFilter(first=self.date_of(self.first), last=self.date_of(self.last),
                            kind=None if kind is None else PATROL_KINDS[int(kind)],
                            estate_id=None if estate is None else int(estate))

    def is_filtered(self) -> bool:
        return self.patrol_filter() != PatrolFilter()

    def set_filter(self, f: PatrolFilter) -> None:
        """Show exactly this filter (the 工作台 opens an estate's patrols); one change signal."""
        with self.one_change():
            self.set_date(self.first, f.first)
            self.set_date(self.last, f.last)
            self.kind.setCurrentIndex(PATROL_KINDS.index(f.kind) + 1 if f.kind in PATROL_KINDS else 0)
            self.choose_street_and_estate((), (f.estate_id,) if f.estate_id is not None else ())

    def clear(self) -> None:
        with self.one_change():
            self.kind.setCurrentIndex(0)
            self.street.setCurrentIndex(0)
            self.fill_estates()
            for edit in (self.first, self.last):
                edit.setDate(NO_DATE)
