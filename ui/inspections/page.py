"""The 巡查检查 page: the patrols list (filters, new, open, export) and the coverage of a period per estate
(应检 / 已检 / 逾期未检, totals, printable checklists for the estates chosen)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from controllers.core import clock, periods
from controllers.core.context import AppContext
from controllers.core.errors import UserError
from controllers.core.periods import Period
from controllers.inspections.checklist import write_checklists
from controllers.inspections.coverage import coverage
from controllers.inspections.export import export_patrols
from controllers.inspections.listing import PatrolFilter, list_patrols
from ui.common import background
from ui.common.column_width import fit_column
from ui.common.empty_state import EmptyStack, State
from ui.common.estimates import with_note
from ui.common.events import Change, data_events
from ui.common.feedback import say
from ui.common.rows_model import ID_ROLE, SORT_ROLE
from ui.common.tints import paint_tints
from ui.inspections.entry_form import enter_patrol
from ui.inspections.filter_bar import PatrolFilterBar
from ui.inspections.models import CoverageModel, PatrolListModel
from ui.inspections.patrol_window import open_patrol


def recent_periods() -> list[Period]:
    """What the coverage view offers: this quarter and the three before, this month, this year and the last."""
    today = clock.today()
    q = (today.month - 1) // 3 + 1
    quarters = []
    y, qq = today.year, q
    for _ in range(4):
        quarters.append(periods.quarter(y, qq))
        y, qq = (y, qq - 1) if qq > 1 else (y - 1, 4)
    return [*quarters, periods.month(today.year, today.month), periods.year(today.year),
            periods.year(today.year - 1)]


def sorted_table(model: object, name: str) -> tuple[QTableView, QSortFilterProxyModel]:
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)  # type: ignore[arg-type]
    proxy.setSortRole(SORT_ROLE)
    view = QTableView()
    view.setObjectName(name)
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    paint_tints(view)  # estates behind on their inspections
    view.verticalHeader().hide()
    view.setWordWrap(False)
    return view, proxy


class InspectionsPage(QWidget):
    """Patrols and inspections: the record list and the coverage of the inspection plan."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.tabs = QTabWidget()
        self.tabs.addTab(self._patrols_tab(), self.tr("Patrol records"))
        self.tabs.addTab(self._coverage_tab(), self.tr("Inspection coverage"))
        self.result = QLabel()
        self.result.setObjectName("inspectionsResult")
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.result)
        self.tabs.currentChanged.connect(lambda _i: self.refresh())
        data_events().changed.connect(self._data_changed)
        self.refresh()

    # ------------------------------------------------------------------ tabs
    def _patrols_tab(self) -> QWidget:
        self.new_button = QPushButton(self.tr("New patrol record"))
        self.new_button.setShortcut("Ctrl+N")
        self.new_button.clicked.connect(self.new_patrol)
        self.open_button = QPushButton(self.tr("Open…"))
        self.open_button.clicked.connect(self.open_selected)
        self.export_button = QPushButton(self.tr("Export to Excel…"))
        self.export_button.clicked.connect(self.export)
        self.count_label = QLabel()
        self.filters = PatrolFilterBar(self.ctx, self)
        self.filters.changed.connect(self.refresh_patrols)
        buttons = QHBoxLayout()
        for b in (self.new_button, self.open_button, self.export_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.count_label)
        self.patrol_model = PatrolListModel(self)
        self.patrol_view, self.patrol_proxy = sorted_table(self.patrol_model, "patrolList")
        self.patrol_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        for col, width in enumerate((136, 110, 150, 340, 84)):
            fit_column(self.patrol_view, col, width)
        self.patrol_view.horizontalHeader().setSectionResizeMode(PatrolListModel.COL_BECAME,
                                                                 QHeaderView.ResizeMode.Stretch)
        self.patrol_view.sortByColumn(PatrolListModel.COL_WHEN, Qt.SortOrder.DescendingOrder)
        self.patrol_view.activated.connect(lambda _i: self.open_selected())
        self.patrol_stack = EmptyStack(self.patrol_view)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addLayout(buttons)
        layout.addWidget(self.filters)
        layout.addWidget(self.patrol_stack, 1)
        return page

    def _coverage_tab(self) -> QWidget:
        self.period = QComboBox()
        for p in recent_periods():
            self.period.addItem(p.label, p)
        self.period.currentIndexChanged.connect(self.refresh_coverage)
        self.totals_label = QLabel()
        self.totals_label.setObjectName("coverageTotals")
        self.print_button = QPushButton(self.tr("Print checklists…"))
        self.print_button.setToolTip(self.tr("One A4 checklist per chosen estate, with a route sheet for several"))
        self.print_button.clicked.connect(self.print_checklists)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Period")))
        top.addWidget(self.period)
        top.addSpacing(16)
        top.addWidget(self.totals_label, 1)
        top.addWidget(self.print_button)
        note = QLabel(self.tr("Due: inspections the estate's grade asks for in the period (分级分类检查 and joint "
                              "inspections count); overdue: due cycles that ended without one. Choose estates "
                              "(Ctrl+click) to print their checklists."))
        note.setWordWrap(True)
        note.setObjectName("hint")
        self.coverage_model = CoverageModel(self)
        self.coverage_view, self.coverage_proxy = sorted_table(self.coverage_model, "coverageTable")
        self.coverage_view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.coverage_view.horizontalHeader().setSectionResizeMode(CoverageModel.COL_ESTATE,
                                                                   QHeaderView.ResizeMode.Stretch)
        for col, width in ((1, 150), (2, 200), (3, 80), (4, 80), (5, 104)):
            fit_column(self.coverage_view, col, width)
        self.coverage_view.sortByColumn(CoverageModel.COL_OVERDUE, Qt.SortOrder.DescendingOrder)
        self.coverage_stack = EmptyStack(self.coverage_view)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addLayout(top)
        layout.addWidget(note)
        layout.addWidget(self.coverage_stack, 1)
        return page

    # ------------------------------------------------------------------ reading
    def refresh(self) -> None:
        if self.tabs.currentIndex() == 0:
            self.refresh_patrols()
        else:
            self.refresh_coverage()

    def refresh_patrols(self) -> None:
        selected = self.selected_patrol()
        try:
            rows = list_patrols(self.ctx, self.filters.patrol_filter())
        except UserError as exc:
            QMessageBox.warning(self, self.tr("Cannot show the patrols"), exc.message)
            return
        self.patrol_model.set_rows(rows)
        self.count_label.setText(self.tr("%1 patrols").replace("%1", f"{len(rows):,}"))
        self.patrol_stack.show_for(len(rows), filtered=self.filters.is_filtered(), state=self._empty_patrols,
                                   clear=self.filters.clear)
        if selected is not None:
            self.select_patrol(selected)

    def _empty_patrols(self) -> State:
        return (self.tr("No patrol records yet"),
                self.tr("Record a patrol or inspection from the paper sheet: the estates visited, the checklist "
                        "and what was found."),
                [(self.tr("New patrol record"), self.new_patrol)])

    def refresh_coverage(self) -> None:
        period: Period = self.period.currentData()
        try:
            report = coverage(self.ctx, period)
        except UserError as exc:
            QMessageBox.warning(self, self.tr("Cannot compute the coverage"), exc.message)
            return
        self.coverage_model.set_rows(report.estates)
        t = report.totals
        self.totals_label.setText(with_note(
            self.tr("%1 estates · due %2 · done %3 · overdue %4").replace("%1", str(len(report.estates)))
            .replace("%2", str(t.due)).replace("%3", str(t.done)).replace("%4", str(t.overdue)), report.due_note))
        self.coverage_stack.show_for(len(report.estates), filtered=False, state=lambda: (
            self.tr("No estates in this view"),
            self.tr("Add the station's estates and their grades in Reference data."), []))

    def _data_changed(self, change: Change) -> None:
        if change in (Change.INSPECTIONS, Change.CASES, Change.REFERENCE, Change.VIEW) and self.isVisible():
            self.refresh()

    def apply_filter(self, f: PatrolFilter | Period) -> None:
        """What the 工作台 opens: a period's coverage (its tile), or the patrols of an estate behind (its list)."""
        if isinstance(f, Period):
            index = self.period.findText(f.label)
            if index < 0:
                self.period.addItem(f.label, f)
                index = self.period.count() - 1
            self.period.setCurrentIndex(index)
            self.tabs.setCurrentIndex(1)
            return
        self.tabs.setCurrentIndex(0)
        self.filters.set_filter(f)

    # ------------------------------------------------------------------ selection
    def selected_patrol(self) -> int | None:
        rows = self.patrol_view.selectionModel().selectedRows()
        return int(rows[0].data(ID_ROLE)) if rows else None

    def select_patrol(self, patrol_id: int) -> bool:
        for row in range(self.patrol_proxy.rowCount()):
            index = self.patrol_proxy.index(row, 0)
            if index.data(ID_ROLE) == patrol_id:
                self.patrol_view.selectRow(row)
                self.patrol_view.scrollTo(index)
                return True
        return False

    def chosen_estates(self) -> list[int]:
        """The estates chosen in the coverage view, in the order shown (the route the sheet prints)."""
        rows = sorted(self.coverage_view.selectionModel().selectedRows(), key=lambda i: i.row())
        return [self.coverage_model.row_at(self.coverage_proxy.mapToSource(i).row()).estate_id for i in rows]

    # ------------------------------------------------------------------ actions
    def new_patrol(self) -> None:
        new_id = enter_patrol(self.ctx, self)
        if new_id is not None:
            self.tabs.setCurrentIndex(0)
            self.refresh_patrols()
            self.select_patrol(new_id)

    def open_selected(self) -> None:
        patrol_id = self.selected_patrol()
        if patrol_id is None:
            return
        try:
            open_patrol(self.ctx, patrol_id, self)
        except UserError as exc:  # deleted meanwhile
            QMessageBox.warning(self, self.tr("Cannot open"), exc.message)
            self.refresh_patrols()

    def export(self) -> background.Operation | None:
        default = Path.home() / f"巡查检查记录-{clock.today().isoformat()}.xlsx"
        path, _f = QFileDialog.getSaveFileName(self, self.tr("Export patrols"), str(default),
                                               self.tr("Excel workbook (*.xlsx)"))
        if not path:
            return None
        return self.export_to(path if path.lower().endswith(".xlsx") else path + ".xlsx")

    def export_to(self, path: str) -> background.Operation:
        ctx, f, estate = self.ctx, self.filters.patrol_filter(), self.filters.estate.currentText()
        name = estate if f.estate_id is not None else None
        return background.run(self, lambda: export_patrols(ctx, path, f, estate_name=name), name="patrol export",
                              report_to=self._fail, done=lambda n: self._tell(self.tr("Exported"), self.tr(
                                  "%1 patrols exported to %2").replace("%1", f"{n:,}").replace("%2", path)))

    def _fail(self, message: str) -> None:
        say(self.result, message, error=True)

    def _tell(self, title: str, text: str) -> None:
        """A finished export or print, said on the page (a message box would stop the clerk for nothing)."""
        say(self.result, f"{title}：{text}", error=False)

    def print_checklists(self) -> background.Operation | None:
        estates = self.chosen_estates()
        if not estates:
            QMessageBox.information(self, self.tr("Print checklists"),
                                    self.tr("Choose one or more estates in the list first."))
            return None
        default = Path.home() / f"分级分类检查表-{clock.today().isoformat()}.pdf"
        path, _f = QFileDialog.getSaveFileName(self, self.tr("Print checklists"), str(default),
                                               self.tr("PDF file (*.pdf)"))
        if not path:
            return None
        return self.print_to(estates, path if path.lower().endswith(".pdf") else path + ".pdf")

    def print_to(self, estates: list[int], path: str) -> background.Operation:
        ctx = self.ctx
        return background.run(self, lambda: write_checklists(ctx, estates, path), name="checklists",
                              report_to=self._fail,
                              done=lambda r: self._tell(self.tr("Checklists written"), self.tr(
                                  "%1 pages written to %2").replace("%1", str(r.pages)).replace("%2", path)))
