"""The house's warning tints and the delegate that paints them: the case book's overdue deadlines, the complaint
log's late replies, a patrol's findings (发现问题). The theme's stylesheet colours every cell's text itself and
hides a model's own text and background colours, so a cell that must stand out gets a translucent fill painted
under its text by TintDelegate, from the model's BackgroundRole.

This is the app's one way to mark a row or a cell: a model gives a tint as its BackgroundRole (RowsModel's
background() hook, an item's setBackground) and its view calls paint_tints(view). A text colour (ForegroundRole,
setForeground) never shows under the theme; tests/ui/test_list_tints.py checks the drawn pixels of every marked
list and that no list colours its text instead."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QAbstractItemView, QStyledItemDelegate, QStyleOptionViewItem

WARNING_TINT = QColor(229, 57, 53, 90)  # overdue, late, a problem found: act on it
CAUTION_TINT = QColor(255, 179, 0, 90)  # due soon, flagged: look at it


class TintDelegate(QStyledItemDelegate):
    """Fills the cell with the model's BackgroundRole colour (translucent), then draws it as usual."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        tint = index.data(Qt.ItemDataRole.BackgroundRole)
        if isinstance(tint, QColor):
            painter.fillRect(option.rect, tint)  # type: ignore[attr-defined]
        elif hasattr(tint, "color"):  # a QBrush, as QTableWidgetItem.setBackground stores it
            painter.fillRect(option.rect, tint.color())  # type: ignore[attr-defined]
        super().paint(painter, option, index)


def paint_tints(view: QAbstractItemView) -> None:
    """Let this view show its model's tints: every cell through TintDelegate."""
    view.setItemDelegate(TintDelegate(view))
