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

from controllers.core.context import AppContext
from controllers.meetings.meeting_mode import raise_matter
from controllers.reference.choices import category_choices
from ui.common import background
from ui.common.events import Change


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
        self.buttons = buttons
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("It goes to the complaint log as 居委转交; staff complete it later.")))
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def accept(self) -> None:
        """Record the matter off the GUI thread; the form closes once it is in the complaint log."""
        ctx, estate_id, category_id = self.ctx, int(self.estate.currentData()), self.category.currentData()
        description, place = self.description.toPlainText(), self.place.text()
        self.buttons.setEnabled(False)  # one record per click, however slow the server
        self.error.clear()
        operation = background.run(
            self, lambda: raise_matter(ctx, estate_id=estate_id, category_id=category_id, description=description,
                                       place=place),
            changes=(Change.COMPLAINTS,), done=self._recorded, report_to=self.error.setText, name="meeting mode matter")
        operation.ended.connect(lambda _ok: self.buttons.setEnabled(True))

    def _recorded(self, created_id: int) -> None:
        self.created_id = created_id
        super().accept()
