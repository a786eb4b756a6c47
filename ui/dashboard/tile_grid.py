"""The goal tiles' row: as many columns as fit each tile's figures on one line, the rest wrap to a second row.

Seven tiles side by side need about 1150 pixels; on a 1366-wide screen less the sidebar that is just enough, on a
1024-wide window it is not. Squeezing them would wrap a unit (件/万 above 人) or cut the last tile (逾期案件), so the
tiles keep their natural width and the row breaks instead.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QSizePolicy, QWidget


class TileGrid(QWidget):
    """Lays its tiles out in the most columns whose tiles all get at least their minimum width."""

    def __init__(self, parent: QWidget | None = None, *, spacing: int = 8) -> None:
        super().__init__(parent)
        self.tiles: list[QWidget] = []
        self.columns = 0
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(spacing)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)

    def add_tile(self, tile: QWidget) -> None:
        self.tiles.append(tile)
        self._place(len(self.tiles))

    def tile_width(self) -> int:
        return max((t.minimumSizeHint().width() for t in self.tiles), default=0)

    def columns_for(self, width: int) -> int:
        """The columns for `width`: all tiles in one row when they fit at the widest tile's minimum width, else as
        few rows as fit, filled evenly (eight tiles that fit seven to a row go 4 + 4, not 7 + a lone tile)."""
        tile, gap, count = self.tile_width(), self.grid.spacing(), len(self.tiles)
        if not self.tiles or tile <= 0:
            return max(count, 1)
        fit = max(1, min(count, (width + gap) // (tile + gap)))
        rows = -(-count // fit)
        return -(-count // rows)

    def _place(self, columns: int) -> None:
        if columns == self.columns and self.grid.count() == len(self.tiles):
            return
        self.columns = columns
        for tile in self.tiles:
            self.grid.removeWidget(tile)
        for c in range(self.grid.columnCount()):
            self.grid.setColumnStretch(c, 0)
        for i, tile in enumerate(self.tiles):
            self.grid.addWidget(tile, i // columns, i % columns)
        for c in range(columns):
            self.grid.setColumnStretch(c, 1)  # equal widths, so a short row lines up with the full one
        self.updateGeometry()

    def relayout(self) -> None:
        """Place the tiles for the current width (their texts changed, so their minimum widths may have)."""
        self._place(self.columns_for(self.width()))

    def minimumSizeHint(self) -> QSize:
        # One tile wide at the least: the row never forces the page wider than the window.
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), self.tile_width()), hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.relayout()
