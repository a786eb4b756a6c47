"""UI fixtures: the dressed QApplication (font, translators, theme) and a shown main window on a fresh data dir."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from controllers.core.context import AppContext
from ui.common import theme
from ui.shell.app import build_main_window, create_application
from ui.shell.main_window import MainWindow


@pytest.fixture(scope="session", autouse=True)
def theme_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """qt-material's icons and our rendered sheets go to a temp folder, not the user's ~/.cache."""
    root = tmp_path_factory.mktemp("theme-cache")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(theme, "cache_dir", lambda name: root / name)
        yield root


@pytest.fixture
def shell_app(qapp: QApplication) -> QApplication:
    """pytest-qt's QApplication with what the real app installs: CJK font, Chinese translators, theme."""
    return create_application()


@pytest.fixture
def main_window(shell_app: QApplication, qtbot, app_ctx: AppContext) -> MainWindow:
    """The main window on this test's own data directory, shown (offscreen)."""
    window = build_main_window(app_ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window
