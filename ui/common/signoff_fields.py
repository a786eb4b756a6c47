"""The formal brief's sign-off lines as a form: 报、送、发、签发人、审核 (设置 holds them; the 统计简报 page lets the
user change them for one brief)."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLineEdit, QWidget

from controllers.briefs.signoff import LIST_MAX, NAME_MAX, Signoff


class SignoffFields(QWidget):
    """Five line edits; `value()` gives a Signoff, `set_value()` shows one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report_to, self.send_to, self.issue_to = QLineEdit(self), QLineEdit(self), QLineEdit(self)
        self.signer, self.reviewer = QLineEdit(self), QLineEdit(self)
        self.report_to.setPlaceholderText(self.tr("offices above, e.g. the district bureau"))
        self.send_to.setPlaceholderText(self.tr("offices alongside"))
        self.issue_to.setPlaceholderText(self.tr("units below, e.g. each squad and committee"))
        for edit in (self.report_to, self.send_to, self.issue_to):
            edit.setMaxLength(LIST_MAX)
        for edit in (self.signer, self.reviewer):
            edit.setMaxLength(NAME_MAX)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Report to"), self.report_to)
        form.addRow(self.tr("Send to"), self.send_to)
        form.addRow(self.tr("Issue to"), self.issue_to)
        form.addRow(self.tr("Signed by"), self.signer)
        form.addRow(self.tr("Reviewed by"), self.reviewer)

    def edits(self) -> tuple[QLineEdit, ...]:
        return (self.report_to, self.send_to, self.issue_to, self.signer, self.reviewer)

    def value(self) -> Signoff:
        return Signoff(*(edit.text() for edit in self.edits()))

    def set_value(self, signoff: Signoff) -> None:
        for edit, text in zip(self.edits(), (signoff.report_to, signoff.send_to, signoff.issue_to, signoff.signer,
                                             signoff.reviewer), strict=True):
            edit.setText(text)

    def set_editable(self, editable: bool) -> None:
        for edit in self.edits():
            edit.setReadOnly(not editable)
