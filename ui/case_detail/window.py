"""The case window: status and its allowed moves, the form, timeline, evidence, referrals, linked complaints."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableView,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from controllers.cases import records as cr
from controllers.cases import states
from controllers.cases import workflow as wf
from controllers.cases.hold_review import months_past, reason_clause
from controllers.cases.view import CaseDetail, TimelineEntry
from controllers.core.context import AppContext
from controllers.core.errors import ConflictError, UserError, ValidationError
from controllers.core.permissions import can
from controllers.inspections.findings import patrol_of_case
from controllers.orders.records import orders_on_case
from ui.case_detail import asks
from ui.case_detail.evidence import EvidencePanel
from ui.case_detail.form import CaseForm
from ui.case_detail.referrals import ReferralsPanel
from ui.case_detail.reply_templates import ReplyTemplatesTab
from ui.case_detail.typical_panel import TypicalCasePanel
from ui.common import background, record_windows
from ui.common.background import Operation
from ui.common.estimates import with_note
from ui.common.events import Change, data_events
from ui.common.feedback import fill
from ui.common.tints import paint_tints
from ui.supervision.models import OrderTableModel

log = logging.getLogger(__name__)

STATUS_COLOURS = {
    "登记": "#546e7a", "核查": "#1565c0", "立案": "#6a1b9a", "不予立案": "#757575", "责令整改": "#ef6c00",
    "复查": "#00838f", "结案": "#2e7d32", "挂账": "#8d6e63", "移交": "#5d4037",
}
# Files added after the order to rectify are most often "after" photos.
AFTER_STATES = ("复查", "结案")


def _timeline_text(e: TimelineEntry) -> str:
    parts = []
    if e.from_status or e.to_status:
        parts.append(f"{e.from_status or ''} → {e.to_status or ''}".strip())
    for c in e.changes:
        parts.append(f"{c.label}：已修改" if c.hidden else f"{c.label}：{c.before or '（空）'} → {c.after or '（空）'}")
    if e.note:
        parts.append(e.note)
    return "；".join(parts)


class CaseWindow(QDialog):
    """One case, non-modal; several can be open at once."""

    def __init__(self, ctx: AppContext, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.ctx = ctx
        self.case_id = case_id
        self.detail: CaseDetail | None = None
        self.dirty = False
        self.choices = cr.form_choices(ctx)
        self.number = QLabel()
        self.number.setStyleSheet("font-size: 20px; font-weight: bold;")
        self.status = QLabel()
        self.status.setStyleSheet("font-size: 16px; font-weight: bold; color: white; padding: 4px 12px;")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.moves = QHBoxLayout()
        self.form = CaseForm(ctx, self.choices)
        self.form.edited.connect(self._mark_dirty)
        self.timeline = QTreeWidget()
        self.timeline.setRootIsDecorated(False)
        self.timeline.setWordWrap(True)
        self.timeline.setHeaderLabels([self.tr("When"), self.tr("Who"), self.tr("What"), self.tr("Details")])
        self.timeline.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.timeline.header().setStretchLastSection(True)
        self.evidence = EvidencePanel(ctx)
        self.evidence.changed.connect(self._side_changed)
        self.referrals = ReferralsPanel(ctx, self.choices.departments)
        self.referrals.changed.connect(self._side_changed)
        self.complaints = QTreeWidget()
        self.complaints.setRootIsDecorated(False)
        self.complaints.setHeaderLabels([self.tr("Received"), self.tr("Channel"), self.tr("Work order"),
                                         self.tr("Complainant"), self.tr("Phone"), self.tr("Content")])
        self.complaints.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.complaints.header().setStretchLastSection(True)
        self.tabs = QTabWidget()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        self.tabs.addTab(scroll, self.tr("Case"))
        self.tabs.addTab(self.timeline, self.tr("Timeline"))
        self.tabs.addTab(self.evidence, self.tr("Evidence"))
        self.tabs.addTab(self.referrals, self.tr("Referrals"))
        self.tabs.addTab(self.complaints, self.tr("Complaints"))
        self.replies = ReplyTemplatesTab(ctx, case_id)
        self.tabs.addTab(self.replies, self.tr("Reply templates"))
        self.typical = TypicalCasePanel(ctx, case_id)
        self.tabs.addTab(self.typical, self.tr("Typical case"))
        self.orders = OrderTableModel(self)  # the 督办单 on this case, its referrals and complaints (issue 20)
        self.orders_view = QTableView()
        self.orders_view.setModel(self.orders)
        paint_tints(self.orders_view)  # overdue 督办单
        self.orders_view.verticalHeader().hide()
        self.orders_view.horizontalHeader().setStretchLastSection(True)
        self.tabs.addTab(self.orders_view, self.tr("Supervision"))
        # A case opened from a patrol's finding: the patrol record, with the estate's whole checklist and photos.
        self.patrol_id: int | None = None
        self.patrol_button = QPushButton(self.tr("Open the patrol record"))
        self.patrol_button.setObjectName("openPatrol")
        self.patrol_button.hide()
        self.patrol_button.clicked.connect(self.open_patrol)
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.reload_button = QPushButton(self.tr("Reload"))
        self.reload_button.clicked.connect(self.reload)
        close_button = QPushButton(self.tr("Close"))
        close_button.clicked.connect(self.close)
        header = QHBoxLayout()
        header.addWidget(self.number)
        header.addWidget(self.status)
        header.addWidget(self.summary, 1)
        header.addWidget(self.patrol_button)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.reload_button)
        bottom.addWidget(self.save_button)
        bottom.addWidget(close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addLayout(self.moves)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        self.resize(1240, 700)
        self.editable = True
        self.busy = False
        self.operation: Operation | None = None
        data_events().changed.connect(self._data_changed)
        self.reload()

    # --- showing ---------------------------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the case again and show it; unsaved edits are dropped (callers ask first)."""
        try:
            detail = cr.get_case(self.ctx, self.case_id)
        except UserError as exc:
            QMessageBox.warning(self, self.tr("Cannot open the case"), exc.message)
            return
        self.show_detail(detail)

    def show_detail(self, d: CaseDetail) -> None:
        self.replies.picker.reload()  # the category, deadline or number may have changed
        self.typical.show_case(d.status)
        self.detail = d
        self.number.setText(d.number)
        self.status.setText(d.status)
        self.status.setStyleSheet(self.status.styleSheet().split("background")[0]
                                  + f"background: {STATUS_COLOURS.get(d.status, '#546e7a')};")
        self.summary.setText(self._summary(d))
        self.form.load(d.__dict__)
        self._build_moves(d)
        self.timeline.clear()
        for e in reversed(d.timeline):
            item = QTreeWidgetItem([e.at.strftime("%Y-%m-%d %H:%M"), e.actor, e.kind, _timeline_text(e)])
            item.setToolTip(3, _timeline_text(e))
            self.timeline.addTopLevelItem(item)
        self.evidence.show_attachments(d.id, d.attachments)
        self.evidence.set_default_kind("整改后" if d.status in AFTER_STATES else "整改前")
        self.referrals.show_referrals(d.id, d.referrals, d.today)
        self.complaints.clear()
        for c in d.complaints:
            self.complaints.addTopLevelItem(QTreeWidgetItem([
                c.received_at.strftime("%Y-%m-%d %H:%M"), c.channel, c.work_order_no or "", c.complainant,
                c.phone, c.content]))
        # Tabs by their widget, never by position: a tab added in between (回复模板, 典型案例) once made the
        # supervision count overwrite the reply templates' title.
        self.tabs.setTabText(self.tabs.indexOf(self.evidence), fill(self.tr("Evidence (%1)"), len(d.attachments)))
        overdue = self.tr(", %n overdue", "", d.overdue_referrals) if d.overdue_referrals else ""
        self.tabs.setTabText(self.tabs.indexOf(self.referrals),
                             fill(self.tr("Referrals (%1%2)"), len(d.referrals), overdue))
        self.tabs.setTabText(self.tabs.indexOf(self.complaints), fill(self.tr("Complaints (%1)"), len(d.complaints)))
        self._show_orders()
        self._apply_permissions()
        self._set_dirty(False)

    def _apply_permissions(self) -> None:
        """Editing controls only where 修改案件 is allowed: not in the read-only street and district views, not
        for a role without it (the controllers refuse anyway; this spares a click that can only fail)."""
        self.editable = can(self.ctx, "edit_cases")
        self.save_button.setEnabled(self.editable)
        for i in range(self.moves.count()):
            w = self.moves.itemAt(i).widget()
            if isinstance(w, QPushButton):
                w.setEnabled(self.editable)
        self.form.set_read_only(not self.editable)
        self.evidence.set_editable(self.editable)
        self.referrals.set_editable(self.editable)

    def _data_changed(self, change: Change) -> None:
        if change is Change.VIEW:  # the desk switched views while this window was open
            self._apply_permissions()
        elif change is Change.SUPERVISION:
            self._show_orders()

    def _show_orders(self) -> None:
        self.orders.set_rows(orders_on_case(self.ctx, self.case_id))
        open_orders = sum(1 for o in self.orders.rows() if o.status != "已办结")
        self.tabs.setTabText(self.tabs.indexOf(self.orders_view), fill(self.tr("Supervision (%1 open)"), open_orders))

    def _summary(self, d: CaseDetail) -> str:
        parts = [f"{d.category_code} {d.category_name}", f"{d.estate_name}（{d.street_name}）"]
        if d.deadline and d.status in ("责令整改", "复查"):
            left = (d.deadline - d.today).days
            parts.append(with_note(
                fill(self.tr("deadline %1 (%2 days left)"), d.deadline.isoformat(), left) if left >= 0
                else fill(self.tr("deadline %1 (%2 days overdue)"), d.deadline.isoformat(), -left), d.deadline_note))
        if d.status == "挂账" and d.hold_review_date:
            parts.append(self._hold_words(d, d.hold_review_date))
        if d.followup_pending and d.followup_due:
            parts.append(fill(self.tr("follow-up due %1"), d.followup_due.isoformat()))
        if d.recurrence_of:
            parts.append(fill(self.tr("recurrence of %1"), d.recurrence_of.number))
        origin = patrol_of_case(self.ctx, d.id)  # a finding that became this case (issue 19)
        self.patrol_id = origin.patrol_id if origin is not None else None
        self.patrol_button.setVisible(self.patrol_id is not None and record_windows.can_open("patrol"))
        if origin is not None:
            parts.append(fill(self.tr("found on the %1 of %2 (patrol record #%3)"), origin.kind,
                              f"{origin.started_at:%Y-%m-%d %H:%M}", origin.patrol_id))
        return " · ".join(parts)

    def _hold_words(self, d: CaseDetail, review: date) -> str:
        """"挂账：<reason>；2025-02-24 复核", and how long ago it passed if it has (the reason's "。" dropped)."""
        reason, day = reason_clause(d.hold_reason), review.isoformat()
        if review >= d.today:
            return fill(self.tr("on hold: %1; review on %2"), reason, day)
        months = months_past(review, d.today)
        if months:
            return fill(self.tr("on hold: %1; review date %2 passed %3 months ago"), reason, day, months)
        return fill(self.tr("on hold: %1; review date %2 passed %3 days ago"), reason, day, (d.today - review).days)

    def open_patrol(self) -> None:
        if self.patrol_id is not None:
            # Parented like this window, not to it: closing the case must not take the patrol window with it.
            record_windows.open_record("patrol", self.ctx, self.patrol_id, self.parentWidget())

    def _build_moves(self, d: CaseDetail) -> None:
        while self.moves.count():
            w = self.moves.takeAt(0).widget()
            if w is not None:
                w.deleteLater()
        self.moves.addWidget(QLabel(self.tr("Next step:")))
        for move in d.transitions:
            button = QPushButton(move.label)
            button.setObjectName(f"move_{move.to}_{move.label}")
            button.clicked.connect(lambda _=False, m=move: self.do_transition(m))
            self.moves.addWidget(button)
        if d.followup_pending:
            followup = QPushButton(self.tr("Record follow-up visit…"))
            followup.setObjectName("followup")
            if d.followup_is_due:
                followup.setStyleSheet("font-weight: bold; color: #c62828;")
            followup.clicked.connect(self.record_followup)
            self.moves.addWidget(followup)
        self.moves.addStretch(1)

    def move_buttons(self) -> dict[str, QPushButton]:
        """Transition buttons by their label (for tests and keyboard users' tooling)."""
        out = {}
        for i in range(self.moves.count()):
            w = self.moves.itemAt(i).widget()
            if isinstance(w, QPushButton) and w.objectName().startswith("move_"):
                out[w.text()] = w
        return out

    # --- editing -------------------------------------------------------------------------------------------
    def _mark_dirty(self) -> None:
        self._set_dirty(True)

    def _set_dirty(self, dirty: bool) -> None:
        self.dirty = dirty
        title = self.detail.number if self.detail else ""
        self.setWindowTitle(fill(self.tr("Case %1"), title) + (" *" if dirty else ""))

    def save(self) -> Operation | None:
        """Save the form with the version check, off the GUI thread (a slow server never freezes the window).

        None when there is nothing to save; else the running operation (`.wait()` for callers that go on).
        """
        if self.detail is None or not self.dirty:
            return None
        if self.operation is not None and self.operation.running:
            return self.operation
        values, case_id, version = self.form.values(), self.case_id, self.detail.version
        ctx = self.ctx
        return self._run(lambda: cr.update_case(ctx, case_id, expected_version=version, **values),
                         self._saved, self.tr("Cannot save"))

    def save_and_wait(self) -> bool:
        """Save and wait for the answer (the window stays live meanwhile); True when saved or nothing to save."""
        if self.detail is None:
            return False
        operation = self.save()
        return True if operation is None else operation.wait()

    def _saved(self, detail: CaseDetail) -> None:
        self.form.show_error(None)
        self.show_detail(detail)

    def _run(self, call: Callable[[], Any], done: Callable[[Any], None], title: str) -> Operation:
        """One change of this case through the background helper; editing waits until it has ended."""
        self._set_busy(True)
        operation = background.run(self, call, changes=(Change.CASES,), done=done,
                                   refused=lambda exc: self._refused(exc, title), name="case change")
        operation.ended.connect(lambda _ok: self._set_busy(False))
        self.operation = operation
        return operation

    def _refused(self, exc: UserError, title: str) -> None:
        if isinstance(exc, ConflictError):
            self._conflict(exc.message)
            return
        if isinstance(exc, ValidationError):
            self.tabs.setCurrentIndex(0)
            self.form.show_error(exc.field)
        QMessageBox.warning(self, title, exc.message)

    def _set_busy(self, busy: bool) -> None:
        """While a change is on its way the form and the buttons wait (no second save of the same version)."""
        self.busy = busy
        if busy:
            self.save_button.setEnabled(False)
            for i in range(self.moves.count()):
                w = self.moves.itemAt(i).widget()
                if isinstance(w, QPushButton):
                    w.setEnabled(False)
        else:
            self._apply_permissions()

    def _conflict(self, message: str) -> None:
        answer = QMessageBox.question(
            self, self.tr("Saved elsewhere meanwhile"),
            message + "\n\n" + self.tr("Reload the case now? Your unsaved edits in this window will be lost."),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.reload()

    def _side_changed(self) -> None:
        """Evidence or referrals changed: refresh them and the timeline, keeping unsaved form edits (the panels'
        background saves have announced the change to the other pages)."""
        try:
            fresh = cr.get_case(self.ctx, self.case_id)
        except UserError:
            return
        if self.dirty and self.detail is not None:
            values = self.form.values()
            self.show_detail(fresh)
            self.form.load({**fresh.__dict__, **values})
            self._set_dirty(True)
        else:
            self.show_detail(fresh)

    def do_transition(self, move: states.Transition) -> None:
        if self.detail is None or (self.dirty and not self.save_and_wait()):
            return
        d = self.detail
        proposed = None
        if states.DEADLINE in move.needs:
            proposed = cr.propose_for_category(self.ctx, d.category_id, start=d.today).deadline
        values: dict[str, Any] | None = asks.ask_transition(
            self, move, number=d.number, today=d.today, proposed_deadline=proposed,
            departments=self.choices.departments)
        if values is None:
            return
        ctx = self.ctx
        self._run(lambda: wf.transition(ctx, d.id, to=move.to, expected_version=d.version, **values),
                  self.show_detail, self.tr("Cannot change the status"))

    def record_followup(self) -> None:
        if self.detail is None or (self.dirty and not self.save_and_wait()):
            return
        values = asks.ask_followup(self, today=self.detail.today)
        if values is None:
            return
        ctx, case_id, version = self.ctx, self.case_id, self.detail.version
        self._run(lambda: wf.record_followup(ctx, case_id, expected_version=version, **values),
                  self._followup_recorded, self.tr("Cannot record the visit"))

    def _followup_recorded(self, new: Any) -> None:
        self.reload()
        if new is not None:
            QMessageBox.information(self, self.tr("New case opened"),
                                    fill(self.tr("The violation is back: case %1 was opened and linked."), new.number))
            open_case(self.ctx, new.id, self.parentWidget())

    # --- closing -------------------------------------------------------------------------------------------
    def confirm_close(self) -> bool:
        """Ask about unsaved edits: save, discard or stay."""
        if not self.dirty:
            return True
        answer = QMessageBox.question(
            self, self.tr("Unsaved changes"), self.tr("This case has unsaved changes. Save them before closing?"),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save_and_wait()
        return answer == QMessageBox.StandardButton.Discard

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.confirm_close():
            event.accept()
        else:
            event.ignore()

    def reject(self) -> None:
        # Escape goes through close(), so the unsaved-changes question is asked there too.
        self.close()


_open: dict[tuple[int, int], QWidget] = {}


def open_case(ctx: AppContext, case_id: int, parent: QWidget | None = None) -> None:
    """Show the case in its own window, or raise the window already showing it."""
    key = (id(ctx), case_id)
    window = _open.get(key)
    if window is not None:
        try:
            window.showNormal()
            window.raise_()
            window.activateWindow()
            return
        except RuntimeError:  # deleted on close
            _open.pop(key, None)
    window = CaseWindow(ctx, case_id, parent)
    _open[key] = window
    window.destroyed.connect(lambda *_: _open.pop(key, None))
    window.show()


def open_windows() -> list[QWidget]:
    """The case windows currently open (the main window asks them about unsaved edits before quitting)."""
    return list(_open.values())
