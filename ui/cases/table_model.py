"""The case book's Qt model: a thin adapter that windows rows from the controller in blocks, never the whole table."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from controllers.app import AppContext
from controllers.case_list import DEFAULT_SORT, DUE_SOON_WORKING_DAYS, CaseFilter, CaseRow, count_cases, fetch_window

AnyIndex = QModelIndex | QPersistentModelIndex
ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the row's CaseRow (None until its block is loaded)
ID_ROLE = Qt.ItemDataRole.UserRole + 2

# Translucent tints read on both the light and the dark theme: the text keeps the theme's own colour.
OVERDUE_TINT = QColor(229, 57, 53, 90)
DUE_SOON_TINT = QColor(255, 179, 0, 90)


class CaseTableModel(QAbstractTableModel):
    """rowCount is the filtered count; rows are fetched by block (BLOCK rows) around what the view asks for."""

    COLUMNS = ("number", "status", "category", "estate", "place", "found_date", "deadline", "officer", "source")
    (COL_NUMBER, COL_STATUS, COL_CATEGORY, COL_ESTATE, COL_PLACE, COL_FOUND, COL_DEADLINE, COL_OFFICER,
     COL_SOURCE) = range(9)
    BLOCK = 100
    MAX_BLOCKS = 12  # at most 1,200 rows held, whatever the list's length

    def __init__(self, ctx: AppContext, parent: Any = None, *,
                 fetch: Callable[..., list[CaseRow]] = fetch_window,
                 count: Callable[[AppContext, CaseFilter], int] = count_cases) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._fetch = fetch
        self._count_fn = count
        self._filter = CaseFilter()
        self._sort = DEFAULT_SORT
        self._descending = True
        self._count = 0
        self._blocks: OrderedDict[int, list[CaseRow]] = OrderedDict()
        self._headers = [self.tr("Case number"), self.tr("Status"), self.tr("Category"), self.tr("Estate"),
                         self.tr("Place"), self.tr("Found on"), self.tr("Deadline"), self.tr("Officer"),
                         self.tr("Source")]

    # --- what the page drives ---------------------------------------------------------------------------
    @property
    def case_filter(self) -> CaseFilter:
        return self._filter

    @property
    def sort_key(self) -> str:
        return self._sort

    @property
    def descending(self) -> bool:
        return self._descending

    def total(self) -> int:
        return self._count

    def set_filter(self, f: CaseFilter) -> None:
        self._filter = f
        self.reload()

    def reload(self) -> None:
        """Count again and drop every cached block (after a filter change, a sort or someone's save)."""
        self.beginResetModel()
        self._blocks.clear()
        self._count = self._count_fn(self.ctx, self._filter)
        self.endResetModel()

    def set_sort(self, column: int, order: Qt.SortOrder) -> bool:
        """Choose the order without querying (the next reload uses it); True if it changed."""
        if not 0 <= column < len(self.COLUMNS):
            return False
        sort, descending = self.COLUMNS[column], order == Qt.SortOrder.DescendingOrder
        if (sort, descending) == (self._sort, self._descending):
            return False
        self._sort, self._descending = sort, descending
        return True

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """A header click: a new query in the new order (never a sort of rows in memory)."""
        if self.set_sort(column, order):
            self.reload()

    def row_at(self, row: int) -> CaseRow | None:
        """The row, fetching its block if needed; None past the end (the data changed since the count)."""
        if not 0 <= row < self._count:
            return None
        block = row // self.BLOCK
        rows = self._blocks.get(block)
        if rows is None:
            rows = self._fetch(self.ctx, self._filter, sort=self._sort, descending=self._descending,
                               offset=block * self.BLOCK, limit=self.BLOCK)
            self._blocks[block] = rows
            while len(self._blocks) > self.MAX_BLOCKS:
                self._blocks.popitem(last=False)
        else:
            self._blocks.move_to_end(block)
        i = row - block * self.BLOCK
        return rows[i] if i < len(rows) else None

    def loaded_rows(self) -> int:
        return sum(len(rows) for rows in self._blocks.values())

    def find_loaded(self, case_id: int) -> int:
        """Row of a case among the blocks already loaded, or -1 (used to keep a selection across a refresh)."""
        for block, rows in self._blocks.items():
            for i, r in enumerate(rows):
                if r.id == case_id:
                    return block * self.BLOCK + i
        return -1

    # --- QAbstractTableModel ----------------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section] if 0 <= section < len(self._headers) else None
        return super().headerData(section, orientation, role)

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
            return self.deadline_text(row) if col == self.COL_DEADLINE and row.deadline else self.display(row, col)
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
        day = row.deadline.isoformat()
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
