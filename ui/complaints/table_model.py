"""The complaint log's Qt model: windows rows from the controller in blocks, never the whole table."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt

from controllers.complaints.listing import DEFAULT_SORT, ComplaintFilter, ComplaintRow, count_complaints, fetch_window
from controllers.core.context import AppContext
from ui.common.estimates import marked_day, with_note
from ui.common.rows_model import ID_ROLE, ROW_ROLE
from ui.common.tints import CAUTION_TINT, WARNING_TINT
from ui.common.windowed_model import AnyIndex, WindowedTableModel

OVERDUE_TINT = WARNING_TINT
FLAG_TINT = CAUTION_TINT


class ComplaintTableModel(WindowedTableModel):
    """rowCount is the filtered count; rows come in blocks around what the view asks for."""

    COLUMNS = ("received_at", "channel", "work_order_no", "complainant", "estate", "category", "content",
               "reply_due", "status", "group", "case")
    (COL_RECEIVED, COL_CHANNEL, COL_ORDER, COL_COMPLAINANT, COL_ESTATE, COL_CATEGORY, COL_CONTENT, COL_DUE,
     COL_STATUS, COL_GROUP, COL_CASE) = range(11)
    # Columns the database can order by (the others ignore a header click).
    SORTABLE = {0: "received_at", 1: "channel", 2: "work_order_no", 4: "estate", 5: "category", 7: "reply_due",
                8: "status"}

    def __init__(self, ctx: AppContext, parent: Any = None, *,
                 fetch: Callable[..., list[ComplaintRow]] = fetch_window,
                 count: Callable[[AppContext, ComplaintFilter], int] = count_complaints) -> None:
        super().__init__(ctx, parent, fetch=fetch, count=count, initial_filter=ComplaintFilter(),
                         default_sort=DEFAULT_SORT)
        self._headers = [self.tr("Received"), self.tr("Channel"), self.tr("Work order"), self.tr("Complainant"),
                         self.tr("Estate"), self.tr("Category"), self.tr("Content"), self.tr("Reply due"),
                         self.tr("Status"), self.tr("Repeats"), self.tr("Case")]

    @property
    def complaint_filter(self) -> ComplaintFilter:
        return self._filter

    def sort_key_of(self, column: int) -> str | None:
        return self.SORTABLE.get(column)

    def fetch_block(self, offset: int) -> list[ComplaintRow]:
        # Lists always show names and phones masked; unmasking is a deliberate, audited action elsewhere.
        return self._fetch(self.ctx, self._filter, sort=self._sort, descending=self._descending,
                           offset=offset, limit=self.BLOCK, reveal_personal=False)

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
            if col == self.COL_DUE:
                return with_note(self.display(row, col), row.reply_due_note)
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
            return marked_day(row.reply_due, row.reply_due_note) + (" · " + self.tr("overdue") if row.overdue else "")
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
