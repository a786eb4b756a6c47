"""The 诉件台账 page: toolbar, filter bar, count and the windowed complaint table; entry and handling dialogs."""

from __future__ import annotations

import importlib
import logging
from datetime import date
from pathlib import Path

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QCursor, QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from controllers.app import AppContext
from controllers.complaint_list import ComplaintFilter
from controllers.errors import UserError
from ui.complaints.filter_bar import ComplaintFilterBar
from ui.complaints.table_model import ID_ROLE, ComplaintTableModel
from ui.events import data_events
from ui.settings import ui_settings

log = logging.getLogger(__name__)

HEADER_KEY = "complaints/header_state"
SEARCH_DELAY_MS = 300
# First-start widths for 1366 pixels; the user's own layout is remembered after that.
WIDTHS = (128, 84, 104, 150, 100, 120, 200, 108, 76, 60, 120)


class ComplaintLogPage(QWidget):
    """The complaint log: every filter combines; count and rows come from the controller, a window at a time."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = ComplaintTableModel(ctx, self)

        self.new_button = QPushButton(self.tr("New complaint"))
        self.new_button.setShortcut("Ctrl+N")
        self.new_button.clicked.connect(self.new_complaint)
        self.import_button = QPushButton(self.tr("Import 12345 work orders"))
        self.import_button.clicked.connect(self.import_work_orders)
        self.export_button = QPushButton(self.tr("Export to Excel"))
        self.export_button.clicked.connect(self.export_excel)
        self.per10k_button = QPushButton(self.tr("Per 10,000 residents"))
        self.per10k_button.clicked.connect(self.show_per10k)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search work order, content, address, complainant"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(220)
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(self.search_timer.start)
        self.search.returnPressed.connect(self.apply_filters)
        self.count_label = QLabel()
        self.count_label.setObjectName("complaintCount")
        self.filters = ComplaintFilterBar(ctx, self)
        self.filters.changed.connect(self.apply_filters)

        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        # Fixed row heights: the view never asks every row for its size (that would load the whole list).
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = self.view.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        for column, width in enumerate(WIDTHS):
            header.resizeSection(column, width)
        # The content takes whatever width is left, so every column stays in sight at 1366 pixels.
        header.setSectionResizeMode(ComplaintTableModel.COL_CONTENT, QHeaderView.ResizeMode.Stretch)
        header.setSortIndicator(ComplaintTableModel.COL_RECEIVED, Qt.SortOrder.DescendingOrder)
        self._restore_layout()
        self.view.setSortingEnabled(True)  # sorts through model.sort: a new query, not a sort in memory
        for signal in (header.sectionResized, header.sectionMoved, header.sortIndicatorChanged):
            signal.connect(self.save_layout)
        self.view.activated.connect(self._open_index)
        self.view.installEventFilter(self)

        self.empty = QLabel(self.tr("No complaints match the filters"))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty)

        top = QHBoxLayout()
        for button in (self.new_button, self.import_button, self.export_button, self.per10k_button):
            top.addWidget(button)
        top.addSpacing(12)
        top.addWidget(self.search, 1)
        top.addSpacing(12)
        top.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.filters)
        layout.addWidget(self.stack, 1)

        data_events().changed.connect(self._data_changed)
        self.apply_filters()

    # --- filtering --------------------------------------------------------------------------------------
    def current_filter(self) -> ComplaintFilter:
        return self.filters.complaint_filter(self.search.text().strip())

    def apply_filters(self) -> None:
        """Run the query now (the search box calls this after a pause in typing; tests call it directly)."""
        self.search_timer.stop()
        try:
            self.model.set_filter(self.current_filter())
        except UserError as exc:
            QMessageBox.warning(self, self.tr("Cannot filter"), exc.message)
        self._update_count()

    def apply_filter(self, f: ComplaintFilter) -> None:
        """Show the log filtered exactly so (the dashboard's tiles and sections open the complaint log this way)."""
        self.search.blockSignals(True)
        self.search.setText(f.query)
        self.search.blockSignals(False)
        self.filters.set_filter(f)  # emits changed -> apply_filters

    def refresh(self) -> None:
        """Re-query after a save, keeping the scroll position and the selection when possible."""
        selected = self.selected_id()
        scroll = self.view.verticalScrollBar().value()
        self.model.reload()
        self._update_count()
        self.view.verticalScrollBar().setValue(scroll)
        if selected is not None:
            self.select(selected)

    def _update_count(self) -> None:
        total = self.model.total()
        self.count_label.setText(self.tr("%1 complaints in all").replace("%1", f"{total:,}"))
        self.stack.setCurrentWidget(self.view if total else self.empty)

    def _data_changed(self, kind: str) -> None:
        if kind in ("complaints", "cases", "reference"):
            self.refresh()

    # --- selection and dialogs --------------------------------------------------------------------------
    def selected_id(self) -> int | None:
        rows = self.view.selectionModel().selectedRows()
        return None if not rows else self.model.data(rows[0], ID_ROLE)

    def select(self, complaint_id: int) -> bool:
        row = self.model.find_loaded(complaint_id)
        if row < 0:
            return False
        self.view.selectRow(row)
        self.view.scrollTo(self.model.index(row, 0))
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Enter opens the complaint on every platform (activated only fires for it on some).
        if (watched is self.view and isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.view.currentIndex().isValid()):
            self._open_index(self.view.currentIndex())
            return True
        return super().eventFilter(watched, event)

    def _open_index(self, index: QModelIndex) -> None:
        complaint_id = self.model.data(index, ID_ROLE)
        if complaint_id is not None:
            self.open_complaint(int(complaint_id))

    def open_complaint(self, complaint_id: int) -> None:
        from ui.complaints.handling_dialog import handle_complaint

        try:
            handle_complaint(self.ctx, complaint_id, self)
        except UserError as exc:  # deleted meanwhile
            QMessageBox.warning(self, self.tr("Cannot open"), exc.message)
            self.refresh()

    def new_complaint(self) -> None:
        from ui.complaints.entry_form import quick_entry

        new_id = quick_entry(self.ctx, self)
        if new_id is not None:
            self.refresh()
            self.select(new_id)

    def import_work_orders(self) -> None:
        """The 12345 import wizard lives in ui.complaint_import; a clear message while it is not installed."""
        try:
            module = importlib.import_module("ui.complaint_import")
        except ModuleNotFoundError as exc:
            if exc.name != "ui.complaint_import":
                raise
            QMessageBox.information(self, self.tr("Import not available"),
                                    self.tr("Importing 12345 work orders is not installed in this version yet."))
            return
        if module.run_import_wizard(self.ctx, self):
            self.refresh()

    def show_per10k(self) -> None:
        from ui.complaints.per10k_dialog import Per10kDialog

        Per10kDialog(self.ctx, self).exec()

    # --- export -----------------------------------------------------------------------------------------
    def export_excel(self) -> None:
        default = Path.home() / f"诉件台账-{date.today().isoformat()}.xlsx"
        path, _filter = QFileDialog.getSaveFileName(self, self.tr("Export complaint log"), str(default),
                                                    self.tr("Excel workbook (*.xlsx)"))
        if not path:
            return
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        from controllers.complaint_list import export_complaints

        QGuiApplication.setOverrideCursor(QCursor(Qt.CursorShape.WaitCursor))
        try:
            written = export_complaints(self.ctx, self.model.complaint_filter, path, sort=self.model.sort_key,
                                        descending=self.model.descending, reveal_personal=False)
        except UserError as exc:
            QGuiApplication.restoreOverrideCursor()
            QMessageBox.warning(self, self.tr("Export failed"), exc.message)
            return
        QGuiApplication.restoreOverrideCursor()
        QMessageBox.information(self, self.tr("Exported"), self.tr("%1 complaints exported to %2")
                                .replace("%1", f"{written:,}").replace("%2", path))

    # --- column layout ----------------------------------------------------------------------------------
    def save_layout(self) -> None:
        ui_settings(self.ctx).setValue(HEADER_KEY, self.view.horizontalHeader().saveState())

    def _restore_layout(self) -> None:
        state = ui_settings(self.ctx).value(HEADER_KEY)
        if state is not None:
            self.view.horizontalHeader().restoreState(state)
        header = self.view.horizontalHeader()
        self.model.set_sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
