"""基础数据 and the inspection plan (issue 19 point 7): a grade's plan edited from the grade panel, and an estate's
grade changed from the estate dialog through the dated change (from its day on, never backwards)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from controllers.core.context import AppContext
from controllers.inspections.grades import grade_plans
from controllers.reference import estates as est
from models.inspections import EstateGradeChange
from models.reference import Estate
from tests.unit.inspection_fixtures import grade_id, graded_estate
from ui.reference.estate_dialog import EstateDialog
from ui.reference.panels import GradePanel


def test_the_grade_panel_edits_a_grades_inspection_plan(shell_app: QApplication, qtbot,
                                                        app_ctx: AppContext) -> None:
    panel = GradePanel(app_ctx)
    qtbot.addWidget(panel)
    b = grade_id(app_ctx, "B")
    panel.refresh()  # the page refreshes a panel when it is shown
    panel.select_id(b)
    dialog = panel.edit_plan()
    assert dialog is not None and dialog.months.value() == next(
        p.inspection_months for p in grade_plans(app_ctx) if p.id == b)
    dialog.months.setValue(3)
    dialog.working_days.setChecked(True)
    operation = dialog.save()
    qtbot.waitUntil(lambda: not operation.running)
    plan = next(p for p in grade_plans(app_ctx) if p.id == b)
    assert (plan.inspection_months, plan.inspection_working_days) == (3, True)
    dialog = panel.edit_plan()
    dialog.months.setValue(0)  # shown as “no inspections due”
    operation = dialog.save()
    qtbot.waitUntil(lambda: not operation.running)
    assert next(p for p in grade_plans(app_ctx) if p.id == b).inspection_months is None


def test_the_estate_dialog_changes_a_grade_from_its_date(shell_app: QApplication, qtbot, app_ctx: AppContext,
                                                         pin_clock) -> None:
    pin_clock(date(2025, 3, 10))
    estate_id = graded_estate(app_ctx, "梅岭小区", "C")
    a = grade_id(app_ctx, "A")
    row = next(r for r in est.list_estates(app_ctx) if r.id == estate_id)
    dialog = EstateDialog(app_ctx, row)
    qtbot.addWidget(dialog)
    dialog.grade.setCurrentIndex(dialog.grade.findData(a))
    dialog.grade_from.setDate(dialog.grade_from.date().addDays(21))  # from 31 March: still C today
    dialog.address.setText("梅岭路 1 号")
    dialog.accept()
    qtbot.waitUntil(lambda: not dialog.operation.running)
    with app_ctx.db.session() as s:
        estate = s.get(Estate, estate_id)
        changes = [(c.effective_from, c.grade_id) for c in s.scalars(select(EstateGradeChange))]
        assert estate.address == "梅岭路 1 号" and estate.grade_id == grade_id(app_ctx, "C")
    assert changes == [(date(2025, 3, 31), a)]
