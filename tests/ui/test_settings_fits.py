"""设置 on a 1366×768 office screen and a wide one: every section gets the height its wrapped texts need at the width
it is drawn, so no row is drawn over another (the 本工作室范围 estate list covered its hint and 保存范围 button)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication, QGroupBox, QWidget

from controllers.core.context import AppContext
from tests.ui.window_kit import rect_in, shown_at
from ui.settings.page import SettingsPage


@pytest.mark.parametrize("size", [QSize(1366, 728), QSize(1920, 1040)], ids=["1366x728", "1920x1040"])
def test_every_section_of_settings_gets_its_full_height(shell_app, qtbot, app_ctx: AppContext, size: QSize) -> None:
    window = shown_at(qtbot, app_ctx, "settings", size)
    page = window.pages["settings"]
    assert isinstance(page, SettingsPage)
    QApplication.processEvents()
    sections = [box for box in page.findChildren(QGroupBox) if box.parentWidget() is page.findChild(QWidget,
                                                                                                    "settingsContent")]
    assert len(sections) >= 8
    for box in sections:
        needed = box.heightForWidth(box.width()) if box.hasHeightForWidth() else box.minimumSizeHint().height()
        assert box.height() >= needed, f"{box.title()}: {box.height()} px of the {needed} it needs"
    area = page.station_area_panel
    below = [area.estate_hint, area.save_area_button]
    list_rect = rect_in(area.estate_list, window)
    for widget in below:
        assert rect_in(widget, window).top() >= list_rect.bottom(), f"{widget.objectName()} is under the estate list"
    assert rect_in(area.save_area_button, window).bottom() <= rect_in(area, window).bottom()
