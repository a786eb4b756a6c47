"""The dashboard's note on a station with no cases yet: what to do first, with a link to 开始使用."""

from __future__ import annotations

from PySide6.QtWidgets import QSizePolicy, QWidget

from controllers.core.context import AppContext
from controllers.core.permissions import can
from controllers.station import setup_guide
from ui.common.empty_state import EmptyState, Link
from ui.common.navigation import go_to


class SetupPrompt(EmptyState):
    """Shown above the (still empty) figures until the first case is registered."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("setupPrompt")
        self.ctx = ctx
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)  # a note, not the page
        self.hide()

    def refresh(self) -> None:
        state = setup_guide.setup_state(self.ctx)
        if state.cases:
            self.hide()
            return
        links: list[Link] = [(self.tr("Getting started"), self.open_guide)] if can(self.ctx, "edit_settings") else []
        if state.estates:
            self.show_state(self.tr("No cases yet: the figures fill in as cases and complaints are registered"),
                            "", [*links, (self.tr("Open the Case book"), lambda: go_to("cases"))])
        else:
            self.show_state(self.tr("This station has no data yet"),
                            self.tr("Getting started walks through the station's name, area, estates and staff."),
                            [*links, (self.tr("Open Reference data"), lambda: go_to("reference"))])
        self.show()

    def open_guide(self) -> None:
        from ui.onboarding.guide import open_guide  # its dialogs (~0.3 s) load on the click, not with the dashboard

        open_guide(self.ctx, self.window())
