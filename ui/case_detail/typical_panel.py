"""The case window's 典型案例 tab: mark a closed case typical, edit its de-identified write-up, print the 案例警示
PDF and copy the text for the 公众号. Every write goes through the background runner."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from controllers.briefs.typical_case_pdf import write_typical_pdf
from controllers.cases import typical as tc
from controllers.core.context import AppContext
from controllers.core.errors import UserError
from controllers.core.permissions import can
from ui.common import background
from ui.common.background import Operation
from ui.common.events import Change
from ui.common.feedback import say


class TypicalCasePanel(QWidget):
    """Not typical yet: one button (closed cases only). Typical: the write-up's parts, editable, and its outputs."""

    def __init__(self, ctx: AppContext, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.case_id = case_id
        self.detail: tc.TypicalDetail | None = None
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.mark_button = QPushButton(self.tr("Mark as typical case"))
        self.mark_button.clicked.connect(self.mark)
        self.fields: dict[str, QLineEdit | QPlainTextEdit] = {}
        form = QFormLayout()
        for key, label, limit in tc.PARTS:
            edit: QLineEdit | QPlainTextEdit
            if key in ("title", "place"):
                edit = line = QLineEdit()
                line.setMaxLength(limit)
            else:
                edit = box = QPlainTextEdit()
                box.setTabChangesFocus(True)
                box.setFixedHeight(96 if limit > 200 else 64)
            self.fields[key] = edit
            form.addRow(label, edit)
        self.form_box = QWidget()
        self.form_box.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form_box)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.hide()
        self.save_button = QPushButton(self.tr("Save write-up"))
        self.save_button.clicked.connect(self.save)
        self.pdf_button = QPushButton(self.tr("案例警示 PDF…"))
        self.pdf_button.clicked.connect(self.print_pdf)
        self.copy_button = QPushButton(self.tr("Copy text for 公众号"))
        self.copy_button.clicked.connect(self.copy_text)
        self.unmark_button = QPushButton(self.tr("No longer typical"))
        self.unmark_button.clicked.connect(self.unmark)
        buttons = QHBoxLayout()
        buttons.addWidget(self.mark_button)
        buttons.addStretch(1)
        for b in (self.unmark_button, self.copy_button, self.pdf_button, self.save_button):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status_label)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.closed = False

    def show_case(self, status: str) -> None:
        """Called by the window with the case's status whenever the case is shown."""
        self.closed = status == tc.CLOSED
        self.show_detail(tc.get_typical(self.ctx, self.case_id))

    def show_detail(self, detail: tc.TypicalDetail | None) -> None:
        self.detail = detail
        typical = detail is not None
        if detail is None:
            self.status_label.setText(self.tr("Not a typical case. A closed case can be marked typical for 以案释法: "
                                              "a write-up without names, room numbers or phones is drafted for you "
                                              "to edit.") if self.closed else
                                      self.tr("Only a closed case can be marked typical."))
        else:
            self.status_label.setText(self.tr("Typical case since %1 (%2); used by %3 trainings. Edit the write-up "
                                              "before printing.").replace("%1", detail.marked_on.isoformat())
                                      .replace("%2", detail.marked_by).replace("%3", str(detail.trainings)))
            for key, edit in self.fields.items():
                value = getattr(detail, key)
                if isinstance(edit, QLineEdit):
                    edit.setText(value)
                else:
                    edit.setPlainText(value)
        # Picking and writing typical cases is its own right (督导 prepare the 守法小讲堂 too, without 修改案件);
        # a role without it, or a read-only view, reads the write-up and copies it but changes nothing.
        writes = can(self.ctx, "typical_cases")
        self.mark_button.setVisible(not typical)
        self.mark_button.setEnabled(self.closed and writes)
        self.form_box.setVisible(typical)
        for b in (self.save_button, self.pdf_button, self.copy_button, self.unmark_button):
            b.setVisible(typical)
        for b in (self.save_button, self.unmark_button):
            b.setEnabled(writes)
        self.pdf_button.setEnabled(can(self.ctx, "print"))
        for edit in self.fields.values():
            edit.setReadOnly(not writes)

    def _run(self, call: Callable[[], Any], done: Callable[[Any], None]) -> Operation:
        self.error.hide()
        return background.run(self, call, changes=(Change.CASES,), done=done, refused=self._refused,
                              name="typical case")

    def _refused(self, exc: UserError) -> None:
        say(self.error, exc.message, error=True)
        self.error.show()

    def mark(self) -> Operation:
        ctx, case_id = self.ctx, self.case_id
        return self._run(lambda: tc.mark_typical(ctx, case_id), self.show_detail)

    def values(self) -> dict[str, str]:
        return {k: (e.text() if isinstance(e, QLineEdit) else e.toPlainText()) for k, e in self.fields.items()}

    def save(self) -> Operation:
        ctx, case_id, values = self.ctx, self.case_id, self.values()
        return self._run(lambda: tc.update_typical(ctx, case_id, **values), self.show_detail)

    def unmark(self) -> Operation | None:
        if QMessageBox.question(self, self.tr("No longer typical"),
                                self.tr("Remove the typical-case mark and its write-up?")) != \
                QMessageBox.StandardButton.Yes:
            return None
        ctx, case_id = self.ctx, self.case_id
        return self._run(lambda: tc.unmark_typical(ctx, case_id), lambda _r: self.show_detail(None))

    def ask_pdf_path(self) -> str:
        """Where to save the PDF (a seam tests replace)."""
        path, _f = QFileDialog.getSaveFileName(self, self.tr("案例警示 PDF…"), "案例警示.pdf", "PDF (*.pdf)")
        return path

    def print_pdf(self) -> Operation | None:
        path = self.ask_pdf_path()
        if not path:
            return None
        ctx, case_id = self.ctx, self.case_id
        return self._run(lambda: write_typical_pdf(ctx, case_id, path), self._printed)

    def _printed(self, result: Any) -> None:
        QMessageBox.information(self, self.tr("案例警示 PDF…"), self.tr("Saved: %1").replace("%1", str(result.path)))

    def copy_text(self) -> None:
        if self.detail is not None:
            QGuiApplication.clipboard().setText(self.detail.plain_text())
