"""The 案件台账 page: toolbar, filter bar, count and the windowed case table; opens cases in the case window."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QPushButton, QWidget

from controllers.cases import export as case_export
from controllers.cases.listing import CaseFilter
from controllers.core.context import AppContext
from controllers.station import setup_guide
from ui import case_detail
from ui.cases.filter_bar import CaseFilterBar
from ui.cases.ledger_button import LedgerButton
from ui.cases.table_model import CaseTableModel
from ui.common.empty_state import State
from ui.common.events import Change
from ui.common.list_page import ExportCall, ListPage
from ui.common.navigation import go_to
from ui.common.tints import TintDelegate

HEADER_KEY = "cases/header_state"


class CaseBookPage(ListPage):
    """The case book: every filter combines; the count and the rows come from the controller, a window at a time."""

    HEADER_KEY = HEADER_KEY
    # Initial widths (pixels) for a first start at 1366 wide; the user's own layout is remembered after that.
    WIDTHS = (150, 72, 140, 130, 130, 112, 230, 86, 90)
    SORT_COLUMN = CaseTableModel.COL_FOUND
    REFRESH_ON = (Change.CASES, Change.REFERENCE)
    EXPORT_STEM = "案件台账"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, CaseTableModel, parent)
        self.new_button = QPushButton(self.tr("New case"))
        self.new_button.clicked.connect(self.create_case)
        self.search.setPlaceholderText(self.tr("Search number, facts, place, party, notes"))
        self.search.setMinimumWidth(260)
        self.count_label.setObjectName("caseCount")
        self.view.setItemDelegateForColumn(CaseTableModel.COL_DEADLINE, TintDelegate(self.view))
        header = self.view.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(CaseTableModel.COL_PLACE, QHeaderView.ResizeMode.Interactive)
        self.ledgers_button = LedgerButton(ctx, self)  # 移交台账 and 履职台账 (issue 21)
        self.finish_setup((self.new_button, self.export_button, self.ledgers_button), CaseFilterBar(ctx, self))

    # --- what the list page asks ------------------------------------------------------------------------
    def current_filter(self) -> CaseFilter:
        return self.filters.case_filter(self.search.text().strip())

    def count_text(self, total: int) -> str:
        return self.tr("%1 cases in all").replace("%1", f"{total:,}")

    def empty_state(self) -> State:
        if not setup_guide.has_estates(self.ctx):  # a case needs an estate: 新建案件 would be a dead end
            return (self.tr("No cases yet, and no estates to register them in"),
                    self.tr("Enter the station's estates in Reference data first (or import them from Excel)."),
                    [(self.tr("Open Reference data"), lambda: go_to("reference"))])
        return (self.tr("No cases yet"), self.tr("Register the first case found on patrol or from a complaint."),
                [(self.tr("New case"), self.create_case)])

    def selected_case_id(self) -> int | None:
        return self.selected_id()

    def select_case(self, case_id: int) -> bool:
        return self.select(case_id)

    # --- the case window --------------------------------------------------------------------------------
    def open_row(self, row_id: int) -> None:
        self.open_case(row_id)

    def open_case(self, case_id: int) -> None:
        case_detail.open_case(self.ctx, case_id, self)

    def create_case(self) -> None:
        new_id = case_detail.new_case(self.ctx, self)
        if new_id is not None:
            self.refresh()
            self.select_case(int(new_id))

    # --- export -----------------------------------------------------------------------------------------
    def export_title(self) -> str:
        return self.tr("Export case book")

    def export_call(self, path: str, reveal_personal: bool = False) -> ExportCall:
        ctx, f, sort, descending = self.ctx, self.model.case_filter, self.model.sort_key, self.model.descending
        return lambda progress, cancel: case_export.export_cases(ctx, f, path, sort=sort, descending=descending,
                                                                 reveal_personal=reveal_personal,
                                                                 progress=progress, cancel=cancel)

    def exported_text(self, count: int, path: str) -> str:
        return self.tr("%1 cases exported to %2").replace("%1", f"{count:,}").replace("%2", path)
