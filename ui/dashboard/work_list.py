"""Today's work as a compact table: a bold heading row per section (count, overdue), then its items."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from controllers.dashboard.today import TodayWork, WorkItem, WorkSection
from ui.common.estimates import marked_day, with_note
from ui.common.rows_model import ROW_ROLE  # the WorkItem of a line, or the WorkSection of a heading
from ui.common.tints import WARNING_TINT

AnyIndex = QModelIndex | QPersistentModelIndex


class TodayWorkModel(QAbstractTableModel):
    """Rows are section headings and items; columns: what, when, note."""

    COL_WHAT, COL_DUE, COL_NOTE = range(3)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[WorkSection | WorkItem] = []

    def section_title(self, key: str) -> str:
        titles = {
            "overdue": self.tr("Overdue cases"),
            "due_soon": self.tr("Cases due within 3 working days"),
            "followup": self.tr("Follow-up visits due"),
            "referrals": self.tr("Referrals awaiting reply"),
            "complaints": self.tr("Complaints awaiting reply or callback"),
            "on_hold": self.tr("On-hold cases past their review date"),
            "actions": self.tr("Open meeting action items"),
            "orders": self.tr("Open supervision orders"),
            "warnings": self.tr("Early warnings (rising complaints or cases)"),
            "inspections": self.tr("Estates behind on their inspections this quarter"),
        }
        return titles.get(key, key)

    def set_work(self, work: TodayWork) -> None:
        self.beginResetModel()
        self._rows = []
        for section in work.sections:
            self._rows.append(section)
            self._rows.extend(section.items)
        self.endResetModel()

    def row_object(self, row: int) -> WorkSection | WorkItem:
        return self._rows[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def _heading(self, s: WorkSection, column: int) -> str:
        if column == self.COL_WHAT:
            return f"{self.section_title(s.key)}（{s.total:,}）"
        if column == self.COL_DUE and s.overdue:
            return self.tr("%1 overdue").replace("%1", f"{s.overdue:,}")
        if column == self.COL_NOTE and s.total > len(s.items):
            return self.tr("first %1 shown").replace("%1", str(len(s.items)))
        return ""

    def _item(self, item: WorkItem, column: int) -> str:
        if column == self.COL_WHAT:
            return "    " + item.label
        if column == self.COL_DUE:
            return marked_day(item.due, item.due_note)
        return {"待答复": self.tr("awaiting reply"), "待回访": self.tr("awaiting callback")}.get(item.note, item.note)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        obj = self._rows[index.row()]
        heading = isinstance(obj, WorkSection)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._heading(obj, index.column()) if isinstance(obj, WorkSection) else self._item(obj,
                                                                                                        index.column())
        if role == Qt.ItemDataRole.ToolTipRole and isinstance(obj, WorkItem) and index.column() == self.COL_WHAT:
            return obj.label
        if role == Qt.ItemDataRole.ToolTipRole and isinstance(obj, WorkItem) and index.column() == self.COL_DUE:
            return with_note(marked_day(obj.due, obj.due_note), obj.due_note)
        if role == Qt.ItemDataRole.FontRole and heading:
            font = QFont()
            font.setBold(True)
            return font
        # An overdue item's day, and a heading's "n overdue" (the page paints the tint: paint_tints).
        if role == Qt.ItemDataRole.BackgroundRole and index.column() == self.COL_DUE and obj.overdue:
            return WARNING_TINT
        if role == ROW_ROLE:
            return obj
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 3:
            return (self.tr("Item"), self.tr("Due"), self.tr("Note"))[section]
        return None
