"""A table model that windows rows from a controller in blocks: rowCount is the filtered count, never a whole table."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from controllers.core.context import AppContext

AnyIndex = QModelIndex | QPersistentModelIndex


class WindowedTableModel(QAbstractTableModel):
    """Counts with `count(ctx, filter)`, fetches BLOCK rows at a time with `fetch(ctx, filter, sort=, descending=,
    offset=, limit=)` around what the view asks for, and keeps at most MAX_BLOCKS blocks (least recently used go).

    Subclasses give COLUMNS, `_headers`, `sort_key_of(column)` and `data()`; rows need an `id`.
    """

    COLUMNS: tuple[str, ...] = ()
    BLOCK = 100
    MAX_BLOCKS = 12  # at most 1,200 rows held, whatever the list's length

    def __init__(self, ctx: AppContext, parent: Any, *, fetch: Callable[..., list[Any]],
                 count: Callable[[AppContext, Any], int], initial_filter: Any, default_sort: str) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._fetch = fetch
        self._count_fn = count
        self._filter = initial_filter
        self._sort = default_sort
        self._descending = True
        self._count = 0
        self._blocks: OrderedDict[int, list[Any]] = OrderedDict()
        self._headers: list[str] = []

    # --- what the page drives ---------------------------------------------------------------------------
    @property
    def sort_key(self) -> str:
        return self._sort

    @property
    def descending(self) -> bool:
        return self._descending

    def total(self) -> int:
        return self._count

    def set_filter(self, f: Any) -> None:
        self._filter = f
        self.reload()

    def reload(self) -> None:
        """Count again and drop every cached block (after a filter change, a sort or someone's save)."""
        self.beginResetModel()
        self._blocks.clear()
        self._count = self._count_fn(self.ctx, self._filter)
        self.endResetModel()

    def sort_key_of(self, column: int) -> str | None:
        """The controller's sort key for a column, or None when the database cannot order by it."""
        return self.COLUMNS[column] if 0 <= column < len(self.COLUMNS) else None

    def set_sort(self, column: int, order: Qt.SortOrder) -> bool:
        """Choose the order without querying (the next reload uses it); True if it changed."""
        sort = self.sort_key_of(column)
        if sort is None:
            return False
        descending = order == Qt.SortOrder.DescendingOrder
        if (sort, descending) == (self._sort, self._descending):
            return False
        self._sort, self._descending = sort, descending
        return True

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """A header click: a new query in the new order (never a sort of rows in memory)."""
        if self.set_sort(column, order):
            self.reload()

    def fetch_block(self, offset: int) -> list[Any]:
        return self._fetch(self.ctx, self._filter, sort=self._sort, descending=self._descending,
                           offset=offset, limit=self.BLOCK)

    def row_at(self, row: int) -> Any | None:
        """The row, fetching its block if needed; None past the end (the data changed since the count)."""
        if not 0 <= row < self._count:
            return None
        block = row // self.BLOCK
        rows = self._blocks.get(block)
        if rows is None:
            rows = self.fetch_block(block * self.BLOCK)
            self._blocks[block] = rows
            while len(self._blocks) > self.MAX_BLOCKS:
                self._blocks.popitem(last=False)
        else:
            self._blocks.move_to_end(block)
        i = row - block * self.BLOCK
        return rows[i] if i < len(rows) else None

    def loaded_rows(self) -> int:
        return sum(len(rows) for rows in self._blocks.values())

    def find_loaded(self, row_id: int) -> int:
        """Row of a record among the blocks already loaded, or -1 (used to keep a selection across a refresh)."""
        for block, rows in self._blocks.items():
            for i, r in enumerate(rows):
                if r.id == row_id:
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
