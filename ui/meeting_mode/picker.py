"""The picker shown before meeting mode: which residents' committee or estate the meeting is about."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from controllers.core.context import AppContext
from controllers.meetings.meeting_mode import ScopeChoice, scope_choices


class ScopePicker(QDialog):
    """A searchable list of committees and estates."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Meeting mode"))
        self.choices = scope_choices(ctx)
        self.combo = QComboBox()
        self.combo.setEditable(True)
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.combo.setMinimumContentsLength(24)
        for i, c in enumerate(self.choices):
            label = self.tr("Committee: %1") if c.kind == "committee" else self.tr("Estate: %1")
            self.combo.addItem(label.replace("%1", c.name), i)
        completer = QCompleter(self.combo.model(), self.combo)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.combo.setCompleter(completer)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Start meeting mode"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Which residents' committee or estate is the meeting about?")))
        layout.addWidget(self.combo)
        layout.addWidget(QLabel(self.tr("The screen shows no names, phone numbers or room numbers.")))
        layout.addWidget(buttons)

    def choice(self) -> ScopeChoice | None:
        index = self.combo.currentData()
        return None if index is None else self.choices[int(index)]


def pick_scope(ctx: AppContext, parent: QWidget | None = None) -> ScopeChoice | None:
    dialog = ScopePicker(ctx, parent)
    if not dialog.choices or dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.choice()
