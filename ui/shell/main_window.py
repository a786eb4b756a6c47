"""The main window: a navigation sidebar, pages built on first visit, and a status bar with station and data folder."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QByteArray, QCoreApplication, QMargins, QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from controllers.accounts import users as accounts
from controllers.core import start_gc
from controllers.core.context import AppContext
from controllers.core.errors import UserError
from controllers.core.permissions import can
from controllers.demo.mark import is_demo
from controllers.station import settings as station_settings
from controllers.station import views
from controllers.storage import server_config
from ui.accounts import dialogs
from ui.accounts.guard import guard_page, may_open
from ui.accounts.idle import IdleLock
from ui.common.elided_label import ElidedLabel
from ui.common.events import Change, data_events, notify
from ui.common.first_paint import FirstPaint
from ui.common.navigation import navigation
from ui.common.rows_model import ID_ROLE
from ui.common.ui_settings import ui_settings
from ui.shell.geometry import ASSUMED_FRAME, centred_rect, fit_rect
from ui.shell.pages import PAGE_KEYS, PAGES, page_spec
from ui.shell.view_switcher import ViewSwitcher

log = logging.getLogger(__name__)

DEFAULT_SIZE = QSize(1280, 800)
MINIMUM_SIZE = QSize(1024, 640)
SIDEBAR_WIDTH = 168


class MainWindow(QMainWindow):
    """Sidebar + stacked pages; remembers geometry and the last page in the data directory's ui.ini."""

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, *, persist: bool = True, page: str | None = None,
        page_after_paint: bool = False,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        # Screenshots and previews render a window without touching the user's saved layout.
        self.persist = persist
        self.pages: dict[str, QWidget] = {}
        self.setWindowTitle(self.tr("Station Ledger"))
        self.setMinimumSize(MINIMUM_SIZE)

        self.navigation = QListWidget(self)
        self.navigation.setObjectName("navigation")
        self.navigation.setFixedWidth(SIDEBAR_WIDTH)
        self.navigation.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for spec in PAGES:
            item = QListWidgetItem(spec.label)
            item.setData(ID_ROLE, spec.key)
            item.setToolTip(spec.label)
            self.navigation.addItem(item)

        self.stack = QStackedWidget(self)
        self.stack.setObjectName("pages")
        # Below the pages list: own station's records, or the whole street / district read only.
        self.view_switcher = ViewSwitcher(self)
        self.view_switcher.setFixedWidth(SIDEBAR_WIDTH)
        self.view_switcher.viewChosen.connect(self.switch_view)
        sidebar = QVBoxLayout()
        sidebar.setContentsMargins(0, 0, 0, 0)
        sidebar.setSpacing(0)
        sidebar.addWidget(self.navigation, 1)
        sidebar.addWidget(self.view_switcher)

        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(sidebar)
        layout.addWidget(self.stack, 1)
        self.demo_banner = demo_banner(ctx, self)
        if self.demo_banner is None:
            self.setCentralWidget(central)
        else:  # demo data: said on every page, in the title too, for as long as it is open
            self.setWindowTitle(self.tr("Station Ledger — demo data"))
            framed = QWidget(self)
            column = QVBoxLayout(framed)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(0)
            column.addWidget(self.demo_banner)
            column.addWidget(central, 1)
            self.setCentralWidget(framed)

        self.station_label = QLabel(self)
        self.station_label.setObjectName("stationLabel")
        # Elided: a long folder path must not push the session buttons out of a 1366-wide window.
        self.data_dir_label = ElidedLabel(parent=self)
        self.data_dir_label.setObjectName("dataDirLabel")
        self.data_dir_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.statusBar().addWidget(self.station_label)
        self.statusBar().addPermanentWidget(self.data_dir_label)
        # Who is signed in, and the session's actions (the accounts window only for the administrator).
        self.user_label = QLabel(self)
        self.user_label.setObjectName("userLabel")
        self.accounts_button = QPushButton(self.tr("Accounts…"), self)
        self.accounts_button.setObjectName("accountsButton")
        self.lock_button = QPushButton(self.tr("Lock"), self)
        self.lock_button.setObjectName("lockButton")
        self.sign_out_button = QPushButton(self.tr("Sign out"), self)
        self.sign_out_button.setObjectName("signOutButton")
        for widget in (self.user_label, self.accounts_button, self.lock_button, self.sign_out_button):
            self.statusBar().addPermanentWidget(widget)
        self.accounts_button.clicked.connect(self.open_accounts)
        self.lock_button.clicked.connect(self.lock_session)
        self.sign_out_button.clicked.connect(self.sign_out)
        self.idle_lock: IdleLock | None = None
        # Ctrl+Q from any window of the app (a case window too) quits through the unsaved-edit questions.
        self.quit_action = QAction(self.tr("Quit"), self)
        self.quit_action.setObjectName("quitAction")
        # Spelled out: the platform's standard Quit key is empty on Windows and under some Linux desktops.
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.quit_action.triggered.connect(self.quit_app)
        self.addAction(self.quit_action)
        # A modal dialog blocks the shortcuts of the windows under it: each one gets the action as it comes up.
        QGuiApplication.instance().focusWindowChanged.connect(self._offer_quit_to_dialog)
        self.refresh_status()
        self._apply_role()

        self.navigation.currentRowChanged.connect(self._on_row_changed)
        navigation().requested.connect(self.go_to)  # an empty page's link, the guide's 打开基础数据
        data_events().changed.connect(self._data_changed)
        self._restore(page, page_after_paint=page_after_paint)

    # ---- navigation -------------------------------------------------------------------------

    def select_page(self, key: str) -> QWidget:
        """Show the page with this key (building it on first visit) and return it."""
        row = PAGE_KEYS.index(key)
        if self.navigation.currentRow() != row:
            self.navigation.setCurrentRow(row)  # _on_row_changed does the work
        else:
            self._show(key)
        return self.pages[key]

    def go_to(self, key: str) -> None:
        """Show a page asked for by another screen, if this user may open it; the window comes forward."""
        if key in PAGE_KEYS and may_open(self.ctx, key):
            self.select_page(key)
            self.raise_()
            self.activateWindow()

    def _data_changed(self, change: Change) -> None:
        if change is Change.SETTINGS:  # the guide renamed the station
            self.refresh_status()

    def current_page_key(self) -> str | None:
        item = self.navigation.currentItem()
        return None if item is None else str(item.data(ID_ROLE))

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
            guard_page(self.ctx, key, page)
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
        database = server_config.current_database(self.ctx)
        if database.is_server:  # the records live on the server, not in the desk's data folder
            self.data_dir_label.setText(self.tr("Database server: %1").replace("%1", database.display))
        else:
            self.data_dir_label.setText(self.tr("Data folder: %1").replace("%1", str(self.ctx.data_dir.root)))

    # ---- the signed-in user ---------------------------------------------------------------------

    def _first_allowed_page(self) -> str:
        return next((k for k in PAGE_KEYS if may_open(self.ctx, k)), PAGE_KEYS[0])

    def _apply_role(self) -> None:
        """Show the user; hide the pages and buttons the role cannot use (the controllers refuse them anyway)."""
        user = self.ctx.user
        self.user_label.setText(self.tr("Signed in: %1 (%2)").replace("%1", user.display_name)
                                .replace("%2", user.role or ""))
        self.accounts_button.setVisible(can(self.ctx, "manage_accounts"))
        for row in range(self.navigation.count()):
            self.navigation.item(row).setHidden(not may_open(self.ctx, PAGE_KEYS[row]))
        self.view_switcher.setVisible(can(self.ctx, "view"))
        self.view_switcher.show_view(views.current_view(self.ctx))

    def _rebuild_pages(self, key: str) -> None:
        """Drop the built pages and show `key` again: each page is built anew for the role and the view."""
        for page in self.pages.values():
            self.stack.removeWidget(page)
            page.deleteLater()
        self.pages.clear()
        self.navigation.blockSignals(True)
        self.navigation.setCurrentRow(-1)
        self.navigation.blockSignals(False)
        self.select_page(key)

    def user_changed(self) -> None:
        """Another account signed in: pages are rebuilt for its role."""
        self._apply_role()
        self._rebuild_pages(self._first_allowed_page())

    def switch_view(self, key: str) -> None:
        """Show the station's, the street's or the district's records; editing buttons go in read-only views.

        Pages are rebuilt so each one hides its editing buttons by permissions.can(), which follows the view
        (the controllers refuse edits in read-only views anyway). Unsaved edits are asked about first.
        """
        if key == self.ctx.view:
            return
        if not all(_may_leave(page) for page in self.pages.values()):
            self.view_switcher.show_view(views.current_view(self.ctx))
            return
        try:
            state = views.set_view(self.ctx, key)
        except UserError as exc:
            QMessageBox.warning(self, self.tr("Records shown"), exc.message)
            state = views.current_view(self.ctx)
        self.view_switcher.show_view(state)
        self._rebuild_pages(self.current_page_key() or self._first_allowed_page())
        notify(Change.VIEW)  # other open windows (meeting mode, case windows) follow

    def open_accounts(self) -> None:
        # On first use: an administrator's window (~40 ms), not needed to show the main window.
        from ui.accounts.page import AccountsWindow

        AccountsWindow(self.ctx, self).exec()

    def enable_idle_lock(self, interval_ms: int) -> IdleLock:
        """Lock after `interval_ms` without key or mouse input anywhere in the app (0 = never)."""
        if self.idle_lock is None:
            self.idle_lock = IdleLock(interval_ms, self)
            self.idle_lock.idle.connect(self.lock_session)
        else:
            self.idle_lock.set_interval(interval_ms)
        return self.idle_lock

    def set_idle_minutes(self, minutes: int) -> None:
        self.enable_idle_lock(minutes * 60_000)

    def lock_session(self) -> None:
        """Cover the window with the login dialog for the same user (or switch user); 退出 closes the app."""
        before = self.ctx.user
        if self.idle_lock is not None:
            self.idle_lock.pause(True)
        accounts.record_lock(self.ctx)
        dialog = dialogs.LoginDialog(self.ctx, self, locked_user=before.username)
        self.centralWidget().setVisible(False)  # nothing readable behind the lock dialog
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        self.centralWidget().setVisible(True)
        if self.idle_lock is not None:
            self.idle_lock.pause(False)
        if not accepted:
            self.close()
            return
        if self.ctx.user != before:
            self.user_changed()

    def sign_out(self) -> None:
        if not all(_may_leave(page) for page in self.pages.values()):
            return
        accounts.logout(self.ctx)
        self.hide()
        if not dialogs.sign_in(self.ctx, None):
            self.close()
            return
        self.user_changed()
        self.show()

    # ---- persistence ------------------------------------------------------------------------

    def _offer_quit_to_dialog(self, _window: object) -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is not None and dialog is not self and self.quit_action not in dialog.actions():
            dialog.addAction(self.quit_action)

    def quit_app(self) -> bool:
        """Ctrl+Q: close open dialogs (each asks about its unsaved edits), then the window; False when one stayed."""
        while (dialog := QApplication.activeModalWidget()) is not None and dialog is not self:
            dialog.close()  # a dialog with unsaved edits asks; "cancel" keeps it open, and the app with it
            if dialog.isVisible():
                return False
        return self.close()

    def _restore(self, page: str | None, *, page_after_paint: bool = False) -> None:
        settings = ui_settings(self.ctx)
        geometry = settings.value("main_window/geometry")
        if isinstance(geometry, QByteArray) and self.restoreGeometry(geometry):
            self.fit_to_screen()
        else:
            self.fit_to_screen(first=True)
        last = page or str(settings.value("main_window/last_page", "dashboard"))
        key = last if last in PAGE_KEYS and may_open(self.ctx, last) else self._first_allowed_page()
        if not page_after_paint:
            self.select_page(key)
            return
        # At start-up the window is painted first (sidebar, status bar) and the page built right after: the first
        # page's module and widgets are the biggest part of a start (the dashboard ~0.3 s), and the person sees
        # the window at once instead of nothing.
        self.navigation.blockSignals(True)
        self.navigation.setCurrentRow(PAGE_KEYS.index(key))
        self.navigation.blockSignals(False)
        self.installEventFilter(FirstPaint(self, self._build_current_page))

    def _build_current_page(self) -> None:
        """The page the sidebar marks, built if no click built one meanwhile; with it the start is over."""
        key = self.current_page_key()
        if key is not None and key not in self.pages:
            self._show(key)
        start_gc.resume()

    def fit_to_screen(self, *, first: bool = False) -> None:
        """Keep the window (and its frame) inside the screen's available area; `first`: the default size, centred.

        A geometry saved on a larger screen is shrunk and moved on, never restored off-screen; the minimum size
        gives way on a screen smaller than it.
        """
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            self.resize(DEFAULT_SIZE)
            return
        available = screen.availableGeometry()
        frame = ASSUMED_FRAME if self.frameGeometry() == self.geometry() else _frame_margins(self)
        room = available.marginsRemoved(frame).size()
        self.setMinimumSize(MINIMUM_SIZE.boundedTo(room))
        if self.isMaximized() or self.isFullScreen():
            return
        self.setGeometry(centred_rect(DEFAULT_SIZE, available, frame) if first
                         else fit_rect(self.geometry(), available, frame))

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


def demo_banner(ctx: AppContext, parent: QWidget) -> QLabel | None:
    """The permanent 演示数据 mark over every page, when the open database is demo data."""
    if not is_demo(ctx):
        return None
    banner = QLabel(QCoreApplication.translate("MainWindow", "Demo data — not this station's real ledger"), parent)
    banner.setObjectName("demoBanner")
    banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
    banner.setStyleSheet("QLabel#demoBanner { background: #ef6c00; color: white; font-weight: bold; padding: 6px; }")
    return banner


def _frame_margins(window: QWidget) -> QMargins:
    outer, inner = window.frameGeometry(), window.geometry()
    return QMargins(inner.left() - outer.left(), inner.top() - outer.top(), outer.right() - inner.right(),
                    outer.bottom() - inner.bottom())


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
