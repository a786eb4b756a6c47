"""Per-data-directory UI settings (window geometry, theme, last page) in <data dir>/ui.ini."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from controllers.core.context import AppContext

UI_INI = "ui.ini"


def ui_settings(ctx: AppContext) -> QSettings:
    """An IniFormat QSettings beside the database, so each data directory (and each test) has its own."""
    return QSettings(str(ctx.data_dir.root / UI_INI), QSettings.Format.IniFormat)
