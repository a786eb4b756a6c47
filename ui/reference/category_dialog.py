"""Edit dialog for an enforcement category: deadline, flags, and the regulations ticked as default legal basis."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QCheckBox, QComboBox, QScrollArea, QSpinBox, QVBoxLayout, QWidget

from controllers.core.context import AppContext
from controllers.reference import legal
from ui.reference.dialogs import RecordDialog, line


class CategoryDialog(RecordDialog):
    """Create or edit a category; regulations are ticked in a list."""

    def __init__(self, ctx: AppContext, record: legal.CategoryRow | None = None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, record, parent)
        self.setWindowTitle(self.tr("Edit category") if record else self.tr("New category"))
        self.setMinimumWidth(620)
        r = record
        self.code = self.add_row("code", self.tr("Code"), line(r and r.code, max_len=10))
        self.name = self.add_row("name", self.tr("Category"), line(r and r.name))
        self.days = QSpinBox()
        self.days.setRange(0, 365)
        self.days.setValue(r.deadline_days if r else 15)
        self.add_row("deadline_days", self.tr("Rectification deadline"), self.days)
        self.day_kind = QComboBox()
        self.day_kind.addItem(self.tr("working days (holidays skipped)"), True)
        self.day_kind.addItem(self.tr("calendar days"), False)
        self.day_kind.setCurrentIndex(0 if (r is None or r.working_days) else 1)
        self.add_row("working_days", self.tr("Counted in"), self.day_kind)
        self.referral_only = QCheckBox(self.tr("Not for enforcement here: referred to another department"))
        self.referral_only.setChecked(bool(r and r.referral_only))
        self.add_row("referral_only", "", self.referral_only)
        self.active = QCheckBox(self.tr("Active (offered for new cases and complaints)"))
        self.active.setChecked(r.active if r else True)
        self.add_row("active", "", self.active)
        # Plain check boxes rather than checkable list items: the theme draws these clearly.
        ticked = set(r.regulation_ids) if r else set()
        box = QWidget()
        box_layout = QVBoxLayout(box)
        box_layout.setContentsMargins(4, 0, 4, 0)
        self.regulation_boxes: dict[int, QCheckBox] = {}
        for reg in legal.list_regulations(ctx):
            check = QCheckBox(f"{reg.annex_no}. {reg.name}" if reg.annex_no else reg.name)
            check.setChecked(reg.id in ticked)
            self.regulation_boxes[reg.id] = check
            box_layout.addWidget(check)
        box_layout.addStretch(1)
        self.regulations = QScrollArea()
        self.regulations.setWidget(box)
        self.regulations.setWidgetResizable(True)
        self.regulations.setMinimumHeight(240)
        self.add_row("regulations", self.tr("Default legal basis"), self.regulations)
        self.finish_layout()

    def ticked_regulation_ids(self) -> list[int]:
        return [reg_id for reg_id, check in self.regulation_boxes.items() if check.isChecked()]

    def storing(self) -> Callable[[], legal.CategoryRow]:
        args = {"code": self.code.text(), "name": self.name.text(), "deadline_days": self.days.value(),
                "working_days": bool(self.day_kind.currentData()), "referral_only": self.referral_only.isChecked(),
                "active": self.active.isChecked(), "regulation_ids": self.ticked_regulation_ids()}
        ctx, record = self.ctx, self.record
        if record:
            return lambda: legal.update_category(ctx, record.id, **args)
        return lambda: legal.create_category(ctx, **args)
