"""Materials (材料) and photos (照片) of a training, kept in the shared attachment store (hash-checked)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from controllers.core.context import AppContext
from controllers.core.errors import UserError
from controllers.storage import attachments
from ui.common import background
from ui.common.background import Operation
from ui.common.column_width import fit_column
from ui.common.events import Change
from ui.trainings.models import AttachmentModel


class FilesTab(QWidget):
    """Lists, adds, opens and removes a training's files; needs a saved training (files hang on its id)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.training_id: int | None = None
        self.model = AttachmentModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.horizontalHeader().setStretchLastSection(True)
        fit_column(self.view, 1, 320)
        fit_column(self.view, 2, 260)
        self.view.doubleClicked.connect(self.open_file)
        self.add_material = QPushButton(self.tr("Add material…"))
        self.add_photo = QPushButton(self.tr("Add photo…"))
        open_button, remove_button = QPushButton(self.tr("Open")), QPushButton(self.tr("Remove"))
        self.add_material.clicked.connect(lambda: self.add_file("材料"))
        self.add_photo.clicked.connect(lambda: self.add_file("照片"))
        open_button.clicked.connect(self.open_file)
        remove_button.clicked.connect(self.remove_file)
        self.hint = QLabel(self.tr("Save the training first, then add materials (PDF) and photos (JPG, PNG)."))
        buttons = QHBoxLayout()
        for b in (self.add_material, self.add_photo, open_button, remove_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.hint)
        self.set_training(None)

    def set_training(self, training_id: int | None) -> None:
        self.training_id = training_id
        saved = training_id is not None
        for b in (self.add_material, self.add_photo):
            b.setEnabled(saved)
        self.hint.setVisible(not saved)
        rows = attachments.list_attachments(self.ctx, owner="training", owner_id=training_id) if saved else []
        self.model.set_rows(rows)

    def add_file(self, kind: str) -> None:
        if self.training_id is None:
            return
        photos = kind == "照片"
        filters = self.tr("Photos (*.jpg *.jpeg *.png)") if photos else self.tr("Files (*.pdf *.jpg *.jpeg *.png)")
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Add file"), "", filters)
        if not path:
            return
        ctx, training_id = self.ctx, self.training_id
        self._write(lambda: attachments.store_attachment(ctx, source_path=path, owner="training",
                                                         owner_id=training_id, kind=kind), self.tr("Add file"))

    def _write(self, call: Callable[[], object], title: str) -> Operation:
        """One change of the files off the GUI thread; the list is read again however it ended."""
        operation = background.run(self, call, changes=(Change.TRAININGS,), error_title=title, name="training files")
        operation.ended.connect(lambda _ok: self.set_training(self.training_id))
        return operation

    def _selected(self) -> attachments.AttachmentInfo | None:
        index = self.view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def open_file(self) -> None:
        info = self._selected()
        if info is None:
            return
        try:
            path = attachments.open_attachment_path(self.ctx, info.id)
        except UserError as exc:
            QMessageBox.warning(self, self.tr("Open"), exc.message)
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def remove_file(self) -> None:
        info = self._selected()
        if info is None:
            return
        answer = QMessageBox.question(self, self.tr("Remove"), self.tr("Remove “%1”?").replace("%1", info.filename))
        if answer == QMessageBox.StandardButton.Yes:
            ctx = self.ctx
            self._write(lambda: attachments.remove_attachment(ctx, info.id), self.tr("Remove"))
