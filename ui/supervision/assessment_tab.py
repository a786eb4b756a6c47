"""The 年度考核 tab: a year, the goals per street and per estate (the dashboard's figures), departments and officers;
导出 Excel and 打印考核情况表 write the same figures. Reads and writes run off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from controllers.assessment.figures import Assessment, assessment
from controllers.assessment.notice_pdf import write_notice
from controllers.assessment.sheet import export_assessment
from controllers.assessment.sheet_pdf import write_assessment_sheet
from controllers.core import clock
from controllers.core.context import AppContext
from controllers.core.periods import Period, month, quarter
from controllers.core.periods import year as whole_year
from ui.common import background
from ui.common.background import Operation
from ui.common.rows_model import SORT_ROLE, RowsModel
from ui.common.tints import paint_tints
from ui.supervision.models import DepartmentTableModel, GoalsTableModel, OfficerTableModel


def _sorted_table(model: RowsModel) -> QTableView:
    proxy = QSortFilterProxyModel(model)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    view = QTableView()
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    paint_tints(view)  # goals not met
    view.horizontalHeader().setStyleSheet("QHeaderView::section { padding: 4px 6px; }")
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return view


class AssessmentTab(QWidget):
    """Year → assessment of the desk's view; one table at a time (街镇 / 小区 / 部门 / 承办人)."""

    def __init__(self, ctx: AppContext, show_error: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.show_error = show_error
        self.result: Assessment | None = None
        self.operations: list[Operation] = []
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Year")))
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(clock.today().year - 1)  # the assessment is of the year just ended
        self.year.valueChanged.connect(lambda _v: self.refresh())
        bar.addWidget(self.year)
        self.part = QComboBox()
        for label in (self.tr("Streets"), self.tr("Estates"), self.tr("Departments"), self.tr("Officers")):
            self.part.addItem(label)
        bar.addWidget(self.part)
        bar.addStretch(1)
        self.summary = QLabel()  # on its own line below: beside five controls the period's words were cut off
        self.summary.setWordWrap(True)
        self.export_button = QPushButton(self.tr("Export Excel…"))
        self.export_button.clicked.connect(self.export_sheet)
        self.print_button = QPushButton(self.tr("Print assessment sheet…"))
        self.print_button.clicked.connect(self.print_sheet)
        # 通报 for the regular meeting: the year chosen above, or one of its quarters or months.
        self.notice_period = QComboBox()
        self.notice_period.addItem(self.tr("Whole year"), ("year", 0))
        for q in range(1, 5):
            self.notice_period.addItem(self.tr("Quarter %1").replace("%1", str(q)), ("quarter", q))
        for m in range(1, 13):
            self.notice_period.addItem(self.tr("Month %1").replace("%1", str(m)), ("month", m))
        self.notice_button = QPushButton(self.tr("Print meeting notice…"))
        self.notice_button.clicked.connect(self.print_notice)
        for widget in (self.export_button, self.print_button, self.notice_period, self.notice_button):
            bar.addWidget(widget)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        self.streets, self.estates = GoalsTableModel(self), GoalsTableModel(self)
        self.departments, self.officers = DepartmentTableModel(self), OfficerTableModel(self)
        self.stack = QStackedWidget()
        for model in (self.streets, self.estates, self.departments, self.officers):
            self.stack.addWidget(_sorted_table(model))
        self.part.currentIndexChanged.connect(self.stack.setCurrentIndex)
        layout.addWidget(self.stack, 1)
        self.status = QLabel()
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status)

    # ---- seams tests replace ----------------------------------------------------------------------------------

    def get_save_path(self, suggested: str, filter_text: str) -> str:
        path, _filter = QFileDialog.getSaveFileName(self, self.tr("Save"), suggested, filter_text)
        return path

    # ---- reading and writing ----------------------------------------------------------------------------------

    def _track(self, operation: Operation) -> None:
        self.operations = [op for op in self.operations if op.running] + [operation]

    def busy(self) -> bool:
        return any(op.running for op in self.operations)

    def refresh(self) -> None:
        ctx, year = self.ctx, self.year.value()
        self.summary.setText(self.tr("Counting…"))
        # A read for a year no longer chosen (the year changed while it ran) must not overwrite the newer one.
        self._track(background.run(self, lambda: assessment(ctx, year),
                                   done=lambda result: self._show(result) if year == self.year.value() else None,
                                   report_to=self.show_error, name="reading the assessment"))

    def _show(self, result: Assessment) -> None:
        self.result = result
        self.streets.set_rows([result.total, *result.streets])
        self.estates.set_rows(result.estates)
        self.departments.set_rows(result.departments)
        self.officers.set_rows(result.officers)
        p = result.period
        self.summary.setText(self.tr("%1 (%2 to %3), against the same days last year; red: goal not met")
                             .replace("%1", p.label).replace("%2", p.start.isoformat())
                             .replace("%3", p.end.isoformat()))

    def _write(self, suffix: str, filter_text: str, call: Callable[[AppContext, int, Path], Any], *,
               name: str = "") -> None:
        year = self.year.value()
        path = self.get_save_path(f"{name or '年度考核_' + str(year)}{suffix}", filter_text)
        if not path:
            return
        target = Path(path if path.lower().endswith(suffix) else path + suffix)
        ctx = self.ctx
        self._track(background.run(self, lambda: call(ctx, year, target),
                                   done=lambda _r: self.status.setText(self.tr("Saved: %1").replace("%1", str(target))),
                                   report_to=self.show_error, name="writing the assessment"))

    def export_sheet(self) -> None:
        self._write(".xlsx", self.tr("Excel workbooks (*.xlsx)"),
                    lambda ctx, year, target: export_assessment(ctx, year, None, target))

    def print_sheet(self) -> None:
        self._write(".pdf", self.tr("PDF files (*.pdf)"),
                    lambda ctx, year, target: write_assessment_sheet(ctx, year, None, target))

    def notice_period_chosen(self) -> Period:
        kind, n = self.notice_period.currentData()
        y = self.year.value()
        return whole_year(y) if kind == "year" else quarter(y, n) if kind == "quarter" else month(y, n)

    def print_notice(self) -> None:
        period = self.notice_period_chosen()
        self._write(".pdf", self.tr("PDF files (*.pdf)"),
                    lambda ctx, _year, target: write_notice(ctx, period, None, target), name=f"工作通报_{period.label}")
