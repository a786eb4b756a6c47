"""A grade's inspection plan (issue 19): how many months between inspections and whether its deadlines count
working days; the coverage of every estate of the grade follows from it."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from controllers.core.context import AppContext
from controllers.inspections.grades import GradePlan, set_grade_plan
from ui.common import background
from ui.common.background import Operation
from ui.common.events import Change


class GradePlanDialog(QDialog):
    """Months between inspections (0: none due) and the working-days flag of one grade; saved off the GUI thread."""

    def __init__(self, ctx: AppContext, plan: GradePlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.plan = plan
        self.saved: GradePlan | None = None
        self.operation: Operation | None = None
        self.setWindowTitle(self.tr("Inspection plan of %1").replace("%1", plan.name))
        self.months = QSpinBox()
        self.months.setRange(0, 12)
        self.months.setSpecialValueText(self.tr("no inspections due"))
        self.months.setSuffix(self.tr(" months"))
        self.months.setValue(plan.inspection_months or 0)
        self.working_days = QCheckBox(self.tr("Due dates count working days (the holiday calendar)"))
        self.working_days.setChecked(plan.inspection_working_days)
        self.error = QLabel()
        self.error.setStyleSheet("color: #d32f2f;")
        self.error.setWordWrap(True)
        self.error.hide()
        form = QFormLayout()
        form.addRow(self.tr("Inspect every"), self.months)
        form.addRow("", self.working_days)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def save(self) -> Operation | None:
        if self.operation is not None and self.operation.running:
            return None
        ctx, grade_id = self.ctx, self.plan.id
        months, working = self.months.value() or None, self.working_days.isChecked()
        self.operation = background.run(
            self, lambda: set_grade_plan(ctx, grade_id, inspection_months=months, inspection_working_days=working),
            changes=(Change.REFERENCE, Change.INSPECTIONS), done=self._saved, report_to=self._refused,
            name="grade plan")
        return self.operation

    def _saved(self, plan: GradePlan) -> None:
        self.saved = plan
        self.accept()

    def _refused(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
