"""The guide's steps. Each saves through the existing controllers off the GUI thread when 下一步 is pressed, and
each can be skipped (跳过此步 moves on without saving anything)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from controllers.core.context import AppContext
from controllers.reference import estates as est
from controllers.reference import people
from controllers.station import area as station
from controllers.station import settings as station_settings
from controllers.station import setup_guide
from ui.common import background
from ui.common.events import Change, data_events, notify
from ui.common.feedback import say
from ui.common.navigation import go_to
from ui.onboarding.models import EstatesSoFarModel, StaffSoFarModel
from ui.reference.estate_dialog import EstateDialog
from ui.settings.station_area_panel import StationAreaPanel

# The controller call a step runs on 下一步 and what it changes.
SaveCall = tuple[Callable[[], object], tuple[Change, ...]]


def _message(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setObjectName("stepMessage")
    label.setWordWrap(True)
    return label


def _table(model: EstatesSoFarModel | StaffSoFarModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    return view


class Step(QWizardPage):
    """A step that saves on 下一步 (waiting for the save, so a refusal keeps the user on the step) unless skipped."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.skipping = False
        self.message = _message(self)

    def save_call(self) -> SaveCall | None:
        """The controller call to run (and what it changes), or None when there is nothing to save."""
        return None

    def validatePage(self) -> bool:
        if self.skipping:
            self.skipping = False
            return True
        call = self.save_call()
        if call is None:
            return True
        work, changes = call
        operation = background.run(self, work, changes=changes, report_to=self.message,
                                   name="setup guide step")
        return operation.wait()


class NameStep(Step):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setTitle(self.tr("Station name"))
        self.setSubTitle(self.tr("The name shows in the status bar, on briefs and on printed sheets."))
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("guideStationName")
        self.name_edit.setMaxLength(station_settings.STATION_NAME_MAX + 20)  # longer input gets a clear message
        self.name_edit.setPlaceholderText(self.tr("e.g. Changshou Road community work station"))
        form = QFormLayout(self)
        form.addRow(self.tr("Station name"), self.name_edit)
        form.addRow("", self.message)

    def initializePage(self) -> None:
        self.name_edit.setText(station_settings.get_station_name(self.ctx))

    def save_call(self) -> SaveCall | None:
        ctx, name = self.ctx, self.name_edit.text()
        return (lambda: station_settings.set_station_name(ctx, name)), (Change.SETTINGS,)


class AreaStep(Step):
    """The street, then (once estates exist) which of its estates are the station's: the 设置 panel's pickers."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setTitle(self.tr("Station area"))
        self.setSubTitle(self.tr("Choose the street the station works in. With no estates entered yet, "
                                 "leave them unticked: every estate of the street is then the station's."))
        self.panel = StationAreaPanel(ctx, self)
        self.panel.setTitle("")
        self.panel.save_area_button.hide()  # the guide saves on 下一步
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel)
        layout.addWidget(self.message)

    def initializePage(self) -> None:
        self.panel.refresh()

    def save_call(self) -> SaveCall | None:
        combo = self.panel.street_combo
        street = combo.currentText() if combo.currentData() is not None else None
        ctx, ids = self.ctx, self.panel.checked_estate_ids()
        return (lambda: station.set_station_area(ctx, street=street, estate_ids=ids)), (Change.SETTINGS, Change.VIEW)


class EstatesStep(Step):
    """The estates so far, with their population, committee, property company and pilot flag, and two ways to
    add more: an Excel sheet, or one by one."""

    import_requested = Signal()  # 从 Excel 导入…: wired in ui.onboarding.guide.wire_import

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setTitle(self.tr("Estates"))
        self.setSubTitle(self.tr("Each estate with its population, residents' committee, property company and "
                                 "pilot flag: complaints per 10,000 residents and the pilot figures count from them."))
        self.model = EstatesSoFarModel(self)
        self.view = _table(self.model)
        self.view.setObjectName("guideEstates")
        self.count = QLabel(self)
        self.import_button = QPushButton(self.tr("Import from Excel…"), self)
        self.import_button.setObjectName("guideImport")
        self.import_button.clicked.connect(self.import_requested.emit)
        self.add_button = QPushButton(self.tr("Add an estate…"), self)
        self.add_button.setObjectName("guideAddEstate")
        self.add_button.clicked.connect(self.add_estate)
        self.reference_button = QPushButton(self.tr("Open Reference data"), self)
        self.reference_button.setObjectName("guideOpenReference")
        self.reference_button.clicked.connect(lambda: go_to("reference"))
        buttons = QHBoxLayout()
        for button in (self.import_button, self.add_button, self.reference_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        data_events().changed.connect(self._data_changed)  # an import or 基础数据 adds estates meanwhile

    def initializePage(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        rows = est.list_estates(self.ctx)
        self.model.set_rows(rows)
        self.count.setText(self.tr("%n estate(s)", "", len(rows)))

    def _data_changed(self, change: Change) -> None:
        if change is Change.REFERENCE:
            self.refresh()

    def add_estate(self) -> None:
        dialog = EstateDialog(self.ctx, None, self)
        if self.exec_dialog(dialog):  # the record dialog saves and reports its own refusals
            notify(Change.REFERENCE)

    def exec_dialog(self, dialog: QDialog) -> bool:
        """The seam tests replace: run a dialog of this step modally."""
        return dialog.exec() == QDialog.DialogCode.Accepted


class StaffStep(Step):
    """The officers cases are assigned to: typed in one by one (name and position; the rest in 基础数据)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setTitle(self.tr("Staff"))
        self.setSubTitle(self.tr("The officers cases are assigned to. Phone numbers and badge numbers can be "
                                 "added later in Reference data."))
        self.model = StaffSoFarModel(self)
        self.view = _table(self.model)
        self.view.setObjectName("guideStaff")
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("guideStaffName")
        self.name_edit.setMaxLength(40)
        self.position_edit = QLineEdit(self)
        self.position_edit.setObjectName("guideStaffPosition")
        self.position_edit.setMaxLength(40)
        self.add_button = QPushButton(self.tr("Add"), self)
        self.add_button.setObjectName("guideAddStaff")
        self.add_button.clicked.connect(self.add_staff)
        self.name_edit.returnPressed.connect(self.add_staff)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Name"), self))
        row.addWidget(self.name_edit, 1)
        row.addWidget(QLabel(self.tr("Position"), self))
        row.addWidget(self.position_edit, 1)
        row.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(self.view, 1)

    def initializePage(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        self.model.set_rows(people.list_staff(self.ctx))

    def add_staff(self) -> background.Operation:
        ctx, name, position = self.ctx, self.name_edit.text(), self.position_edit.text()
        self.add_button.setEnabled(False)
        operation = background.run(self, lambda: people.create_staff(ctx, name=name, position=position or None),
                                   changes=(Change.REFERENCE,), done=self._added, report_to=self.message,
                                   name="setup guide staff")
        operation.ended.connect(lambda _ok: self.add_button.setEnabled(True))
        return operation

    def _added(self, row: people.StaffRow) -> None:
        self.name_edit.clear()
        self.position_edit.clear()
        say(self.message, self.tr("Added %1.").replace("%1", row.name), error=False)
        self.refresh()


class DoneStep(Step):
    """What was set up, and where each thing can be changed later."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setTitle(self.tr("Done"))
        self.summary = QLabel(self)
        self.summary.setObjectName("guideSummary")
        self.summary.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addStretch(1)

    def initializePage(self) -> None:
        state = setup_guide.setup_state(self.ctx)
        self.summary.setText(
            self.tr("Station: %1\nEstates: %2\nStaff: %3\n\nEverything can be changed later in Settings and "
                    "Reference data; this guide stays in Settings (Getting started guide). Next: register the "
                    "first case in the Case book, or import the 12345 work orders in the Complaint log.")
            .replace("%1", station_settings.get_station_name(self.ctx)).replace("%2", str(state.estates))
            .replace("%3", str(state.staff)))
