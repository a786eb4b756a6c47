"""设置 section 「简报字体」: pick an installed TrueType font for briefs, or go back to the bundled one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from controllers.core.context import AppContext
from controllers.core.permissions import can
from controllers.documents import pdf_pages as briefs_common
from controllers.documents.pdf_fonts import BUNDLED_FONT
from ui.common import background
from ui.common.background import Operation
from ui.common.events import Change

SYSTEM_FONTS = Path("/usr/share/fonts")
SAMPLE = "长寿路社区工作室 · 2024年第三季度工作简报"


class BriefFontPanel(QGroupBox):
    """Shows the briefs' font with a sample line; 选择字体… stores a new one, 恢复默认 clears it."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Brief font"), parent)
        self.setObjectName("briefFontPanel")
        self.ctx = ctx
        # Qt keeps application fonts for the process: load each file once, not on every refresh.
        self._families: dict[str, str | None] = {}

        self.font_label = QLabel(self)
        self.font_label.setObjectName("briefFontName")
        self.font_label.setWordWrap(True)
        self.sample_label = QLabel(self)
        self.sample_label.setObjectName("briefFontSample")
        self.choose_button = QPushButton(self.tr("Choose font…"), self)
        self.choose_button.setObjectName("chooseBriefFont")
        self.choose_button.clicked.connect(self.choose)
        self.reset_button = QPushButton(self.tr("Restore default"), self)
        self.reset_button.setObjectName("resetBriefFont")
        self.reset_button.clicked.connect(self.reset)
        allowed = can(ctx, "edit_settings")
        self.choose_button.setEnabled(allowed)
        self.reset_button.setEnabled(allowed)

        buttons = QHBoxLayout()
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.reset_button)
        buttons.addStretch(1)
        form = QFormLayout(self)
        form.setHorizontalSpacing(20)
        form.setVerticalSpacing(12)
        form.addRow(self.tr("Current font"), self.font_label)
        form.addRow(self.tr("Sample"), self.sample_label)
        form.addRow("", buttons)
        self.refresh()

    def refresh(self) -> None:
        """Show the stored font (or the bundled default) and the sample line in it."""
        path = briefs_common.get_brief_font_path(self.ctx)
        self.reset_button.setEnabled(path is not None and can(self.ctx, "edit_settings"))
        if path is None:
            self.font_label.setText(self.tr("Bundled font (default)"))
            self.font_label.setToolTip("")
            file = str(BUNDLED_FONT)
        else:
            self.font_label.setText(Path(path).name)
            self.font_label.setToolTip(path)
            file = path
        family = self._family(file)
        self.sample_label.setFont(QFont(family) if family else self.font())
        self.sample_label.setText(SAMPLE if family or path is None else Path(path).name)

    def choose(self) -> None:
        start = str(SYSTEM_FONTS) if SYSTEM_FONTS.is_dir() else ""
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a TrueType font"), start, self.tr("TrueType fonts (*.ttf *.ttc)")
        )
        if path:
            self._store(path)

    def reset(self) -> None:
        self._store(None)

    def _store(self, path: str | None) -> Operation:
        """Store the choice off the GUI thread; on a refusal the old choice stays stored, and the controller's
        words say why."""
        ctx = self.ctx
        operation = background.run(self, lambda: briefs_common.set_brief_font_path(ctx, path),
                                   changes=(Change.SETTINGS,), error_title=self.tr("Brief font"), name="brief font")
        operation.ended.connect(lambda _ok: self.refresh())
        return operation

    def _family(self, file: str) -> str | None:
        if file not in self._families:
            font_id = QFontDatabase.addApplicationFont(file)
            families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
            self._families[file] = families[0] if families else None
        return self._families[file]
