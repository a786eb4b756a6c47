"""The small lists' one table model, and the item roles every view of the app uses (named once, no clashes).

After Vorta's table models: a subclass names its columns (COL_* constants), gives headers() and value(row,
column), and set_rows() replaces all rows between beginResetModel/endResetModel. The big ledgers (cases,
complaints) page through the windowed model instead, with the same roles.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

# The app's item roles. Every model and item widget uses these: one value per meaning, so a proxy, a delegate or
# a test that asks for the row of any view gets the row, never another model's id.
ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the row's dataclass (a case, an estate, a dashboard line...)
ID_ROLE = Qt.ItemDataRole.UserRole + 2  # what identifies the item: a record's id, a page's key
SORT_ROLE = Qt.ItemDataRole.UserRole + 3  # a value that sorts naturally: numbers as numbers, dates as ISO text

AnyIndex = QModelIndex | QPersistentModelIndex
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def show(value: Any) -> str:
    """A value as a list cell shows it: dates as 2025-03-05, date-times to the minute, tuples joined with 、."""
    if value is None:
        return ""
    if isinstance(value, bool):
        # A literal context: lupdate cannot know the subclass name that self.tr() would use.
        return QCoreApplication.translate("RowsModel", "Yes") if value else ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return "、".join(str(v) for v in value)
    return str(value)


class RowsModel(QAbstractTableModel):
    """Read-only rows of one dataclass; subclasses give headers(), value() and optionally background(), tooltip()."""

    NUMERIC_COLS: frozenset[int] = frozenset()  # right-aligned; an empty cell sorts first

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []
        self._headers = self.headers()

    # ---- what a subclass says ----------------------------------------------------------------------------
    def headers(self) -> list[str]:
        raise NotImplementedError

    def value(self, row: Any, column: int) -> Any:
        raise NotImplementedError

    def display(self, value: Any) -> str:
        return show(value)

    def tooltip(self, row: Any, column: int) -> str | None:
        return None

    def background(self, row: Any, column: int) -> QColor | None:
        """A tint for the cell (ui.common.tints; the view paints it with paint_tints). The theme hides text
        colours, so there is no foreground hook: a warning is a tint."""
        return None

    # ---- rows --------------------------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Any]:
        return list(self._rows)

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def row_of_id(self, record_id: int) -> int:
        """Position of the record with that id, or -1."""
        return next((i for i, r in enumerate(self._rows) if r.id == record_id), -1)

    # ---- Qt ----------------------------------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, col = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(self.value(row, col))
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row, col) or self.display(self.value(row, col))
        if role == SORT_ROLE:
            v = self.value(row, col)
            if v is None:
                return -1 if col in self.NUMERIC_COLS else ""
            return int(v) if isinstance(v, bool | int) else self.display(v)
        if role == Qt.ItemDataRole.BackgroundRole:
            return self.background(row, col)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in self.NUMERIC_COLS:
            return RIGHT
        if role == ROW_ROLE:
            return row
        if role == ID_ROLE:
            return getattr(row, "id", None)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section] if 0 <= section < len(self._headers) else None
        return super().headerData(section, orientation, role)
