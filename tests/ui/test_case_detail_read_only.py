"""The case window offers no editing where 修改案件 is refused: the read-only views and the 督导 role."""

from __future__ import annotations

import pytest

from controllers.core.permissions import SUPERVISOR, SignedInUser
from controllers.station import views
from tests.unit.case_fixtures import make_estate, new_case
from ui.case_detail.window import CaseWindow
from ui.common.events import Change, notify


@pytest.fixture
def case_window(qtbot, app_ctx):
    case = new_case(app_ctx, make_estate(app_ctx, "梅川小区", "长征镇"))

    def make() -> CaseWindow:
        w = CaseWindow(app_ctx, case.id)
        qtbot.addWidget(w)
        w.show()
        return w

    return make


def _editing_controls(w: CaseWindow) -> list:
    return [w.save_button, *w.move_buttons().values(), w.evidence.add_button, w.evidence.remove_button,
            w.evidence.before_button, w.evidence.after_button, w.referrals.refer_button, w.form.category,
            w.form.deadline]


def test_station_view_can_edit(case_window) -> None:
    w = case_window()
    assert w.move_buttons() and all(c.isEnabled() for c in _editing_controls(w))
    assert not w.form.facts.isReadOnly() and w.evidence.acceptDrops()


@pytest.mark.parametrize("view", ["street", "district"])
def test_read_only_view_disables_editing(app_ctx, case_window, view) -> None:
    views.set_view(app_ctx, view)
    w = case_window()
    assert w.move_buttons() and not any(c.isEnabled() for c in _editing_controls(w))
    assert w.form.facts.isReadOnly() and not w.evidence.acceptDrops()
    assert w.reload_button.isEnabled() and w.evidence.open_button.isEnabled()  # looking stays possible


def test_an_open_window_follows_a_view_switch(app_ctx, case_window) -> None:
    w = case_window()
    views.set_view(app_ctx, "street")
    notify(Change.VIEW)  # what the main window's switcher says
    assert not any(c.isEnabled() for c in _editing_controls(w))
    views.set_view(app_ctx, "station")
    notify(Change.VIEW)
    assert all(c.isEnabled() for c in _editing_controls(w))
    assert not w.form.deadline.edit.isEnabled()  # no deadline set: its date stays off, as before


def test_a_supervisor_cannot_edit(app_ctx, case_window) -> None:
    app_ctx.sign_in(SignedInUser(username="du", display_name="督导", role=SUPERVISOR, user_id=1))
    w = case_window()
    assert not any(c.isEnabled() for c in _editing_controls(w))
