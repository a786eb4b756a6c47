"""The attendee grid: typed in, pasted from Excel (Ctrl+V), or imported from .xlsx with a preview of row errors."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from controllers.core.context import AppContext
from controllers.core.errors import UserError
from controllers.trainings.attendees import AttendeePreview, RowError, parse_pasted, read_attendees_file
from controllers.trainings.common import AttendeeInput
from ui.common.column_width import fit_column
from ui.trainings.models import AttendeeGridModel

MAX_ERRORS_SHOWN = 12


class CompanyDelegate(QStyledItemDelegate):
    """Picks the property company from the list (type to search); the first entry means none."""

    def __init__(self, companies: Sequence[tuple[int, str]], parent: Any = None) -> None:
        super().__init__(parent)
        self.companies = list(companies)

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        combo = QComboBox(parent)
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        combo.addItem("", None)
        for cid, name in self.companies:
            combo.addItem(name, cid)
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole)), 0))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel,
                     index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        match = editor.findText(editor.currentText().strip())
        model.setData(index, editor.itemData(match) if match > 0 else None, Qt.ItemDataRole.EditRole)


class PasteTableView(QTableView):
    """A table that hands Ctrl+V to its owner as text instead of pasting into one cell."""

    pasted = Signal(str)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Paste):
            self.pasted.emit(QApplication.clipboard().text())
            event.accept()
            return
        super().keyPressEvent(event)


class AttendeeGrid(QWidget):
    """Attendees of one training, edited in place; `rows()` gives them to the dialog's save."""

    def __init__(self, ctx: AppContext, companies: Sequence[tuple[int, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.companies = list(companies)
        self.model = AttendeeGridModel(companies, self)
        self.view = PasteTableView()
        self.view.setObjectName("attendeeGrid")
        self.view.setModel(self.model)
        self.view.setItemDelegateForColumn(AttendeeGridModel.COL_COMPANY, CompanyDelegate(companies, self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.AnyKeyPressed)
        header = self.view.horizontalHeader()
        for col, width in ((0, 90), (1, 170), (2, 90), (3, 110), (4, 160), (5, 76), (6, 76)):
            fit_column(self.view, col, width)
        header.setSectionResizeMode(AttendeeGridModel.COL_ORG, QHeaderView.ResizeMode.Stretch)
        self.view.pasted.connect(self.paste_text)

        self.add_button = QPushButton(self.tr("Add row"))
        self.remove_button = QPushButton(self.tr("Remove rows"))
        self.paste_button = QPushButton(self.tr("Paste from Excel"))
        self.import_button = QPushButton(self.tr("Import .xlsx…"))
        self.all_present = QPushButton(self.tr("All present"))
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_selected)
        self.paste_button.clicked.connect(lambda: self.paste_text(QApplication.clipboard().text()))
        self.import_button.clicked.connect(self.import_file)
        self.all_present.clicked.connect(lambda: self.model.set_all_attended(True))
        buttons = QHBoxLayout()
        for b in (self.add_button, self.remove_button, self.paste_button, self.import_button, self.all_present):
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.summary = QLabel()
        buttons.addWidget(self.summary)

        self.hint = QLabel(self.tr("Copy rows in Excel (姓名, 单位, 职务, 电话; a header row is optional) and press "
                                   "Ctrl+V here. Tick “Present” after the session; the head count follows."))
        self.hint.setWordWrap(True)
        self.errors = QLabel()
        self.errors.setObjectName("attendeeErrors")
        self.errors.setWordWrap(True)
        self.errors.setStyleSheet("color: #b3261e;")
        self.errors.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.errors)
        layout.addWidget(self.hint)
        for signal in (self.model.rowsInserted, self.model.rowsRemoved, self.model.modelReset, self.model.dataChanged):
            signal.connect(self._update_summary)
        self._update_summary()

    def set_rows(self, rows: Sequence[AttendeeInput]) -> None:
        self.model.set_rows(rows)

    def rows(self) -> list[AttendeeInput]:
        """The grid's people; wholly empty rows (added and never filled) are dropped, not refused."""
        return [r for r in self.model.rows() if any((r.name, r.organisation, r.role, r.phone, r.property_company_id))]

    def add_row(self) -> None:
        row = self.model.rowCount()
        self.model.insertRows(row, 1)
        index = self.model.index(row, AttendeeGridModel.COL_NAME)
        self.view.setCurrentIndex(index)
        self.view.edit(index)

    def remove_selected(self) -> None:
        for row in sorted({i.row() for i in self.view.selectionModel().selectedIndexes()}, reverse=True):
            self.model.removeRows(row, 1)

    def paste_text(self, text: str) -> None:
        if not text.strip():
            return
        preview = parse_pasted(text, self.companies)
        self.model.append_rows(preview.people)
        self._show_errors(preview.errors)

    def import_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import attendees"), "",
                                              self.tr("Spreadsheets (*.xlsx *.csv)"))
        if not path:
            return
        try:
            preview = read_attendees_file(self.ctx, path)
        except UserError as exc:
            QMessageBox.warning(self, self.tr("Import attendees"), exc.message)
            return
        if self.confirm_import(preview):
            self.model.append_rows(preview.people)
            self._show_errors(preview.errors)

    def confirm_import(self, preview: AttendeePreview) -> bool:
        """Ask before adding: how many people, and which rows are refused and why; Cancel adds nobody."""
        text = self.tr("%1 people can be added.").replace("%1", str(len(preview.people)))
        if preview.errors:
            text += "\n" + self.tr("%1 rows have errors and will be skipped:").replace("%1", str(len(preview.errors)))
            text += "\n" + "\n".join(e.message for e in preview.errors[:MAX_ERRORS_SHOWN])
        if not preview.people:
            QMessageBox.warning(self, self.tr("Import attendees"), text)
            return False
        answer = QMessageBox.question(self, self.tr("Import attendees"), text,
                                      QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Ok

    def _show_errors(self, errors: Sequence[RowError]) -> None:
        if not errors:
            self.errors.hide()
            return
        shown = "；".join(e.message.rstrip("。") for e in errors[:MAX_ERRORS_SHOWN])
        more = len(errors) - MAX_ERRORS_SHOWN
        suffix = self.tr(" …and %1 more").replace("%1", str(more)) if more > 0 else ""
        self.errors.setText(self.tr("Not added: %1").replace("%1", shown + suffix))
        self.errors.show()

    def _update_summary(self, *_args: Any) -> None:
        rows = self.model.rows()
        self.summary.setText(self.tr("Invited %1 · present %2")
                             .replace("%1", str(sum(1 for r in rows if r.invited)))
                             .replace("%2", str(sum(1 for r in rows if r.attended))))
