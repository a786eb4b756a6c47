"""Qt table models of the import wizard: the parsed preview and the refused rows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from controllers.complaints.importer import PreviewRow, RowError

Index = QModelIndex | QPersistentModelIndex
ERROR_BRUSH = QBrush(QColor("#fde8e8"))


class PreviewModel(QAbstractTableModel):
    """Parsed preview rows: spreadsheet row number, one column per field, and the problem if any."""

    def __init__(self, field_labels: Sequence[str], parent: Any = None) -> None:
        super().__init__(parent)
        self._labels = list(field_labels)
        self._rows: list[PreviewRow] = []

    def set_rows(self, rows: Sequence[PreviewRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._labels) + 2

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if section == 0:
            return self.tr("Row")
        if section == len(self._labels) + 1:
            return self.tr("Problem")
        return self._labels[section - 1] if 0 < section <= len(self._labels) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if col == 0:
                return row.row
            if col == len(self._labels) + 1:
                return row.reason or ""
            return row.values[col - 1] if col - 1 < len(row.values) else None
        if role == Qt.ItemDataRole.BackgroundRole and row.reason:
            return ERROR_BRUSH
        return None


class ErrorModel(QAbstractTableModel):
    """Refused rows: row number and Chinese reason."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[RowError] = []

    def set_rows(self, rows: Sequence[RowError]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 2

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return (self.tr("Row"), self.tr("Reason"))[section] if section in (0, 1) else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            e = self._rows[index.row()]
            return e.row if index.column() == 0 else e.reason
        return None
