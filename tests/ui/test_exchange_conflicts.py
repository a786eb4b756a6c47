"""设置's exchange-conflicts section: lists open conflicts and resolves the selected one either way."""

from __future__ import annotations

from pathlib import Path

from controllers.core.context import AppContext
from controllers.exchange import export as exchange_export
from controllers.exchange import importer as exchange_import
from tests.unit.exchange_kit import complaint, deleted_there_changed_here, other_station, set_content, some_work
from ui.settings.conflicts_panel import ConflictsPanel


def test_panel_lists_conflict_and_take_theirs_resolves_it(qtbot, qtmodeltester, app_ctx: AppContext,
                                                          tmp_path: Path) -> None:
    ids = some_work(app_ctx)
    exchange_export.export_package(app_ctx, tmp_path / "1.zip")
    with other_station(tmp_path / "b") as b:
        exchange_import.import_package(b, tmp_path / "1.zip")
        set_content(app_ctx, ids["complaint"], "甲站版本")
        set_content(b, ids["complaint"], "乙站版本")
        exchange_export.export_package(app_ctx, tmp_path / "2.zip")
        exchange_import.import_package(b, tmp_path / "2.zip")
        panel = ConflictsPanel(b)
        qtbot.addWidget(panel)
        qtmodeltester.check(panel.model)
        assert panel.model.rowCount() == 1 and not panel.take_button.isEnabled()
        assert "诉件" in panel.model.data(panel.model.index(0, 0))
        panel.view.selectRow(0)
        assert panel.take_button.isEnabled()
        with qtbot.waitSignal(panel.resolved):
            panel.take_button.click()
        assert panel.model.rowCount() == 0
        assert complaint(b, ids["complaint"]).content == "甲站版本"


def test_settings_page_shows_open_conflicts(qtbot, app_ctx: AppContext, tmp_path: Path) -> None:
    from ui.settings.page import SettingsPage

    ids = some_work(app_ctx)
    exchange_export.export_package(app_ctx, tmp_path / "1.zip")
    with other_station(tmp_path / "b") as b:
        exchange_import.import_package(b, tmp_path / "1.zip")
        page = SettingsPage(b)
        qtbot.addWidget(page)
        assert page.conflicts_panel.model.rowCount() == 0
        set_content(app_ctx, ids["complaint"], "甲站版本")
        set_content(b, ids["complaint"], "乙站版本")
        exchange_export.export_package(app_ctx, tmp_path / "2.zip")
        exchange_import.import_package(b, tmp_path / "2.zip")
        page.refresh()  # what showing the page again does
        assert page.conflicts_panel.model.rowCount() == 1
        page.conflicts_panel.view.selectRow(0)
        with qtbot.waitSignal(page.conflicts_panel.resolved):
            page.conflicts_panel.keep_button.click()
        assert page.conflicts_panel.model.rowCount() == 0
        assert complaint(b, ids["complaint"]).content == "乙站版本"


def test_panel_says_when_the_other_station_deleted_the_record(qtbot, app_ctx: AppContext, tmp_path: Path) -> None:
    from controllers.meetings import records as mt

    with other_station(tmp_path / "b") as b:
        exchange_import.import_package(b, deleted_there_changed_here(app_ctx, b, tmp_path, "三月例会（已补记决定）"))
        panel = ConflictsPanel(b)
        qtbot.addWidget(panel)
        model = panel.model
        assert model.rowCount() == 1
        assert model.data(model.index(0, model.COL_KIND)) == "对方已删除"
        assert "三月例会（已补记决定）" in model.data(model.index(0, model.COL_WHAT))
        panel.view.selectRow(0)
        with qtbot.waitSignal(panel.resolved):
            panel.keep_button.click()
        assert [m.title for m in mt.list_meetings(b)] == ["三月例会（已补记决定）"]
