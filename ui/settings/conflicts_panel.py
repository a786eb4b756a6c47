"""设置 section 交换冲突: records changed (or deleted) both here and at another station, keep mine / take theirs."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from controllers.core.clock import to_local
from controllers.core.context import AppContext
from controllers.core.permissions import can
from controllers.exchange import importer as exchange_import
from controllers.exchange.importer import ConflictInfo
from ui.common import background
from ui.common.events import Change

# The tables an exchange conflict can be about, by the list that shows them. A case's timeline, referrals and
# files show in the case book. Every other table is reference data (estates, companies, staff...), or shows in
# no list (a brief's issue number), where refreshing the reference lists costs little.
TABLE_CHANGES = {
    "cases": Change.CASES, "case_events": Change.CASES, "referrals": Change.CASES, "attachments": Change.CASES,
    "complaints": Change.COMPLAINTS, "trainings": Change.TRAININGS, "training_attendees": Change.TRAININGS,
    "meetings": Change.MEETINGS, "meeting_actions": Change.MEETINGS,
}


def change_for_table(table: str) -> Change:
    """What taking or keeping a conflict's version changed, for the pages to refresh."""
    return TABLE_CHANGES.get(table, Change.REFERENCE)

Index = QModelIndex | QPersistentModelIndex


class ConflictsModel(QAbstractTableModel):
    """Open conflicts, one per row: what, what happened, which station, when changed (or deleted) here and there."""

    COL_WHAT, COL_KIND, COL_STATION, COL_MINE, COL_THEIRS = range(5)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ConflictInfo] = []

    def set_rows(self, rows: list[ConflictInfo]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def conflict(self, row: int) -> ConflictInfo:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return (self.tr("Record"), self.tr("What happened"), self.tr("Other station"), self.tr("Changed here"),
                self.tr("Changed there"))[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        c = self._rows[index.row()]
        col = index.column()
        if col == self.COL_WHAT:
            return f"{c.entity_label} {c.label}"
        if col == self.COL_KIND:
            return c.kind
        if col == self.COL_STATION:
            return c.station_name
        stamp = c.mine_updated_at if col == self.COL_MINE else c.theirs_updated_at
        return to_local(stamp).strftime("%Y-%m-%d %H:%M")  # stamps are UTC; people read Shanghai time


class ConflictsPanel(QGroupBox):
    """Lists open conflicts from imported exchange packages; the person keeps ours or takes theirs."""

    resolved = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Exchange conflicts"), parent)
        self.setObjectName("exchangeConflicts")
        self.ctx = ctx
        self.model = ConflictsModel(self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        # Sized to header and contents: fixed default widths cut the Chinese headers under the theme's padding.
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.setMinimumHeight(140)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.keep_button = QPushButton(self.tr("Keep mine"), self)
        self.keep_button.setObjectName("keepMine")
        self.take_button = QPushButton(self.tr("Take theirs"), self)
        self.take_button.setObjectName("takeTheirs")
        self.keep_button.clicked.connect(lambda: self._resolve(take_theirs=False))
        self.take_button.clicked.connect(lambda: self._resolve(take_theirs=True))
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.keep_button)
        buttons.addWidget(self.take_button)
        buttons.addWidget(self.message, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.view)
        layout.addLayout(buttons)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.refresh()

    def refresh(self) -> None:
        rows = exchange_import.list_conflicts(self.ctx) if can(self.ctx, "view") else []
        self.model.set_rows(rows)
        if rows:
            self.summary.setText(self.tr(
                "These records were changed or deleted both here and at another station since the last exchange. "
                "Nothing was overwritten or deleted: choose which version to keep."))
        else:
            self.summary.setText(self.tr("No conflicts from exchange packages."))
        self._update_buttons()

    def _selected(self) -> ConflictInfo | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.conflict(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        enabled = self._selected() is not None and can(self.ctx, "edit_cases")
        self.keep_button.setEnabled(enabled)
        self.take_button.setEnabled(enabled)

    def _resolve(self, *, take_theirs: bool) -> None:
        chosen = self._selected()
        if chosen is None:
            return
        ctx = self.ctx
        background.run(self, lambda: exchange_import.resolve_conflict(ctx, chosen.id, take_theirs=take_theirs),
                       changes=(change_for_table(chosen.entity),), done=lambda _result: self._resolved(chosen.id),
                       report_to=self.message.setText, name="exchange conflict")

    def _resolved(self, conflict_id: int) -> None:
        self.message.clear()
        self.refresh()
        self.resolved.emit(conflict_id)
