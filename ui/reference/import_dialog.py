"""从 Excel 导入…: choose a sheet, see what each row would do (a dry run), then import it in one go.

The 基础数据 estates panel opens it, and so does the 开始使用 guide (by this class and its (ctx, parent) signature).
The preview is the controller's dry run, so what it shows is exactly what 导入 then does; both run off the GUI
thread. A refused file (not a sheet, no header) is one red line, never a traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from controllers.core.context import AppContext
from controllers.reference.sheet_import import ImportResult, RowOutcome, run_import
from controllers.reference.sheet_template import write_template
from ui.common import background
from ui.common.events import Change
from ui.common.feedback import fill, say, tint
from ui.common.rows_model import RowsModel
from ui.common.tints import WARNING_TINT, paint_tints


class ImportRowsModel(RowsModel):
    """The rows of a preview or an import: sheet, row, kind, name, outcome and reason."""

    COL_SHEET, COL_ROW, COL_KIND, COL_NAME, COL_OUTCOME, COL_REASON = range(6)
    NUMERIC_COLS = frozenset({COL_ROW})

    def headers(self) -> list[str]:
        return [self.tr("Sheet"), self.tr("Row"), self.tr("Kind"), self.tr("Name"), self.tr("Result"),
                self.tr("Reason")]

    def value(self, row: RowOutcome, column: int) -> Any:
        if column == self.COL_SHEET:
            return row.sheet or ""
        if column == self.COL_ROW:
            return row.row
        if column == self.COL_KIND:
            return self.tr("Estate") if row.kind == "estates" else self.tr("Staff")
        if column == self.COL_NAME:
            return row.name
        if column == self.COL_OUTCOME:
            return {"new": self.tr("New"), "updated": self.tr("Updated"), "unchanged": self.tr("Unchanged"),
                    "error": self.tr("Error")}[row.outcome]
        return row.message

    def background(self, row: RowOutcome, column: int) -> QColor | None:
        return WARNING_TINT if row.outcome == "error" else None

    def tooltip(self, row: RowOutcome, column: int) -> str | None:
        return row.message or None


class ReferenceImportDialog(QDialog):
    """Import estates, property companies and staff from our template or a district sheet, after a preview."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.path: Path | None = None
        self.preview: ImportResult | None = None
        self.imported: ImportResult | None = None  # after 导入 (not `result`: QDialog.result() is the exit code)
        self.operation: background.Operation | None = None
        self.setWindowTitle(self.tr("Import reference data from Excel"))
        self.resize(900, 560)

        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "Import estates (with their property companies and populations) and station staff from the template "
            "or from the district's own estate sheet. Rows with problems are listed and skipped; the rest is "
            "imported in one go. Importing the same file again changes nothing."))
        intro.setWordWrap(True)
        layout.addWidget(intro)

        bar = QHBoxLayout()
        self.choose_button = QPushButton(self.tr("Choose file…"))
        self.choose_button.clicked.connect(self.choose_file)
        self.template_button = QPushButton(self.tr("Download template…"))
        self.template_button.clicked.connect(self.save_template)
        self.file_label = QLabel(self.tr("No file chosen."))
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bar.addWidget(self.choose_button)
        bar.addWidget(self.file_label, 1)
        bar.addWidget(self.template_button)
        layout.addLayout(bar)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)

        self.model = ImportRowsModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        paint_tints(self.view)  # a refused row warns
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        layout.addWidget(self.view, 1)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.import_button = QPushButton(self.tr("Import"))
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.start_import)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.accept)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)

    # ---- seams tests replace ----------------------------------------------------------------------------------

    def ask_open_path(self) -> str:
        path, _filter = QFileDialog.getOpenFileName(self, self.tr("Choose the sheet to import"), "",
                                                    self.tr("Spreadsheets (*.xlsx *.csv)"))
        return path

    def ask_save_path(self) -> str:
        return ask_template_path(self)

    # ---- behaviour --------------------------------------------------------------------------------------------

    def choose_file(self) -> None:
        path = self.ask_open_path()
        if path:
            self.load(Path(path))

    def load(self, path: Path) -> background.Operation:
        """Preview the file: the import's dry run, off the GUI thread."""
        self.path, self.preview, self.imported = path, None, None
        self.file_label.setText(path.name)
        self.model.set_rows([])
        self.import_button.setEnabled(False)
        tint(self.summary, error=False, neutral=True)
        self.summary.setText(self.tr("Reading the file…"))
        self.operation = background.run(self, lambda: run_import(self.ctx, path, dry_run=True),
                                        done=self._previewed, report_to=self.summary, name="reference preview")
        return self.operation

    def _previewed(self, result: ImportResult) -> None:
        self.preview = result
        self._show(result)
        self.import_button.setEnabled(result.changed)

    def start_import(self) -> background.Operation | None:
        if self.path is None or self.preview is None:
            return None
        self.import_button.setEnabled(False)
        self.choose_button.setEnabled(False)
        path = self.path
        self.operation = background.run(self, lambda: run_import(self.ctx, path), changes=(Change.REFERENCE,),
                                        done=self._imported, report_to=self.summary, name="reference import")
        self.operation.ended.connect(lambda _ok: self.choose_button.setEnabled(True))
        return self.operation

    def _imported(self, result: ImportResult) -> None:
        self.imported = result
        self._show(result)

    def _show(self, result: ImportResult) -> None:
        self.model.set_rows(result.rows)
        self.view.resizeColumnsToContents()
        head = (self.tr("Would import: %1; would update: %2; unchanged: %3 rows; errors: %4 rows.") if result.dry_run
                else self.tr("Imported: %1; updated: %2; unchanged: %3 rows; errors: %4 rows."))
        say(self.summary, fill(head, self._counts(result.imported), self._counts(result.updated), result.unchanged,
                               len(result.errors)), error=bool(result.errors) and not result.changed)

    def _counts(self, counts: dict[str, int]) -> str:
        return fill(self.tr("%1 estates, %2 property companies, %3 staff"), counts["estates"],
                    counts["property_companies"], counts["staff"])

    def save_template(self) -> background.Operation | None:
        path = self.ask_save_path()
        if not path:
            return None
        self.operation = save_template(self, self.ctx, path, report_to=self.summary)
        return self.operation


def ask_template_path(parent: QWidget) -> str:
    """Where to save the template, asked with the system's save dialog ("" when cancelled)."""
    path, _filter = QFileDialog.getSaveFileName(
        parent, QCoreApplication.translate("ReferenceImportDialog", "Save template"),
        QCoreApplication.translate("ReferenceImportDialog", "reference-template.xlsx"),
        QCoreApplication.translate("ReferenceImportDialog", "Excel files (*.xlsx)"))
    return path


def save_template(parent: QWidget, ctx: AppContext, path: str,
                  report_to: background.ReportTo = None) -> background.Operation:
    """Write the template off the GUI thread; the saved path (or the refusal) goes to `report_to`."""
    target = Path(path) if path.lower().endswith(".xlsx") else Path(path + ".xlsx")
    saved = fill(QCoreApplication.translate("ReferenceImportDialog", "Template saved: %1"), target)

    def done(_sheets: int) -> None:
        if isinstance(report_to, QLabel):
            say(report_to, saved, error=False)
        elif report_to is not None:
            report_to(saved)

    return background.run(parent, lambda: write_template(ctx, target), report_to=report_to, done=done,
                          name="reference template")
