"""GUI composition: QApplication (CJK font, Chinese translators, qt-material theme), main window, screenshots."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QProcess, QSize, Qt, QTimer, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QMessageBox

from controllers.accounts import users as accounts
from controllers.core.context import AppContext
from controllers.core.errors import UserError
from controllers.core.permissions import NOBODY
from controllers.demo.mark import is_demo
from ui.accounts import dialogs
from ui.common import background
from ui.common.first_paint import report_first_paint_and_quit
from ui.common.restart import restart_requested
from ui.common.theme import DEFAULT_THEME, FONT_SIZE_PX, LATIN_FAMILY, apply_theme, qt_material_dir
from ui.common.ui_settings import ui_settings
from ui.shell.main_window import MainWindow
from ui.shell.pages import resolve_page
from ui.shell.qt_gaps import QtGapsTranslator

if TYPE_CHECKING:
    from controllers.core.paths import DataDir
    from controllers.storage.integrity import CorruptDatabaseError

log = logging.getLogger(__name__)

RESOURCES_DIR = Path(__file__).resolve().parents[2] / "resources"
FONT_FILE = RESOURCES_DIR / "fonts" / "DroidSansFallbackFull.ttf"
I18N_DIR = RESOURCES_DIR / "i18n"
QUIT_WHEN_SHOWN_ENV = "STATION_LEDGER_QUIT_WHEN_SHOWN"

_READY = "stationLedgerReady"


def create_application(argv: Sequence[str] | None = None, *, theme: str | None = None) -> QApplication:
    """Return the QApplication, creating and dressing it once: font, translators, theme (idempotent)."""
    app = QApplication.instance()
    if app is None:
        QCoreApplication.setOrganizationName("station-ledger")
        QCoreApplication.setApplicationName("station-ledger")
        app = QApplication(list(argv) if argv else sys.argv[:1])
    assert isinstance(app, QApplication)
    if not app.property(_READY):
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        load_cjk_font(app)
        install_translators(app)
        app.setProperty(_READY, True)
    if theme is not None or not app.property("stationLedgerTheme"):
        apply_theme(theme or DEFAULT_THEME)
    return app


def load_cjk_font(app: QApplication) -> str | None:
    """Register the bundled CJK font so Chinese never renders as boxes; returns its family name."""
    # qt-material registers Roboto only when it renders its sheet; a cached sheet skips that, so we do it here.
    for style in ("Regular", "Medium", "Bold", "Italic", "BoldItalic"):
        QFontDatabase.addApplicationFont(str(qt_material_dir() / "fonts" / "roboto" / f"Roboto-{style}.ttf"))
    font_id = QFontDatabase.addApplicationFont(str(FONT_FILE))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        log.warning("could not load the bundled CJK font %s", FONT_FILE)
        return None
    cjk = families[0]
    # The stylesheet names Roboto (and the platform may name others); substitutions make Qt look for CJK
    # glyphs in the bundled font whatever family a widget asks for, even with no CJK font installed.
    for family in (LATIN_FAMILY, app.font().family(), "Sans Serif", "sans-serif"):
        QFont.insertSubstitution(family, cjk)
    font = app.font()
    font.setFamilies([LATIN_FAMILY, cjk])
    # Points, not pixels: code that scales the app font (pointSizeF() * k) breaks on a pixel-sized font (-1 pt).
    font.setPointSizeF(FONT_SIZE_PX * 72 / 96)
    app.setFont(font)
    app.setProperty("stationLedgerCjkFamily", cjk)
    return cjk


def install_translators(app: QApplication) -> list[QTranslator]:
    """Install Qt's own zh_CN strings (dialog buttons...) and every .qm in resources/i18n."""
    translators: list[QTranslator] = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    candidates = [Path(qt_dir) / "qtbase_zh_CN.qm", *sorted(I18N_DIR.glob("*.qm"))]
    for path in candidates:
        translator = QTranslator(app)
        if translator.load(str(path)):
            app.installTranslator(translator)
            translators.append(translator)
        else:
            log.warning("could not load translation %s", path)
    gaps = QtGapsTranslator(app)  # the few Qt dialog strings qtbase_zh_CN lacks
    app.installTranslator(gaps)
    translators.append(gaps)
    return translators


def build_main_window(ctx: AppContext, *, persist: bool = True, page: str | None = None,
                      page_after_paint: bool = False) -> MainWindow:
    """Create the main window for this data directory; applies the theme saved in its ui.ini.

    page_after_paint: the first page is built once the window's first frame is painted (the GUI start).
    """
    saved = str(ui_settings(ctx).value("theme", DEFAULT_THEME))
    create_application(theme=saved)
    return MainWindow(ctx, persist=persist, page=page, page_after_paint=page_after_paint)


def run_gui(ctx: AppContext) -> int:
    """Start the GUI on an opened data directory and run the event loop; returns the exit code.

    The GUI always signs someone in first (the first start creates the administrator); the CLI and tests act as
    the local administrator instead (controllers.core.permissions.local_admin).
    """
    app = create_application(sys.argv[:1])
    # The start-up benchmark (quit as soon as shown) measures like the CLI, as the local administrator.
    measuring = os.environ.get(QUIT_WHEN_SHOWN_ENV) == "1"
    # Demo data belongs to nobody: it opens as the local administrator, with no account to create first.
    signing_in = not measuring and not is_demo(ctx)
    if signing_in:
        ctx.sign_in(NOBODY)
        if not dialogs.sign_in(ctx):
            return 0
    window = build_main_window(ctx, page_after_paint=True)
    if signing_in:
        window.set_idle_minutes(accounts.get_idle_minutes(ctx))
    # Quitting without closing the window (logout, the benchmark) must still keep the layout.
    app.aboutToQuit.connect(window.save_state)
    if measuring:  # the benchmark measures process start to the window's first painted frame
        report_first_paint_and_quit(window, app)
    window.show()
    if not measuring:  # a measuring run is not a working session: no automatic backups
        start_automatic_backups(app, window, ctx)
        # A database never set up (the administrator was just made): 开始使用 leads the way.
        QTimer.singleShot(0, lambda: offer_first_start_guide(ctx, window))
    code = app.exec()
    if restart_requested():
        # After a restore from 设置: a fresh process opens the restored data (sys.argv keeps --data-dir).
        # Frozen, sys.executable is the app itself and argv[0] its path, which must not come back as an argument.
        frozen = bool(getattr(sys, "frozen", False))
        QProcess.startDetached(sys.executable, sys.argv[1:] if frozen else sys.argv)
    return code


def offer_first_start_guide(ctx: AppContext, window: MainWindow) -> None:
    """开始使用 on a database never set up; the guide's module (~0.3 s with its dialogs) loads after the paint."""
    from ui.onboarding.guide import offer_at_first_start

    offer_at_first_start(ctx, window)


def start_automatic_backups(app: QApplication, window: MainWindow, ctx: AppContext) -> None:
    """The first start of the day backs up off the GUI thread once the window shows; quitting backs up changes."""
    # Loaded once the window is built (~30 ms: backups, rota, attachments): showing the window does not need it.
    from controllers.backup import backups as backup

    def show(message: str) -> None:
        window.statusBar().showMessage(message, 15000)

    def daily() -> None:
        if not backup.backup_due_today(ctx):
            return
        background.run(window, lambda: backup.make_backup(ctx, reason="daily"), report_to=show, name="daily backup",
                       done=lambda info: show(QCoreApplication.translate("app", "Daily backup saved and verified.")
                                              if info.ok else info.message))

    def on_quit() -> None:
        background.wait_all()  # never quit in the middle of writing a backup
        if restart_requested():
            return  # just restored: the restored data needs no exit backup
        try:
            backup.backup_on_exit(ctx)
        except Exception:  # quitting must not fail because of a backup; the log says why
            log.exception("exit backup failed")

    QTimer.singleShot(0, daily)
    app.aboutToQuit.connect(on_quit)


def ask_server_password(user: str, shown: str, again: bool) -> str | None:
    """At start, when the database server wants a password: ask for it (never stored); None when cancelled."""
    create_application(sys.argv[:1])
    label = QCoreApplication.translate(
        "app", "The database server %1 asks for the password of user “%2”.\n"
        "The password is not saved. To avoid typing it at each start, keep it in a .pgpass file."
    ).replace("%1", shown).replace("%2", user)
    if again:
        label = QCoreApplication.translate("app", "The password was not accepted. Please try again.") + "\n\n" + label
    text, ok = QInputDialog.getText(None, QCoreApplication.translate("app", "Database password"), label,
                                    QLineEdit.EchoMode.Password)
    return text if ok else None


def show_start_error(error: UserError) -> None:
    """The Chinese reason the database could not be opened, in a dialog (a window user never sees stderr)."""
    if getattr(error, "reason", None) == "cancelled":
        return  # the user cancelled the password dialog: nothing to explain
    create_application(sys.argv[:1])
    QMessageBox.critical(None, QCoreApplication.translate("app", "Cannot open the database"), error.message)


def offer_restore(data_dir: DataDir, error: CorruptDatabaseError) -> bool:
    """At start with a damaged database: offer the newest good backup; True when it was restored."""
    # Only on the damaged-database path; a normal start does not load the backup package (~30 ms).
    from controllers.backup.restore import describe, restore_backup

    create_application(sys.argv[:1])
    title = QCoreApplication.translate("app", "Database damaged")
    if error.backup is None:
        QMessageBox.critical(None, title, error.message)
        return False
    question = QCoreApplication.translate(
        "app",
        "The database file is damaged and was not opened, so that no more data is lost.\n\n"
        "Restore the newest good backup “%1”?\nThe damaged file is kept beside it, never deleted.",
    ).replace("%1", error.backup.name)
    if QMessageBox.question(None, title, question) != QMessageBox.StandardButton.Yes:
        return False
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        info = restore_backup(data_dir, error.backup)
    except UserError as exc:
        QApplication.restoreOverrideCursor()
        QMessageBox.critical(None, title, exc.message)
        return False
    QApplication.restoreOverrideCursor()
    QMessageBox.information(None, QCoreApplication.translate("app", "Restore from backup"), describe(info))
    return True


def save_page_screenshot(
    ctx: AppContext, page: str, path: str | os.PathLike[str], size: tuple[int, int] = (1440, 900)
) -> Path:
    """Render the main window offscreen at `size` with `page` selected and save it as PNG."""
    if QApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    create_application()

    key = resolve_page(page)
    window = build_main_window(ctx, persist=False, page=key)
    try:
        window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
        window.resize(QSize(*size))
        window.show()
        QApplication.processEvents()
        # A page that loads in the background (the dashboard) says when its figures are in.
        wait = getattr(window.pages.get(key), "wait_until_ready", None)
        if callable(wait):
            wait()
            QApplication.processEvents()
        out = Path(path)
        out.parent.mkdir(parents=True, exist_ok=True)
        pixmap = window.grab()
        if not pixmap.save(str(out), "PNG"):
            raise OSError(f"cannot write {out}")
        return out
    finally:
        window.close()
        window.deleteLater()
        # No event loop ran, so aboutToQuit's wait never comes: a refresh still running when the process ends
        # aborts it ("QThread: Destroyed while thread is still running", about one screenshot in ten).
        background.wait_all()
