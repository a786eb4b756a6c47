"""The case book's Qt model: a thin adapter that windows rows from the controller in blocks, never the whole table."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from controllers.cases.listing import (
    DEFAULT_SORT,
    DUE_SOON_WORKING_DAYS,
    CaseFilter,
    CaseRow,
    count_cases,
    fetch_window,
)
from controllers.core.context import AppContext
from ui.common.estimates import marked_day, with_note
from ui.common.rows_model import ID_ROLE, ROW_ROLE
from ui.common.tints import CAUTION_TINT, WARNING_TINT
from ui.common.windowed_model import AnyIndex, WindowedTableModel

# Translucent tints read on both the light and the dark theme: the text keeps the theme's own colour.
OVERDUE_TINT = WARNING_TINT
DUE_SOON_TINT = CAUTION_TINT


class CaseTableModel(WindowedTableModel):
    """rowCount is the filtered count; rows are fetched by block (BLOCK rows) around what the view asks for."""

    COLUMNS = ("number", "status", "category", "estate", "place", "found_date", "deadline", "officer", "source")
    (COL_NUMBER, COL_STATUS, COL_CATEGORY, COL_ESTATE, COL_PLACE, COL_FOUND, COL_DEADLINE, COL_OFFICER,
     COL_SOURCE) = range(9)

    def __init__(self, ctx: AppContext, parent: Any = None, *,
                 fetch: Callable[..., list[CaseRow]] = fetch_window,
                 count: Callable[[AppContext, CaseFilter], int] = count_cases) -> None:
        super().__init__(ctx, parent, fetch=fetch, count=count, initial_filter=CaseFilter(), default_sort=DEFAULT_SORT)
        self._headers = [self.tr("Case number"), self.tr("Status"), self.tr("Category"), self.tr("Estate"),
                         self.tr("Place"), self.tr("Found on"), self.tr("Deadline"), self.tr("Officer"),
                         self.tr("Source")]

    @property
    def case_filter(self) -> CaseFilter:
        return self._filter

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid():
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(row, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == self.COL_DEADLINE and row.deadline:
                return with_note(self.deadline_text(row), row.deadline_note)
            return self.display(row, col)
        if role == Qt.ItemDataRole.BackgroundRole and col == self.COL_DEADLINE:
            return self._tint(row)
        if role == ROW_ROLE:
            return row
        if role == ID_ROLE:
            return row.id
        return None

    def display(self, row: CaseRow, col: int) -> str:
        if col == self.COL_DEADLINE:
            return self.deadline_text(row)
        value = (row.number, row.status, row.category, row.estate, row.place, row.found_date.isoformat(), "",
                 row.officer, row.source)[col]
        return str(value)

    def deadline_text(self, row: CaseRow) -> str:
        """2025-03-05 · 3 working days left / due today / 2 working days overdue."""
        if row.deadline is None:
            return ""
        day = marked_day(row.deadline, row.deadline_note)
        if row.days_left is None:
            return day
        if row.days_left > 0:
            note = self.tr("%1 working days left").replace("%1", str(row.days_left))
        elif row.days_left == 0:
            note = self.tr("due today")
        else:
            note = self.tr("%1 working days overdue").replace("%1", str(-row.days_left))
        return f"{day} · {note}"

    @staticmethod
    def _tint(row: CaseRow) -> QColor | None:
        if row.days_left is None:
            return None
        if row.days_left < 0:
            return OVERDUE_TINT
        if row.days_left <= DUE_SOON_WORKING_DAYS:
            return DUE_SOON_TINT
        return None
