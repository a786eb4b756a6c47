"""A row offering the reply templates (回复模板) that match a record: pick one, and its filled text goes into a box.

The text lands in an ordinary editable box (the clerk changes it before saving); the templates come already filled
by the controller (controllers.complaints.reply_fill), which never reads a complainant's name or phone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QPlainTextEdit, QPushButton, QWidget

from controllers.complaints.reply_fill import FilledTemplate
from controllers.core.errors import UserError


class TemplatePicker(QWidget):
    """A template combo and an 插入 button that puts the chosen text at the cursor of `target`."""

    def __init__(self, fetch: Callable[[], Sequence[FilledTemplate]], target: QPlainTextEdit,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fetch = fetch
        self.target = target
        self.templates: list[FilledTemplate] = []
        self.combo = QComboBox()
        self.combo.setMinimumContentsLength(14)
        self.insert_button = QPushButton(self.tr("Insert template"))
        self.insert_button.clicked.connect(self.insert)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.combo, 1)
        row.addWidget(self.insert_button)
        self.reload()

    def reload(self) -> None:
        """Read the matching templates again (the record's category or case may have changed)."""
        try:
            self.templates = list(self.fetch())
        except UserError:
            self.templates = []  # no category yet, or the record went away: nothing to offer
        self.combo.clear()
        for t in self.templates:
            self.combo.addItem(t.label)
        if not self.templates:
            self.combo.addItem(self.tr("(no template for this category)"))
        self.combo.setEnabled(bool(self.templates))
        self.insert_button.setEnabled(bool(self.templates))

    def chosen(self) -> FilledTemplate | None:
        index = self.combo.currentIndex()
        return self.templates[index] if 0 <= index < len(self.templates) else None

    def select_kind(self, kind: str) -> None:
        """Preselect the first template of a kind (办理结果 once a case is closed, say)."""
        for i, t in enumerate(self.templates):
            if t.kind == kind:
                self.combo.setCurrentIndex(i)
                return

    def insert(self) -> None:
        template = self.chosen()
        if template is None:
            return
        if self.target.hasFocus():
            self.target.textCursor().insertText(template.text)
        else:
            self._put(template.text)
        self.target.setFocus()

    def _put(self, text: str) -> None:
        # Without a cursor the user placed, an empty box takes the text, a filled one gets it on a new paragraph.
        current = self.target.toPlainText()
        self.target.setPlainText(f"{current.rstrip()}\n{text}" if current.strip() else text)
