"""12345 回传 on 诉件台账: pick the period, check the platform's column names, export; exported rows are marked sent."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from controllers.complaints import returns as rf
from controllers.core import clock
from controllers.core.context import AppContext
from controllers.core.errors import UserError
from controllers.core.periods import parse_period
from ui.common import background
from ui.common.background import Operation
from ui.common.events import Change
from ui.common.feedback import say


class ReturnFileDialog(QDialog):
    """The period, the only-unsent switch and the remembered column headers; 导出 writes the file in a worker."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.result_: rf.ReturnResult | None = None
        self.setWindowTitle(self.tr("12345 return file"))
        today = clock.today()
        self.period = QLineEdit(f"{today.year}-{today.month:02d}")
        self.period.setToolTip(self.tr("2025, 2025Q1, 2025-03 or 2025-01-01..2025-06-30"))
        self.only_unsent = QCheckBox(self.tr("Only work orders not sent yet or changed since"))
        self.only_unsent.setChecked(True)
        layout_rows = rf.return_layout(ctx)
        self.columns = QTableWidget(len(layout_rows), 2)
        self.columns.setHorizontalHeaderLabels([self.tr("Field"), self.tr("Column header in the file")])
        for row, (label, header) in enumerate(layout_rows):
            fixed = QTableWidgetItem(label)
            fixed.setFlags(fixed.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.columns.setItem(row, 0, fixed)
            self.columns.setItem(row, 1, QTableWidgetItem(header))
        self.columns.verticalHeader().hide()
        self.columns.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.columns.setMinimumHeight(300)
        note = QLabel(self.tr("Rename a header to what the platform expects; the names are remembered. No "
                              "complainant name, phone or address goes into the file."))
        note.setWordWrap(True)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.hide()
        form = QFormLayout()
        form.addRow(self.tr("Period"), self.period)
        form.addRow("", self.only_unsent)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close)
        self.export_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.export_button.setText(self.tr("Export…"))
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.accepted.connect(self.export)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.columns, 1)
        layout.addWidget(note)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(560, 520)

    def renames(self) -> list[str]:
        def cell(row: int, column: int) -> str:
            item = self.columns.item(row, column)
            return item.text() if item is not None else ""

        return [f"{cell(r, 0)}={cell(r, 1)}" for r in range(self.columns.rowCount())]

    def ask_path(self) -> str:
        """Where to save (a seam tests replace)."""
        path, _filter = QFileDialog.getSaveFileName(self, self.tr("12345 return file"), "12345回传.xlsx",
                                                    self.tr("Excel workbook (*.xlsx)"))
        return path

    def export(self) -> Operation | None:
        self.error.hide()
        try:
            period = parse_period(self.period.text())
            renames = rf.parse_renames(self.renames())
        except UserError as exc:
            self._refused(exc)
            return None
        path = self.ask_path()
        if not path:
            return None
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        ctx, only = self.ctx, self.only_unsent.isChecked()
        self.export_button.setEnabled(False)
        operation = background.run(self, lambda: rf.export_returns(ctx, period, path, only_unsent=only,
                                                                   renames=renames),
                                   changes=(Change.COMPLAINTS,), done=self._done, refused=self._refused,
                                   name="12345 return file")
        operation.ended.connect(lambda _ok: self.export_button.setEnabled(True))
        return operation

    def _refused(self, exc: UserError) -> None:
        say(self.error, exc.message, error=True)
        self.error.show()

    def _done(self, result: rf.ReturnResult) -> None:
        self.result_ = result
        QMessageBox.information(self, self.tr("12345 return file"),
                                self.tr("%1 work orders exported (%2 sent again), marked as sent. 不满意 in the "
                                        "period: %3.\n%4").replace("%1", str(result.rows))
                                .replace("%2", str(result.resent)).replace("%3", str(result.dissatisfied))
                                .replace("%4", result.path))
        self.accept()
