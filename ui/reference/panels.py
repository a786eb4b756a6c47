"""One panel per reference list: filter box, table, and 新增 / 编辑 / 删除 wired to the dialogs and controllers."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from controllers.core import clock
from controllers.core.context import AppContext
from controllers.holidays import day_entry
from controllers.inspections.grades import grade_plans
from controllers.reference import calendar_year, legal, lists, people
from controllers.reference import estates as est
from ui.common import background
from ui.common.events import Change
from ui.common.rows_model import SORT_ROLE, RowsModel
from ui.reference import table_models as tm
from ui.reference.category_dialog import CategoryDialog
from ui.reference.dialogs import (
    CalendarDayDialog,
    DepartmentDialog,
    NamedItemDialog,
    PropertyCompanyDialog,
    RecordDialog,
    RegulationDialog,
    StaffDialog,
    StreetDialog,
)
from ui.reference.estate_dialog import EstateDialog
from ui.reference.grade_plan_dialog import GradePlanDialog
from ui.reference.import_dialog import ReferenceImportDialog, ask_template_path, save_template
from ui.reference.year_dialog import YearEntryDialog

MAX_COLUMN_WIDTH = 280


class ListPanel(QWidget):
    """A filterable, sortable table of one kind of record with add / edit / delete."""

    changed = Signal()
    model_class: type[RowsModel] = RowsModel
    dialog_class: type[RecordDialog] = RecordDialog
    max_column_width = MAX_COLUMN_WIDTH
    stretch_column: int | None = None  # a long-text column that takes the spare width instead of the last one

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = self.model_class(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setSortRole(SORT_ROLE)
        self._sized = False

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(QCoreApplication.translate("ListPanel", "Filter…"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setMaximumWidth(260)
        self.filter_edit.textChanged.connect(self._filter_changed)
        bar.addWidget(self.filter_edit)
        self.add_toolbar_widgets(bar)
        bar.addStretch(1)
        self.count_label = QLabel()
        bar.addWidget(self.count_label)
        self.add_button = QPushButton(QCoreApplication.translate("ListPanel", "New"))
        self.edit_button = QPushButton(QCoreApplication.translate("ListPanel", "Edit"))
        self.delete_button = QPushButton(QCoreApplication.translate("ListPanel", "Delete"))
        for button, slot in ((self.add_button, self.add_record), (self.edit_button, self.edit_selected),
                             (self.delete_button, self.delete_selected)):
            button.clicked.connect(slot)
            bar.addWidget(button)
        layout.addLayout(bar)

        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # keep the controller's order until asked
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.horizontalHeader().setResizeContentsPrecision(200)
        # The theme's wide header padding would push the last columns off a 1366-wide screen.
        self.view.horizontalHeader().setStyleSheet("QHeaderView::section { padding: 4px 6px; }")
        self.view.doubleClicked.connect(lambda _index: self.edit_selected())
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        layout.addWidget(self.view)
        self._update_buttons()

    # ---- what each kind provides ----------------------------------------------------------------------------

    def add_toolbar_widgets(self, bar: QHBoxLayout) -> None:
        """Extra filters beside the filter box (the calendar's year)."""

    def fetch_rows(self) -> list[Any]:
        raise NotImplementedError

    def make_dialog(self, row: Any) -> RecordDialog:
        return self.dialog_class(self.ctx, row, self)

    def delete_record(self, row: Any) -> None:
        raise NotImplementedError

    def describe(self, row: Any) -> str:
        return str(getattr(row, "name", ""))

    # ---- seams tests replace ----------------------------------------------------------------------------------

    def exec_dialog(self, dialog: QDialog) -> bool:
        return dialog.exec() == QDialog.DialogCode.Accepted

    def confirm(self, text: str) -> bool:
        answer = QMessageBox.question(self, QCoreApplication.translate("ListPanel", "Delete"), text)
        return answer == QMessageBox.StandardButton.Yes

    def show_error(self, text: str) -> None:
        QMessageBox.warning(self, QCoreApplication.translate("ListPanel", "Cannot delete"), text)

    # ---- behaviour --------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload from the database, keeping the selection."""
        current = self.selected_row()
        self.model.set_rows(self.fetch_rows())
        if not self._sized:
            self._size_columns()
        if current is not None:
            self.select_id(current.id)
        self._update_count()
        self._update_buttons()

    def _size_columns(self) -> None:
        self._sized = True
        header = self.view.horizontalHeader()
        self.view.resizeColumnsToContents()
        for col in range(self.model.columnCount() - 1):
            # Long texts (duties, legal basis) would push the other columns out of a 1366-wide screen.
            widest = max(self.max_column_width, header.sectionSizeHint(col))  # never narrower than its header
            header.resizeSection(col, min(header.sectionSize(col) + 12, widest))
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        if self.stretch_column is not None:
            header.setStretchLastSection(False)
            header.setSectionResizeMode(self.stretch_column, QHeaderView.ResizeMode.Stretch)

    def _filter_changed(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        if shown == total:
            text = QCoreApplication.translate("ListPanel", "%1 records")
        else:
            text = QCoreApplication.translate("ListPanel", "%1 of %2 records")
        self.count_label.setText(text.replace("%1", str(shown)).replace("%2", str(total)))

    def _update_buttons(self) -> None:
        has = self.selected_row() is not None
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has)

    def selected_row(self) -> Any:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            return None
        source = self.proxy.mapToSource(rows[0])
        return self.model.row_at(source.row()) if source.isValid() else None

    def select_id(self, record_id: int) -> None:
        row = self.model.row_of_id(record_id)
        if row < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if index.isValid():
            self.view.selectRow(index.row())
            self.view.scrollTo(index)

    def add_record(self) -> None:
        self._run_dialog(self.make_dialog(None))

    def edit_selected(self) -> None:
        row = self.selected_row()
        if row is not None:
            self._run_dialog(self.make_dialog(row))

    def _run_dialog(self, dialog: RecordDialog) -> None:
        if self.exec_dialog(dialog) and dialog.saved is not None:
            self.refresh()
            self.select_id(dialog.saved.id)
            self.changed.emit()

    def delete_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        question = QCoreApplication.translate("ListPanel", "Delete “%1”? This cannot be undone.")
        if not self.confirm(question.replace("%1", self.describe(row))):
            return
        background.run(self, lambda: self.delete_record(row), changes=(Change.REFERENCE,),
                       done=lambda _result: self._deleted(), report_to=self.show_error, name="reference delete")

    def _deleted(self) -> None:
        self.refresh()
        self.changed.emit()


class EstatePanel(ListPanel):
    """住宅小区."""

    model_class = tm.EstateTableModel
    dialog_class = EstateDialog
    max_column_width = 140  # ten columns: keep the masked contacts in sight at 1366 pixels (full text in tooltips)

    def add_toolbar_widgets(self, bar: QHBoxLayout) -> None:
        # Dozens of estates come from the district's sheet: import them rather than type them one by one.
        self.template_button = QPushButton(self.tr("Download template"))
        self.template_button.clicked.connect(self.download_template)
        self.import_button = QPushButton(self.tr("Import from Excel…"))
        self.import_button.clicked.connect(self.open_import)
        bar.addWidget(self.template_button)
        bar.addWidget(self.import_button)

    def download_template(self) -> None:
        path = ask_template_path(self)
        if path:
            save_template(self, self.ctx, path, report_to=self.tell)

    def tell(self, text: str) -> None:
        QMessageBox.information(self, self.tr("Download template"), text)

    def open_import(self) -> None:
        dialog = ReferenceImportDialog(self.ctx, self)
        self.exec_dialog(dialog)
        if dialog.imported is not None and dialog.imported.changed:
            self.refresh()
            self.changed.emit()

    def fetch_rows(self) -> list[Any]:
        return est.list_estates(self.ctx)

    def delete_record(self, row: Any) -> None:
        est.delete_estate(self.ctx, row.id)


class StreetPanel(ListPanel):
    """街镇."""

    model_class = tm.StreetTableModel
    dialog_class = StreetDialog

    def fetch_rows(self) -> list[Any]:
        return lists.list_streets(self.ctx)

    def delete_record(self, row: Any) -> None:
        lists.delete_street(self.ctx, row.id)


class PropertyCompanyPanel(ListPanel):
    """物业企业."""

    model_class = tm.PropertyCompanyTableModel
    dialog_class = PropertyCompanyDialog

    def fetch_rows(self) -> list[Any]:
        return est.list_property_companies(self.ctx)

    def delete_record(self, row: Any) -> None:
        est.delete_property_company(self.ctx, row.id)


class StaffPanel(ListPanel):
    """工作人员."""

    model_class = tm.StaffTableModel
    dialog_class = StaffDialog

    def fetch_rows(self) -> list[Any]:
        return people.list_staff(self.ctx)

    def delete_record(self, row: Any) -> None:
        people.delete_staff(self.ctx, row.id)


class CategoryPanel(ListPanel):
    """执法类别."""

    model_class = tm.CategoryTableModel
    dialog_class = CategoryDialog

    def fetch_rows(self) -> list[Any]:
        return legal.list_categories(self.ctx)

    def delete_record(self, row: Any) -> None:
        legal.delete_category(self.ctx, row.id)


class RegulationPanel(ListPanel):
    """法规."""

    model_class = tm.RegulationTableModel
    dialog_class = RegulationDialog

    def fetch_rows(self) -> list[Any]:
        return legal.list_regulations(self.ctx)

    def delete_record(self, row: Any) -> None:
        legal.delete_regulation(self.ctx, row.id)


class DepartmentPanel(ListPanel):
    """部门."""

    model_class = tm.DepartmentTableModel
    dialog_class = DepartmentDialog
    stretch_column = tm.DepartmentTableModel.COL_DUTY

    def fetch_rows(self) -> list[Any]:
        return people.list_departments(self.ctx)

    def delete_record(self, row: Any) -> None:
        people.delete_department(self.ctx, row.id)


class CalendarPanel(ListPanel):
    """节假日: one year at a time."""

    model_class = tm.CalendarTableModel

    def add_toolbar_widgets(self, bar: QHBoxLayout) -> None:
        bar.addWidget(QLabel(self.tr("Year")))
        self.year_combo = QComboBox()
        years = lists.calendar_years(self.ctx)
        for y in years:
            self.year_combo.addItem(str(y), y)
        self.year_combo.setCurrentIndex(max(self.year_combo.findData(clock.today().year), 0))
        self.year_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        bar.addWidget(self.year_combo)
        self.year_button = QPushButton(self.tr("Enter a whole year…"))
        self.year_button.setToolTip(self.tr("Paste or import a year's holidays and make-up working days; "
                                            "deadlines already computed are recomputed"))
        self.year_button.clicked.connect(self.enter_year)
        bar.addWidget(self.year_button)

    def enter_year(self) -> YearEntryDialog:
        """Open 录入全年节假日 for the year shown (returned for tests; modal for people)."""
        coverage = calendar_year.calendar_coverage(self.ctx)
        # The year shown, unless it is entered already: then the first year after the calendar's end.
        year = coverage.last + 1 if coverage.last and self.year() in coverage.years else self.year()
        dialog = YearEntryDialog(self.ctx, year, self)
        dialog.finished.connect(lambda _r: self._year_entered(dialog))
        dialog.open()
        return dialog

    def _year_entered(self, dialog: YearEntryDialog) -> None:
        if dialog.outcome is None:
            return
        year = dialog.outcome.plan.year
        if self.year_combo.findData(year) < 0:
            self.year_combo.addItem(str(year), year)
        self.year_combo.setCurrentIndex(self.year_combo.findData(year))
        self.refresh()
        self.changed.emit()

    def year(self) -> int:
        return int(self.year_combo.currentData())

    def fetch_rows(self) -> list[Any]:
        return lists.list_calendar_days(self.ctx, year=self.year())

    def make_dialog(self, row: Any) -> RecordDialog:
        today = clock.today()
        default = today if today.year == self.year() else date(self.year(), 1, 1)
        return CalendarDayDialog(self.ctx, row, self, default_day=default)

    def _run_dialog(self, dialog: RecordDialog) -> None:
        # A day saved in another year is shown by switching to that year.
        if self.exec_dialog(dialog) and dialog.saved is not None:
            year = dialog.saved.day.year
            if self.year_combo.findData(year) < 0:
                self.year_combo.addItem(str(year), year)
            self.year_combo.blockSignals(True)
            self.year_combo.setCurrentIndex(self.year_combo.findData(year))
            self.year_combo.blockSignals(False)
            self.refresh()
            self.select_id(dialog.saved.id)
            self.changed.emit()

    def delete_record(self, row: Any) -> None:
        day_entry.delete_calendar_day(self.ctx, row.id)

    def describe(self, row: Any) -> str:
        return f"{row.day.isoformat()} {row.name or row.kind}"


class GradePanel(ListPanel):
    """分级分类, with each grade's inspection plan (how often, working days or not)."""

    model_class = tm.NamedTableModel

    def add_toolbar_widgets(self, bar: QHBoxLayout) -> None:
        self.plan_button = QPushButton(self.tr("Inspection plan…"))
        self.plan_button.setToolTip(self.tr("How often estates of the selected grade are inspected"))
        self.plan_button.clicked.connect(self.edit_plan)
        bar.addWidget(self.plan_button)

    def edit_plan(self) -> GradePlanDialog | None:
        row = self.selected_row()
        if row is None:
            return None
        plan = next((p for p in grade_plans(self.ctx) if p.id == row.id), None)
        if plan is None:
            return None
        dialog = GradePlanDialog(self.ctx, plan, self)
        dialog.open()
        return dialog

    def fetch_rows(self) -> list[Any]:
        return lists.list_estate_grades(self.ctx)

    def make_dialog(self, row: Any) -> RecordDialog:
        title = self.tr("Edit estate grade") if row else self.tr("New estate grade")
        return NamedItemDialog(self.ctx, row, self, create=lists.create_estate_grade,
                               update=lists.update_estate_grade, title=title)

    def delete_record(self, row: Any) -> None:
        lists.delete_estate_grade(self.ctx, row.id)


class TrainingKindPanel(ListPanel):
    """培训类型."""

    model_class = tm.NamedTableModel

    def fetch_rows(self) -> list[Any]:
        return lists.list_training_kinds(self.ctx)

    def make_dialog(self, row: Any) -> RecordDialog:
        title = self.tr("Edit training kind") if row else self.tr("New training kind")
        return NamedItemDialog(self.ctx, row, self, create=lists.create_training_kind,
                               update=lists.update_training_kind, title=title)

    def delete_record(self, row: Any) -> None:
        lists.delete_training_kind(self.ctx, row.id)


