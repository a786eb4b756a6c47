"""设置 section 「简报签发与报送」: who signs a formal brief (签发人, 审核) and who gets it (报/送/发)."""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from controllers.briefs.signoff import Signoff, get_signoff, set_signoff
from controllers.core.context import AppContext
from controllers.core.permissions import can
from ui.common import background
from ui.common.background import Operation
from ui.common.events import Change
from ui.common.feedback import say
from ui.common.signoff_fields import SignoffFields


class BriefSignoffPanel(QGroupBox):
    """The five lines, stored together by 保存 (administrators; others see them read-only)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Brief sign-off and distribution"), parent)
        self.setObjectName("briefSignoffPanel")
        self.ctx = ctx
        allowed = can(ctx, "edit_settings")
        intro = QLabel(self.tr("Printed at the end of every work brief (GB/T 9704): the signer and reviewer, then "
                               "the offices it is reported, sent and issued to. An empty line is left out; the "
                               "brief page can change them for one brief."), self)
        intro.setWordWrap(True)
        self.fields = SignoffFields(self)
        self.fields.set_editable(allowed)
        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.setEnabled(allowed)
        self.save_button.clicked.connect(self.save)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addWidget(self.message, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.fields)
        layout.addLayout(row)
        self.refresh()

    def refresh(self) -> None:
        self.fields.set_value(get_signoff(self.ctx))

    def save(self) -> Operation:
        """Store the five lines off the GUI thread; a refusal (a line too long) shows in red, nothing stored."""
        ctx, value = self.ctx, self.fields.value()
        return background.run(self, lambda: set_signoff(ctx, value), changes=(Change.SETTINGS,), done=self._saved,
                              report_to=self.message, name="brief sign-off")

    def _saved(self, value: Signoff) -> None:
        self.fields.set_value(value)
        say(self.message, self.tr("Saved. Formal briefs print these lines."), error=False)
