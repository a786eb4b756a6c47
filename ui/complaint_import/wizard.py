"""The 12345 import wizard: reading the file, column mapping with a live preview, import with progress and cancel,
then results; the reading and the import run off the GUI thread."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QThread
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from controllers.complaints import importer as ci
from controllers.core.errors import UserError
from controllers.reference.choices import estate_choices
from ui.common import background
from ui.common.background import BackgroundWorker, start
from ui.common.events import Change
from ui.complaint_import.models import ErrorModel, PreviewModel
from ui.complaint_import.worker import import_worker, read_worker

NOT_IMPORTED = -1


class ImportWizard(QDialog):
    """Reading (off the GUI thread) → mapping → import (off the GUI thread) → result, for one file.

    Built with a path, it first reads the file in a worker behind a busy page; built with an ImportPreview
    (already read), it starts at the mapping page.
    """

    PAGE_MAPPING, PAGE_RUNNING, PAGE_RESULT, PAGE_READING = range(4)

    def __init__(self, ctx: Any, source: ci.ImportPreview | str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.preview: ci.ImportPreview | None = None
        self.import_result: ci.ImportResult | None = None
        self.worker: BackgroundWorker | None = None
        self.thread: QThread | None = None
        self.reader: BackgroundWorker | None = None
        self.setWindowTitle(self.tr("Import 12345 work orders"))
        self.resize(1240, 700)
        self.stack = QStackedWidget(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)
        self.stack.addWidget(self._reading_page(source))
        if isinstance(source, ci.ImportPreview):
            self._set_preview(source)
        else:
            self._start_reading(source)

    def _set_preview(self, preview: ci.ImportPreview) -> None:
        """Build the pages that need the read file, in front of the reading page, and show the mapping."""
        self.preview = preview
        pages = (self._mapping_page(preview), self._running_page(preview), self._result_page())
        for index, page in enumerate(pages):
            self.stack.insertWidget(index, page)
        self._refresh_preview()
        self.stack.setCurrentIndex(self.PAGE_MAPPING)

    # ------------------------------------------------------------ reading

    def _reading_page(self, source: ci.ImportPreview | str) -> QWidget:
        page = QWidget()
        v = QVBoxLayout(page)
        v.addStretch(1)
        name = source.file_name if isinstance(source, ci.ImportPreview) else Path(source).name
        self.reading_label = QLabel(self.tr("Reading %1 and looking for its header row …").replace("%1", name))
        v.addWidget(self.reading_label)
        self.reading_bar = QProgressBar()
        self.reading_bar.setRange(0, 0)  # busy: reading a sheet gives no steps to count
        self.reading_bar.setTextVisible(False)
        v.addWidget(self.reading_bar)
        row = QHBoxLayout()
        row.addStretch(1)
        self.reading_cancel = QPushButton(self.tr("Cancel"))
        self.reading_cancel.clicked.connect(self.reject)
        row.addWidget(self.reading_cancel)
        v.addLayout(row)
        v.addStretch(1)
        return page

    def _start_reading(self, path: str) -> None:
        self.reader = read_worker(self.ctx, path)
        self.reader.finished.connect(self._on_read)
        self.reader.failed.connect(self._on_read_failed)
        start(self.reader)

    def is_reading(self) -> bool:
        return self.reader is not None

    def _stop_reading(self) -> None:
        """Walk away from a read in progress: it changes nothing, so its late result is simply dropped."""
        self.reader = None

    def _on_read(self, preview: ci.ImportPreview) -> None:
        if self.reader is None:  # cancelled meanwhile
            return
        self.reader = None
        self._set_preview(preview)

    def _on_read_failed(self, message: str) -> None:
        if self.reader is None:
            return
        self.reader = None
        QMessageBox.warning(self, self.tr("Cannot import this file"), message)
        self.reject()

    # ------------------------------------------------------------ mapping

    def field_labels(self) -> dict[str, str]:
        return {
            "work_order_no": self.tr("Work order no."), "received_at": self.tr("Received at"),
            "complainant_name": self.tr("Complainant"), "complainant_phone": self.tr("Phone"),
            "address": self.tr("Address"), "street": self.tr("Street/town"), "category": self.tr("Category"),
            "content": self.tr("Content"), "reply_due": self.tr("Reply due"), "status": self.tr("Status"),
            "reply": self.tr("Reply"), "channel": self.tr("Channel"),
        }

    def _mapping_page(self, p: ci.ImportPreview) -> QWidget:
        page = QWidget()
        v = QVBoxLayout(page)
        info = self.tr("File: %1 · header found on row %2 · %3 data rows").replace("%1", p.file_name)
        info = info.replace("%2", str(p.header_row)).replace("%3", str(p.total_rows))
        if p.remembered:
            info += " · " + self.tr("column mapping remembered from the last import of this layout")
        self.info_label = QLabel(info)
        self.info_label.setWordWrap(True)
        v.addWidget(self.info_label)
        box = QGroupBox(self.tr("Columns (required fields are marked *)"))
        grid = QGridLayout(box)
        labels = self.field_labels()
        self.combos: dict[str, QComboBox] = {}
        for i, f in enumerate(p.fields):
            combo = QComboBox()
            combo.addItem(self.tr("(not imported)"), NOT_IMPORTED)
            for col, name in enumerate(p.columns):
                combo.addItem(f"{name}", col)
            combo.setCurrentIndex(combo.findData(p.mapping.get(f.key, NOT_IMPORTED)))
            combo.currentIndexChanged.connect(self._refresh_preview)
            self.combos[f.key] = combo
            label = QLabel(labels[f.key] + (" *" if f.required else ""))
            row, pair = divmod(i, 4)
            grid.addWidget(label, row, pair * 2)
            grid.addWidget(combo, row, pair * 2 + 1)
            grid.setColumnStretch(pair * 2 + 1, 1)
        v.addWidget(box)
        v.addWidget(QLabel(self.tr("Preview of the first rows as they will be imported:")))
        self.preview_model = PreviewModel([labels[f.key] for f in p.fields], self)
        self.preview_view = QTableView()
        self.preview_view.setModel(self.preview_model)
        self.preview_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview_view.verticalHeader().hide()
        self.preview_view.horizontalHeader().setDefaultSectionSize(110)
        v.addWidget(self.preview_view, 1)
        self.mapping_problem = QLabel()
        self.mapping_problem.setStyleSheet("color: #b00020;")
        v.addWidget(self.mapping_problem)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.reject)
        self.import_button = QPushButton(self.tr("Import"))
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.start_import)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.import_button)
        v.addLayout(buttons)
        return page

    def mapping(self) -> dict[str, int]:
        return {k: int(c.currentData()) for k, c in self.combos.items() if int(c.currentData()) != NOT_IMPORTED}

    def _refresh_preview(self) -> None:
        assert self.preview is not None
        mapping = self.mapping()
        self.preview_model.set_rows(ci.preview_rows(self.preview, mapping))
        # 20 rows only: fit the columns to their text, but keep long content from pushing the rest away.
        self.preview_view.resizeColumnsToContents()
        header = self.preview_view.horizontalHeader()
        for col in range(self.preview_model.columnCount()):
            header.resizeSection(col, min(header.sectionSize(col), 260))
        try:
            ci.check_mapping(mapping)
        except UserError as exc:
            self.mapping_problem.setText(exc.message)
            self.import_button.setEnabled(False)
        else:
            self.mapping_problem.setText("")
            self.import_button.setEnabled(True)

    # ------------------------------------------------------------ running

    def _running_page(self, p: ci.ImportPreview) -> QWidget:
        page = QWidget()
        v = QVBoxLayout(page)
        v.addStretch(1)
        self.running_label = QLabel(self.tr("Importing %1 …").replace("%1", p.file_name))
        v.addWidget(self.running_label)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        v.addWidget(self.progress)
        row = QHBoxLayout()
        row.addStretch(1)
        self.stop_button = QPushButton(self.tr("Cancel import"))
        self.stop_button.clicked.connect(self.cancel_import)
        row.addWidget(self.stop_button)
        v.addLayout(row)
        v.addStretch(1)
        return page

    def start_import(self) -> None:
        self.stack.setCurrentIndex(self.PAGE_RUNNING)
        self.progress.setValue(0)
        self.stop_button.setEnabled(True)
        assert self.preview is not None
        self.worker = import_worker(self.ctx, self.preview.path, self.mapping())
        self.worker.progress.connect(self._on_progress)
        self.worker.finished.connect(self._on_finished)
        self.worker.failed.connect(self._on_failed)
        self.worker.cancelled.connect(self._on_cancelled)
        self.thread = start(self.worker)

    def cancel_import(self) -> None:
        if self.worker is not None:
            self.stop_button.setEnabled(False)
            self.running_label.setText(self.tr("Cancelling… nothing will be imported."))
            self.worker.cancel()

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setValue(int(done * 100 / total) if total else 0)

    def _on_finished(self, result: ci.ImportResult) -> None:
        self.import_result = result
        self._show_result(result)
        self.stack.setCurrentIndex(self.PAGE_RESULT)

    def _on_failed(self, message: str) -> None:
        QMessageBox.warning(self, self.tr("Import failed"), message)
        self.stack.setCurrentIndex(self.PAGE_MAPPING)

    def _on_cancelled(self) -> None:
        QMessageBox.information(self, self.tr("Import cancelled"),
                                self.tr("The import was cancelled. Nothing was imported."))
        self.stack.setCurrentIndex(self.PAGE_MAPPING)

    def is_running(self) -> bool:
        return self.thread is not None and self.thread.isRunning()

    def reject(self) -> None:
        self._stop_reading()  # closes at once: nothing has been written yet
        if self.is_running():
            self.cancel_import()
            return  # closes after the worker has rolled back, via the cancelled page
        super().reject()

    def done(self, code: int) -> None:
        if self.thread is not None:
            self.thread.wait()
        super().done(code)

    # ------------------------------------------------------------ result

    def _result_page(self) -> QWidget:
        page = QWidget()
        v = QVBoxLayout(page)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        v.addWidget(self.summary)
        self.error_model = ErrorModel(self)
        self.error_view = QTableView()
        self.error_view.setModel(self.error_model)
        self.error_view.verticalHeader().hide()
        self.error_view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.error_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        v.addWidget(self.error_view, 1)
        row = QHBoxLayout()
        self.save_errors_button = QPushButton(self.tr("Save error report…"))
        self.save_errors_button.clicked.connect(self.save_error_report)
        row.addWidget(self.save_errors_button)
        row.addStretch(1)
        v.addLayout(row)
        self.unmatched_box = QGroupBox(
            self.tr("Addresses without an estate: choose the estate (remembered as an alias)"))
        box_layout = QVBoxLayout(self.unmatched_box)
        self.unmatched_area = QScrollArea()
        self.unmatched_area.setWidgetResizable(True)
        box_layout.addWidget(self.unmatched_area)
        v.addWidget(self.unmatched_box, 2)
        close_row = QHBoxLayout()
        close_row.addStretch(1)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.accept)
        close_row.addWidget(self.close_button)
        v.addLayout(close_row)
        return page

    def _show_result(self, r: ci.ImportResult) -> None:
        text = self.tr("%1 rows read: %2 new complaints, %3 updated, %4 already imported or repeated in the file, "
                       "%5 rows refused, %6 repeat complaints found.")
        for i, n in enumerate((r.rows, r.imported, r.updated, r.duplicates, len(r.errors), r.repeats_found), 1):
            text = text.replace(f"%{i}", str(n))
        self.summary.setText(text)
        self.error_model.set_rows(r.errors)
        self.error_view.setVisible(bool(r.errors))
        self.save_errors_button.setVisible(bool(r.errors))
        self.unmatched_box.setVisible(bool(r.unmatched_estates))
        self.unmatched_rows: dict[str, tuple[QLineEdit, QComboBox, QPushButton]] = {}
        holder = QWidget()
        grid = QGridLayout(holder)
        choices = estate_choices(self.ctx)
        for i, text in enumerate(r.unmatched_estates):
            alias = QLineEdit(ci.suggest_alias(self.ctx, text))
            alias.setToolTip(self.tr("Remembered as an alias of the chosen estate"))
            combo = QComboBox()
            combo.setEditable(True)
            combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            combo.setMinimumWidth(240)
            alias.setMinimumWidth(160)
            combo.addItem(self.tr("(choose an estate)"), None)
            for estate_id, name in choices:
                combo.addItem(name, estate_id)
            button = QPushButton(self.tr("Assign"))
            button.clicked.connect(lambda _c=False, t=text: self.resolve(t))
            grid.addWidget(QLabel(text), i, 0)
            grid.addWidget(alias, i, 1)
            grid.addWidget(combo, i, 2)
            grid.addWidget(button, i, 3)
            self.unmatched_rows[text] = (alias, combo, button)
        grid.setColumnStretch(0, 1)
        grid.setRowStretch(len(r.unmatched_estates), 1)
        self.unmatched_area.setWidget(holder)

    def resolve(self, text: str) -> None:
        alias, combo, button = self.unmatched_rows[text]
        estate_id = combo.currentData()
        if estate_id is None:
            QMessageBox.information(self, self.tr("Choose an estate"), self.tr("Choose the estate first."))
            return
        ctx, chosen, alias_text = self.ctx, int(estate_id), alias.text()
        button.setEnabled(False)  # one assignment per click, however slow the server
        operation = background.run(self, lambda: ci.resolve_unmatched(ctx, text, chosen, alias=alias_text),
                                   changes=(Change.COMPLAINTS,), done=lambda res: self._resolved(text, res),
                                   error_title=self.tr("Cannot assign"), name="assigning an address")
        operation.ended.connect(lambda ok: ok or button.setEnabled(True))

    def _resolved(self, text: str, res: ci.Resolution) -> None:
        _alias, combo, button = self.unmatched_rows[text]
        button.setEnabled(True)
        # The alias usually covers other listed addresses too (玉屏南路6号, 玉屏南路18号...): those are done as well.
        for other, (o_alias, o_combo, o_button) in self.unmatched_rows.items():
            if res.alias in other:
                for w in (o_alias, o_combo, o_button):
                    w.setEnabled(False)
                o_combo.setCurrentIndex(combo.currentIndex())
                o_button.setText(self.tr("Assigned"))
        button.setText(self.tr("%n complaint(s) assigned", "", res.complaints_updated))

    def save_error_report(self) -> None:
        if self.import_result is None:
            return
        path, _f = QFileDialog.getSaveFileName(self, self.tr("Save error report"), "导入错误报告.xlsx",
                                               self.tr("Excel workbook (*.xlsx)"))
        if not path:
            return
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        try:
            ci.save_error_report(self.import_result, path)
        except UserError as exc:
            QMessageBox.warning(self, self.tr("Cannot save"), exc.message)
