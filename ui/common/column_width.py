"""Column widths that never clip their header: a table's first-start widths are at least what the header needs."""

from __future__ import annotations

from PySide6.QtWidgets import QTableView


def fit_column(view: QTableView, column: int, width: int) -> None:
    """Set `column` to `width` pixels, or wider when its header (text, padding, sort arrow) needs more.

    Widths are chosen for 1366-pixel desks, but the header's needs depend on the theme and the font the machine
    has: a header cut to "!现问!" is worse than a table that scrolls a little."""
    view.setColumnWidth(column, max(width, view.horizontalHeader().sectionSizeHint(column)))


def fit_headers(view: QTableView) -> None:
    """Widen every column left at the default width to what its header needs."""
    header = view.horizontalHeader()
    for column in range(header.count()):
        fit_column(view, column, header.sectionSize(column))
