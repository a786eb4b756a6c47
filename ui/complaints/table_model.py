"""The complaint log's Qt model: windows rows from the controller in blocks, never the whole table."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from controllers.app import AppContext
from controllers.complaint_list import DEFAULT_SORT, ComplaintFilter, ComplaintRow, count_complaints, fetch_window

AnyIndex = QModelIndex | QPersistentModelIndex
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2

OVERDUE_TINT = QColor(229, 57, 53, 90)
FLAG_TINT = QColor(255, 179, 0, 90)


class ComplaintTableModel(QAbstractTableModel):
    """rowCount is the filtered count; rows come in blocks around what the view asks for."""

    COLUMNS = ("received_at", "channel", "work_order_no", "complainant", "estate", "category", "content",
               "reply_due", "status", "group", "case")
    (COL_RECEIVED, COL_CHANNEL, COL_ORDER, COL_COMPLAINANT, COL_ESTATE, COL_CATEGORY, COL_CONTENT, COL_DUE,
     COL_STATUS, COL_GROUP, COL_CASE) = range(11)
    # Columns the database can order by (the others ignore a header click).
    SORTABLE = {0: "received_at", 1: "channel", 2: "work_order_no", 4: "estate", 5: "category", 7: "reply_due",
                8: "status"}
    BLOCK = 100
    MAX_BLOCKS = 12

    def __init__(self, ctx: AppContext, parent: Any = None, *,
                 fetch: Callable[..., list[ComplaintRow]] = fetch_window,
                 count: Callable[[AppContext, ComplaintFilter], int] = count_complaints) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._fetch = fetch
        self._count_fn = count
        self._filter = ComplaintFilter()
        self._sort = DEFAULT_SORT
        self._descending = True
        self._count = 0
        self._blocks: OrderedDict[int, list[ComplaintRow]] = OrderedDict()
        self._headers = [self.tr("Received"), self.tr("Channel"), self.tr("Work order"), self.tr("Complainant"),
                         self.tr("Estate"), self.tr("Category"), self.tr("Content"), self.tr("Reply due"),
                         self.tr("Status"), self.tr("Repeats"), self.tr("Case")]

    @property
    def complaint_filter(self) -> ComplaintFilter:
        return self._filter

    @property
    def sort_key(self) -> str:
        return self._sort

    @property
    def descending(self) -> bool:
        return self._descending

    def total(self) -> int:
        return self._count

    def set_filter(self, f: ComplaintFilter) -> None:
        self._filter = f
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._blocks.clear()
        self._count = self._count_fn(self.ctx, self._filter)
        self.endResetModel()

    def set_sort(self, column: int, order: Qt.SortOrder) -> bool:
        if column not in self.SORTABLE:
            return False
        sort, descending = self.SORTABLE[column], order == Qt.SortOrder.DescendingOrder
        if (sort, descending) == (self._sort, self._descending):
            return False
        self._sort, self._descending = sort, descending
        return True

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if self.set_sort(column, order):
            self.reload()

    def row_at(self, row: int) -> ComplaintRow | None:
        if not 0 <= row < self._count:
            return None
        block = row // self.BLOCK
        rows = self._blocks.get(block)
        if rows is None:
            rows = self._fetch(self.ctx, self._filter, sort=self._sort, descending=self._descending,
                               offset=block * self.BLOCK, limit=self.BLOCK, reveal_personal=False)
            self._blocks[block] = rows
            while len(self._blocks) > self.MAX_BLOCKS:
                self._blocks.popitem(last=False)
        else:
            self._blocks.move_to_end(block)
        i = row - block * self.BLOCK
        return rows[i] if i < len(rows) else None

    def loaded_rows(self) -> int:
        return sum(len(rows) for rows in self._blocks.values())

    def find_loaded(self, complaint_id: int) -> int:
        for block, rows in self._blocks.items():
            for i, r in enumerate(rows):
                if r.id == complaint_id:
                    return block * self.BLOCK + i
        return -1

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
            return row.content if col == self.COL_CONTENT else self.display(row, col)
        if role == Qt.ItemDataRole.BackgroundRole:
            if col == self.COL_DUE and row.overdue:
                return OVERDUE_TINT
            if col == self.COL_STATUS and row.flag:
                return FLAG_TINT
            return None
        if role == ROW_ROLE:
            return row
        if role == ID_ROLE:
            return row.id
        return None

    def display(self, row: ComplaintRow, col: int) -> str:
        if col == self.COL_RECEIVED:
            return row.received_at.strftime("%Y-%m-%d %H:%M")
        if col == self.COL_COMPLAINANT:
            return " ".join(p for p in (row.complainant_name, row.complainant_phone) if p) or self.tr("Anonymous")
        if col == self.COL_ESTATE:
            return row.estate or row.address
        if col == self.COL_CONTENT:
            return " ".join(row.content.split())
        if col == self.COL_DUE:
            if row.reply_due is None:
                return ""
            return row.reply_due.isoformat() + (" · " + self.tr("overdue") if row.overdue else "")
        if col == self.COL_STATUS:
            return f"{row.status} · {row.flag}" if row.flag else row.status
        if col == self.COL_GROUP:
            return str(row.group_size) if row.group_size > 1 else ""
        if col == self.COL_CASE:
            return row.case_number
        if col == self.COL_CHANNEL:
            return row.channel
        if col == self.COL_ORDER:
            return row.work_order_no
        return row.category
