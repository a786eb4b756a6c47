"""No table header is clipped at 1366x728: every column the screens size themselves is at least as wide as its header
asks (text, the theme's padding, the sort arrow). The patrol list printed "发现问题" as "!现问!" before.

The ledgers built on ui.common.list_page keep the user's own column layout and are left out; so are stretched
columns, which take what the window leaves, and those Qt fits to their contents."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QHeaderView, QTableView, QTabWidget

from ui.common.list_page import ListPage
from ui.shell.pages import PAGE_KEYS

# Qt sizes these itself: a stretched column takes what is left, a fitted one follows its contents.
QT_SIZED = (QHeaderView.ResizeMode.Stretch, QHeaderView.ResizeMode.ResizeToContents)


def _clipped(page, key: str) -> list[str]:
    found = []
    for view in page.findChildren(QTableView):
        if any(isinstance(p, ListPage) and p.view is view for p in [page, *page.findChildren(ListPage)]):
            continue
        header = view.horizontalHeader()
        for col in range(header.count()):
            if header.isSectionHidden(col) or header.sectionResizeMode(col) in QT_SIZED:
                continue
            if header.sectionSize(col) < header.sectionSizeHint(col):
                text = view.model().headerData(col, Qt.Orientation.Horizontal)
                found.append(f"{key}/{view.objectName() or type(view).__name__}: {text} "
                             f"{header.sectionSize(col)} < {header.sectionSizeHint(col)}")
    return found


def test_no_header_is_clipped_on_any_page_at_1366(main_window, qtbot) -> None:
    main_window.resize(1366, 728)
    clipped: list[str] = []
    for key in PAGE_KEYS:
        page = main_window.select_page(key)
        for tabs in page.findChildren(QTabWidget):
            for i in range(tabs.count()):
                tabs.setCurrentIndex(i)
        QApplication.processEvents()  # deferred layouts run once
        clipped += _clipped(page, key)
    assert clipped == []
