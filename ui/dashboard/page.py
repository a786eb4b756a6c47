"""The 工作台 page: goal tiles, today's work and charts, refreshed off the GUI thread when data changes.

Navigation: a tile or a section heading opens the list behind it through the main window (`self.window()`
duck-typed: `select_page(key)` returns the page, whose `apply_filter(filter)` shows the filtered list); the page
emits `listRequested(key, filter)` first, so a test or another host can follow without a main window.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from controllers.cases.listing import CaseFilter
from controllers.complaints.listing import ComplaintFilter
from controllers.core.context import AppContext
from controllers.core.errors import UserError
from controllers.core.permissions import can
from controllers.dashboard.goals import GoalTiles
from controllers.dashboard.today import WorkItem, WorkSection
from controllers.inspections.listing import PatrolFilter
from ui.common.events import Change, data_events
from ui.common.rows_model import ROW_ROLE
from ui.common.tints import paint_tints
from ui.dashboard import charts
from ui.dashboard.tile_grid import TileGrid
from ui.dashboard.tiles import GoalTileCard, InspectionTileCard
from ui.dashboard.work_list import TodayWorkModel
from ui.dashboard.worker import DashboardLoader, Snapshot
from ui.meeting_mode import start_meeting_mode
from ui.onboarding.prompt import SetupPrompt

log = logging.getLogger(__name__)

TILE_KEYS = ("per10k", "per10k_no_repeats", "cases", "closure", "on_time", "recurrence", "overdue", "dissatisfied")
# VIEW: the desk switched views (本工作室 / 全街镇 / 全区)
WATCHED = (Change.CASES, Change.COMPLAINTS, Change.MEETINGS, Change.REFERENCE, Change.TRAININGS, Change.VIEW,
           Change.SUPERVISION)


class DashboardPage(QWidget):
    """Staff's start page; `ready` turns True once the first refresh has been applied."""

    listRequested = Signal(str, object)  # page key, CaseFilter | ComplaintFilter | None
    refreshed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ready = False
        self.snapshot: Snapshot | None = None

        title = QLabel(self.tr("Dashboard"))
        font = title.font()
        font.setPixelSize(20)
        font.setBold(True)
        title.setFont(font)
        self.as_of = QLabel()
        self.status = QLabel(self.tr("Loading…"))
        self.status.setObjectName("dashboardStatus")
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.reload)
        self.meeting_button = QPushButton(self.tr("Meeting mode (F9)"))
        self.meeting_button.setToolTip(self.tr("Full-screen view for residents' committee reps, no personal data"))
        self.meeting_button.clicked.connect(self.open_meeting_mode)
        QShortcut(QKeySequence("F9"), self, self.open_meeting_mode)
        header = QHBoxLayout()
        header.addWidget(title)
        header.addSpacing(12)
        header.addWidget(self.as_of)
        header.addStretch(1)
        header.addWidget(self.status)
        header.addWidget(self.refresh_button)
        header.addWidget(self.meeting_button)

        self.tiles: dict[str, GoalTileCard] = {}
        self.tile_grid = TileGrid()
        for key in TILE_KEYS:
            card = GoalTileCard(key)
            card.clicked.connect(self.open_tile)
            self.tiles[key] = card
            self.tile_grid.add_tile(card)
        self.inspection_tile = InspectionTileCard()
        self.inspection_tile.clicked.connect(self.open_inspections)
        self.tile_grid.add_tile(self.inspection_tile)

        self.work_model = TodayWorkModel(self)
        self.work_view = QTableView()
        self.work_view.setModel(self.work_model)
        paint_tints(self.work_view)  # what is overdue
        self.work_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.work_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.work_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.work_view.verticalHeader().hide()
        self.work_view.setWordWrap(False)
        self.work_view.setMinimumHeight(charts.CHART_HEIGHT)
        header_view = self.work_view.horizontalHeader()
        header_view.setSectionResizeMode(TodayWorkModel.COL_WHAT, QHeaderView.ResizeMode.Stretch)
        header_view.resizeSection(TodayWorkModel.COL_DUE, 96)
        header_view.resizeSection(TodayWorkModel.COL_NOTE, 110)
        self.work_view.activated.connect(self.open_index)
        self.work_view.doubleClicked.connect(self.open_index)
        work_box = QVBoxLayout()
        work_label = QLabel(self.tr("Today's work (double-click a line to open it)"))
        work_label.setStyleSheet("font-weight: bold")
        work_box.addWidget(work_label)
        work_box.addWidget(self.work_view, 1)

        self.case_chart = charts.ChartBox(self.tr("Cases found by month and category"))
        self.case_chart.view.setMinimumHeight(charts.CHART_HEIGHT + 60)  # room for the 14 categories' legend
        self.per10k_chart = charts.ChartBox(self.tr("Complaints per 10,000 residents by month"))
        self.top_chart = charts.ChartBox(self.tr("Ten estates with the most complaints per 10,000"))
        self.pilot_chart = charts.ChartBox(self.tr("Pilot estates against the rest"))
        row_a = QHBoxLayout()
        row_a.addLayout(work_box, 1)
        row_a.addWidget(self.case_chart, 1)
        row_b = QHBoxLayout()
        for box in (self.per10k_chart, self.top_chart, self.pilot_chart):
            row_b.addWidget(box, 1)

        # 录入明年节假日 from December on (controllers.dashboard.calendar_reminder), for those who may.
        self.calendar_banner = QFrame()
        self.calendar_banner.setObjectName("calendarReminder")
        self.calendar_banner.setStyleSheet("#calendarReminder { background: #fff3e0; border: 1px solid #ffb74d; }")
        self.calendar_text = QLabel()
        self.calendar_text.setWordWrap(True)
        self.calendar_button = QPushButton(self.tr("Enter holidays…"))
        self.calendar_button.clicked.connect(self.open_calendar)
        banner = QHBoxLayout(self.calendar_banner)
        banner.addWidget(self.calendar_text, 1)
        banner.addWidget(self.calendar_button)
        self.calendar_banner.hide()

        content = QWidget()
        body = QVBoxLayout(content)
        body.addWidget(self.calendar_banner)
        body.addWidget(self.tile_grid)
        body.addLayout(row_a)
        body.addLayout(row_b)
        body.addStretch(1)
        scroll = self.scroll = QScrollArea()
        scroll.setObjectName("dashboardScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        self.setup_prompt = SetupPrompt(ctx, self)  # a station with no cases yet: what to do first
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.setup_prompt)
        layout.addWidget(scroll, 1)

        self.loader = DashboardLoader(ctx, self)
        self.loader.loaded.connect(self.apply_snapshot)
        self.loader.failed.connect(self._failed)
        data_events().changed.connect(self._data_changed)
        self.listRequested.connect(self._open_list)
        # A 居委代表 has meeting mode only: no figures, lists or charts (the controllers refuse them anyway).
        self.figures_allowed = can(ctx, "view")
        if not self.figures_allowed:
            scroll.hide()
            self.status.setText(self.tr("Use meeting mode to see your estates."))
            self.ready = True
            return
        self.setup_prompt.refresh()
        self.loader.start_now()

    # --- refreshing -------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Recompute in the background (the main window calls this each time the page is shown)."""
        if not self.figures_allowed:
            return
        self.status.setText(self.tr("Refreshing…"))
        self.setup_prompt.refresh()
        self.loader.request()

    def reload(self) -> None:
        """Refresh because the data may have changed without a notice (the button, an item deleted meanwhile): a
        load already running may have read before that change."""
        if self.figures_allowed:
            self.loader.note_change()
        self.refresh()

    def _data_changed(self, change: Change) -> None:
        if change not in WATCHED:
            return
        self.loader.note_change()
        if self.isVisible():  # hidden: the main window refreshes it when it shows it again
            self.refresh()

    def _failed(self, message: str) -> None:
        self.status.setText(self.tr("Could not refresh; see the log"))
        log.warning("dashboard refresh failed: %s", message)

    def apply_snapshot(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        self.work_model.set_work(snapshot.work)
        self.calendar_text.setText(snapshot.work.calendar_reminder)
        self.calendar_banner.setVisible(bool(snapshot.work.calendar_reminder))
        if snapshot.work.inspections is not None:
            self.inspection_tile.set_report(snapshot.work.inspections)
        goals = snapshot.figures.goals
        for tile in goals.tiles:
            if tile.key in self.tiles:
                self.tiles[tile.key].set_tile(tile)
        self.tile_grid.relayout()  # longer figures may need a second row
        self.as_of.setText(self.tr("%1 to %2, against the same days last year")
                           .replace("%1", goals.current.start.isoformat()).replace("%2", goals.current.end.isoformat()))
        self._draw_charts()
        self.status.setText("")
        self.ready = True
        self.refreshed.emit()

    def _draw_charts(self) -> None:
        assert self.snapshot is not None
        data = self.snapshot.figures.charts
        empty = self.tr("No data yet")
        month = self.tr("Month")
        per10k_unit = self.tr("per 10,000 residents")
        this_year, last_year = self.tr("This year"), self.tr("Last year")
        through = self.snapshot.figures.goals.current.end  # the running month is marked, not drawn as whole
        self.case_chart.show_chart(charts.cases_chart(data, month, self.tr("cases"), through), empty)
        self.per10k_chart.show_chart(charts.per10k_chart(data, month, this_year, last_year, per10k_unit, through,
                                                         self.tr("This month so far")), empty)
        self.top_chart.show_chart(charts.top_estates_chart(data, per10k_unit), empty)
        self.pilot_chart.show_chart(charts.pilot_chart(data, (self.tr("Pilot estates"), self.tr("Other estates")),
                                                       this_year, last_year, per10k_unit), empty)

    def wait_until_ready(self, timeout_ms: int = 30_000) -> bool:
        """Process events until the first refresh is applied (screenshots render real figures)."""
        deadline = time.monotonic() + timeout_ms / 1000
        while not self.ready and time.monotonic() < deadline:
            self.loader.wait(50)
            QApplication.processEvents()
        return self.ready

    # --- opening what a line or tile stands for -------------------------------------------------------
    def open_index(self, index: QModelIndex) -> None:
        obj = self.work_model.data(index, ROW_ROLE)
        if isinstance(obj, WorkItem):
            self.open_item(obj)
        elif isinstance(obj, WorkSection):
            self.open_section(obj.key)

    def open_item(self, item: WorkItem) -> None:
        # The windows an item opens are imported on first use: the dashboard is the first page at start-up.
        try:
            if item.kind == "case":
                from ui.case_detail import open_case

                open_case(self.ctx, item.id, self)
            elif item.kind == "complaint":
                from ui.complaints.handling_dialog import handle_complaint

                if handle_complaint(self.ctx, item.id, self):
                    self.reload()
            elif item.kind == "estate":  # behind on its inspections: the estate's patrols
                self.listRequested.emit("inspections", PatrolFilter(estate_id=item.id))
            elif item.kind == "meeting":
                page = self._select_page("meetings")
                if page is not None and hasattr(page, "open_meeting"):
                    page.open_meeting(item.id)
            elif item.kind == "order":
                page = self._select_page("supervision")
                if page is not None and hasattr(page, "show_order"):
                    page.show_order(item.id)
            elif item.kind == "warning":
                page = self._select_page("supervision")
                if page is not None and hasattr(page, "show_warnings"):
                    page.show_warnings()
        except UserError as exc:  # deleted meanwhile
            QMessageBox.warning(self, self.tr("Cannot open"), exc.message)
            self.reload()

    def open_section(self, key: str) -> None:
        filters: dict[str, tuple[str, Any]] = {
            "overdue": ("cases", CaseFilter(overdue=True)),
            "due_soon": ("cases", CaseFilter(due_soon=True)),
            "followup": ("cases", CaseFilter(statuses=("结案",))),
            "referrals": ("cases", CaseFilter(referred=True)),
            "complaints": ("complaints", ComplaintFilter(statuses=("待处理",))),
            "on_hold": ("cases", CaseFilter(on_hold=True)),
            "actions": ("meetings", None),
            "orders": ("supervision", None),
            "warnings": ("supervision", None),
        }
        if key == "inspections":
            self.open_inspections()
        elif key in filters:
            self.listRequested.emit(*filters[key])

    def tile_target(self, key: str) -> tuple[str, Any] | None:
        """The list behind a tile: the page key and the filter."""
        if self.snapshot is None:
            return None
        goals: GoalTiles = self.snapshot.figures.goals
        start, end = goals.current.start, goals.current.end
        if key in ("per10k", "per10k_no_repeats"):
            return "complaints", ComplaintFilter(received_from=start, received_to=end)
        if key == "cases":
            return "cases", CaseFilter(found_from=start, found_to=end)
        if key in ("closure", "on_time", "recurrence"):
            # The case book filters by found date; the closed cases of the period are the nearest list.
            return "cases", CaseFilter(statuses=("结案",), found_from=start, found_to=end)
        if key == "overdue":
            return "cases", CaseFilter(overdue=True)
        if key == "dissatisfied":  # counted by the callback's date, as the tile counts them
            return "complaints", ComplaintFilter(dissatisfied=True, callback_from=start, callback_to=end)
        return None

    def open_inspections(self) -> None:
        """The coverage of this quarter on the 巡查检查 page."""
        report = self.snapshot.work.inspections if self.snapshot is not None else None
        if report is not None:
            self.listRequested.emit("inspections", report.period)

    def open_tile(self, key: str) -> None:
        target = self.tile_target(key)
        if target is not None:
            self.listRequested.emit(*target)

    def _select_page(self, key: str) -> QWidget | None:
        window = self.window()
        select = getattr(window, "select_page", None)
        return select(key) if callable(select) else None

    def open_calendar(self) -> None:
        """The reminder's link: 基础数据 › 节假日, where 录入全年节假日… is."""
        page = self._select_page("reference")
        show_kind = getattr(page, "show_kind", None)
        if callable(show_kind):
            show_kind("calendar")

    def _open_list(self, key: str, filt: object) -> None:
        page = self._select_page(key)
        apply = getattr(page, "apply_filter", None)
        if filt is not None and callable(apply):
            apply(filt)

    # --- meeting mode -----------------------------------------------------------------------------------
    def open_meeting_mode(self) -> None:
        start_meeting_mode(self.ctx, self)
