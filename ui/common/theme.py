"""The qt-material light/dark theme, rendered once and cached, so start-up does not pay for it every time."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
import os
from pathlib import Path

from platformdirs import user_cache_path
from PySide6.QtCore import QDir
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

THEMES = {"light": "light_blue.xml", "dark": "dark_blue.xml"}
DEFAULT_THEME = "light"
# Latin text and digits stay in qt-material's Roboto; every CJK glyph falls back to the bundled font.
LATIN_FAMILY = "Roboto"
# 14 px rather than qt-material's 13: Chinese at 13 px is tiring on a screen read all day.
FONT_SIZE_PX = 14
_THEME_PROPERTY = "stationLedgerTheme"

# Small corrections to qt-material for an all-day data-entry app: no shouting capitals on buttons,
# a sidebar with room to breathe, group titles in the theme's colour instead of a grey that reads as disabled, and
# table headers without qt-material's 24 px side padding, which clipped four-character Chinese headers ("发现问题"
# read "!现问!") in the widths the ledgers are laid out for.
EXTRA_QSS = """
QPushButton, QToolButton, QTabBar::tab { text-transform: none; }
QListWidget#navigation { font-size: 15px; border: none; }
QListWidget#navigation::item { padding: 10px 14px; }
QLabel#pageTitle { font-size: 24px; font-weight: bold; }
QGroupBox::title { color: %(primaryColor)s; font-weight: bold; }
QLabel#placeholderHint { color: %(secondaryTextColor)s; font-style: italic; }
QHeaderView::section { padding: 0 8px; }
"""


def cache_dir(theme: str) -> Path:
    """Where qt-material's recoloured icons and our rendered stylesheet live; ours, not ~/.qt_material."""
    return user_cache_path("station-ledger", appauthor=False) / "qt_material" / theme


def qt_material_dir() -> Path:
    spec = importlib.util.find_spec("qt_material")
    assert spec is not None and spec.origin is not None
    return Path(spec.origin).parent


def _cache_key(theme: str, cjk_family: str | None) -> str:
    # Anything that changes the rendered sheet changes the key: qt-material's template, our additions, the font.
    template = qt_material_dir() / "material.qss.template"
    stat = template.stat()
    parts = [THEMES[theme], str(stat.st_mtime_ns), str(stat.st_size), EXTRA_QSS, str(cjk_family), str(FONT_SIZE_PX)]
    return hashlib.sha1("\n".join(parts).encode()).hexdigest()[:16]


def _render(app: QApplication, theme: str, cjk_family: str | None, folder: Path) -> tuple[str, str]:
    from qt_material import apply_stylesheet  # slow import; it also needs PySide6 loaded first

    family = f'"{LATIN_FAMILY}", "{cjk_family}"' if cjk_family else LATIN_FAMILY
    extra = {"font_family": family, "font_size": FONT_SIZE_PX, "density_scale": "0"}
    apply_stylesheet(app, theme=THEMES[theme], invert_secondary=(theme == "light"), extra=extra, parent=str(folder))
    # qt-material exports its colours to the environment; our additions reuse them so both themes match.
    colours = {k: os.environ.get(f"QTMATERIAL_{k.upper()}", "") for k in ("primaryColor", "secondaryTextColor")}
    return app.styleSheet() + EXTRA_QSS % colours, colours["primaryColor"]


def apply_theme(theme: str) -> None:
    """Apply the light or dark theme to the running application, from the cache when it is there."""
    if theme not in THEMES:
        theme = DEFAULT_THEME
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    if app.property(_THEME_PROPERTY) == theme:
        return
    cjk = app.property("stationLedgerCjkFamily")
    folder = cache_dir(theme)
    cached = folder / f"style-{_cache_key(theme, cjk)}.json"
    try:
        if not (folder / "primary").is_dir():
            raise FileNotFoundError(folder / "primary")  # icons cleaned away: render again
        data = json.loads(cached.read_text(encoding="utf-8"))
        sheet, primary = data["qss"], data["primary"]
        # What apply_stylesheet does besides the sheet: the Fusion style, icon search paths, the text colour.
        app.setStyle("Fusion")
        QDir.addSearchPath("icon", str(folder))
        QDir.addSearchPath("qt_material", str(qt_material_dir() / "resources"))
        palette = QGuiApplication.palette()
        colour = QColor(primary)
        colour.setAlpha(92)
        palette.setColor(QPalette.ColorRole.Text, colour)
        QGuiApplication.setPalette(palette)
    except (OSError, ValueError, KeyError):
        folder.mkdir(parents=True, exist_ok=True)
        sheet, primary = _render(app, theme, cjk, folder)
        try:
            for old in folder.glob("style-*.json"):
                old.unlink()
            cached.write_text(json.dumps({"qss": sheet, "primary": primary}), encoding="utf-8")
        except OSError:
            log.warning("cannot cache the theme in %s", folder)
    app.setStyleSheet(sheet)
    app.setProperty(_THEME_PROPERTY, theme)


def current_theme() -> str:
    app = QApplication.instance()
    value = app.property(_THEME_PROPERTY) if app is not None else None
    return str(value) if value else DEFAULT_THEME
