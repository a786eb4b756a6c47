"""The new-case dialog: the case form, preset for a patrol finding or prefilled from a complaint."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QMessageBox, QScrollArea, QVBoxLayout, QWidget

from controllers.cases import records as cr
from controllers.cases.view import CaseDetail
from controllers.core.context import AppContext
from controllers.core.errors import UserError, ValidationError
from ui.case_detail.form import CaseForm
from ui.common import background
from ui.common.background import Operation
from ui.common.empty_state import EmptyState
from ui.common.events import Change
from ui.common.navigation import go_to


class NewCaseDialog(QDialog):
    """Register a new case (status 登记); `case_id` holds the saved case's id after accept."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, source: str | None = None,
                 complaint_id: int | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.case_id: int | None = None
        self.complaint_ids: list[int] = []
        self.setWindowTitle(self.tr("New case"))
        choices = cr.form_choices(ctx)
        self.form = CaseForm(ctx, choices)
        self.form.set_registering()
        self.dirty = False
        self.form.edited.connect(self._edited)
        self.intro = QLabel(self.tr("The case number is given when the case is saved."))
        self.intro.setWordWrap(True)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Register case"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        if not choices.estates:  # 请选择小区 with an empty list would be a dead end: say why, offer the way out
            self.no_estates = EmptyState(self)
            self.no_estates.show_state(self.tr("There are no estates yet"), self.tr(
                "A case is registered in an estate. Enter the station's estates in Reference data first."),
                [(self.tr("Open Reference data"), self._open_reference)])
            layout.addWidget(self.no_estates)
        layout.addWidget(self.intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.resize(1180, 660)
        self._prefill(source, complaint_id)

    def _prefill(self, source: str | None, complaint_id: int | None) -> None:
        values = cr.new_case_values(source)
        if complaint_id is not None:
            draft = cr.draft_from_complaint(self.ctx, complaint_id)
            self.complaint_ids = [complaint_id]
            values.update(category_id=draft.category_id, estate_id=draft.estate_id, place=draft.place,
                          facts=draft.facts, source=draft.source, found_date=draft.found_date)
            self.intro.setText(self.tr("Prefilled from the complaint, which will be linked to this case. "
                                       "The case number is given when the case is saved."))
        self.form.load(values)
        self.form.apply_proposal()

    def _open_reference(self) -> None:
        go_to("reference")
        self.reject()  # the close guard still asks about anything typed

    def _edited(self) -> None:
        self.dirty = True

    def save(self) -> Operation:
        """Register the case off the GUI thread; the dialog closes once the number is given."""
        values, complaint_ids, ctx = self.form.values(), list(self.complaint_ids), self.ctx
        changes = (Change.CASES, Change.COMPLAINTS) if complaint_ids else (Change.CASES,)
        save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save_button.setEnabled(False)  # one registration per click, however slow the server
        operation = background.run(self, lambda: cr.create_case(ctx, complaint_ids=complaint_ids, **values),
                                   changes=changes, done=self._created, refused=self._refused, name="new case")
        operation.ended.connect(lambda _ok: save_button.setEnabled(True))
        return operation

    def _created(self, detail: CaseDetail) -> None:
        self.case_id = detail.id
        self.accept()

    def _refused(self, exc: UserError) -> None:
        if isinstance(exc, ValidationError):
            self.form.show_error(exc.field)
        QMessageBox.warning(self, self.tr("Cannot register the case"), exc.message)

    def reject(self) -> None:
        if self.dirty:
            answer = QMessageBox.question(self, self.tr("Discard new case"),
                                          self.tr("The new case has not been registered. Discard what you entered?"))
            if answer != QMessageBox.StandardButton.Yes:
                return
        super().reject()
