"""设置: station name and follow-up days (stored with the data), the theme (ui.ini), database, data folder, versions."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from controllers.core.context import AppContext
from controllers.core.errors import UserError
from controllers.core.permissions import can
from controllers.station import settings as station_settings
from controllers.storage import server_config
from ui.common import background
from ui.common.background import Operation
from ui.common.events import Change
from ui.common.feedback import say
from ui.common.theme import THEMES, apply_theme, current_theme
from ui.common.ui_settings import ui_settings
from ui.onboarding.guide import open_guide
from ui.settings.backup_panel import BackupPanel
from ui.settings.brief_font_panel import BriefFontPanel
from ui.settings.brief_signoff_panel import BriefSignoffPanel
from ui.settings.conflicts_panel import ConflictsPanel
from ui.settings.packages_panel import PackagesPanel
from ui.settings.server_panel import DatabasePanel
from ui.settings.station_area_panel import StationAreaPanel
from ui.settings.supervision_panel import SupervisionPanel

FIELD_WIDTH = 360
SECTION_WIDTH = 820  # every section of the page, and so the column they stand in


def _form(box: QGroupBox) -> QFormLayout:
    form = QFormLayout(box)
    # Labels centred on their field's line: the theme's tall inputs otherwise leave them sitting high.
    form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
    form.setHorizontalSpacing(20)
    form.setVerticalSpacing(12)
    return form


class SettingsPage(QWidget):
    """Edits station-wide settings; the theme applies as soon as it is chosen."""

    stationNameChanged = Signal(str)
    themeChanged = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page-settings")
        self.ctx = ctx

        # -- station ------------------------------------------------------------------------
        station_box = QGroupBox(self.tr("Station"), self)
        self.name_edit = QLineEdit(station_box)
        self.name_edit.setObjectName("stationName")
        self.name_edit.setMaxLength(station_settings.STATION_NAME_MAX + 20)  # longer input gets a clear message
        self.name_edit.setMinimumWidth(FIELD_WIDTH)
        self.name_edit.setPlaceholderText(self.tr("e.g. Changshou Road community work station"))
        self.followup_spin = QSpinBox(station_box)
        self.followup_spin.setObjectName("followupDays")
        self.followup_spin.setRange(station_settings.FOLLOWUP_DAYS_MIN, station_settings.FOLLOWUP_DAYS_MAX)
        self.followup_spin.setSuffix(self.tr(" days"))
        self.followup_spin.setFixedWidth(160)
        self.save_button = QPushButton(self.tr("Save"), station_box)
        self.save_button.setObjectName("saveSettings")
        self.save_button.clicked.connect(self.save)
        self.message = QLabel(station_box)
        self.message.setObjectName("settingsMessage")
        self.message.setWordWrap(True)

        form = _form(station_box)
        form.addRow(self.tr("Station name"), self.name_edit)
        if server_config.current_database(ctx).is_server:
            # On a shared server the name says which station this desk is (its area is kept under that name).
            self.name_hint = QLabel(self.tr(
                "On the shared server each station is known by its name, and its area is kept under that name: "
                "give every computer of this station the same name."), station_box)
            self.name_hint.setObjectName("stationNameHint")
            self.name_hint.setWordWrap(True)
            self.name_hint.setMaximumWidth(FIELD_WIDTH * 2)
            form.addRow("", self.name_hint)
        form.addRow(self.tr("Follow-up visit after closing"), self.followup_spin)
        # The first-start guide, again: name, area, estates and staff in one walk.
        self.guide_button = QPushButton(self.tr("Getting started guide"), station_box)
        self.guide_button.setObjectName("openSetupGuide")
        self.guide_button.clicked.connect(lambda: open_guide(self.ctx, self.window()))
        self.guide_button.setVisible(can(ctx, "edit_settings"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.guide_button)
        buttons.addWidget(self.message, 1)
        form.addRow("", buttons)

        # -- appearance ---------------------------------------------------------------------
        look_box = QGroupBox(self.tr("Appearance"), self)
        self.theme_combo = QComboBox(look_box)
        self.theme_combo.setObjectName("theme")
        self.theme_combo.addItem(self.tr("Light"), "light")
        self.theme_combo.addItem(self.tr("Dark"), "dark")
        self.theme_combo.setFixedWidth(160)
        look_form = _form(look_box)
        look_form.addRow(self.tr("Theme"), self.theme_combo)

        # -- about --------------------------------------------------------------------------
        about_box = QGroupBox(self.tr("Data and version"), self)
        self.data_dir_edit = QLineEdit(str(ctx.data_dir.root), about_box)
        self.data_dir_edit.setObjectName("dataDir")
        self.data_dir_edit.setReadOnly(True)
        self.data_dir_edit.setMinimumWidth(FIELD_WIDTH)
        open_button = QPushButton(self.tr("Open folder"), about_box)
        open_button.clicked.connect(self._open_data_dir)
        dir_row = QHBoxLayout()
        dir_row.addWidget(self.data_dir_edit, 1)
        dir_row.addWidget(open_button)
        self.app_version_label = QLabel(about_box)
        self.app_version_label.setObjectName("appVersion")
        self.schema_version_label = QLabel(about_box)
        self.schema_version_label.setObjectName("schemaVersion")
        about_form = _form(about_box)
        about_form.addRow(self.tr("Data folder"), dir_row)
        about_form.addRow(self.tr("Program version"), self.app_version_label)
        about_form.addRow(self.tr("Database version"), self.schema_version_label)

        # The sections outgrow a 768-pixel-high screen: scroll rather than squeeze them.
        content = QWidget(self)
        content.setObjectName("settingsContent")
        scroll = QScrollArea(self)
        scroll.setObjectName("settingsScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(32, 28, 32, 28)
        margins = layout.contentsMargins()
        layout.setSpacing(18)
        title = QLabel(self.tr("Settings"), content)
        title.setObjectName("pageTitle")
        layout.addWidget(title)
        self.backup_panel = BackupPanel(ctx, self)
        self.brief_font_panel = BriefFontPanel(ctx, self)
        self.database_panel = DatabasePanel(ctx, self)
        # Exchange packages for stations off the server; their conflicts wait right below for a person to decide.
        self.packages_panel = PackagesPanel(ctx, self)
        self.conflicts_panel = ConflictsPanel(ctx, self)
        self.packages_panel.imported.connect(lambda _result: self.conflicts_panel.refresh())
        boxes = (station_box, look_box, self.brief_font_panel, self.database_panel, self.packages_panel,
                 self.conflicts_panel, self.backup_panel, about_box)
        for box in boxes:
            box.setMaximumWidth(SECTION_WIDTH)
            layout.addWidget(box)
        # Right below the station's name: which estates are the station's own (a shared street server).
        self.station_area_panel = StationAreaPanel(ctx, self)
        self.station_area_panel.setMaximumWidth(SECTION_WIDTH)
        layout.insertWidget(layout.indexOf(station_box) + 1, self.station_area_panel)
        # After the station's area: how the 督查督办 page finds slow cases, and each year's targets (issue 20).
        self.supervision_panel = SupervisionPanel(ctx, self)
        self.supervision_panel.setMaximumWidth(SECTION_WIDTH)
        layout.insertWidget(layout.indexOf(self.station_area_panel) + 1, self.supervision_panel)
        # Under the brief font: who signs a formal brief and who gets it (issue 22).
        self.brief_signoff_panel = BriefSignoffPanel(ctx, self)
        self.brief_signoff_panel.setMaximumWidth(SECTION_WIDTH)
        layout.insertWidget(layout.indexOf(self.brief_font_panel) + 1, self.brief_signoff_panel)
        layout.addStretch(1)
        # The column is as wide as its sections (820) plus margins, not the window: a scroll area sizes its content by
        # heightForWidth at the content's own width, and Qt's box layout does not narrow a child to its maximum width
        # when it asks, so at 1366 the wrapped texts were measured one line short per section and the fixed-height
        # estate list of 本工作室范围 overlapped the rows below it.
        content.setMaximumWidth(SECTION_WIDTH + margins.left() + margins.right())
        scroll.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        scroll.setWidget(content)

        self.refresh()
        self.theme_combo.currentIndexChanged.connect(self._on_theme_chosen)

    def refresh(self) -> None:
        """Reload the values from the database and ui.ini (called each time the page is shown)."""
        values = station_settings.get_settings(self.ctx)
        self.name_edit.setText(values.station_name)
        self.followup_spin.setValue(values.followup_days)
        index = self.theme_combo.findData(current_theme())
        self.theme_combo.blockSignals(True)
        self.theme_combo.setCurrentIndex(max(index, 0))
        self.theme_combo.blockSignals(False)
        info = station_settings.version_info(self.ctx)
        self.app_version_label.setText(info.app_version)
        schema = info.schema_version or self.tr("not initialised")
        if info.schema_version != info.schema_head:
            schema = self.tr("%1 (latest: %2)").replace("%1", schema).replace("%2", info.schema_head)
        self.schema_version_label.setText(schema)
        self.message.clear()
        self.station_area_panel.refresh()
        self.backup_panel.refresh()
        self.brief_font_panel.refresh()
        self.database_panel.refresh()
        self.packages_panel.refresh()
        self.conflicts_panel.refresh()

    def save(self) -> Operation:
        """Store name and follow-up days off the GUI thread; on bad input show the controller's message and keep
        the edits."""
        ctx, name, days = self.ctx, self.name_edit.text(), self.followup_spin.value()
        self.save_button.setEnabled(False)
        operation = background.run(
            self, lambda: station_settings.update_settings(ctx, station_name=name, followup_days=days),
            changes=(Change.SETTINGS,), done=self._saved, refused=self._refused, report_to=self.message,
            name="station settings")
        operation.ended.connect(lambda _ok: self.save_button.setEnabled(True))
        return operation

    def _saved(self, stored: station_settings.StationSettings) -> None:
        self.name_edit.setText(stored.station_name)
        self._say(self.tr("Saved."), error=False)
        self.stationNameChanged.emit(stored.station_name)

    def _refused(self, exc: UserError) -> None:
        self._say(exc.message, error=True)
        self.name_edit.setFocus()

    def _say(self, text: str, *, error: bool) -> None:
        say(self.message, text, error=error)

    def _on_theme_chosen(self, index: int) -> None:
        theme = str(self.theme_combo.itemData(index))
        if theme not in THEMES:
            return
        apply_theme(theme)
        ui_settings(self.ctx).setValue("theme", theme)
        self.themeChanged.emit(theme)

    def _open_data_dir(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.ctx.data_dir.root)))
