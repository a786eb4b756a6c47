"""设置 section for backups: last backup and its verification, folders, 立即备份 and 从备份恢复…"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QWidget,
)

from controllers.backup import backups as backup
from controllers.core.context import AppContext
from ui.common import background
from ui.common.background import Operation
from ui.common.events import RECORDS, Change
from ui.common.feedback import say, tint
from ui.common.restart import request_restart
from ui.settings.layout import side_by_side

log = logging.getLogger(__name__)


class BackupPanel(QGroupBox):
    """Shows the last backup and runs backups and restores for the data directory."""

    backupFinished = Signal(object)  # BackupInfo

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Backups"), parent)
        self.setObjectName("backupPanel")
        self.ctx = ctx
        self._job: Operation | None = None

        self.last_label = QLabel(self)
        self.last_label.setObjectName("lastBackup")
        self.last_label.setWordWrap(True)
        self.last_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder_edit = QLineEdit(str(ctx.data_dir.backups), self)
        self.folder_edit.setObjectName("backupFolder")
        self.folder_edit.setReadOnly(True)
        self.folder_edit.setMinimumWidth(360)
        open_button = QPushButton(self.tr("Open folder"), self)
        open_button.clicked.connect(self._open_folder)
        self.second_edit = QLineEdit(self)
        self.second_edit.setObjectName("secondFolder")
        self.second_edit.setReadOnly(True)
        self.second_edit.setPlaceholderText(self.tr("Not set (for example a USB disk)"))
        self.choose_button = QPushButton(self.tr("Choose…"), self)
        self.choose_button.setObjectName("chooseSecond")
        self.choose_button.clicked.connect(self.choose_second_folder)
        self.clear_button = QPushButton(self.tr("Clear"), self)
        self.clear_button.setObjectName("clearSecond")
        self.clear_button.clicked.connect(self.clear_second_folder)
        self.backup_button = QPushButton(self.tr("Back up now"), self)
        self.backup_button.setObjectName("backupNow")
        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button = QPushButton(self.tr("Restore from backup…"), self)
        self.restore_button.setObjectName("restoreBackup")
        self.restore_button.clicked.connect(self.restore_from_backup)
        self.message = QLabel(self)
        self.message.setObjectName("backupMessage")
        self.message.setWordWrap(True)

        form = QFormLayout(self)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        form.setHorizontalSpacing(20)
        form.setVerticalSpacing(12)
        form.addRow(self.tr("Last backup"), self.last_label)
        form.addRow(self.tr("Backup folder"), side_by_side(self.folder_edit, open_button))
        form.addRow(self.tr("Second folder"), side_by_side(self.second_edit, self.choose_button, self.clear_button))
        buttons = side_by_side(self.backup_button, self.restore_button)
        buttons.addWidget(self.message, 1)
        form.addRow("", buttons)
        self.server_mode = backup.server_mode(ctx)
        if self.server_mode:
            # The data is on the street's server: file backups of this desk do not apply (the server's admin does).
            for row in range(1, form.rowCount()):
                form.setRowVisible(row, False)
            label = form.labelForField(self.last_label)
            if isinstance(label, QLabel):
                label.setText(self.tr("Server mode"))
            self._busy(True)
        self.refresh()

    # ---- display ------------------------------------------------------------------------------

    def refresh(self) -> None:
        if self.server_mode:
            self.last_label.setText(self.tr(
                "The data is on the street's database server: its administrator backs it up (and the shared "
                "attachments folder). Station Ledger makes no backups on this computer in server mode."))
            tint(self.last_label, error=False, neutral=True)  # a plain note, neither a success nor a problem
            return
        last = backup.last_backup(self.ctx)
        if last is None:
            self.last_label.setText(self.tr("No backup yet."))
            tint(self.last_label, error=True)
        else:
            state = self.tr("verified") if last.ok else self.tr("problem")
            text = f"{last.when} · {Path(last.path).name} · {state}"
            if not last.ok or last.second_error:
                text += "\n" + "\n".join(m for m in (None if last.ok else last.message, last.second_error) if m)
            self.last_label.setText(text)
            tint(self.last_label, error=not last.ok or bool(last.second_error))
        second = backup.second_dir(self.ctx)
        self.second_edit.setText(str(second) if second else "")
        self.clear_button.setEnabled(second is not None)

    def _say(self, text: str, *, error: bool) -> None:
        say(self.message, text, error=error)

    def _busy(self, busy: bool) -> None:
        busy = busy or getattr(self, "server_mode", False)
        for button in (self.backup_button, self.restore_button, self.choose_button):
            button.setEnabled(not busy)

    # ---- second folder ------------------------------------------------------------------------

    def choose_second_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose a second backup folder"))
        if not folder:
            return
        ctx = self.ctx
        self._save_second(lambda: backup.set_second_dir(ctx, folder),
                          self.tr("Backups will also be copied to this folder."))

    def clear_second_folder(self) -> None:
        ctx = self.ctx
        self._save_second(lambda: backup.set_second_dir(ctx, None), None)

    def _save_second(self, call: Callable[[], Any], said: str | None) -> Operation:
        """Store the second folder off the GUI thread (a slow server); a refusal shows in the message line."""

        def saved(_result: object) -> None:
            self.refresh()
            if said is not None:
                self._say(said, error=False)

        return background.run(self, call, changes=(Change.SETTINGS,), done=saved, report_to=self.message,
                              name="second backup folder")

    # ---- back up ------------------------------------------------------------------------------

    def back_up_now(self) -> None:
        """Run a manual backup off the GUI thread; the result shows here when it is done."""
        if self._job is not None:
            return
        self._say(self.tr("Backing up…"), error=False)
        ctx = self.ctx
        self._start(lambda: backup.make_backup(ctx, reason="manual"), self._backup_done, name="manual backup")

    def _start(self, call: Callable[[], Any], done: Callable[[Any], None], *, name: str,
               changes: tuple[Change, ...] = ()) -> Operation:
        self._busy(True)
        self._job = background.run(self, call, changes=changes, done=done, report_to=self.message, name=name)
        self._job.ended.connect(self._job_finished)
        return self._job

    def _job_finished(self, _ok: bool) -> None:
        self._job = None
        self._busy(False)

    def _backup_done(self, info: backup.BackupInfo) -> None:
        self.refresh()
        if info.ok:
            self._say(self.tr("Backup saved and verified: %1").replace("%1", Path(info.path).name), error=False)
        else:
            self._say(info.message, error=True)
        self.backupFinished.emit(info)

    # ---- restore ------------------------------------------------------------------------------

    def restore_from_backup(self) -> None:
        """Pick a backup, confirm, restore off the GUI thread behind a modal busy dialog, then restart."""
        if self._job is not None:
            return
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Restore from backup"), str(self.ctx.data_dir.backups), self.tr("Backups (*.zip)")
        )
        if not path:
            return
        question = self.tr(
            "Restore the data from “%1”?\n\nThe current data is backed up first and then replaced by the backup. "
            "Station Ledger restarts afterwards."
        ).replace("%1", Path(path).name)
        answer = QMessageBox.question(self, self.tr("Restore from backup"), question)
        if answer != QMessageBox.StandardButton.Yes:
            return
        from controllers.backup.restore import restore_backup

        # Modal: nothing may touch the database while its file is being replaced.
        self._progress = QProgressDialog(self.tr("Restoring…"), "", 0, 0, self)
        self._progress.setCancelButton(None)
        self._progress.setWindowModality(Qt.WindowModality.ApplicationModal)
        self._progress.setMinimumDuration(0)
        self._progress.show()
        self._busy(True)
        self._say(self.tr("Restoring…"), error=False)
        ctx = self.ctx
        # The restored data replaces every record: the lists showing them refresh (until the restart).
        job = self._start(lambda: restore_backup(ctx, path), self._restore_done, name="restore", changes=RECORDS)
        job.ended.connect(self._progress.close)

    def _restore_done(self, info: Any) -> None:
        from controllers.backup.restore import describe

        QMessageBox.information(self, self.tr("Restore from backup"),
                                describe(info) + "\n\n" + self.tr("Station Ledger will now restart."))
        request_restart()

    def _open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.ctx.data_dir.backups)))

