"""设置 on a 1366×768 office screen and a wide one: every section gets the height its wrapped texts need at the width
it is drawn, so no row is drawn over another (the 本工作室范围 estate list covered its hint and 保存范围 button)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import QApplication, QGroupBox, QWidget

from controllers.core.context import AppContext
from ui.settings.page import SettingsPage
from ui.shell.app import build_main_window


def _rect(widget: QWidget, window: QWidget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


@pytest.mark.parametrize("size", [QSize(1366, 728), QSize(1920, 1040)], ids=["1366x728", "1920x1040"])
def test_every_section_of_settings_gets_its_full_height(shell_app, qtbot, app_ctx: AppContext, size: QSize) -> None:
    window = build_main_window(app_ctx, persist=False, page="settings")
    qtbot.addWidget(window)
    window.resize(size)
    window.show()
    qtbot.waitExposed(window)
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
    list_rect = _rect(area.estate_list, window)
    for widget in below:
        assert _rect(widget, window).top() >= list_rect.bottom(), f"{widget.objectName()} is under the estate list"
    assert _rect(area.save_area_button, window).bottom() <= _rect(area, window).bottom()
