"""The 培训宣传 page: the trainings list with filters, property companies' attendance, and quarterly figures."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QSortFilterProxyModel, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from controllers.core.context import AppContext
from controllers.core.errors import UserError
from controllers.reference.choices import department_choices, estate_choices
from controllers.trainings import records as trainings
from controllers.trainings import stats as training_stats
from controllers.trainings.common import kind_choices
from controllers.trainings.export import export_trainings
from controllers.trainings.signin_sheet import write_signin_sheet
from ui.common import background
from ui.common.column_width import fit_column, fit_headers
from ui.common.empty_state import EmptyStack, State
from ui.common.events import Change, data_events
from ui.common.rows_model import SORT_ROLE
from ui.trainings.dialog import TrainingDialog
from ui.trainings.models import (
    CompanyAttendanceModel,
    CompanyTrainingsModel,
    QuarterModel,
    TrainingListModel,
)

NO_DATE = QDate(2000, 1, 1)  # the minimum of the date filters, shown as “any”


def _table(model: object, *, sortable: bool = True) -> tuple[QTableView, QSortFilterProxyModel]:
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)  # type: ignore[arg-type]
    proxy.setSortRole(SORT_ROLE)
    view = QTableView()
    view.setModel(proxy)
    view.setSortingEnabled(sortable)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.setWordWrap(False)
    fit_headers(view)
    return view, proxy


def _combo(any_label: str, choices: list[tuple[int, str]]) -> QComboBox:
    combo = QComboBox()
    combo.addItem(any_label, None)
    for cid, name in choices:
        combo.addItem(name, cid)
    return combo


def _date_edit(any_label: str) -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setMinimumDate(NO_DATE)
    edit.setSpecialValueText(any_label)
    edit.setDate(NO_DATE)
    return edit


class TrainingsPage(QWidget):
    """Trainings and outreach: list (filters, search, edit, print, export), companies, quarters."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.tabs = QTabWidget()
        self.tabs.addTab(self._list_tab(), self.tr("Sessions"))
        self.tabs.addTab(self._companies_tab(), self.tr("Property companies"))
        self.tabs.addTab(self._quarters_tab(), self.tr("By quarter"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.tabs.currentChanged.connect(lambda _i: self.refresh())
        data_events().changed.connect(self._data_changed)
        self.refresh()

    # ------------------------------------------------------------------ tabs

    def _list_tab(self) -> QWidget:
        self.kind_filter = _combo(self.tr("All kinds"), kind_choices(self.ctx))
        self.estate_filter = _combo(self.tr("All estates"), estate_choices(self.ctx))
        self.department_filter = _combo(self.tr("All departments"), department_choices(self.ctx))
        self.date_from, self.date_to = _date_edit(self.tr("any")), _date_edit(self.tr("any"))
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search title, venue, organiser, attendee"))
        self.search.setClearButtonEnabled(True)
        for combo in (self.kind_filter, self.estate_filter, self.department_filter):
            combo.currentIndexChanged.connect(self.refresh_list)
            combo.setMaximumWidth(180)
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(self.refresh_list)
        self.search.returnPressed.connect(self.refresh_list)
        self.search.textChanged.connect(lambda t: self.refresh_list() if not t else None)
        filters = QHBoxLayout()
        for w in (self.kind_filter, QLabel(self.tr("From")), self.date_from, QLabel(self.tr("to")), self.date_to,
                  self.estate_filter, self.department_filter):
            filters.addWidget(w)
        filters.addWidget(self.search, 1)

        self.new_button = QPushButton(self.tr("New training…"))
        self.edit_button = QPushButton(self.tr("Open…"))
        self.delete_button = QPushButton(self.tr("Delete"))
        self.print_button = QPushButton(self.tr("Print sign-in sheet…"))
        self.export_button = QPushButton(self.tr("Export to Excel…"))
        self.count_label = QLabel()
        self.new_button.clicked.connect(self.new_training)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.print_button.clicked.connect(self.print_selected)
        self.export_button.clicked.connect(self.export)
        buttons = QHBoxLayout()
        for b in (self.new_button, self.edit_button, self.delete_button, self.print_button, self.export_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.count_label)

        self.list_model = TrainingListModel(self)
        self.list_view, self.list_proxy = _table(self.list_model)
        self.list_view.setObjectName("trainingsList")
        # 典型案例 (issue 21) needs 100 pixels for its header with the theme's padding; the title column gives way.
        for col, width in ((0, 186), (1, 112), (2, 200), (3, 110), (4, 100), (5, 120), (6, 120), (7, 80), (8, 80),
                           (9, 100)):
            fit_column(self.list_view, col, width)
        self.list_view.horizontalHeader().setSectionResizeMode(TrainingListModel.COL_TITLE,
                                                                QHeaderView.ResizeMode.Stretch)
        self.list_view.sortByColumn(TrainingListModel.COL_WHEN, Qt.SortOrder.DescendingOrder)
        self.list_view.doubleClicked.connect(lambda _i: self.edit_selected())
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addLayout(filters)
        layout.addLayout(buttons)
        self.list_stack = EmptyStack(self.list_view)
        layout.addWidget(self.list_stack, 1)
        return page

    def _companies_tab(self) -> QWidget:
        self.only_missing = QCheckBox(self.tr("Only companies with no attendance in the last 12 months"))
        self.only_missing.toggled.connect(self.refresh_companies)
        self.companies_note = QLabel()
        self.companies_model = CompanyAttendanceModel(self)
        self.companies_view, self.companies_proxy = _table(self.companies_model)
        self.companies_view.setObjectName("companyAttendance")
        self.companies_view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col, width in ((1, 96), (2, 96), (3, 110)):
            fit_column(self.companies_view, col, width)
        self.companies_view.selectionModel().currentRowChanged.connect(lambda _c, _p: self._show_company())
        self.company_trainings = CompanyTrainingsModel(self)
        self.company_view, _proxy = _table(self.company_trainings)
        self.company_view.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        fit_column(self.company_view, 1, 140)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.companies_view)
        split.addWidget(self.company_view)
        split.setSizes([520, 520])
        page = QWidget()
        layout = QVBoxLayout(page)
        top = QHBoxLayout()
        top.addWidget(self.only_missing)
        top.addStretch(1)
        top.addWidget(self.companies_note)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        return page

    def _quarters_tab(self) -> QWidget:
        self.quarter_model = QuarterModel(self)
        self.quarter_view, _proxy = _table(self.quarter_model, sortable=False)
        self.quarter_view.setObjectName("quarterTable")
        # Kind names are long (“7.15”公众开放日): columns as wide as their header, scrolling if need be.
        self.quarter_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        note = QLabel(self.tr("Sessions held (planned ones still ahead are not counted) and people present, "
                              "per quarter and kind."))
        note.setWordWrap(True)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(note)
        layout.addWidget(self.quarter_view, 1)
        return page

    # ------------------------------------------------------------------ data

    def current_filter(self) -> trainings.TrainingFilter:
        def day(edit: QDateEdit) -> date | None:
            value = edit.date().toPython()
            return None if edit.date() == NO_DATE or not isinstance(value, date) else value

        return trainings.TrainingFilter(kind_id=self.kind_filter.currentData(), date_from=day(self.date_from),
                                        date_to=day(self.date_to), estate_id=self.estate_filter.currentData(),
                                        department_id=self.department_filter.currentData(), text=self.search.text())

    def refresh(self) -> None:
        """Called when the page is shown: reload the visible tab."""
        [self.refresh_list, self.refresh_companies, self.refresh_quarters][self.tabs.currentIndex()]()

    def refresh_list(self) -> None:
        rows = trainings.list_trainings(self.ctx, self.current_filter())
        self.list_model.set_rows(rows)
        typical = sum(r.typical_cases for r in rows)
        self.count_label.setText(self.tr("%1 sessions, %2 typical cases used").replace("%1", str(len(rows)))
                                 .replace("%2", str(typical)))
        self.list_stack.show_for(len(rows), filtered=self.current_filter() != trainings.TrainingFilter(),
                                 state=self.empty_state)

    def empty_state(self) -> State:
        return (self.tr("No training or outreach sessions yet"),
                self.tr("Record a session with its attendees; property companies' attendance is counted from them."),
                [(self.tr("Record a training session…"), self.new_training)])

    def refresh_companies(self) -> None:
        if self.only_missing.isChecked():
            since, rows = training_stats.companies_without_attendance(self.ctx)
            self.companies_note.setText(self.tr("Counted since %1: %2 companies")
                                        .replace("%1", since.isoformat()).replace("%2", str(len(rows))))
        else:
            rows = training_stats.company_attendance(self.ctx)
            self.companies_note.setText(self.tr("%1 companies").replace("%1", str(len(rows))))
        self.companies_model.set_rows(rows)
        self.company_trainings.set_rows([])

    def refresh_quarters(self) -> None:
        self.quarter_model.set_table(training_stats.quarterly_by_kind(self.ctx))

    def _show_company(self) -> None:
        index = self.companies_view.currentIndex()
        if not index.isValid():
            return
        row = self.companies_model.row_at(self.companies_proxy.mapToSource(index).row())
        self.company_trainings.set_rows(training_stats.company_trainings(self.ctx, row.company_id))

    def _data_changed(self, change: Change) -> None:
        if change in (Change.TRAININGS, Change.REFERENCE) and self.isVisible():
            self.refresh()

    def selected_id(self) -> int | None:
        index = self.list_view.currentIndex()
        if not index.isValid():
            return None
        return int(self.list_model.row_at(self.list_proxy.mapToSource(index).row()).id)

    # ------------------------------------------------------------------ actions

    def open_dialog(self, training_id: int | None) -> TrainingDialog:
        """Build the dialog (tests drive it directly); exec() shows it."""
        return TrainingDialog(self.ctx, training_id, self)

    def new_training(self) -> None:
        self.open_dialog(None).exec()
        self.refresh_list()

    def edit_selected(self) -> None:
        training_id = self.selected_id()
        if training_id is not None:
            self.open_dialog(training_id).exec()
            self.refresh_list()

    def delete_selected(self) -> None:
        training_id = self.selected_id()
        if training_id is None:
            return
        answer = QMessageBox.question(self, self.tr("Delete"),
                                      self.tr("Delete this training with its attendee list and files?"))
        if answer != QMessageBox.StandardButton.Yes:
            return
        ctx = self.ctx
        # The list re-reads either way: after the notice, or after a refusal (the training may be gone meanwhile).
        operation = background.run(self, lambda: trainings.delete_training(ctx, training_id),
                                   changes=(Change.TRAININGS,), error_title=self.tr("Delete"),
                                   name="deleting a training")
        operation.ended.connect(lambda _ok: self.refresh_list())

    def print_selected(self) -> None:
        training_id = self.selected_id()
        if training_id is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save sign-in sheet"), str(Path.home() / "签到表.pdf"),
                                              self.tr("PDF (*.pdf)"))
        if not path:
            return
        try:
            write_signin_sheet(self.ctx, training_id, path)
        except UserError as exc:
            QMessageBox.warning(self, self.tr("Print sign-in sheet"), exc.message)
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(path))

    def export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export to Excel"), str(Path.home() / "培训宣传台账.xlsx"),
                                              self.tr("Excel (*.xlsx)"))
        if not path:
            return
        try:
            count = export_trainings(self.ctx, path, self.current_filter())
        except UserError as exc:
            QMessageBox.warning(self, self.tr("Export to Excel"), exc.message)
            return
        QMessageBox.information(self, self.tr("Export to Excel"),
                                self.tr("%1 sessions exported.").replace("%1", str(count)))
