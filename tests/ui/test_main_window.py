"""The app shell as a user meets it: Chinese window and sidebar, every page reachable, layout remembered."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtGui import QFont, QFontDatabase, QImage
from PySide6.QtWidgets import QApplication, QLabel

from controllers.core import start_gc
from controllers.core.errors import ValidationError
from controllers.station import settings as station_settings
from ui.common import theme as ui_theme
from ui.common.events import Change, notify
from ui.common.first_paint import FirstPaint
from ui.common.ui_settings import ui_settings
from ui.settings.page import SettingsPage
from ui.shell.app import build_main_window, save_page_screenshot
from ui.shell.main_window import MainWindow
from ui.shell.pages import PAGE_KEYS

ROOT = Path(__file__).resolve().parents[2]
SIDEBAR = ["工作台", "案件台账", "诉件台账", "巡查检查", "培训宣传", "会商", "督查督办", "统计简报", "基础数据", "设置"]


def click_sidebar(qtbot, window: MainWindow, row: int) -> None:
    nav = window.navigation
    rect = nav.visualRect(nav.model().index(row, 0))
    qtbot.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_window_and_sidebar_speak_chinese(main_window: MainWindow) -> None:
    assert main_window.windowTitle() == "社区工作室台账"
    labels = [main_window.navigation.item(i).text() for i in range(main_window.navigation.count())]
    assert labels == SIDEBAR
    assert "城管社区工作室" in main_window.station_label.text()
    shown = main_window.data_dir_label.text()
    if main_window.ctx.db.is_sqlite:
        assert shown.startswith("数据目录") and str(main_window.ctx.data_dir.root) in shown
    else:  # server mode: the server the records are on (never its password), not the desk's data folder
        url = main_window.ctx.db.engine.url
        assert shown.startswith("数据库服务器") and f"{url.host or ''}/{url.database}" in shown
        assert str(main_window.ctx.data_dir.root) not in shown


def test_bundled_cjk_font_backs_every_family(shell_app: QApplication) -> None:
    cjk = shell_app.property("stationLedgerCjkFamily")
    assert cjk and cjk in QFontDatabase.families()
    # Whatever family a widget asks for (the theme names Roboto), Chinese glyphs come from the bundled font.
    assert cjk.lower() in [f.lower() for f in QFont.substitutes(ui_theme.LATIN_FAMILY)]
    assert cjk in shell_app.font().families()


def test_only_the_first_page_is_built_at_start(main_window: MainWindow) -> None:
    assert list(main_window.pages) == ["dashboard"]
    assert main_window.stack.count() == 1


def test_every_page_opens_from_the_sidebar(main_window: MainWindow, qtbot) -> None:
    for row, key in reversed(list(enumerate(PAGE_KEYS))):
        click_sidebar(qtbot, main_window, row)
        assert main_window.current_page_key() == key
        page = main_window.stack.currentWidget()
        assert page is main_window.pages[key]
        assert page.isVisible()
    # Every sidebar entry builds its real page.
    built = {key: type(page).__name__ for key, page in main_window.pages.items()}
    assert built == {"dashboard": "DashboardPage", "cases": "CaseBookPage", "complaints": "ComplaintLogPage",
                     "inspections": "InspectionsPage", "trainings": "TrainingsPage", "meetings": "MeetingsPage",
                     "supervision": "SupervisionPage", "stats": "StatsPage",
                     "reference": "ReferenceDataPage", "settings": "SettingsPage"}
    assert isinstance(main_window.pages["settings"], SettingsPage)
    # Each page is built once and reused on the next visit.
    assert main_window.stack.count() == len(PAGE_KEYS)


def test_geometry_and_last_page_are_restored(main_window: MainWindow, app_ctx, qtbot) -> None:
    # Within the offscreen test screen (800x800): a larger saved window is shrunk onto it (test_desk_fits).
    main_window.resize(QSize(800, 700))
    main_window.move(QPoint(0, 40))
    click_sidebar(qtbot, main_window, PAGE_KEYS.index("meetings"))
    main_window.close()

    assert (app_ctx.data_dir.root / "ui.ini").is_file()
    assert ui_settings(app_ctx).value("main_window/last_page") == "meetings"

    again = build_main_window(app_ctx)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    assert again.size() == QSize(800, 700)
    assert again.current_page_key() == "meetings"
    assert list(again.pages) == ["meetings"]


def test_settings_page_stores_station_name_and_updates_status_bar(main_window: MainWindow, app_ctx, qtbot) -> None:
    page = main_window.select_page("settings")
    assert isinstance(page, SettingsPage)
    page.name_edit.setText("  长寿路街道城管社区工作室 ")
    page.followup_spin.setValue(45)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.message.text() == "已保存。")  # saved off the GUI thread

    stored = station_settings.get_settings(app_ctx)
    assert stored == station_settings.StationSettings(station_name="长寿路街道城管社区工作室", followup_days=45)
    assert page.message.text() == "已保存。"
    assert "长寿路街道城管社区工作室" in main_window.station_label.text()


@pytest.mark.parametrize("bad_name, expected", [("   ", "请填写工作室名称"), ("站" * 61, "最多 60 个字")])
def test_settings_page_refuses_bad_station_name(main_window: MainWindow, app_ctx, qtbot, bad_name, expected) -> None:
    page = main_window.select_page("settings")
    page.name_edit.setText(bad_name)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: expected in page.message.text())
    assert station_settings.get_station_name(app_ctx) == "城管社区工作室"
    assert page.name_edit.text() == bad_name  # the user's edit stays for correction


def test_settings_page_shows_data_dir_and_versions(main_window: MainWindow, app_ctx) -> None:
    page = main_window.select_page("settings")
    assert page.data_dir_edit.isReadOnly()
    assert page.data_dir_edit.text() == str(app_ctx.data_dir.root)
    info = station_settings.version_info(app_ctx)
    assert page.app_version_label.text() == info.app_version
    assert page.schema_version_label.text() == info.schema_head


def test_on_a_shared_server_the_station_name_says_it_names_this_desks_station(main_window: MainWindow,
                                                                               app_ctx) -> None:
    page = main_window.select_page("settings")
    hint = page.findChild(QLabel, "stationNameHint")
    if app_ctx.db.is_sqlite:
        assert hint is None  # one station on its own desk: nothing to explain
    else:
        assert hint is not None and hint.isVisibleTo(page) and "同一工作室的几台电脑" in hint.text()


def test_page_refreshes_when_shown_again(main_window: MainWindow, app_ctx) -> None:
    page = main_window.select_page("settings")
    main_window.select_page("dashboard")
    station_settings.set_station_name(app_ctx, "桃浦镇工作室")
    main_window.select_page("settings")
    assert page.name_edit.text() == "桃浦镇工作室"


def test_a_hidden_list_waits_for_being_shown_to_query_again(main_window: MainWindow, app_ctx, monkeypatch) -> None:

    book = main_window.select_page("cases")
    main_window.select_page("complaints")
    reloads: list[int] = []
    real_reload = book.model.reload
    monkeypatch.setattr(book.model, "reload", lambda: (reloads.append(1), real_reload())[1])
    notify(Change.CASES)  # a save at this desk, or an import
    assert reloads == []  # nobody looks at the case book: no count, no window fetched
    main_window.select_page("cases")
    assert reloads == [1]  # shown again: current at once


def test_theme_choice_applies_live_and_is_remembered(main_window: MainWindow, app_ctx, qtbot, shell_app) -> None:
    page = main_window.select_page("settings")
    light_sheet = shell_app.styleSheet()
    page.theme_combo.setCurrentIndex(page.theme_combo.findText("深色"))
    assert ui_settings(app_ctx).value("theme") == "dark"
    assert ui_theme.current_theme() == "dark"
    assert shell_app.styleSheet() != light_sheet
    main_window.close()

    again = build_main_window(app_ctx, page="settings")
    qtbot.addWidget(again)
    assert again.pages["settings"].theme_combo.currentText() == "深色"
    again.pages["settings"].theme_combo.setCurrentIndex(0)
    assert ui_theme.current_theme() == "light"
    assert ui_settings(app_ctx).value("theme") == "light"


@pytest.mark.parametrize("page, size", [("基础数据", (1440, 900)), ("settings", (1366, 768)), ("工作台", (1366, 768))])
def test_save_page_screenshot_writes_png_of_requested_size(shell_app, app_ctx, tmp_path: Path, page, size) -> None:
    out = save_page_screenshot(app_ctx, page, tmp_path / "shot.png", size=size)
    image = QImage(str(out))
    assert not image.isNull()
    assert (image.width(), image.height()) == size
    assert out.stat().st_size > 10_000
    # A screenshot does not disturb the user's saved layout.
    assert ui_settings(app_ctx).value("main_window/geometry") is None


def test_save_page_screenshot_rejects_unknown_page(shell_app, app_ctx, tmp_path: Path) -> None:
    with pytest.raises(ValidationError) as err:
        save_page_screenshot(app_ctx, "首页", tmp_path / "x.png")
    assert "首页" in err.value.message
    assert "工作台（dashboard）" in err.value.message and "设置（settings）" in err.value.message
    assert not (tmp_path / "x.png").exists()


def test_cached_theme_matches_a_fresh_render(shell_app, theme_cache: Path) -> None:
    ui_theme.apply_theme("dark")
    ui_theme.apply_theme("light")
    rendered = shell_app.styleSheet()
    assert list((theme_cache / "light").glob("style-*.json")) and (theme_cache / "light" / "primary").is_dir()
    ui_theme.apply_theme("dark")
    ui_theme.apply_theme("light")  # from the cache this time: no qt-material rendering
    assert shell_app.styleSheet() == rendered
    assert ui_theme.LATIN_FAMILY in QFontDatabase.families()  # registered by us, not only by qt-material


def test_a_page_with_unsaved_edits_can_keep_the_user(main_window: MainWindow, qtbot, monkeypatch) -> None:
    settings_row = PAGE_KEYS.index("settings")
    click_sidebar(qtbot, main_window, settings_row)
    page = main_window.pages["settings"]
    answers = [False]
    monkeypatch.setattr(page, "confirm_leave", lambda: answers[0], raising=False)
    click_sidebar(qtbot, main_window, PAGE_KEYS.index("reference"))
    assert main_window.current_page_key() == "settings"
    assert main_window.stack.currentWidget() is page
    assert not main_window.close()  # closing the window asks too
    answers[0] = True
    click_sidebar(qtbot, main_window, PAGE_KEYS.index("reference"))
    assert main_window.current_page_key() == "reference"


def test_quitting_asks_open_case_windows_about_unsaved_edits(main_window: MainWindow, monkeypatch) -> None:
    import types

    class CaseWindowStub:
        answer = False

        def confirm_close(self) -> bool:
            return self.answer

    stub = CaseWindowStub()
    monkeypatch.setitem(sys.modules, "ui.case_detail", types.SimpleNamespace(open_windows=lambda: [stub]))
    assert not main_window.close()
    stub.answer = True
    assert main_window.close()


def test_at_start_the_window_is_painted_before_its_first_page_is_built(shell_app, qtbot, app_ctx) -> None:
    """The GUI start paints the sidebar first and builds the page the sidebar marks right after that frame."""
    window = build_main_window(app_ctx, page_after_paint=True, persist=False)
    qtbot.addWidget(window)
    painted_with: list[list[str]] = []  # the pages built when the first frame was painted
    window.installEventFilter(FirstPaint(window, lambda: painted_with.append(list(window.pages))))
    assert window.pages == {} and window.stack.count() == 0  # nothing built before the window is shown
    assert window.current_page_key() == "dashboard"  # ... but the sidebar already marks the page to come
    window.show()
    qtbot.waitUntil(lambda: bool(painted_with) and "dashboard" in window.pages)
    assert painted_with[0] == []
    assert window.stack.currentWidget() is window.pages["dashboard"]
    assert list(window.pages) == ["dashboard"]


def test_a_held_start_collects_again_once_its_first_page_is_built(shell_app, qtbot, app_ctx) -> None:
    """main.py holds the garbage collector for the start; the GUI's start is over when the first page is built."""
    start_gc.hold()
    try:
        window = build_main_window(app_ctx, page_after_paint=True, persist=False)
        qtbot.addWidget(window)
        window.show()
        assert not gc.isenabled()  # the window is shown, its first frame and page still to come
        qtbot.waitUntil(lambda: "dashboard" in window.pages)
        assert gc.isenabled() and gc.get_freeze_count() > 0
    finally:
        start_gc.resume()
        gc.unfreeze()


def test_every_page_builds_on_its_first_visit_after_a_painted_start(shell_app, qtbot, app_ctx) -> None:
    window = build_main_window(app_ctx, page_after_paint=True, persist=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: "dashboard" in window.pages)
    for row, key in enumerate(PAGE_KEYS):
        click_sidebar(qtbot, window, row)
        assert window.stack.currentWidget() is window.pages[key]
    assert set(window.pages) == set(PAGE_KEYS)


def test_a_click_before_the_first_frame_wins_over_the_remembered_page(shell_app, qtbot, app_ctx) -> None:
    window = build_main_window(app_ctx, page_after_paint=True, persist=False)
    qtbot.addWidget(window)
    window.navigation.setCurrentRow(PAGE_KEYS.index("cases"))  # the person is quicker than the first frame
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.pages.get("cases"))
    assert "dashboard" not in window.pages  # the page the sidebar had marked is not built behind the person's back
