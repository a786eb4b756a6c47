"""设置's exchange-package section: export to a file and import it at another station, without a terminal."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

from controllers.core.context import AppContext, SignedInUser
from controllers.core.permissions import SUPERVISOR
from controllers.exchange import export as exchange_export
from controllers.meetings import records as mt
from controllers.station.settings import get_station_name
from tests.unit.exchange_kit import deleted_there_changed_here, other_station
from ui.common import background
from ui.common.events import Change, data_events
from ui.settings.packages_panel import PackagesPanel


def _wait(qtbot, panel: PackagesPanel) -> None:
    qtbot.waitUntil(lambda: background.running() == 0 and panel.busy.isHidden(), timeout=20000)


def test_export_then_import_at_the_other_station(qtbot, app_ctx: AppContext, tmp_path: Path) -> None:
    from ui.settings.page import SettingsPage

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
        assert Change.MEETINGS in changed  # the lists showing what came in refresh themselves
        assert get_station_name(app_ctx) in page.packages_panel.message.text()


def test_an_imported_conflict_shows_up_below_at_once(qtbot, app_ctx: AppContext, tmp_path: Path) -> None:
    from ui.settings.page import SettingsPage

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


def test_a_long_import_can_be_cancelled_and_writes_nothing(qtbot, app_ctx: AppContext, tmp_path: Path,
                                                            monkeypatch) -> None:
    import threading

    from controllers.exchange import package as exchange_package
    from models.meetings import Meeting

    mt.create_meeting(app_ctx, kind="例会", held_on=date(2025, 3, 5), title="三月例会")
    exchange_export.export_package(app_ctx, tmp_path / "a.zip")
    held, reading = threading.Event(), threading.Event()
    real_rows = exchange_package.Package.rows

    def slow_rows(package, table):  # type: ignore[no-untyped-def]
        reading.set()
        held.wait(10)  # the import is "busy" until the test lets it go on
        yield from real_rows(package, table)

    monkeypatch.setattr(exchange_package.Package, "rows", slow_rows)
    with other_station(tmp_path / "b") as b:
        panel = PackagesPanel(b)
        qtbot.addWidget(panel)
        panel.import_path = lambda: str(tmp_path / "a.zip")  # type: ignore[method-assign]
        panel.import_button.click()
        assert panel.cancel_button.isVisibleTo(panel) and not panel.import_button.isEnabled()
        qtbot.waitUntil(reading.is_set, timeout=10000)
        panel.cancel_button.click()
        held.set()
        _wait(qtbot, panel)
        assert "已取消" in panel.message.text() or "cancelled" in panel.message.text()
        assert panel.import_button.isEnabled() and not panel.cancel_button.isVisibleTo(panel)
        with b.db.session() as s:
            assert s.query(Meeting).count() == 0
