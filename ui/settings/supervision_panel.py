"""设置 section 「督查督办与考核目标」: the working days without progress after which a case in each state becomes a
督办 candidate, and a year's targets (which the 工作台 tiles and the 年度考核 both use). Administrator only."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from controllers.core import clock
from controllers.core.context import AppContext
from controllers.core.permissions import can
from controllers.dashboard.goals import DEFAULT_TARGETS, TARGET_LABELS, set_year_targets, targets
from controllers.station.settings import DEFAULT_STALE_DAYS, STALE_DAYS_MAX, get_stale_days, set_stale_days
from ui.common import background
from ui.common.background import Operation
from ui.common.events import Change
from ui.common.feedback import say


class SupervisionPanel(QGroupBox):
    """Two small forms side by side: stale days per case state, and the targets of a chosen year."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Supervision and targets"), parent)
        self.ctx = ctx
        allowed = can(ctx, "edit_settings")
        intro = QLabel(self.tr("A case with no new record for this many working days in its state is listed as a "
                               "supervision candidate (slow action). A year's targets apply to that year's "
                               "dashboard tiles and its annual assessment."), self)
        intro.setWordWrap(True)
        self.stale: dict[str, QSpinBox] = {}
        stale_form = QFormLayout()
        for state in DEFAULT_STALE_DAYS:
            box = QSpinBox(self)
            box.setRange(1, STALE_DAYS_MAX)
            box.setSuffix(self.tr(" working days"))
            box.setEnabled(allowed)
            self.stale[state] = box
            stale_form.addRow(state, box)
        self.save_days_button = QPushButton(self.tr("Save days"), self)
        self.save_days_button.clicked.connect(self.save_days)
        stale_form.addRow("", self.save_days_button)
        self.year = QSpinBox(self)
        self.year.setRange(2000, 2100)
        self.year.setValue(clock.today().year)
        self.year.valueChanged.connect(lambda _v: self._show_targets())
        target_form = QFormLayout()
        target_form.addRow(self.tr("Year"), self.year)
        self.targets: dict[str, QDoubleSpinBox] = {}
        for key in DEFAULT_TARGETS:
            target = QDoubleSpinBox(self)
            target.setRange(0, 100)
            target.setDecimals(1)
            target.setSuffix(" %")
            target.setEnabled(allowed)
            self.targets[key] = target
            target_form.addRow(TARGET_LABELS[key], target)
        self.save_targets_button = QPushButton(self.tr("Save targets"), self)
        self.save_targets_button.clicked.connect(self.save_targets)
        target_form.addRow("", self.save_targets_button)
        for button in (self.save_days_button, self.save_targets_button):
            button.setEnabled(allowed)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        forms = QHBoxLayout()
        forms.addLayout(stale_form)
        forms.addSpacing(32)
        forms.addLayout(target_form)
        forms.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addWidget(intro)
        outer.addLayout(forms)
        outer.addWidget(self.message)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.refresh()

    def refresh(self) -> None:
        for state, days in get_stale_days(self.ctx).items():
            self.stale[state].setValue(days)
        self._show_targets()
        self.message.clear()

    def _show_targets(self) -> None:
        for key, value in targets(self.ctx, self.year.value()).items():
            self.targets[key].setValue(value)

    def save_days(self) -> Operation:
        ctx = self.ctx
        days: dict[str, int | str] = {state: box.value() for state, box in self.stale.items()}
        return background.run(self, lambda: set_stale_days(ctx, days), changes=(Change.SETTINGS,),
                              done=lambda _d: say(self.message, self.tr("Saved."), error=False),
                              report_to=self.message, name="supervision stale days")

    def save_targets(self) -> Operation:
        ctx, year = self.ctx, self.year.value()
        values: dict[str, float | int | str] = {key: box.value() for key, box in self.targets.items()}
        return background.run(self, lambda: set_year_targets(ctx, year, values), changes=(Change.SETTINGS,),
                              done=lambda _t: say(self.message, self.tr("Saved the targets of %1.")
                                                  .replace("%1", str(year)), error=False),
                              report_to=self.message, name="year targets")


