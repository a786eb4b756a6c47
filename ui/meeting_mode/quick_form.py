"""记录新事项: a matter raised in the meeting goes to the complaint log as 居委转交 for staff to complete."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from controllers.app import AppContext
from controllers.errors import UserError
from controllers.meeting_mode import raise_matter
from controllers.reference_data import category_choices
from ui.common.events import data_events


class QuickMatterForm(QDialog):
    """Estate, category, a short description and the place (building only); no name, no phone."""

    def __init__(self, ctx: AppContext, estates: tuple[tuple[int, str], ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.created_id: int | None = None
        self.setWindowTitle(self.tr("Note a new matter"))
        self.estate = QComboBox()
        for eid, name in estates:
            self.estate.addItem(name, eid)
        self.category = QComboBox()
        self.category.addItem(self.tr("Not sure"), None)
        for cid, label in category_choices(ctx):
            self.category.addItem(label, cid)
        self.description = QPlainTextEdit()
        self.description.setPlaceholderText(self.tr("What was raised, in a sentence or two"))
        self.place = QLineEdit()
        self.place.setPlaceholderText(self.tr("e.g. building 3, stairwell (no room numbers)"))
        self.error = QLabel()
        self.error.setStyleSheet("color: #c62828")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Estate"), self.estate)
        form.addRow(self.tr("Category"), self.category)
        form.addRow(self.tr("Matter"), self.description)
        form.addRow(self.tr("Place"), self.place)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Record"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("It goes to the complaint log as 居委转交; staff complete it later.")))
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def accept(self) -> None:
        try:
            self.created_id = raise_matter(
                self.ctx, estate_id=int(self.estate.currentData()), category_id=self.category.currentData(),
                description=self.description.toPlainText(), place=self.place.text())
        except UserError as exc:
            self.error.setText(exc.message)
            return
        data_events().changed.emit("complaints")
        super().accept()
