"""The 开始使用 guide: 工作室名称 → 本工作室范围 → 小区 → 工作人员 → 完成.

It opens by itself after the administrator account is made on a fresh database (offer_at_first_start), and from
设置 (开始使用向导) at any time. It is not modal: 打开基础数据 shows the page behind it while the guide stays open.
Finishing it or closing it marks the station as set up, so it never opens by itself again.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QWidget, QWizard

from controllers.core.context import AppContext
from controllers.core.permissions import can
from controllers.station import setup_guide
from ui.common import background
from ui.onboarding.steps import AreaStep, DoneStep, EstatesStep, NameStep, StaffStep, Step
from ui.reference.import_dialog import ReferenceImportDialog

GUIDE_SIZE = QSize(820, 560)


class SetupGuide(QWizard):
    """The five steps; 跳过此步 (a custom button) moves on without saving the step."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("setupGuide")
        self.ctx = ctx
        self.setWindowTitle(self.tr("Getting started"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.HaveCustomButton1, True)
        self.setButtonText(QWizard.WizardButton.CustomButton1, self.tr("Skip this step"))
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("Save and continue"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("Back"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Finish"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Later"))
        self.customButtonClicked.connect(lambda _which: self.skip_step())
        self.currentIdChanged.connect(self._update_skip)
        self.name_step = NameStep(ctx)
        self.area_step = AreaStep(ctx)
        self.estates_step = EstatesStep(ctx)
        self.staff_step = StaffStep(ctx)
        self.done_step = DoneStep(ctx)
        for step in (self.name_step, self.area_step, self.estates_step, self.staff_step, self.done_step):
            self.addPage(step)
        wire_import(self.estates_step)
        self.resize(GUIDE_SIZE)
        self.finished.connect(lambda _result: self._mark_done())

    def skip_step(self) -> None:
        step = self.currentPage()
        if isinstance(step, Step):
            step.skipping = True
        self.next()

    def _update_skip(self, _page_id: int) -> None:
        self.button(QWizard.WizardButton.CustomButton1).setVisible(self.currentPage() is not self.done_step)

    def _mark_done(self) -> None:
        ctx = self.ctx
        background.run(self, lambda: setup_guide.mark_guide_done(ctx), name="setup guide done")


def wire_import(step: EstatesStep) -> None:
    """Where 从 Excel 导入… leads: the 基础数据 import dialog (preview, then import), and back to the step's list."""
    # The step's list follows by itself: the import announces Change.REFERENCE.
    step.import_requested.connect(lambda: step.exec_dialog(ReferenceImportDialog(step.ctx, step)))


def open_guide(ctx: AppContext, parent: QWidget | None = None) -> SetupGuide:
    """Show the guide (not modal) and return it."""
    guide = SetupGuide(ctx, parent)
    guide.show()
    return guide


def offer_at_first_start(ctx: AppContext, parent: QWidget) -> SetupGuide | None:
    """After the administrator signs in on a database never set up: open the guide (the administrator only)."""
    if not can(ctx, "edit_settings") or not setup_guide.guide_due(ctx):
        return None
    return open_guide(ctx, parent)
