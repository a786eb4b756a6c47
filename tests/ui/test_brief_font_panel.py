"""设置 → 简报字体: choosing a TrueType font stores it, a non-font is refused with a warning, 恢复默认 clears it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from controllers.core.context import AppContext
from controllers.documents import pdf_pages as briefs_common
from models.paths import RESOURCES_DIR
from ui.common import background
from ui.settings.brief_font_panel import BriefFontPanel

SYSTEM_DROID = Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf")
FONT = SYSTEM_DROID if SYSTEM_DROID.is_file() else RESOURCES_DIR / "fonts" / "DroidSansFallbackFull.ttf"


@pytest.fixture
def panel(shell_app, qtbot, app_ctx: AppContext) -> BriefFontPanel:
    widget = BriefFontPanel(app_ctx)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _pick(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))


def test_choose_font_stores_it_and_reset_clears_it(panel: BriefFontPanel, qtbot, app_ctx, monkeypatch) -> None:
    assert briefs_common.get_brief_font_path(app_ctx) is None
    assert panel.font_label.text() == "内置字体（默认）"
    _pick(monkeypatch, FONT)
    panel.choose_button.click()
    qtbot.waitUntil(lambda: panel.font_label.text() == FONT.name)
    assert briefs_common.get_brief_font_path(app_ctx) == str(FONT)
    panel.reset_button.click()
    qtbot.waitUntil(lambda: panel.font_label.text() == "内置字体（默认）")
    assert briefs_common.get_brief_font_path(app_ctx) is None
    assert panel.font_label.text() == "内置字体（默认）"


def test_non_font_is_refused_and_old_choice_kept(panel: BriefFontPanel, qtbot, app_ctx, monkeypatch,
                                                 tmp_path) -> None:
    _pick(monkeypatch, FONT)
    panel.choose_button.click()
    qtbot.waitUntil(lambda: panel.font_label.text() == FONT.name)
    bogus = tmp_path / "notes.ttf"
    bogus.write_text("这不是字体", encoding="utf-8")
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda _parent, _title, text, *a: warnings.append(text)))
    for path in (bogus, tmp_path / "notes.txt"):
        path.write_text("这不是字体", encoding="utf-8")
        _pick(monkeypatch, path)
        panel.choose_button.click()
        qtbot.waitUntil(lambda: background.running() == 0)
    assert len(warnings) == 2
    assert "字体" in warnings[0] and "TrueType" in warnings[1]
    assert briefs_common.get_brief_font_path(app_ctx) == str(FONT)
    assert panel.font_label.text() == FONT.name
