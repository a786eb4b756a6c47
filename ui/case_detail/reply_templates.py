"""The case window's 回复模板 tab: the case's matching reply templates, filled, to edit and copy into a reply."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from controllers.complaints.reply_fill import templates_for_case
from controllers.core.context import AppContext
from ui.common.template_picker import TemplatePicker


class ReplyTemplatesTab(QWidget):
    """Pick a template, edit the text, copy it (to the 12345 platform, a letter, or a linked complaint's reply)."""

    def __init__(self, ctx: AppContext, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        hint = QLabel(self.tr("Templates of this case's category, filled from the case. Edit the text, then copy it "
                              "into the reply."))
        hint.setWordWrap(True)
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.picker = TemplatePicker(lambda: templates_for_case(ctx, case_id), self.text)
        self.copy_button = QPushButton(self.tr("Copy text"))
        self.copy_button.clicked.connect(self.copy)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.copy_button)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.picker)
        layout.addWidget(self.text, 1)
        layout.addLayout(bottom)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text.toPlainText())
