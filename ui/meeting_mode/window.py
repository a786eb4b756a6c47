"""The meeting-mode window: large type, open cases with progress, complaint figures, trainings, a quick form.

It shows only what controllers.meetings.meeting_mode and controllers.inspections.recent return (no names, phones,
room numbers or officers' notes) and leaves on Esc or F10.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, Qt
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from controllers.core.context import AppContext
from controllers.inspections.recent import RecentVisit, recent_patrols
from controllers.meetings.meeting_mode import MeetingCase, MeetingTraining, MeetingView, ScopeChoice, meeting_view
from ui.common.events import Change, data_events
from ui.common.tints import WARNING_TINT, paint_tints
from ui.meeting_mode.quick_form import QuickMatterForm
from ui.meetings.models import RowsModel

LARGE_PX = 22
EXIT_KEYS = (Qt.Key.Key_Escape, Qt.Key.Key_F10)


class CaseModel(RowsModel):
    """Open cases: number, category, estate, place (building only), status, deadline."""

    COL_CATEGORY = 1

    def headers(self) -> list[str]:
        return [self.tr("Case no."), self.tr("Category"), self.tr("Estate"), self.tr("Place"), self.tr("Status"),
                self.tr("Deadline")]

    def value(self, row: MeetingCase, column: int) -> str:
        if column == 5:
            if row.deadline is None:
                return ""
            text = row.deadline.isoformat()
            return self.tr("%1 (overdue)").replace("%1", text) if row.overdue else text
        return (row.number, row.category, row.estate, row.place, row.status)[column]

    def background(self, row: MeetingCase, column: int) -> QColor | None:
        return WARNING_TINT if row.overdue else None


class TrainingModel(RowsModel):
    """Recent trainings: date, 【kind】title (wrapped in full), head count."""

    COL_TITLE = 1

    def headers(self) -> list[str]:
        return [self.tr("Date"), self.tr("Title"), self.tr("People")]

    def value(self, row: MeetingTraining, column: int) -> str:
        # The kind leads the title in 【】 (as Chinese notices write it), so the title gets the kind column's width
        # and a 1366-wide screen shows it in full on two lines instead of cutting it to three characters.
        title = f"【{row.kind}】{row.title}" if row.kind else row.title
        return (row.day.isoformat(), title, "" if row.head_count is None else str(row.head_count))[column]


class PatrolModel(RowsModel):
    """Recent patrols of the scope's estates: date, kind, estate, the categories found and what each became."""

    COL_ESTATE, COL_FINDINGS = 2, 3

    def headers(self) -> list[str]:
        return [self.tr("Date"), self.tr("Kind"), self.tr("Estate"), self.tr("Findings")]

    def value(self, row: RecentVisit, column: int) -> str:
        if column == self.COL_FINDINGS:
            return self.findings(row)
        return (row.day.isoformat(), row.kind, row.estate)[column]

    def findings(self, row: RecentVisit) -> str:
        if not row.findings:
            return self.tr("No problems found")
        pending = self.tr("pending")
        return "、".join(f"{f.code} {f.category}：{f.outcome or pending}" for f in row.findings)


def _table(model: QAbstractTableModel, stretch: int, *, wrap: bool = False) -> QTableView:
    """Every column as wide as its text except `stretch`, which takes the rest: elided, or with `wrap` shown in
    full over as many lines as it needs (rows grow to fit; nothing on a shared screen hides in a tooltip)."""
    view = QTableView()
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    view.verticalHeader().hide()
    view.setWordWrap(wrap)
    view.setTextElideMode(Qt.TextElideMode.ElideNone if wrap else Qt.TextElideMode.ElideRight)
    view.setAlternatingRowColors(True)
    paint_tints(view)  # an overdue case warns
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    if wrap:
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    else:
        view.verticalHeader().setDefaultSectionSize(LARGE_PX + 16)
    return view


class MeetingModeWindow(QWidget):
    """Full screen for the room; Esc or F10 leaves."""

    def __init__(self, ctx: AppContext, choice: ScopeChoice, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.ctx = ctx
        self.choice = choice
        self.view_data: MeetingView | None = None
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setObjectName("meetingMode")
        self.setStyleSheet(f"#meetingMode, #meetingMode QWidget {{ font-size: {LARGE_PX}px; }}"
                           f" #meetingTitle {{ font-size: {LARGE_PX + 10}px; font-weight: bold; }}"
                           " #meetingFigure { font-weight: bold; }")
        self.title = QLabel()
        self.title.setObjectName("meetingTitle")
        self.hint = QLabel(self.tr("Press Esc or F10 to leave"))
        self.new_button = QPushButton(self.tr("Note a new matter"))
        self.new_button.clicked.connect(self.note_matter)
        self.leave_button = QPushButton(self.tr("Leave"))
        self.leave_button.clicked.connect(self.close)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.hint)
        top.addWidget(self.new_button)
        top.addWidget(self.leave_button)

        self.cases_label = QLabel()
        self.cases_label.setObjectName("meetingFigure")
        self.case_model = CaseModel(self)
        # Category names run to 违规处置生活垃圾 or 其他（非城管执法事项）: wrapped, never cut, on the shared screen.
        self.case_table = _table(self.case_model, CaseModel.COL_CATEGORY, wrap=True)
        self.complaints_label = QLabel()
        self.complaints_label.setObjectName("meetingFigure")
        self.complaints_label.setWordWrap(True)
        self.per10k_label = QLabel()
        self.per10k_label.setWordWrap(True)
        self.categories_label = QLabel()
        self.categories_label.setWordWrap(True)
        self.trainings_label = QLabel(self.tr("Recent trainings and outreach"))
        self.trainings_label.setObjectName("meetingFigure")
        self.training_model = TrainingModel(self)
        self.training_table = _table(self.training_model, TrainingModel.COL_TITLE, wrap=True)
        self.patrols_label = QLabel()
        self.patrols_label.setObjectName("meetingFigure")
        self.patrol_model = PatrolModel(self)
        self.patrol_table = _table(self.patrol_model, PatrolModel.COL_FINDINGS, wrap=True)
        self.patrol_table.setObjectName("meetingPatrols")

        left = QVBoxLayout()
        left.addWidget(self.cases_label)
        left.addWidget(self.case_table, 3)
        # Under the cases, in the wider column: the categories found wrap onto two lines instead of ten.
        left.addWidget(self.patrols_label)
        left.addWidget(self.patrol_table, 2)
        right = QVBoxLayout()
        for w in (self.complaints_label, self.per10k_label, self.categories_label, self.trainings_label):
            right.addWidget(w)
        right.addWidget(self.training_table, 1)
        body = QHBoxLayout()
        body.addLayout(left, 5)
        body.addLayout(right, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addLayout(top)
        layout.addLayout(body, 1)

        data_events().changed.connect(self._data_changed)
        self.reload()

    def reload(self) -> None:
        v = meeting_view(self.ctx, self.choice)
        self.view_data = v
        self.setWindowTitle(self.tr("Meeting mode — %1").replace("%1", v.scope_label))
        self.title.setText(f"{v.scope_label}　{v.on.isoformat()}")
        self.cases_label.setText(self.tr("Open cases: %1 (closed this year: %2)")
                                 .replace("%1", str(v.open_case_total)).replace("%2", str(v.closed_this_year)))
        self.case_model.set_rows(v.open_cases)
        self.case_table.setColumnHidden(2, len(v.estates) == 1)  # one estate: its name is in the title already
        self.complaints_label.setText(
            self.tr("Complaints this year: %1 (same days last year: %2); awaiting reply: %3")
            .replace("%1", str(v.complaints_this_year)).replace("%2", str(v.complaints_last_year))
            .replace("%3", str(v.complaints_open)))
        self.per10k_label.setText(self._per10k_text(v))
        top = "、".join(f"{c.label} {c.count}" for c in v.complaints_by_category[:5])
        self.categories_label.setText(self.tr("Most raised: %1").replace("%1", top) if top else "")
        self.training_model.set_rows(v.trainings)
        self.trainings_label.setText(self.tr("Recent trainings and outreach") if v.trainings
                                     else self.tr("No trainings or outreach in the past year"))
        patrols = recent_patrols(self.ctx, tuple(i for i, _n in v.estates), today=v.on)
        self.patrol_model.set_rows(patrols)
        self.patrol_table.setColumnHidden(PatrolModel.COL_ESTATE, len(v.estates) == 1)
        self.patrols_label.setText(self.tr("Recent patrols and inspections") if patrols
                                   else self.tr("No patrols or inspections in the past year"))

    def _per10k_text(self, v: MeetingView) -> str:
        r = v.per10k
        if r is None or r.current.per10k is None:
            return self.tr("Complaints per 10,000 residents: no population recorded")
        last = "—" if r.last_year.per10k is None else f"{r.last_year.per10k:.2f}"
        return (self.tr("Complaints per 10,000 residents: %1 (last year %2)")
                .replace("%1", f"{r.current.per10k:.2f}").replace("%2", last))

    def _data_changed(self, change: Change) -> None:
        if change in (Change.CASES, Change.COMPLAINTS, Change.TRAININGS, Change.REFERENCE, Change.INSPECTIONS):
            self.reload()

    def note_matter(self) -> None:
        assert self.view_data is not None
        form = QuickMatterForm(self.ctx, self.view_data.estates, self)
        form.setStyleSheet(f"font-size: {LARGE_PX}px;")
        saved = form.exec()
        form.setParent(None)  # what was typed leaves the screen with the form
        form.deleteLater()
        if saved:
            self.reload()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in EXIT_KEYS:
            self.close()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: Any) -> None:
        data_events().changed.disconnect(self._data_changed)
        super().closeEvent(event)
