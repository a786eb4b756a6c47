"""The 会商 page: meetings with filters, new/edit/delete, minutes as PDF, and the open action items across meetings."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from controllers.core.context import AppContext
from controllers.core.errors import UserError
from controllers.documents.pdf_pages import BriefResult
from controllers.meetings import actions as ma
from controllers.meetings import records as mt
from controllers.meetings.minutes import write_minutes
from ui.common import background
from ui.common.background import BackgroundWorker, start
from ui.common.brief_worker import brief_worker
from ui.common.column_width import fit_column
from ui.common.empty_state import EmptyStack, State
from ui.common.events import Change, data_events
from ui.common.rows_model import SORT_ROLE
from ui.common.tints import paint_tints
from ui.meetings.dialog import MeetingDialog
from ui.meetings.models import MeetingTableModel, OpenActionTableModel

NO_DATE = QDate(2000, 1, 1)  # the date edits' minimum, shown as “any” (不限)


def table(model: QSortFilterProxyModel | OpenActionTableModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    paint_tints(view)  # overdue action items
    # The theme's wide header padding would push the last columns off a 1366-wide screen.
    view.horizontalHeader().setStyleSheet("QHeaderView::section { padding: 4px 6px; }")
    return view


class MeetingsPage(QWidget):
    """Meetings list (filters, 新建会商, edit, delete) and a 待办事项 tab to tick off open action items."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._minutes_worker: BackgroundWorker | None = None
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs)
        self.tabs.addTab(self._meetings_tab(), self.tr("Meetings"))
        self.tabs.addTab(self._actions_tab(), self.tr("Open action items"))
        data_events().changed.connect(self._data_changed)
        self.refresh()

    # ---- layout -----------------------------------------------------------------------------------------------

    def _date_edit(self) -> QDateEdit:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setMinimumDate(NO_DATE)
        edit.setSpecialValueText(self.tr("any"))
        edit.setDate(NO_DATE)
        edit.dateChanged.connect(lambda _d: self.refresh_meetings())
        return edit

    def _meetings_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        bar = QHBoxLayout()
        self.kind_filter = QComboBox()
        self.kind_filter.setMinimumWidth(110)
        self.kind_filter.addItem(self.tr("All kinds"), None)
        for kind in mt.KIND_CHOICES:
            self.kind_filter.addItem(kind, kind)
        self.kind_filter.currentIndexChanged.connect(lambda _i: self.refresh_meetings())
        bar.addWidget(self.kind_filter)
        bar.addWidget(QLabel(self.tr("From")))
        self.date_from = self._date_edit()
        bar.addWidget(self.date_from)
        bar.addWidget(QLabel(self.tr("to")))
        self.date_to = self._date_edit()
        bar.addWidget(self.date_to)
        self.text_filter = QLineEdit()
        self.text_filter.setPlaceholderText(self.tr("Text in title or decisions…"))
        self.text_filter.setClearButtonEnabled(True)
        self.text_filter.setMinimumWidth(200)
        self.text_filter.setMaximumWidth(260)
        self.text_filter.textChanged.connect(lambda _t: self.refresh_meetings())
        bar.addWidget(self.text_filter)
        bar.addStretch(1)
        self.count_label = QLabel()
        bar.addWidget(self.count_label)
        self.new_button = QPushButton(self.tr("New meeting"))
        self.edit_button = QPushButton(self.tr("Edit"))
        self.delete_button = QPushButton(self.tr("Delete"))
        self.minutes_button = QPushButton(self.tr("Export minutes PDF"))
        self.minutes_button.setToolTip(self.tr("The selected meeting's minutes as an A4 PDF, "
                                               "without complainants' personal data"))
        for button, slot in ((self.new_button, self.new_meeting), (self.edit_button, self.edit_selected),
                             (self.delete_button, self.delete_selected), (self.minutes_button, self.export_minutes)):
            button.clicked.connect(slot)
            bar.addWidget(button)
        layout.addLayout(bar)

        self.model = MeetingTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.view = table(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the controller's order: newest first
        header = self.view.horizontalHeader()
        # Title and departments share the spare width: on a wide screen the departments list shows in full.
        header.setSectionResizeMode(MeetingTableModel.COL_TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(MeetingTableModel.COL_DEPTS, QHeaderView.ResizeMode.Stretch)
        for col, width in ((MeetingTableModel.COL_DATE, 96), (MeetingTableModel.COL_KIND, 84),
                           (MeetingTableModel.COL_CASES, 60),
                           (MeetingTableModel.COL_COMPLAINTS, 60), (MeetingTableModel.COL_OPEN, 96)):
            fit_column(self.view, col, width)
        self.view.doubleClicked.connect(lambda _i: self.edit_selected())
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.list_stack = EmptyStack(self.view)
        layout.addWidget(self.list_stack)
        self.minutes_status = QLabel()
        self.minutes_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.minutes_status.hide()
        layout.addWidget(self.minutes_status)
        return page

    def _actions_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        bar = QHBoxLayout()
        self.actions_hint = QLabel()
        bar.addWidget(self.actions_hint, 1)
        self.open_meeting_button = QPushButton(self.tr("Open meeting"))
        self.open_meeting_button.clicked.connect(self.open_action_meeting)
        self.done_button = QPushButton(self.tr("Mark done"))
        self.done_button.clicked.connect(self.mark_selected_done)
        bar.addWidget(self.open_meeting_button)
        bar.addWidget(self.done_button)
        layout.addLayout(bar)
        self.action_model = OpenActionTableModel(self)
        self.action_view = table(self.action_model)
        header = self.action_view.horizontalHeader()
        header.setSectionResizeMode(OpenActionTableModel.COL_DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        for col, width in ((OpenActionTableModel.COL_DUE, 180), (OpenActionTableModel.COL_OWNER, 160),
                           (OpenActionTableModel.COL_MEETING_DATE, 96), (OpenActionTableModel.COL_MEETING, 260)):
            fit_column(self.action_view, col, width)
        self.action_view.doubleClicked.connect(lambda _i: self.open_action_meeting())
        self.action_view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        layout.addWidget(self.action_view)
        return page

    # ---- seams tests replace ----------------------------------------------------------------------------------

    def exec_dialog(self, dialog: QDialog) -> bool:
        return dialog.exec() == QDialog.DialogCode.Accepted

    def confirm(self, text: str) -> bool:
        answer = QMessageBox.question(self, self.tr("Delete meeting"), text)
        return answer == QMessageBox.StandardButton.Yes

    def show_error(self, text: str) -> None:
        QMessageBox.warning(self, self.tr("Meetings"), text)

    def get_save_path(self, suggested: str) -> str:
        path, _filter = QFileDialog.getSaveFileName(self, self.tr("Export minutes"), suggested,
                                                    self.tr("PDF files (*.pdf)"))
        return path

    # ---- reading ----------------------------------------------------------------------------------------------

    def current_filter(self) -> mt.MeetingFilter:
        def day(edit: QDateEdit) -> date | None:
            return None if edit.date() == NO_DATE else edit.date().toPython()

        return mt.MeetingFilter(kind=self.kind_filter.currentData(), date_from=day(self.date_from),
                                date_to=day(self.date_to), text=self.text_filter.text())

    def refresh(self) -> None:
        """Reload both lists (called when the page is shown and after any change to meetings)."""
        self.refresh_meetings()
        self.refresh_actions()

    def refresh_meetings(self) -> None:
        selected = self.selected_meeting()
        self.model.set_rows(mt.list_meetings(self.ctx, self.current_filter()))
        self.count_label.setText(self.tr("%n meeting(s)", "", self.model.rowCount()))
        self.list_stack.show_for(self.model.rowCount(), filtered=self.current_filter() != mt.MeetingFilter(text=""),
                                 state=self.empty_state)
        if selected is not None:
            self.select_meeting(selected.id)
        self._update_buttons()

    def refresh_actions(self) -> None:
        rows = ma.open_actions(self.ctx)
        self.action_model.set_rows(rows)
        overdue = sum(r.overdue for r in rows)
        self.tabs.setTabText(1, self.tr("Open action items (%1)").replace("%1", str(len(rows))))
        self.actions_hint.setText(self.tr("%n open, earliest due first; ", "", len(rows))
                                  + self.tr("%n overdue (in red).", "", overdue))
        self._update_buttons()

    def empty_state(self) -> State:
        return (self.tr("No meetings yet"),
                self.tr("Record a joint meeting with the departments, its decisions and action items."),
                [(self.tr("New meeting"), self.new_meeting)])

    def selected_meeting(self) -> mt.MeetingRow | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.row_at(self.proxy.mapToSource(rows[0]).row()) if rows else None

    def select_meeting(self, meeting_id: int) -> None:
        row = self.model.row_of_id(meeting_id)
        if row >= 0:
            self.view.selectRow(self.proxy.mapFromSource(self.model.index(row, 0)).row())

    def selected_action(self) -> ma.ActionRow | None:
        rows = self.action_view.selectionModel().selectedRows()
        return self.action_model.row_at(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        has_meeting = self.selected_meeting() is not None
        self.edit_button.setEnabled(has_meeting)
        self.delete_button.setEnabled(has_meeting)
        self.minutes_button.setEnabled(has_meeting and self._minutes_worker is None)
        has_action = self.selected_action() is not None
        self.done_button.setEnabled(has_action)
        self.open_meeting_button.setEnabled(has_action)

    def _data_changed(self, change: Change) -> None:
        if change in (Change.MEETINGS, Change.CASES, Change.COMPLAINTS):
            self.refresh()

    # ---- actions ----------------------------------------------------------------------------------------------

    def _edit(self, detail: mt.MeetingDetail | None) -> None:
        dialog = MeetingDialog(self.ctx, detail, self)
        if self.exec_dialog(dialog) and dialog.saved is not None:
            self.refresh()  # the save announces the change to the other pages
            self.tabs.setCurrentIndex(0)
            self.select_meeting(dialog.saved.id)

    def new_meeting(self) -> None:
        self._edit(None)

    def open_meeting(self, meeting_id: int) -> None:
        """Open a meeting in its edit dialog (also what the dashboard calls for an action item)."""
        try:
            detail = mt.meeting_detail(self.ctx, meeting_id)
        except UserError as exc:
            self.show_error(exc.message)
            self.refresh()
            return
        self._edit(detail)

    def edit_selected(self) -> None:
        row = self.selected_meeting()
        if row is not None:
            self.open_meeting(row.id)

    def open_action_meeting(self) -> None:
        action = self.selected_action()
        if action is not None:
            self.open_meeting(action.meeting_id)

    def delete_selected(self) -> None:
        row = self.selected_meeting()
        if row is None:
            return
        text = self.tr("Delete the meeting “%1” of %2 with its action items? "
                       "The cases and complaints it discussed stay.")
        if not self.confirm(text.replace("%1", row.title).replace("%2", row.held_on.isoformat())):
            return
        ctx, meeting_id = self.ctx, row.id
        self._change(lambda: mt.delete_meeting(ctx, meeting_id), "deleting a meeting")

    def mark_selected_done(self) -> None:
        action = self.selected_action()
        if action is None:
            return
        ctx, action_id = self.ctx, action.id
        self._change(lambda: ma.mark_action_done(ctx, action_id), "marking an action done")

    def _change(self, call: Callable[[], object], name: str) -> None:
        """One change off the GUI thread; the page follows the notice, or re-reads after a refusal (the
        meeting may be gone meanwhile)."""
        operation = background.run(self, call, changes=(Change.MEETINGS,), report_to=self.show_error, name=name)
        operation.ended.connect(lambda ok: ok or self.refresh())

    # ---- minutes --------------------------------------------------------------------------------------------

    def export_minutes(self) -> None:
        """Ask where to save, then write the selected meeting's minutes off the GUI thread (as the briefs do)."""
        row = self.selected_meeting()
        if row is None or self._minutes_worker is not None:
            return
        suggested = f"会商纪要_{row.held_on.isoformat()}_{row.title}".replace("/", "-").replace(" ", "_")[:80]
        path = self.get_save_path(suggested + ".pdf")
        if not path:
            return
        target = Path(path if path.lower().endswith(".pdf") else path + ".pdf")
        ctx, meeting_id = self.ctx, row.id

        def job(progress: Callable[[int, str], None], cancel: threading.Event) -> BriefResult:
            return write_minutes(ctx, meeting_id, target, progress=progress, cancel=cancel)

        self._minutes_worker = brief_worker(job)
        self._minutes_worker.finished.connect(self._minutes_written)
        self._minutes_worker.failed.connect(self._minutes_failed)
        self._show_minutes_status(self.tr("Writing the minutes…"))
        self._update_buttons()
        start(self._minutes_worker)

    def minutes_busy(self) -> bool:
        return self._minutes_worker is not None

    def _show_minutes_status(self, text: str) -> None:
        self.minutes_status.setText(text)
        self.minutes_status.show()

    def _minutes_written(self, result: BriefResult) -> None:
        self._minutes_worker = None
        self._update_buttons()
        self._show_minutes_status(self.tr("Minutes saved (%n page(s)): %1", "", result.pages)
                                  .replace("%1", str(result.path)))

    def _minutes_failed(self, message: str) -> None:
        self._minutes_worker = None
        self._update_buttons()
        self.minutes_status.hide()
        self.show_error(message)
