"""The training dialog: details, attendees grid, materials and photos, example cases; prints the sign-in sheet."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QDateTime, Qt, QTime, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from controllers.core import clock
from controllers.core.context import AppContext
from controllers.core.errors import UserError, ValidationError
from controllers.reference.choices import department_choices, estate_choices
from controllers.trainings import records as trainings
from controllers.trainings.common import EXAMPLE_CASE_KINDS, AttendeeInput, ExampleCase, kind_choices
from controllers.trainings.common import property_company_choices as company_choices
from controllers.trainings.signin_sheet import write_signin_sheet
from ui.common import background
from ui.common.background import Operation
from ui.common.column_width import fit_column
from ui.common.events import Change
from ui.common.rows_model import ID_ROLE
from ui.trainings.attendee_grid import AttendeeGrid
from ui.trainings.files_tab import FilesTab
from ui.trainings.models import ExampleCaseModel

TAB_DETAILS, TAB_ATTENDEES, TAB_FILES, TAB_CASES = range(4)


def _checklist(choices: list[tuple[int, str]]) -> QListWidget:
    widget = QListWidget()
    for cid, name in choices:
        item = QListWidgetItem(name)
        item.setData(ID_ROLE, cid)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)
        widget.addItem(item)
    return widget


def _checked(widget: QListWidget) -> tuple[int, ...]:
    items = (widget.item(i) for i in range(widget.count()))
    return tuple(int(i.data(ID_ROLE)) for i in items if i.checkState() == Qt.CheckState.Checked)


def _check(widget: QListWidget, ids: set[int]) -> None:
    for i in range(widget.count()):
        item = widget.item(i)
        checked = int(item.data(ID_ROLE)) in ids
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)


def _count_spin() -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(-1, trainings.MAX_COUNT)
    spin.setSpecialValueText("—")  # -1: not recorded
    spin.setValue(-1)
    return spin


class TrainingDialog(QDialog):
    """Create or edit one training; saving is one transaction for the record and its attendee list."""

    def __init__(self, ctx: AppContext, training_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.training_id = training_id
        self.setWindowTitle(self.tr("Edit training") if training_id else self.tr("New training"))
        self.resize(1040, 660)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._details_tab(), self.tr("Details"))
        self.grid = AttendeeGrid(ctx, company_choices(ctx))
        self.tabs.addTab(self.grid, self.tr("Attendees"))
        self.files = FilesTab(ctx)
        self.tabs.addTab(self.files, self.tr("Materials and photos"))
        self.tabs.addTab(self._cases_tab(), self.tr("Example cases"))

        self.error = QLabel()
        self.error.setObjectName("dialogError")
        self.error.setStyleSheet("color: #b3261e;")
        self.error.setWordWrap(True)
        self.blank_rows = QSpinBox()
        self.blank_rows.setRange(-1, 200)
        self.blank_rows.setSpecialValueText(self.tr("auto"))
        self.blank_rows.setValue(-1)
        self.print_button = QPushButton(self.tr("Print sign-in sheet…"))
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setDefault(True)
        cancel = QPushButton(self.tr("Close"))
        self.print_button.clicked.connect(self.print_sheet)
        self.save_button.clicked.connect(self.save_and_close)
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addWidget(QLabel(self.tr("Blank rows:")))
        buttons.addWidget(self.blank_rows)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

        self.kind.currentIndexChanged.connect(self._kind_changed)
        if training_id is not None:
            self._load(trainings.get_training(ctx, training_id))
        else:
            start = QDateTime(clock.today() + timedelta(days=7), QTime(9, 0))  # a week ahead, Shanghai's calendar
            self.starts.setDateTime(start)
            self.ends.setDateTime(start.addSecs(2 * 3600))
            self._example_cases: list[ExampleCase] = []
            self.grid.set_rows([])
        self.files.set_training(self.training_id)
        self._kind_changed()
        self._saved = self.current_input()

    # ------------------------------------------------------------------ tabs

    def _details_tab(self) -> QWidget:
        self.kind = QComboBox()
        for kid, name in kind_choices(self.ctx):
            self.kind.addItem(name, kid)
        self.title = QLineEdit()
        self.title.setMaxLength(200)
        self.starts = QDateTimeEdit()
        self.ends = QDateTimeEdit()
        self.has_end = QCheckBox(self.tr("Ends at"))
        self.has_end.setChecked(True)
        self.has_end.toggled.connect(self.ends.setEnabled)
        for edit in (self.starts, self.ends):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.venue, self.organiser, self.audience = QLineEdit(), QLineEdit(), QLineEdit()
        self.organiser.setPlaceholderText(self.tr("e.g. 城管社区工作室"))
        self.planned, self.actual = _count_spin(), _count_spin()
        self.actual.setToolTip(self.tr("Follows the attendance marks once anyone is ticked present."))
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(80)
        form = QFormLayout()
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Title"), self.title)
        form.addRow(self.tr("Starts at"), self.starts)
        form.addRow(self.has_end, self.ends)
        form.addRow(self.tr("Venue"), self.venue)
        form.addRow(self.tr("Organiser"), self.organiser)
        form.addRow(self.tr("Audience"), self.audience)
        counts = QHBoxLayout()
        counts.addWidget(self.planned)
        counts.addWidget(QLabel(self.tr("Present")))
        counts.addWidget(self.actual)
        form.addRow(self.tr("Planned"), counts)
        form.addRow(self.tr("Notes"), self.notes)

        self.departments = _checklist(department_choices(self.ctx))
        self.estates = _checklist(estate_choices(self.ctx))
        self.estate_filter = QLineEdit()
        self.estate_filter.setPlaceholderText(self.tr("Filter estates"))
        self.estate_filter.textChanged.connect(self._filter_estates)
        lists = QVBoxLayout()
        lists.addWidget(QLabel(self.tr("Joint departments")))
        lists.addWidget(self.departments, 2)
        lists.addWidget(QLabel(self.tr("Estates concerned")))
        lists.addWidget(self.estate_filter)
        lists.addWidget(self.estates, 3)
        page = QWidget()
        row = QHBoxLayout(page)
        row.addLayout(form, 3)
        row.addLayout(lists, 2)
        return page

    def _cases_tab(self) -> QWidget:
        self.cases_model = ExampleCaseModel(self)
        self.cases_view = QTableView()
        self.cases_view.setModel(self.cases_model)
        self.cases_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.cases_view.horizontalHeader().setStretchLastSection(True)
        fit_column(self.cases_view, 0, 140)
        fit_column(self.cases_view, 1, 150)
        self.case_number = QLineEdit()
        self.case_number.setPlaceholderText(self.tr("Case number, e.g. 2025-长征-0037"))
        self.case_number.returnPressed.connect(self.add_case)
        add, remove = QPushButton(self.tr("Link case")), QPushButton(self.tr("Unlink"))
        add.clicked.connect(self.add_case)
        remove.clicked.connect(self.remove_case)
        self.cases_hint = QLabel()
        self.cases_hint.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.case_number, 1)
        row.addWidget(add)
        row.addWidget(remove)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addLayout(row)
        layout.addWidget(self.cases_view, 1)
        layout.addWidget(self.cases_hint)
        return page

    # ------------------------------------------------------------------ data

    def _load(self, d: trainings.TrainingDetail) -> None:
        self.kind.setCurrentIndex(max(self.kind.findData(d.kind_id), 0))
        self.title.setText(d.title)
        self.starts.setDateTime(QDateTime(d.starts_at))
        self.has_end.setChecked(d.ends_at is not None)
        self.ends.setDateTime(QDateTime(d.ends_at or d.starts_at + timedelta(hours=2)))
        self.venue.setText(d.venue or "")
        self.organiser.setText(d.organiser or "")
        self.audience.setText(d.audience or "")
        self.planned.setValue(-1 if d.planned_count is None else d.planned_count)
        self.actual.setValue(-1 if d.actual_count is None else d.actual_count)
        self.notes.setPlainText(d.notes or "")
        _check(self.departments, {i for i, _n in d.departments})
        _check(self.estates, {i for i, _n in d.estates})
        self._example_cases = list(d.cases)
        self.cases_model.set_rows(self._example_cases)
        self.grid.set_rows([AttendeeInput(a.name, a.organisation, a.role, a.phone, a.property_company_id, a.invited,
                                          a.attended, a.id) for a in d.attendees])

    def current_input(self) -> trainings.TrainingInput:
        def spin(s: QSpinBox) -> int | None:
            return None if s.value() < 0 else s.value()

        def when(edit: QDateTimeEdit) -> datetime:
            value = edit.dateTime().toPython()
            assert isinstance(value, datetime)
            return value.replace(second=0, microsecond=0)

        return trainings.TrainingInput(
            kind_id=self.kind.currentData(), title=self.title.text(), starts_at=when(self.starts),
            ends_at=when(self.ends) if self.has_end.isChecked() else None, venue=self.venue.text(),
            organiser=self.organiser.text(), audience=self.audience.text(), planned_count=spin(self.planned),
            actual_count=spin(self.actual), notes=self.notes.toPlainText(), department_ids=_checked(self.departments),
            estate_ids=_checked(self.estates), case_ids=tuple(c.id for c in self._example_cases),
            attendees=tuple(self.grid.rows()))

    def is_dirty(self) -> bool:
        return self.training_id is None or self.current_input() != self._saved

    def save(self) -> Operation:
        """Save off the GUI thread; a validation error shows beside the buttons and opens the tab concerned."""
        data, training_id, ctx = self.current_input(), self.training_id, self.ctx

        def store() -> trainings.TrainingDetail:
            if training_id is None:
                return trainings.create_training(ctx, data)
            return trainings.update_training(ctx, training_id, data)

        self.save_button.setEnabled(False)  # one save per click: a second create would make a second training
        operation = background.run(self, store, changes=(Change.TRAININGS,), done=self._stored,
                                   refused=self._refused, name="training save")
        operation.ended.connect(lambda _ok: self.save_button.setEnabled(True))
        return operation

    def save_and_wait(self) -> bool:
        """Save and wait for the answer (the dialog stays live meanwhile); True when saved."""
        return self.save().wait()

    def _stored(self, detail: trainings.TrainingDetail) -> None:
        self.error.clear()
        self.training_id = detail.id
        self.setWindowTitle(self.tr("Edit training"))
        self._load(detail)
        self._saved = self.current_input()
        self.files.set_training(self.training_id)

    def _refused(self, exc: UserError) -> None:
        self.error.setText(exc.message)
        if isinstance(exc, ValidationError):
            field = exc.field or ""
            self.tabs.setCurrentIndex(TAB_ATTENDEES if field.startswith("attendees") else
                                      TAB_CASES if field == "cases" else TAB_DETAILS)

    def save_and_close(self) -> None:
        self.save().ended.connect(lambda ok: ok and self.accept())

    def print_sheet(self) -> None:
        """Save if needed (the sheet prints what is stored), ask where, write the PDF and open it."""
        if self.is_dirty() and not self.save_and_wait():
            return
        assert self.training_id is not None
        suggested = str(Path.home() / f"{self.title.text().strip()[:40]}-签到表.pdf")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save sign-in sheet"), suggested, self.tr("PDF (*.pdf)"))
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        blank = None if self.blank_rows.value() < 0 else self.blank_rows.value()
        try:
            write_signin_sheet(self.ctx, self.training_id, path, blank_rows=blank)
        except UserError as exc:
            QMessageBox.warning(self, self.tr("Print sign-in sheet"), exc.message)
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(path))

    def _kind_changed(self) -> None:
        allowed = self.kind.currentText() in EXAMPLE_CASE_KINDS
        self.tabs.setTabEnabled(TAB_CASES, allowed or bool(getattr(self, "_example_cases", [])))
        self.cases_hint.setText(self.tr("Cases are shown without personal data: number, category, estate and facts.")
                                if allowed else self.tr("Only 以案释法 and 案例警示 sessions link example cases."))

    def _filter_estates(self, text: str) -> None:
        for i in range(self.estates.count()):
            item = self.estates.item(i)
            item.setHidden(bool(text.strip()) and text.strip() not in item.text())

    # ------------------------------------------------------------------ cases and files

    def add_case(self) -> None:
        try:
            case = trainings.find_case(self.ctx, self.case_number.text())
        except UserError as exc:
            self.error.setText(exc.message)
            return
        if all(c.id != case.id for c in self._example_cases):
            self._example_cases.append(case)
            self.cases_model.set_rows(self._example_cases)
        self.case_number.clear()
        self.error.clear()

    def remove_case(self) -> None:
        rows = {i.row() for i in self.cases_view.selectionModel().selectedRows()}
        self._example_cases = [c for n, c in enumerate(self._example_cases) if n not in rows]
        self.cases_model.set_rows(self._example_cases)

    def reject(self) -> None:
        if self.current_input() != self._saved:
            answer = QMessageBox.question(self, self.windowTitle(), self.tr("Discard unsaved changes?"))
            if answer != QMessageBox.StandardButton.Yes:
                return
        super().reject()
