"""设置 section 「本工作室范围」: the station's street and optionally its estates (administrator only)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from controllers.core.context import AppContext
from controllers.core.permissions import can
from controllers.reference import choices as reference_data
from controllers.station import area as station
from ui.common import background
from ui.common.background import Operation
from ui.common.events import Change
from ui.common.feedback import say
from ui.common.rows_model import ID_ROLE


class StationAreaPanel(QGroupBox):
    """Street picker plus a checkable list of that street's estates; no street = every estate (a desk alone)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Station area"), parent)
        self.setObjectName("stationAreaPanel")
        self.ctx = ctx
        allowed = can(ctx, "edit_settings")

        self.intro = QLabel(self.tr(
            "On a shared street server each station edits only its own estates. Not set: every estate in the "
            "database is the station's own (a station working alone on its desk)."), self)
        self.intro.setWordWrap(True)
        self.street_combo = QComboBox(self)
        self.street_combo.setObjectName("areaStreet")
        self.street_combo.setMinimumWidth(280)
        self.estate_list = QListWidget(self)
        self.estate_list.setObjectName("areaEstates")
        self.estate_list.setMinimumWidth(420)
        self.estate_list.setFixedHeight(180)
        # qt-material draws an unticked box as nothing at all: outline it so the list reads as tickable.
        self.estate_list.setStyleSheet("QListWidget#areaEstates::indicator:unchecked { border: 1px solid #9e9e9e;"
                                       " border-radius: 2px; width: 14px; height: 14px; }")
        self.estate_hint = QLabel(self)
        self.estate_hint.setObjectName("areaEstatesHint")
        self.summary = QLabel(self)
        self.summary.setObjectName("areaSummary")
        self.save_area_button = QPushButton(self.tr("Save area"), self)
        self.save_area_button.setObjectName("saveStationArea")
        self.save_area_button.clicked.connect(self.save)
        self.message = QLabel(self)
        self.message.setObjectName("areaMessage")
        self.message.setWordWrap(True)
        for widget in (self.street_combo, self.estate_list, self.save_area_button):
            widget.setEnabled(allowed)

        buttons = QHBoxLayout()
        buttons.addWidget(self.save_area_button)
        buttons.addWidget(self.message, 1)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.setHorizontalSpacing(20)
        form.setVerticalSpacing(12)
        form.addRow(self.tr("Current area"), self.summary)
        form.addRow(self.tr("Street"), self.street_combo)
        form.addRow(self.tr("Estates"), self.estate_list)
        form.addRow("", self.estate_hint)
        form.addRow("", buttons)
        # The wrapped introduction sits above the form: inside a QFormLayout a spanning word-wrapped label is
        # measured one line short and the fixed-height estate list then overlaps the row below it.
        outer = QVBoxLayout(self)
        outer.setSpacing(12)
        outer.addWidget(self.intro)
        outer.addLayout(form)
        # In 设置's scroll area the sections get their minimum height; the estate list needs its full one.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.street_combo.currentIndexChanged.connect(lambda _i: self._fill_estates(()))
        self.refresh()

    def refresh(self) -> None:
        """Show the stored area: its street chosen and its estates ticked."""
        area = station.get_station_area(self.ctx)
        streets = reference_data.street_choices(self.ctx)
        self.street_combo.blockSignals(True)
        self.street_combo.clear()
        self.street_combo.addItem(self.tr("Not set (every estate)"), None)
        for street_id, name in streets:
            self.street_combo.addItem(name, street_id)
        index = self.street_combo.findText(area.street) if area.street else 0
        self.street_combo.setCurrentIndex(max(index, 0))
        self.street_combo.blockSignals(False)
        self._fill_estates(area.estate_ids)
        self.summary.setText(self._describe(area))
        self.message.clear()

    def _describe(self, area: station.StationArea) -> str:
        if area.covers_everything:
            return self.tr("Not set: every estate")
        if not area.estate_ids:
            return self.tr("%1, every estate of the street").replace("%1", area.street or "")
        return self.tr("%1, %n chosen estate(s)", "", len(area.estate_ids)).replace("%1", area.street or "")

    def _fill_estates(self, checked: tuple[int, ...]) -> None:
        street_id = self.street_combo.currentData()
        self.estate_list.clear()
        if street_id is None:
            self.estate_list.setEnabled(False)
            self.estate_hint.setText(self.tr("Choose a street to pick estates."))
            return
        self.estate_list.setEnabled(can(self.ctx, "edit_settings"))
        for estate_id, name in reference_data.estate_choices(self.ctx, street_id=int(street_id)):
            item = QListWidgetItem(name, self.estate_list)
            item.setData(ID_ROLE, estate_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if estate_id in checked else Qt.CheckState.Unchecked)
        self.estate_hint.setText(self.tr("None ticked: every estate of the street belongs to the station."))

    def checked_estate_ids(self) -> list[int]:
        items = (self.estate_list.item(row) for row in range(self.estate_list.count()))
        return [int(i.data(ID_ROLE)) for i in items if i.checkState() == Qt.CheckState.Checked]

    def save(self) -> Operation:
        """Store the area off the GUI thread (`.wait()` for True once saved); a refusal shows in red."""
        street = self.street_combo.currentText() if self.street_combo.currentData() is not None else None
        ctx, estate_ids = self.ctx, self.checked_estate_ids()
        return background.run(self, lambda: station.set_station_area(ctx, street=street, estate_ids=estate_ids),
                              changes=(Change.SETTINGS,), done=self._saved, report_to=self.message,
                              name="station area")

    def _saved(self, area: station.StationArea) -> None:
        self.summary.setText(self._describe(area))
        say(self.message, self.tr("Saved. The own-station view now shows these estates."), error=False)
