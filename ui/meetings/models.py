"""Qt item models of the 会商 page: meetings, open action items, discussed cases/complaints, the action grid."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, Qt
from PySide6.QtGui import QColor

from controllers.core import clock
from controllers.meetings.actions import ActionInput, ActionRow
from controllers.meetings.links import CaseItem, ComplaintItem
from controllers.meetings.records import MeetingRow
from ui.common.rows_model import AnyIndex, RowsModel, show
from ui.common.tints import WARNING_TINT

DEFAULT_DUE_DAYS = 14  # a new action item is due two weeks after the meeting unless changed

class MeetingTableModel(RowsModel):
    """The meetings list; the open-actions count is tinted when some of them are overdue."""

    COL_DATE, COL_KIND, COL_TITLE, COL_DEPTS, COL_CASES, COL_COMPLAINTS, COL_OPEN = range(7)
    NUMERIC_COLS = frozenset({COL_CASES, COL_COMPLAINTS, COL_OPEN})

    def headers(self) -> list[str]:
        return [self.tr("Date"), self.tr("Kind"), self.tr("Title"), self.tr("Departments"), self.tr("Cases"),
                self.tr("Complaints"), self.tr("Open actions")]

    def value(self, row: MeetingRow, column: int) -> Any:
        return (row.held_on, row.kind, row.title, row.departments, row.case_count, row.complaint_count,
                row.open_actions)[column]

    def background(self, row: MeetingRow, column: int) -> QColor | None:
        return WARNING_TINT if row.overdue_actions and column == self.COL_OPEN else None

    def tooltip(self, row: MeetingRow, column: int) -> str | None:
        if column == self.COL_OPEN and row.overdue_actions:
            return self.tr("%n overdue", "", row.overdue_actions)
        return None


class OpenActionTableModel(RowsModel):
    """Open action items across meetings; overdue ones tinted."""

    COL_DUE, COL_DESCRIPTION, COL_OWNER, COL_MEETING_DATE, COL_MEETING = range(5)

    def headers(self) -> list[str]:
        return [self.tr("Due"), self.tr("Action"), self.tr("Owner"), self.tr("Meeting date"), self.tr("Meeting")]

    def value(self, row: ActionRow, column: int) -> Any:
        due = row.due.isoformat() + self.tr(" (overdue)") if row.overdue and row.due else row.due
        return (due, row.description, row.owner, row.meeting_held_on, row.meeting_title)[column]

    def background(self, row: ActionRow, column: int) -> QColor | None:
        return WARNING_TINT if row.overdue else None


class CaseItemModel(RowsModel):
    """Cases a meeting discusses."""

    COL_NUMBER, COL_CATEGORY, COL_ESTATE, COL_STATUS = range(4)

    def headers(self) -> list[str]:
        return [self.tr("Case number"), self.tr("Category"), self.tr("Estate"), self.tr("Status")]

    def value(self, row: CaseItem, column: int) -> Any:
        return (row.number, row.category, row.estate, row.status)[column]


class ComplaintItemModel(RowsModel):
    """Complaints a meeting discusses, grouped by repeat group; never any personal data."""

    COL_GROUP, COL_WORK_ORDER, COL_DATE, COL_ESTATE, COL_CATEGORY, COL_SUMMARY = range(6)

    def headers(self) -> list[str]:
        return [self.tr("Group"), self.tr("Work order"), self.tr("Received"), self.tr("Estate"), self.tr("Category"),
                self.tr("Content")]

    def value(self, row: ComplaintItem, column: int) -> Any:
        if column == self.COL_GROUP:
            groups = list(dict.fromkeys(r.group_id for r in self._rows))
            return groups.index(row.group_id) + 1
        return (None, row.work_order_no, row.received_on, row.estate, row.category, row.summary)[column]


class ActionEditModel(QAbstractTableModel):
    """The dialog's editable action grid: description, owner, due date and a done checkbox per row."""

    COL_DESCRIPTION, COL_OWNER, COL_DUE, COL_DONE = range(4)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[ActionInput] = []
        self._headers = [self.tr("Action"), self.tr("Owner"), self.tr("Due"), self.tr("Done")]

    def set_items(self, items: Sequence[ActionInput]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def items(self) -> list[ActionInput]:
        return list(self._items)

    def add_item(self, meeting_date: date) -> int:
        row = len(self._items)
        self.beginInsertRows(QModelIndex(), row, row)
        self._items.append(ActionInput("", None, meeting_date + timedelta(days=DEFAULT_DUE_DAYS)))
        self.endInsertRows()
        return row

    def remove_item(self, row: int) -> None:
        if 0 <= row < len(self._items):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._items[row]
            self.endRemoveRows()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == self.COL_DONE:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base | Qt.ItemFlag.ItemIsEditable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item, col = self._items[index.row()], index.column()
        if col == self.COL_DONE:
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if item.done else Qt.CheckState.Unchecked
            return None
        if role == Qt.ItemDataRole.EditRole:
            if col == self.COL_DUE:
                return QDate(item.due or clock.today())
            return item.description if col == self.COL_DESCRIPTION else (item.owner or "")
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return show((item.description, item.owner, item.due)[col])
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return False
        item, col = self._items[index.row()], index.column()
        if col == self.COL_DONE and role == Qt.ItemDataRole.CheckStateRole:
            new = replace(item, done=Qt.CheckState(value) == Qt.CheckState.Checked)
        elif col != self.COL_DONE and role == Qt.ItemDataRole.EditRole:
            if col == self.COL_DUE:
                new = replace(item, due=value.toPython() if isinstance(value, QDate) and value.isValid() else None)
            elif col == self.COL_OWNER:
                new = replace(item, owner=str(value or "").strip() or None)
            else:
                new = replace(item, description=str(value or ""))
        else:
            return False
        self._items[index.row()] = new
        self.dataChanged.emit(index, index, [role])
        return True

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section] if 0 <= section < len(self._headers) else None
        return super().headerData(section, orientation, role)

