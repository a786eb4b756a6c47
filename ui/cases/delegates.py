"""Delegates of the case table: the deadline cell paints its own tint, which the theme's stylesheet would hide."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem


class TintDelegate(QStyledItemDelegate):
    """Fills the cell with the model's BackgroundRole colour (translucent), then draws it as usual."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        tint = index.data(Qt.ItemDataRole.BackgroundRole)
        if isinstance(tint, QColor):
            painter.fillRect(option.rect, tint)  # type: ignore[attr-defined]
        super().paint(painter, option, index)
