"""设置's exchange-package section: export to a file and import it at another station, without a terminal."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

from controllers import meetings as mt
from controllers.app import AppContext, SignedInUser
from controllers.permissions import SUPERVISOR
from controllers.settings import get_station_name
from tests.unit.exchange_kit import deleted_there_changed_here, other_station
from ui import background
from ui.events import data_events
from ui.exchange.packages_panel import PackagesPanel


def _wait(qtbot, panel: PackagesPanel) -> None:
    qtbot.waitUntil(lambda: background.running() == 0 and panel.busy.isHidden(), timeout=20000)


def test_export_then_import_at_the_other_station(qtbot, app_ctx: AppContext, tmp_path: Path) -> None:
    from ui.settings_page import SettingsPage

    mt.create_meeting(app_ctx, kind="例会", held_on=date(2025, 3, 5), title="三月例会")
    panel = PackagesPanel(app_ctx)
    qtbot.addWidget(panel)
    panel.since_check.setChecked(False)  # everything, not only the last 30 days
    panel.export_path = lambda _suggested: str(tmp_path / "甲站")  # type: ignore[method-assign]
    panel.export_button.click()
    assert not panel.export_button.isEnabled()  # no second export while one runs
    _wait(qtbot, panel)
    with zipfile.ZipFile(tmp_path / "甲站.zip") as zf:  # the .zip the user left off was added
        assert "三月例会" in zf.read("records/meetings.json").decode()
    assert str(tmp_path / "甲站.zip") in panel.message.text()

    with other_station(tmp_path / "b") as b:
        page = SettingsPage(b)
        qtbot.addWidget(page)
        page.packages_panel.import_path = lambda: str(tmp_path / "甲站.zip")  # type: ignore[method-assign]
        changed: list[str] = []
        data_events().changed.connect(changed.append)
        page.packages_panel.import_button.click()
        _wait(qtbot, page.packages_panel)
        assert [m.title for m in mt.list_meetings(b)] == ["三月例会"]
        assert "meetings" in changed  # the lists showing what came in refresh themselves
        assert get_station_name(app_ctx) in page.packages_panel.message.text()


def test_an_imported_conflict_shows_up_below_at_once(qtbot, app_ctx: AppContext, tmp_path: Path) -> None:
    from ui.settings_page import SettingsPage

    with other_station(tmp_path / "b") as b:
        package = deleted_there_changed_here(app_ctx, b, tmp_path, "三月例会（补记）")
        page = SettingsPage(b)
        qtbot.addWidget(page)
        assert page.conflicts_panel.model.rowCount() == 0
        page.packages_panel.import_path = lambda: str(package)  # type: ignore[method-assign]
        page.packages_panel.import_button.click()
        _wait(qtbot, page.packages_panel)
        assert page.conflicts_panel.model.rowCount() == 1
        assert [m.title for m in mt.list_meetings(b)] == ["三月例会（补记）"]  # kept until someone decides


def test_a_bad_file_is_a_message_not_a_crash(qtbot, app_ctx: AppContext, tmp_path: Path) -> None:
    bad = tmp_path / "不是交换包.zip"
    bad.write_text("随便什么")
    panel = PackagesPanel(app_ctx)
    qtbot.addWidget(panel)
    panel.import_path = lambda: str(bad)  # type: ignore[method-assign]
    panel.import_button.click()
    _wait(qtbot, panel)
    assert "不是 zip 文件" in panel.message.text() and panel.import_button.isEnabled()


def test_a_supervisor_cannot_send_names_away(qtbot, app_ctx: AppContext) -> None:
    app_ctx.sign_in(SignedInUser(username="zhao", display_name="赵督导", role=SUPERVISOR))
    panel = PackagesPanel(app_ctx)
    qtbot.addWidget(panel)
    assert panel.export_button.isEnabled() and not panel.import_button.isEnabled()
    assert not panel.personal_check.isEnabled() and not panel.personal_check.isChecked()
