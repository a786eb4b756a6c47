"""The main window: a navigation sidebar, pages built on first visit, and a status bar with station and data folder."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QByteArray, QSize, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from controllers import settings as station_settings
from controllers.app import AppContext
from ui.pages import PAGE_KEYS, PAGES, page_spec
from ui.settings import ui_settings

log = logging.getLogger(__name__)

KEY_ROLE = Qt.ItemDataRole.UserRole
DEFAULT_SIZE = QSize(1280, 800)
SIDEBAR_WIDTH = 168


class MainWindow(QMainWindow):
    """Sidebar + stacked pages; remembers geometry and the last page in the data directory's ui.ini."""

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, *, persist: bool = True, page: str | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        # Screenshots and previews render a window without touching the user's saved layout.
        self.persist = persist
        self.pages: dict[str, QWidget] = {}
        self.setWindowTitle(self.tr("Station Ledger"))
        self.setMinimumSize(QSize(1024, 640))

        self.navigation = QListWidget(self)
        self.navigation.setObjectName("navigation")
        self.navigation.setFixedWidth(SIDEBAR_WIDTH)
        self.navigation.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for spec in PAGES:
            item = QListWidgetItem(spec.label)
            item.setData(KEY_ROLE, spec.key)
            item.setToolTip(spec.label)
            self.navigation.addItem(item)

        self.stack = QStackedWidget(self)
        self.stack.setObjectName("pages")

        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.station_label = QLabel(self)
        self.station_label.setObjectName("stationLabel")
        self.data_dir_label = QLabel(self)
        self.data_dir_label.setObjectName("dataDirLabel")
        self.data_dir_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.statusBar().addWidget(self.station_label)
        self.statusBar().addPermanentWidget(self.data_dir_label)
        self.refresh_status()

        self.navigation.currentRowChanged.connect(self._on_row_changed)
        self._restore(page)

    # ---- navigation -------------------------------------------------------------------------

    def select_page(self, key: str) -> QWidget:
        """Show the page with this key (building it on first visit) and return it."""
        row = PAGE_KEYS.index(key)
        if self.navigation.currentRow() != row:
            self.navigation.setCurrentRow(row)  # _on_row_changed does the work
        else:
            self._show(key)
        return self.pages[key]

    def current_page_key(self) -> str | None:
        item = self.navigation.currentItem()
        return None if item is None else str(item.data(KEY_ROLE))

    def _on_row_changed(self, row: int) -> None:
        if not (0 <= row < len(PAGE_KEYS)):
            return
        leaving = self.stack.currentWidget()
        if leaving is not None and leaving is not self.pages.get(PAGE_KEYS[row]) and not _may_leave(leaving):
            # The page kept its unsaved edits: put the sidebar back on it without re-entering this handler.
            back = PAGE_KEYS.index(next(k for k, p in self.pages.items() if p is leaving))
            self.navigation.blockSignals(True)
            self.navigation.setCurrentRow(back)
            self.navigation.blockSignals(False)
            return
        self._show(PAGE_KEYS[row])

    def _show(self, key: str) -> None:
        page = self.pages.get(key)
        if page is None:
            page = page_spec(key).factory(self.ctx, self.stack)
            self.pages[key] = page
            self.stack.addWidget(page)
            self._connect_page(page)
        self.stack.setCurrentWidget(page)
        refresh = getattr(page, "refresh", None)
        if callable(refresh):
            refresh()
        if self.persist:
            ui_settings(self.ctx).setValue("main_window/last_page", key)

    def _connect_page(self, page: QWidget) -> None:
        # The settings page tells us when the station name changes, so the status bar follows at once.
        signal = getattr(page, "stationNameChanged", None)
        if signal is not None:
            signal.connect(lambda _name: self.refresh_status())

    # ---- status bar -------------------------------------------------------------------------

    def refresh_status(self) -> None:
        name = station_settings.get_station_name(self.ctx)
        self.station_label.setText(self.tr("Station: %1").replace("%1", name))
        self.data_dir_label.setText(self.tr("Data folder: %1").replace("%1", str(self.ctx.data_dir.root)))

    # ---- persistence ------------------------------------------------------------------------

    def _restore(self, page: str | None) -> None:
        settings = ui_settings(self.ctx)
        geometry = settings.value("main_window/geometry")
        if not (isinstance(geometry, QByteArray) and self.restoreGeometry(geometry)):
            self.resize(DEFAULT_SIZE)
        last = page or str(settings.value("main_window/last_page", "dashboard"))
        self.select_page(last if last in PAGE_KEYS else "dashboard")

    def save_state(self) -> None:
        if not self.persist:
            return
        settings = ui_settings(self.ctx)
        settings.setValue("main_window/geometry", self.saveGeometry())
        key = self.current_page_key()
        if key:
            settings.setValue("main_window/last_page", key)
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not (all(_may_leave(page) for page in self.pages.values()) and _record_windows_may_close()):
            event.ignore()
            return
        self.save_state()
        super().closeEvent(event)


def _record_windows_may_close() -> bool:
    """Open case windows ask about their unsaved edits before the app quits (save, discard or stay)."""
    module = sys.modules.get("ui.case_detail")  # never imported = no case window was ever opened
    if module is None:
        return True
    return all(window.confirm_close() for window in module.open_windows() if hasattr(window, "confirm_close"))


def _may_leave(page: QWidget) -> bool:
    """Pages with unsaved edits implement confirm_leave() (ask the user: save, discard or stay)."""
    confirm = getattr(page, "confirm_leave", None)
    return bool(confirm()) if callable(confirm) else True
