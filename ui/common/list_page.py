"""What the case book and the complaint log share: debounced search, count, a windowed table that remembers its
columns and keeps the selection across a refresh, and an Excel export that runs off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from controllers.core import clock
from controllers.core.context import AppContext
from controllers.core.errors import UserError
from controllers.core.privacy import may_unmask
from controllers.documents.xlsx_writer import Cancel, ExportCancelled, Progress
from ui.common.background import BackgroundWorker, start
from ui.common.empty_state import EmptyStack, State
from ui.common.events import Change, data_events
from ui.common.ui_settings import ui_settings
from ui.common.windowed_model import WindowedTableModel

SEARCH_DELAY_MS = 300


# The controller call that writes a list to a file: export(progress(rows written), cancel()) -> rows written.
ExportCall = Callable[[Progress, Cancel], int]


class ListPage(QWidget):
    """Base of a list page. A subclass builds its model, buttons and filter bar, tunes the header, then calls
    `finish_setup(buttons, filters)`; it says how to filter, count, open a row and export."""

    HEADER_KEY = ""  # ui.ini key of the remembered column layout
    WIDTHS: tuple[int, ...] = ()  # first-start column widths; the user's own layout is remembered after that
    SORT_COLUMN = 0  # first start: newest first by this column
    REFRESH_ON: tuple[Change, ...] = ()  # the changes that re-query the list
    EXPORT_STEM = ""  # default export file name before the date

    exported = Signal(int, str)  # rows written, path: after the user has been told

    def __init__(self, ctx: AppContext, model: Callable[[AppContext, QObject], WindowedTableModel],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model: Any = model(ctx, self)
        self.export_worker: BackgroundWorker | None = None
        self.export_path = ""

        self.export_button = QPushButton(self.tr("Export to Excel"))
        # A role that may see personal data chooses from a menu: masked (the first entry) or with full names and
        # phones (audited by the controller). Any other role never sees the choice: the button exports masked.
        if may_unmask(ctx):
            menu = QMenu(self.export_button)
            self.export_masked_action = menu.addAction(self.tr("Export, names and phones masked…"))
            self.export_masked_action.triggered.connect(lambda: self.export_excel())
            self.export_personal_action = menu.addAction(self.tr("Export with full names and phones…"))
            self.export_personal_action.triggered.connect(lambda: self.export_excel(reveal_personal=True))
            self.export_button.setMenu(menu)
        else:
            self.export_button.clicked.connect(self.export_excel)
        self.export_busy = QProgressBar()
        self.export_busy.setTextVisible(False)
        self.export_busy.setMaximumWidth(120)
        self.export_busy.hide()
        self.export_note = QLabel(self.tr("Exporting…"))
        self.export_note.hide()
        self.export_cancel = QPushButton(self.tr("Cancel export"))
        self.export_cancel.clicked.connect(self.cancel_export)
        self.export_cancel.hide()
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(self.search_timer.start)
        self.search.returnPressed.connect(self.apply_filters)
        self.count_label = QLabel()

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
        for column, width in enumerate(self.WIDTHS):
            header.resizeSection(column, width)
        header.setSortIndicator(self.SORT_COLUMN, Qt.SortOrder.DescendingOrder)

        # No rows: what is missing and a link to the next step (the subclass says which), never a blank grid.
        self.stack = EmptyStack(self.view)
        self.empty = self.stack.empty

    def finish_setup(self, buttons: Sequence[QPushButton], filters: Any) -> None:
        """Restore the columns, lay the page out and run the first query (after the subclass tuned the header)."""
        self.filters = filters
        filters.changed.connect(self.apply_filters)
        self._restore_layout()
        self.view.setSortingEnabled(True)  # sorts through model.sort: a new query, not a sort in memory
        header = self.view.horizontalHeader()
        for signal in (header.sectionResized, header.sectionMoved, header.sortIndicatorChanged):
            signal.connect(self.save_layout)
        self.view.activated.connect(self._open_index)
        self.view.installEventFilter(self)

        top = QHBoxLayout()
        for button in buttons:
            top.addWidget(button)
        top.addSpacing(12)
        top.addWidget(self.search, 1)
        top.addSpacing(12)
        top.addWidget(self.export_note)
        top.addWidget(self.export_busy)
        top.addWidget(self.export_cancel)
        top.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(filters)
        layout.addWidget(self.stack, 1)

        data_events().changed.connect(self._data_changed)
        self.apply_filters()

    # --- what a subclass says ---------------------------------------------------------------------------
    def current_filter(self) -> Any:
        raise NotImplementedError

    def count_text(self, total: int) -> str:
        raise NotImplementedError

    def open_row(self, row_id: int) -> None:
        raise NotImplementedError

    def empty_state(self) -> State:
        """Headline, explanation and next steps for a list with no rows at all (no filter on)."""
        raise NotImplementedError

    def export_call(self, path: str, reveal_personal: bool = False) -> ExportCall:
        """The controller call that writes the current list to `path` (run in the worker); returns the rows.
        It takes progress(rows written) and cancel() (see controllers.documents.xlsx_writer.write_table); names and
        phones are in full only when `reveal_personal` (the controller refuses and audits by role)."""
        raise NotImplementedError

    def export_title(self) -> str:
        raise NotImplementedError

    def exported_text(self, count: int, path: str) -> str:
        raise NotImplementedError

    # --- filtering --------------------------------------------------------------------------------------
    def apply_filters(self) -> None:
        """Run the query now (the search box calls this after a pause in typing; tests call it directly)."""
        self.search_timer.stop()
        try:
            self.model.set_filter(self.current_filter())
        except UserError as exc:
            QMessageBox.warning(self, self.tr("Cannot filter"), exc.message)
        self._update_count()

    def apply_filter(self, f: Any) -> None:
        """Show the list filtered exactly so (the dashboard's tiles and sections open the list this way)."""
        self.search.blockSignals(True)
        self.search.setText(f.query)
        self.search.blockSignals(False)
        self.filters.set_filter(f)  # emits changed -> apply_filters

    def refresh(self) -> None:
        """Re-query after a save elsewhere, keeping the scroll position and the selected row when possible."""
        selected = self.selected_id()
        rows = self.view.selectionModel().selectedRows()
        near = rows[0].row() if rows else max(0, self.view.rowAt(0))
        scroll = self.view.verticalScrollBar().value()
        self.model.reload()
        self._update_count()
        self.view.verticalScrollBar().setValue(scroll)
        if selected is not None:
            self.model.row_at(min(near, self.model.total() - 1))  # load the block where the row was
            self.select(selected)

    def _update_count(self) -> None:
        total = self.model.total()
        self.count_label.setText(self.count_text(total))
        self.stack.show_for(total, filtered=not self.current_filter().is_empty(), state=self.empty_state,
                            clear=self.clear_filters)

    def clear_filters(self) -> None:
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.filters.clear()  # emits changed once -> apply_filters

    def _data_changed(self, change: Change) -> None:
        # A hidden list is re-queried when the main window shows it again: on a shared server every save at any
        # desk would otherwise re-count every list of every open window.
        if change in self.REFRESH_ON and self.isVisible():
            self.refresh()

    # --- selection and opening --------------------------------------------------------------------------
    def _row_id(self, index: QModelIndex) -> int | None:
        row = self.model.row_at(index.row()) if index.isValid() else None
        return None if row is None else int(row.id)

    def selected_id(self) -> int | None:
        rows = self.view.selectionModel().selectedRows()
        return self._row_id(rows[0]) if rows else None

    def select(self, row_id: int) -> bool:
        """Select the row if it is among the rows already loaded (never scans the whole list)."""
        row = self.model.find_loaded(row_id)
        if row < 0:
            return False
        self.view.selectRow(row)
        self.view.scrollTo(self.model.index(row, 0))
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Enter opens the row on every platform (activated only fires for it on some).
        if (watched is self.view and isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.view.currentIndex().isValid()):
            self._open_index(self.view.currentIndex())
            return True
        return super().eventFilter(watched, event)

    def _open_index(self, index: QModelIndex) -> None:
        row_id = self._row_id(index)
        if row_id is not None:
            self.open_row(row_id)

    # --- export -----------------------------------------------------------------------------------------
    def export_excel(self, *, reveal_personal: bool = False) -> None:
        # The file name says when a workbook holds full names and phones: it must not be passed on like the rest.
        stem = self.EXPORT_STEM + (self.tr("-personal data") if reveal_personal else "")
        default = Path.home() / f"{stem}-{clock.today().isoformat()}.xlsx"
        title = self.export_title() + (self.tr(" (full names and phones)") if reveal_personal else "")
        path, _filter = QFileDialog.getSaveFileName(self, title, str(default), self.tr("Excel workbook (*.xlsx)"))
        if not path:
            return
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        self.start_export(path, reveal_personal=reveal_personal)

    def start_export(self, path: str, *, reveal_personal: bool = False) -> None:
        """Write the list as shown (filter and order taken now) in a worker; 100,000 rows take a while."""
        call = self.export_call(path, reveal_personal)
        worker = BackgroundWorker(lambda progress, stop: call(lambda rows: progress(rows, None), stop.is_set),
                                  name="list export", cancelled_by=(ExportCancelled,), failure=self.tr(
            "The export failed unexpectedly; no file was written. The details are in the log file."))
        # Bound methods, not lambdas: a method of this page runs in the GUI thread, a lambda could run in the worker's.
        worker.progress.connect(self._export_progress)
        worker.finished.connect(self._export_done)
        worker.failed.connect(self._export_failed)
        worker.cancelled.connect(self._export_ended)
        self.export_worker = worker
        self.export_path = path
        self.export_button.setEnabled(False)
        self.export_button.setToolTip(self.tr("Exporting to %1 …").replace("%1", path))
        self.export_busy.setRange(0, self.model.total())  # 0 rows: a busy bar
        self.export_busy.setValue(0)
        for widget in (self.export_busy, self.export_note, self.export_cancel):
            widget.show()
        self.export_cancel.setEnabled(True)
        start(worker)

    def cancel_export(self) -> None:
        """Stop the export at its next thousand rows; nothing is written (the worker then says cancelled)."""
        if self.export_worker is not None:
            self.export_worker.cancel()
            self.export_cancel.setEnabled(False)
            self.export_note.setText(self.tr("Cancelling…"))

    def _export_progress(self, rows: int, _what: object) -> None:
        self.export_busy.setValue(min(rows, self.export_busy.maximum()))

    def is_exporting(self) -> bool:
        return self.export_worker is not None

    def _export_ended(self) -> None:
        self.export_worker = None
        for widget in (self.export_busy, self.export_note, self.export_cancel):
            widget.hide()
        self.export_note.setText(self.tr("Exporting…"))
        self.export_button.setEnabled(True)
        self.export_button.setToolTip("")

    def _export_done(self, count: int) -> None:
        self._export_ended()
        QMessageBox.information(self, self.tr("Exported"), self.exported_text(count, self.export_path))
        self.exported.emit(count, self.export_path)

    def _export_failed(self, message: str) -> None:
        self._export_ended()
        QMessageBox.warning(self, self.tr("Export failed"), message)

    # --- column layout ----------------------------------------------------------------------------------
    def save_layout(self) -> None:
        ui_settings(self.ctx).setValue(self.HEADER_KEY, self.view.horizontalHeader().saveState())

    def _restore_layout(self) -> None:
        header = self.view.horizontalHeader()
        state = ui_settings(self.ctx).value(self.HEADER_KEY)
        if state is not None:
            header.restoreState(state)
        self.fit_headers()
        self.model.set_sort(header.sortIndicatorSection(), header.sortIndicatorOrder())

    def fit_headers(self) -> None:
        """Widen a column whose header text would be cut (a 2-character 重复 in 60 px showed as one broken glyph)."""
        header = self.view.horizontalHeader()
        # The hint counts the theme's padding; without the sort arrow, which only the sorted column shows.
        shown = header.isSortIndicatorShown()
        header.setSortIndicatorShown(False)
        needed = [header.sectionSizeHint(column) for column in range(header.count())]
        header.setSortIndicatorShown(shown)
        for column, width in enumerate(needed):
            if (header.sectionResizeMode(column) == QHeaderView.ResizeMode.Interactive
                    and header.sectionSize(column) < width):
                header.resizeSection(column, width)
