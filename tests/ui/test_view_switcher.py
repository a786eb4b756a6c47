"""pytest-qt: the sidebar's view switcher (本工作室 / 全街镇 / 全区) and the 设置 section 本工作室范围."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from controllers.core.context import AppContext
from controllers.core.permissions import STAFF, SignedInUser
from controllers.station import area as station
from tests.unit.case_fixtures import make_estate, new_case
from ui.common.rows_model import ID_ROLE
from ui.settings.page import SettingsPage
from ui.settings.station_area_panel import StationAreaPanel


@pytest.fixture
def two_stations(app_ctx: AppContext) -> dict[str, int]:
    """Our estate and the neighbouring station's on 长征镇, a case in each; our area is our estate only."""
    ours, theirs = make_estate(app_ctx, "本站小区"), make_estate(app_ctx, "邻站小区")
    ids = {"ours": ours, "theirs": theirs,
           "our_case": new_case(app_ctx, estate_id=ours).id, "their_case": new_case(app_ctx, estate_id=theirs).id}
    station.set_station_area(app_ctx, street="长征镇", estate_ids=[ours])
    return ids


def _case_ids(page) -> set[int]:
    m = page.model
    return {m.data(m.index(r, 0), ID_ROLE) for r in range(m.rowCount())}


def _choose(window, key: str) -> None:
    combo = window.view_switcher.combo
    index = combo.findData(key)
    combo.setCurrentIndex(index)
    combo.activated.emit(index)  # what a click on the item sends


def test_switch_to_street_shows_other_stations_read_only_and_back(main_window, app_ctx, two_stations):
    window = main_window
    switcher = window.view_switcher
    assert switcher.isVisible() and not switcher.badge.isVisible()
    assert switcher.combo.currentText() == "本工作室"
    page = window.select_page("cases")
    assert _case_ids(page) == {two_stations["our_case"]}
    assert page.new_button.isEnabled() and page.new_button.isVisible()

    _choose(window, "street")
    assert app_ctx.view == "street"
    page = window.pages["cases"]  # rebuilt for the read-only view
    assert window.stack.currentWidget() is page
    assert _case_ids(page) == {two_stations["our_case"], two_stations["their_case"]}
    assert not page.new_button.isEnabled()
    assert switcher.badge.isVisible() and switcher.badge.text() == "只读"
    assert switcher.combo.currentText() == "全街镇（只读）"

    _choose(window, "station")
    page = window.pages["cases"]
    assert app_ctx.view == "station" and not switcher.badge.isVisible()
    assert _case_ids(page) == {two_stations["our_case"]}
    assert page.new_button.isEnabled()


def test_unsaved_edits_keep_the_view(main_window, app_ctx, two_stations, monkeypatch):
    page = main_window.select_page("cases")
    monkeypatch.setattr(page, "confirm_leave", lambda: False, raising=False)
    _choose(main_window, "district")
    assert app_ctx.view == "station"
    assert main_window.view_switcher.combo.currentData() == "station"
    assert main_window.pages["cases"] is page


def test_station_area_panel_stores_street_and_estates(shell_app, qtbot, app_ctx, two_stations):
    page = SettingsPage(app_ctx, None)
    qtbot.addWidget(page)
    panel = page.station_area_panel
    assert panel.street_combo.currentText() == "长征镇"
    ticked = [panel.estate_list.item(r).text() for r in range(panel.estate_list.count())
              if panel.estate_list.item(r).checkState() == Qt.CheckState.Checked]
    assert ticked == ["本站小区"]
    assert "长征镇" in panel.summary.text()
    # tick the neighbour's estate too and save
    for r in range(panel.estate_list.count()):
        panel.estate_list.item(r).setCheckState(Qt.CheckState.Checked)
    assert panel.save().wait()
    area = station.get_station_area(app_ctx)
    assert area.street == "长征镇" and set(area.estate_ids) == {two_stations["ours"], two_stations["theirs"]}
    # back to "not set": every estate is the station's own (the single-desk default)
    panel.street_combo.setCurrentIndex(0)
    assert panel.estate_list.count() == 0 and not panel.estate_list.isEnabled()
    assert panel.save().wait()
    assert station.get_station_area(app_ctx).covers_everything
    assert panel.summary.text() == "未设置：全部小区"


def test_station_area_panel_is_read_only_for_staff(shell_app, qtbot, app_ctx, two_stations):
    app_ctx.sign_in(SignedInUser(username="staff", display_name="工作人员甲", role=STAFF))
    panel = StationAreaPanel(app_ctx, None)
    qtbot.addWidget(panel)
    assert not panel.save_area_button.isEnabled()
    assert not panel.street_combo.isEnabled() and not panel.estate_list.isEnabled()
