"""The 案件台账 page: toolbar, filter bar, count and the windowed case table; opens cases in the case window."""

from __future__ import annotations

import importlib
import logging
from datetime import date
from pathlib import Path
from types import ModuleType

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
from controllers.case_list import CaseFilter
from controllers.errors import UserError
from ui.cases.delegates import TintDelegate
from ui.cases.filter_bar import CaseFilterBar
from ui.cases.table_model import ID_ROLE, CaseTableModel
from ui.events import data_events
from ui.settings import ui_settings

log = logging.getLogger(__name__)

HEADER_KEY = "cases/header_state"
SEARCH_DELAY_MS = 300
# Initial widths (pixels) for a first start at 1366 wide; the user's own layout is remembered after that.
WIDTHS = (150, 72, 140, 130, 130, 112, 230, 86, 90)


class CaseBookPage(QWidget):
    """The case book: every filter combines; the count and the rows come from the controller, a window at a time."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = CaseTableModel(ctx, self)

        self.new_button = QPushButton(self.tr("New case"))
        self.new_button.clicked.connect(self.create_case)
        self.export_button = QPushButton(self.tr("Export to Excel"))
        self.export_button.clicked.connect(self.export_excel)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search number, facts, place, party, notes"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(260)
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(self.search_timer.start)
        self.search.returnPressed.connect(self.apply_filters)
        self.count_label = QLabel()
        self.count_label.setObjectName("caseCount")

        self.filters = CaseFilterBar(ctx, self)
        self.filters.changed.connect(self.apply_filters)

        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setItemDelegateForColumn(CaseTableModel.COL_DEADLINE, TintDelegate(self.view))
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        # Fixed row heights: the view never asks every row for its size (that would load the whole list).
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = self.view.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        for column, width in enumerate(WIDTHS):
            header.resizeSection(column, width)
        header.setSectionResizeMode(CaseTableModel.COL_PLACE, QHeaderView.ResizeMode.Interactive)
        header.setSortIndicator(CaseTableModel.COL_FOUND, Qt.SortOrder.DescendingOrder)
        self._restore_layout()
        self.view.setSortingEnabled(True)  # sorts through model.sort: a new query, not a sort in memory
        for signal in (header.sectionResized, header.sectionMoved, header.sortIndicatorChanged):
            signal.connect(self.save_layout)
        self.view.activated.connect(self._open_index)
        self.view.installEventFilter(self)

        self.empty = QLabel(self.tr("No cases match the filters"))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setObjectName("caseEmpty")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty)

        top = QHBoxLayout()
        top.addWidget(self.new_button)
        top.addWidget(self.export_button)
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
    def current_filter(self) -> CaseFilter:
        return self.filters.case_filter(self.search.text().strip())

    def apply_filters(self) -> None:
        """Run the query now (the search box calls this after a pause in typing; tests call it directly)."""
        self.search_timer.stop()
        try:
            self.model.set_filter(self.current_filter())
        except UserError as exc:
            QMessageBox.warning(self, self.tr("Cannot filter"), exc.message)
        self._update_count()

    def apply_filter(self, f: CaseFilter) -> None:
        """Show the list filtered exactly so (the dashboard's tiles and sections open the case book this way)."""
        self.search.blockSignals(True)
        self.search.setText(f.query)
        self.search.blockSignals(False)
        self.filters.set_filter(f)  # emits changed -> apply_filters

    def refresh(self) -> None:
        """Re-query after a save elsewhere, keeping the scroll position and the selected case when possible."""
        selected = self.selected_case_id()
        rows = self.view.selectionModel().selectedRows()
        near = rows[0].row() if rows else max(0, self.view.rowAt(0))
        scroll = self.view.verticalScrollBar().value()
        self.model.reload()
        self._update_count()
        self.view.verticalScrollBar().setValue(scroll)
        if selected is not None:
            self.model.row_at(min(near, self.model.total() - 1))  # load the block where the case was
            self.select_case(selected)

    def _update_count(self) -> None:
        total = self.model.total()
        self.count_label.setText(self.tr("%1 cases in all").replace("%1", f"{total:,}"))
        self.stack.setCurrentWidget(self.view if total else self.empty)

    def _data_changed(self, kind: str) -> None:
        if kind in ("cases", "reference"):
            self.refresh()

    # --- selection and opening --------------------------------------------------------------------------
    def selected_case_id(self) -> int | None:
        rows = self.view.selectionModel().selectedRows()
        return None if not rows else self.model.data(rows[0], ID_ROLE)

    def select_case(self, case_id: int) -> bool:
        """Select the case if it is among the rows already in view (never scans the whole list)."""
        row = self.model.find_loaded(case_id)
        if row < 0:
            return False
        self.view.selectRow(row)
        self.view.scrollTo(self.model.index(row, 0))
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Enter opens the case on every platform (activated only fires for it on some).
        if (watched is self.view and isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.view.currentIndex().isValid()):
            self._open_index(self.view.currentIndex())
            return True
        return super().eventFilter(watched, event)

    def _case_detail(self) -> ModuleType | None:
        """The case window's module, imported on first use; a clear message while it is not there."""
        try:
            return importlib.import_module("ui.case_detail")
        except ModuleNotFoundError as exc:
            if exc.name not in ("ui.case_detail",):
                raise
            log.warning("case window module not available yet")
            QMessageBox.information(self, self.tr("Case window not available"),
                                    self.tr("The case window is not installed in this version yet."))
            return None

    def _open_index(self, index: QModelIndex) -> None:
        case_id = self.model.data(index, ID_ROLE)
        if case_id is not None:
            self.open_case(int(case_id))

    def open_case(self, case_id: int) -> None:
        module = self._case_detail()
        if module is not None:
            module.open_case(self.ctx, case_id, self)

    def create_case(self) -> None:
        module = self._case_detail()
        if module is None:
            return
        new_id = module.new_case(self.ctx, self)
        if new_id is not None:
            self.refresh()
            self.select_case(int(new_id))

    # --- export -----------------------------------------------------------------------------------------
    def export_excel(self) -> None:
        default = Path.home() / f"案件台账-{date.today().isoformat()}.xlsx"
        path, _filter = QFileDialog.getSaveFileName(self, self.tr("Export case book"), str(default),
                                                    self.tr("Excel workbook (*.xlsx)"))
        if not path:
            return
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        from controllers.case_list_export import export_cases

        QGuiApplication.setOverrideCursor(QCursor(Qt.CursorShape.WaitCursor))
        try:
            written = export_cases(self.ctx, self.model.case_filter, path, sort=self.model.sort_key,
                                   descending=self.model.descending)
        except UserError as exc:
            QGuiApplication.restoreOverrideCursor()
            QMessageBox.warning(self, self.tr("Export failed"), exc.message)
            return
        QGuiApplication.restoreOverrideCursor()
        QMessageBox.information(self, self.tr("Exported"),
                                self.tr("%1 cases exported to %2").replace("%1", f"{written:,}").replace("%2", path))

    # --- column layout ----------------------------------------------------------------------------------
    def save_layout(self) -> None:
        ui_settings(self.ctx).setValue(HEADER_KEY, self.view.horizontalHeader().saveState())

    def _restore_layout(self) -> None:
        state = ui_settings(self.ctx).value(HEADER_KEY)
        if state is not None:
            self.view.horizontalHeader().restoreState(state)
        header = self.view.horizontalHeader()
        self.model.set_sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
