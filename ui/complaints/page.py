"""The 诉件台账 page: toolbar, filter bar, count and the windowed complaint table; entry and handling dialogs."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QMessageBox, QPushButton, QWidget

from controllers.complaints.listing import ComplaintFilter, export_complaints
from controllers.core.context import AppContext
from controllers.core.errors import UserError
from ui import complaint_import
from ui.common.empty_state import State
from ui.common.events import Change
from ui.common.list_page import ExportCall, ListPage
from ui.complaints.entry_form import quick_entry
from ui.complaints.filter_bar import ComplaintFilterBar
from ui.complaints.per10k_dialog import Per10kDialog
from ui.complaints.return_dialog import ReturnFileDialog
from ui.complaints.table_model import ComplaintTableModel

HEADER_KEY = "complaints/header_state"


class ComplaintLogPage(ListPage):
    """The complaint log: every filter combines; count and rows come from the controller, a window at a time."""

    HEADER_KEY = HEADER_KEY
    # First-start widths for 1366 pixels; the user's own layout is remembered after that. A column narrower
    # than its header text is widened when the page opens (list_page.fit_headers).
    WIDTHS = (128, 84, 104, 124, 100, 106, 200, 100, 76, 76, 120)
    SORT_COLUMN = ComplaintTableModel.COL_RECEIVED
    REFRESH_ON = (Change.COMPLAINTS, Change.CASES, Change.REFERENCE)
    EXPORT_STEM = "诉件台账"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, ComplaintTableModel, parent)
        self.new_button = QPushButton(self.tr("New complaint"))
        self.new_button.setShortcut("Ctrl+N")
        self.new_button.clicked.connect(self.new_complaint)
        self.import_button = QPushButton(self.tr("Import 12345 work orders"))
        self.import_button.clicked.connect(self.import_work_orders)
        self.per10k_button = QPushButton(self.tr("Per 10,000 residents"))
        self.per10k_button.clicked.connect(self.show_per10k)
        self.return_button = QPushButton(self.tr("12345 return file"))
        self.return_button.clicked.connect(self.open_return_file)
        self.search.setPlaceholderText(self.tr("Search work order, content, address, complainant"))
        self.search.setMinimumWidth(220)
        self.count_label.setObjectName("complaintCount")
        # The content takes whatever width is left, so every column stays in sight at 1366 pixels.
        self.view.horizontalHeader().setSectionResizeMode(ComplaintTableModel.COL_CONTENT,
                                                          QHeaderView.ResizeMode.Stretch)
        self.finish_setup((self.new_button, self.import_button, self.export_button, self.return_button,
                           self.per10k_button),
                          ComplaintFilterBar(ctx, self))

    # --- what the list page asks ------------------------------------------------------------------------
    def current_filter(self) -> ComplaintFilter:
        return self.filters.complaint_filter(self.search.text().strip())

    def count_text(self, total: int) -> str:
        return self.tr("%1 complaints in all").replace("%1", f"{total:,}")

    def empty_state(self) -> State:
        return (self.tr("No complaints yet"),
                self.tr("Import the 12345 work orders from the hotline's Excel file, or register a complaint."),
                [(self.tr("Import 12345 work orders"), self.import_work_orders),
                 (self.tr("Register a complaint"), self.new_complaint)])

    # --- dialogs ----------------------------------------------------------------------------------------
    def open_row(self, row_id: int) -> None:
        self.open_complaint(row_id)

    def open_complaint(self, complaint_id: int) -> None:
        # On first use: the handling dialog brings the case window (~80 ms) and this page may be the first shown.
        from ui.complaints.handling_dialog import handle_complaint

        try:
            handle_complaint(self.ctx, complaint_id, self)
        except UserError as exc:  # deleted meanwhile
            QMessageBox.warning(self, self.tr("Cannot open"), exc.message)
            self.refresh()

    def new_complaint(self) -> None:
        new_id = quick_entry(self.ctx, self)
        if new_id is not None:
            self.refresh()
            self.select(new_id)

    def import_work_orders(self) -> None:
        """The 12345 import wizard (ui.complaint_import): choose a file, map its columns, import."""
        if complaint_import.run_import_wizard(self.ctx, self):
            self.refresh()

    def show_per10k(self) -> None:
        Per10kDialog(self.ctx, self).exec()

    def open_return_file(self) -> None:
        ReturnFileDialog(self.ctx, self).exec()

    # --- export -----------------------------------------------------------------------------------------
    def export_title(self) -> str:
        return self.tr("Export complaint log")

    def export_call(self, path: str, reveal_personal: bool = False) -> ExportCall:
        ctx, f, sort, descending = self.ctx, self.model.complaint_filter, self.model.sort_key, self.model.descending
        # Names and phones stay masked in the file, as in the list, unless the user chose the full export.
        return lambda progress, cancel: export_complaints(ctx, f, path, sort=sort, descending=descending,
                                                          reveal_personal=reveal_personal, progress=progress,
                                                          cancel=cancel)

    def exported_text(self, count: int, path: str) -> str:
        return self.tr("%1 complaints exported to %2").replace("%1", f"{count:,}").replace("%2", path)
