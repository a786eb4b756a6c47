"""Goal tiles: a card per goal with actual, target and the change against the same period last year."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from controllers.core.workdays import ESTIMATE_MARK
from controllers.dashboard.goals import GoalTile
from controllers.inspections.coverage import CoverageReport
from ui.common.estimates import with_note

GOOD, BAD, NEUTRAL = "#2e7d32", "#c62828", "#616161"


def _number(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "件":
        return f"{int(value):,}"
    return f"{value:.1f}" if unit == "%" else f"{value:.2f}"


def _figure_label() -> QLabel:
    """A tile's big figure: 24 px bold, "—" until its numbers arrive (every tile shows its figure the same way)."""
    label = QLabel("—")
    label.setObjectName("tileActual")
    font = label.font()
    font.setPixelSize(24)
    font.setBold(True)
    label.setFont(font)
    return label


class GoalTileCard(QFrame):
    """Title, actual (large), target and the change ▲/▼ coloured by whether it went the right way."""

    clicked = Signal(str)

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName("goalTile")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        # Figures never wrap: a figure and its unit stay on one line (the tile grid gives each tile the width of
        # its widest figure). The title may take two lines, so a long title does not widen the whole row.
        self.title = QLabel(self.tile_title(key))
        self.title.setWordWrap(True)
        self.actual = _figure_label()
        self.target = QLabel("")
        self.change = QLabel("")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(2)
        for w in (self.title, self.actual, self.target, self.change):
            layout.addWidget(w)

    def tile_title(self, key: str) -> str:
        return {
            "per10k": self.tr("Complaints per 10,000 residents"),
            "per10k_no_repeats": self.tr("Per 10,000, repeats excluded"),
            "cases": self.tr("Cases found"),
            "closure": self.tr("Closure rate"),
            "on_time": self.tr("On-time rate"),
            "recurrence": self.tr("Recurrence rate"),
            "overdue": self.tr("Overdue cases"),
            "dissatisfied": self.tr("Callbacks 不满意"),
        }.get(key, key)

    def set_tile(self, tile: GoalTile) -> None:
        unit = "" if tile.unit == "件" else (" %" if tile.unit == "%" else " " + tile.unit)
        self.actual.setText(_number(tile.actual, tile.unit) + unit)
        if tile.target is None:
            self.target.setText(self.tr("Target: none set"))
        else:
            word = self.tr("Target ≤ %1") if tile.lower_is_better else self.tr("Target ≥ %1")
            self.target.setText(word.replace("%1", _number(tile.target, tile.unit) + unit))
        change = tile.change
        if change is None:
            self.change.setText(self.tr("No figure for last year") if tile.key != "overdue" else "")
            self.change.setStyleSheet(f"color: {NEUTRAL}")
        else:
            arrow = "▲" if change > 0 else ("▼" if change < 0 else "＝")
            better = (change < 0) if tile.lower_is_better else (change > 0)
            colour = NEUTRAL if change == 0 else (GOOD if better else BAD)
            self.change.setText(self.tr("%1 %2 vs last year").replace("%1", arrow)
                                .replace("%2", _number(abs(change), tile.unit)))
            self.change.setStyleSheet(f"color: {colour}")
        met = tile.met
        self.actual.setStyleSheet(f"color: {NEUTRAL if met is None else (GOOD if met else BAD)}")
        tip = [self.tile_title(tile.key)]
        if tile.last_year is not None:
            tip.append(self.tr("Same days last year: %1").replace("%1", _number(tile.last_year, tile.unit) + unit))
        if tile.numerator is not None and tile.denominator is not None:
            tip.append(f"{tile.numerator:,} / {tile.denominator:,}")
        tip += [f"{name}：{now:,}（{before:,}）" for name, now, before in tile.by_category]
        self.setToolTip("\n".join(tip))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(self.key)
        super().mouseReleaseEvent(event)


class InspectionTileCard(QFrame):
    """This quarter's inspections: 已检 of 应检 (large) and 逾期未检, red while any estate is behind."""

    clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("inspectionTile")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setMinimumWidth(120)  # an eighth tile in the row: short lines, so it fits beside the goal tiles
        self.title = QLabel(self.tr("Inspections this quarter"))
        self.title.setWordWrap(True)
        self.actual = _figure_label()
        self.due = QLabel("")
        self.overdue = QLabel("")  # a figure line like the goal tiles': never wrapped (it broke 小区 in two)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(2)
        for w in (self.title, self.actual, self.due, self.overdue):
            layout.addWidget(w)

    def set_report(self, report: CoverageReport) -> None:
        t = report.totals
        self.actual.setText(f"{t.done:,}")
        mark = ESTIMATE_MARK if report.due_note else ""
        self.due.setText(self.tr("done of %1 due").replace("%1", f"{mark}{t.due:,}"))
        self.overdue.setText(self.tr("%1 overdue (%2 estates)").replace("%1", f"{t.overdue:,}")
                             .replace("%2", f"{len(report.overdue_estates):,}"))
        colour = BAD if t.overdue else GOOD
        self.overdue.setStyleSheet(f"color: {colour}")
        self.actual.setStyleSheet(f"color: {colour}")
        self.setToolTip(with_note(
            self.tr("%1: inspections due %2, done %3, overdue %4").replace("%1", report.period.label)
            .replace("%2", str(t.due)).replace("%3", str(t.done)).replace("%4", str(t.overdue)), report.due_note))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(event)
