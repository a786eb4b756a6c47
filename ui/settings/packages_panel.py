"""设置 section 交换包: export what changed since a date to a .zip, import another station's package.

For stations without a network path to the street server: the same as `export-package` / `import-package` on the
command line, for people who never open a terminal. Both run off the GUI thread (a package carries attachments).
"""

from __future__ import annotations

import threading
from datetime import timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from controllers.core import clock
from controllers.core.context import AppContext
from controllers.core.permissions import can
from controllers.exchange import export as exchange_export
from controllers.exchange import importer as exchange_import
from ui.common import background
from ui.common.events import RECORDS, Change
from ui.common.feedback import fill, say


# What an imported package may have changed: every list that could show it refreshes.
class PackagesPanel(QGroupBox):
    """Export and import exchange packages; the import's conflicts appear in the panel below (交换冲突)."""

    imported = Signal(object)  # ImportResult

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Exchange packages"), parent)
        self.setObjectName("exchangePackages")
        self.ctx = ctx
        self._worker: background.BackgroundWorker | None = None
        intro = QLabel(self.tr(
            "For a station without a connection to the street server: export what changed here since a date to a "
            "file, take it over (for example on a USB disk) and import it at the other station. Deletions travel "
            "too; a record changed on both sides is never overwritten."), self)
        intro.setWordWrap(True)
        self.since_check = QCheckBox(self.tr("Only changes since"), self)
        self.since_check.setChecked(True)
        self.since_edit = QDateEdit(self)
        self.since_edit.setCalendarPopup(True)
        self.since_edit.setDisplayFormat("yyyy-MM-dd")
        self.since_edit.setDate(QDate(clock.today() - timedelta(days=30)))
        self.since_check.toggled.connect(self.since_edit.setEnabled)
        self.personal_check = QCheckBox(self.tr("Include names and phone numbers (recorded in the audit log)"), self)
        self.export_button = QPushButton(self.tr("Export package…"), self)
        self.export_button.setObjectName("exportPackage")
        self.import_button = QPushButton(self.tr("Import package…"), self)
        self.import_button.setObjectName("importPackage")
        self.export_button.clicked.connect(self._choose_export)
        self.import_button.clicked.connect(self._choose_import)
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)  # an export reports no steps: a busy bar; an import counts its rows
        self.busy.setMaximumHeight(8)
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.cancel_button = QPushButton(self.tr("Cancel import"), self)
        self.cancel_button.setObjectName("cancelImport")
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self._cancel)
        self.message = QLabel(self)
        self.message.setObjectName("packageMessage")
        self.message.setWordWrap(True)

        since_row = QHBoxLayout()
        since_row.addWidget(self.since_check)
        since_row.addWidget(self.since_edit)
        since_row.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(since_row)
        layout.addWidget(self.personal_check)
        layout.addLayout(buttons)
        layout.addWidget(self.busy)
        layout.addWidget(self.message)
        self.refresh()

    def refresh(self) -> None:
        idle = self._worker is None
        self.export_button.setEnabled(idle and can(self.ctx, "export"))
        self.import_button.setEnabled(idle and can(self.ctx, "edit_cases"))
        # Whoever may not see names and phones may not send them away either.
        self.personal_check.setEnabled(can(self.ctx, "view_personal"))
        if not self.personal_check.isEnabled():
            self.personal_check.setChecked(False)

    # ---- dialogs (tests replace these) ------------------------------------------------------------------------

    def export_path(self, suggested: str) -> str:
        path, _filter = QFileDialog.getSaveFileName(self, self.tr("Export package"), suggested,
                                                    self.tr("Exchange packages (*.zip)"))
        return path

    def import_path(self) -> str:
        path, _filter = QFileDialog.getOpenFileName(self, self.tr("Import package"), str(Path.home()),
                                                    self.tr("Exchange packages (*.zip)"))
        return path

    # ---- export and import ------------------------------------------------------------------------------------

    def _choose_export(self) -> None:
        since = self.since_edit.date().toPython() if self.since_check.isChecked() else None
        name = f"交换包-{clock.today().isoformat()}.zip"
        path = self.export_path(str(Path.home() / name))
        if not path:
            return
        if not path.lower().endswith(".zip"):
            path += ".zip"
        personal = self.personal_check.isChecked()

        def work(_progress: background.Progress, _stop: threading.Event) -> Any:
            return exchange_export.export_package(self.ctx, path, since=since, with_personal_data=personal)

        self._run(work, self._exported, self.tr("The package could not be exported. Details are in the log file."))

    def _choose_import(self) -> None:
        path = self.import_path()
        if not path:
            return

        def work(progress: background.Progress, stop: threading.Event) -> Any:
            return exchange_import.import_package(self.ctx, path, progress=progress, cancel=stop)

        # A full package of a large station takes a minute or more: rows counted, and it can be stopped (the
        # import is one transaction, so stopping writes nothing).
        # What came in may touch any list: every one refreshes.
        self._run(work, self._imported, self.tr("The package could not be imported. Details are in the log file."),
                  cancellable=True, changes=RECORDS)

    def _run(self, work: background.Work, done: Any, failure: str, *, cancellable: bool = False,
             changes: tuple[Change, ...] = ()) -> None:
        worker = background.BackgroundWorker(work, name="exchange package", failure=failure, changes=changes,
                                             cancelled_by=(exchange_import.ImportCancelled,))
        worker.finished.connect(done)
        worker.failed.connect(self._failed)
        worker.cancelled.connect(self._cancelled)
        worker.progress.connect(self._progress)
        for signal in (worker.finished, worker.failed, worker.cancelled):
            signal.connect(self._ended)
        self._worker = worker
        self.message.clear()
        self.busy.setRange(0, 0)
        self.busy.show()
        self.cancel_button.setVisible(cancellable)
        self.cancel_button.setEnabled(True)
        self.refresh()
        background.start(worker)

    def _progress(self, done: int, total: object) -> None:
        if isinstance(total, int) and total > 0:
            self.busy.setRange(0, total)
            self.busy.setValue(min(done, total))

    def _cancel(self) -> None:
        if self._worker is not None:
            self._worker.cancel()
            self.cancel_button.setEnabled(False)

    def _cancelled(self) -> None:
        say(self.message, self.tr("Import cancelled; nothing was imported."), error=False)

    def _ended(self, *_args: object) -> None:
        self._worker = None
        self.busy.hide()
        self.cancel_button.hide()
        self.refresh()

    def _failed(self, message: str) -> None:
        say(self.message, message, error=True)

    def _exported(self, summary: exchange_export.ExportSummary) -> None:
        records = sum(summary.counts.values())
        say(self.message, fill(self.tr("Package saved: %1 (%2 records, %3 deletions, %4 attachments)."),
                               summary.path, records, summary.deletions, summary.attachments), error=False)

    def _imported(self, result: exchange_import.ImportResult) -> None:
        done = (result.station_name, result.inserted, result.updated, result.deleted)
        if result.conflicts:
            text = fill(self.tr("Imported the package of %1: %2 new, %3 updated, %4 deleted; %5 conflicts wait for "
                                "your decision below."), *done, len(result.conflicts))
        else:
            text = fill(self.tr("Imported the package of %1: %2 new, %3 updated, %4 deleted."), *done)
        if result.backup_path:
            text += fill(self.tr(" The data as it was before is backed up in %1."), result.backup_path)
        say(self.message, text, error=False)
        self.imported.emit(result)
