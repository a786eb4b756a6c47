"""督查督办 page: the candidates for a 督办单 grouped by rule (下达督办 from a line) and the orders themselves
(答复办理情况 by the person pressed, 办结 by the supervisor, the A4 notice), and the 年度考核 tab. Reads and saves run
off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from controllers.core.context import AppContext
from controllers.orders.notice_pdf import write_order_notice
from controllers.orders.records import OrderRow, answer_order, close_order, list_orders
from controllers.supervision.candidates import Candidate, CandidateGroup, candidates
from controllers.supervision.warnings import (
    MIN_COUNT,
    RECENT_DAYS,
    RISE,
    EstateWarning,
    Warnings,
    Widespread,
    early_warnings,
    send_to_clinic,
)
from ui.common import background
from ui.common.background import Operation
from ui.common.column_width import fit_column
from ui.common.events import Change, data_events
from ui.common.tints import paint_tints
from ui.supervision.assessment_tab import AssessmentTab
from ui.supervision.models import CandidateTableModel, OrderTableModel, WarningTableModel
from ui.supervision.order_dialog import IssueOrderDialog

WATCHED = (Change.SUPERVISION, Change.CASES, Change.COMPLAINTS, Change.MEETINGS, Change.VIEW, Change.SETTINGS)


def _table(model: Any) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    paint_tints(view)  # overdue orders, 普遍性难点
    view.horizontalHeader().setStyleSheet("QHeaderView::section { padding: 4px 6px; }")
    return view


class SupervisionPage(QWidget):
    """Two tabs: 督办线索 (candidates, grouped by rule) and 督办单 (open or all orders)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.groups: tuple[CandidateGroup, ...] = ()
        self.operations: list[Operation] = []  # reads and saves still running (busy(); tests wait on them)
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs)
        self.tabs.addTab(self._candidates_tab(), self.tr("Candidates"))
        self.tabs.addTab(self._orders_tab(), self.tr("Supervision orders"))
        self.assessment = AssessmentTab(ctx, self.show_error)
        self.tabs.addTab(self.assessment, self.tr("Annual assessment"))
        self.tabs.addTab(self._warnings_tab(), self.tr("Early warnings"))
        self.status = QLabel()  # what the last issue, print or clinic did, whichever tab it came from
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status)
        data_events().changed.connect(self._data_changed)
        self.refresh()

    # ---- layout -----------------------------------------------------------------------------------------------

    def _candidates_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        bar = QHBoxLayout()
        self.rule_filter = QComboBox()
        self.rule_filter.setMinimumWidth(260)
        self.rule_filter.currentIndexChanged.connect(lambda _i: self._show_candidates())
        bar.addWidget(self.rule_filter)
        self.candidates_hint = QLabel()
        bar.addWidget(self.candidates_hint, 1)
        self.issue_button = QPushButton(self.tr("Issue order…"))
        self.issue_button.clicked.connect(self.issue_selected)
        bar.addWidget(self.issue_button)
        layout.addLayout(bar)
        self.candidate_model = CandidateTableModel(self)
        self.candidate_view = _table(self.candidate_model)
        header = self.candidate_view.horizontalHeader()
        header.setSectionResizeMode(CandidateTableModel.COL_WHY, QHeaderView.ResizeMode.Stretch)
        for col, width in ((CandidateTableModel.COL_RULE, 170), (CandidateTableModel.COL_ITEM, 220),
                           (CandidateTableModel.COL_REASON, 70), (CandidateTableModel.COL_ADDRESSEE, 120)):
            fit_column(self.candidate_view, col, width)
        self.candidate_view.doubleClicked.connect(lambda _i: self.issue_selected())
        self.candidate_view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        layout.addWidget(self.candidate_view)
        return page

    def _orders_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        bar = QHBoxLayout()
        self.order_filter = QComboBox()
        self.order_filter.addItem(self.tr("Open orders"), True)
        self.order_filter.addItem(self.tr("All orders"), False)
        self.order_filter.currentIndexChanged.connect(lambda _i: self.refresh_orders())
        bar.addWidget(self.order_filter)
        self.orders_hint = QLabel()
        bar.addWidget(self.orders_hint, 1)
        self.answer_button = QPushButton(self.tr("Answer…"))
        self.answer_button.clicked.connect(self.answer_selected)
        self.close_order_button = QPushButton(self.tr("Close order…"))
        self.close_order_button.clicked.connect(self.close_selected)
        self.print_button = QPushButton(self.tr("Print notice…"))
        self.print_button.clicked.connect(self.print_selected)
        for button in (self.answer_button, self.close_order_button, self.print_button):
            bar.addWidget(button)
        layout.addLayout(bar)
        self.order_model = OrderTableModel(self)
        self.order_view = _table(self.order_model)
        header = self.order_view.horizontalHeader()
        header.setSectionResizeMode(OrderTableModel.COL_REASON, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(OrderTableModel.COL_ANSWER, QHeaderView.ResizeMode.Stretch)
        for col, width in ((OrderTableModel.COL_NUMBER, 130), (OrderTableModel.COL_ITEM, 200),
                           (OrderTableModel.COL_ADDRESSEE, 110), (OrderTableModel.COL_DEADLINE, 96),
                           (OrderTableModel.COL_STATUS, 70)):
            fit_column(self.order_view, col, width)
        self.order_view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        layout.addWidget(self.order_view)
        return page

    def _warnings_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        bar = QHBoxLayout()
        self.warnings_hint = QLabel()
        self.warnings_hint.setWordWrap(True)
        bar.addWidget(self.warnings_hint, 1)
        self.clinic_button = QPushButton(self.tr("Send to case clinic"))
        self.clinic_button.clicked.connect(self.send_selected_to_clinic)
        bar.addWidget(self.clinic_button)
        layout.addLayout(bar)
        self.warning_model = WarningTableModel(self)
        self.warning_view = _table(self.warning_model)
        self.warning_view.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        fit_column(self.warning_view, 0, 300)
        fit_column(self.warning_view, 1, 90)
        self.warning_view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        layout.addWidget(self.warning_view)
        return page

    # ---- seams tests replace ----------------------------------------------------------------------------------

    def exec_dialog(self, dialog: QDialog) -> bool:
        return dialog.exec() == QDialog.DialogCode.Accepted

    def ask_text(self, title: str, label: str) -> str | None:
        text, ok = QInputDialog.getMultiLineText(self, title, label)
        return text if ok else None

    def get_save_path(self, suggested: str) -> str:
        path, _filter = QFileDialog.getSaveFileName(self, self.tr("Print notice"), suggested,
                                                    self.tr("PDF files (*.pdf)"))
        return path

    def show_error(self, text: str) -> None:
        QMessageBox.warning(self, self.tr("Supervision"), text)

    # ---- reading ----------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        self.refresh_candidates()
        self.refresh_orders()
        self.assessment.refresh()
        self.refresh_warnings()

    def refresh_warnings(self) -> None:
        ctx = self.ctx
        self._track(background.run(self, lambda: early_warnings(ctx), done=self._got_warnings,
                                   report_to=self.show_error, name="reading early warnings"))

    def _got_warnings(self, found: Warnings) -> None:
        self.warning_model.set_rows([*found.widespread, *found.estates])
        self.warnings_hint.setText(
            self.tr("%1 to %2: %3 estate flag(s), %4 widespread. Rule: at least %5 in the last %6 days and %7 times "
                    "the larger of the estate's average before and the same days last year.")
            .replace("%1", found.start.isoformat()).replace("%2", found.end.isoformat())
            .replace("%3", str(len(found.estates))).replace("%4", str(len(found.widespread)))
            .replace("%5", str(MIN_COUNT)).replace("%6", str(RECENT_DAYS)).replace("%7", f"{RISE:g}"))
        self._update_buttons()

    def show_warnings(self) -> None:
        """Bring the 苗头 tab forward (the 工作台 opens a flag this way)."""
        self.tabs.setCurrentIndex(3)

    def selected_warning(self) -> EstateWarning | Widespread | None:
        rows = self.warning_view.selectionModel().selectedRows()
        return self.warning_model.row_at(rows[0].row()) if rows else None

    def send_selected_to_clinic(self) -> None:
        flag = self.selected_warning()
        if flag is None:
            return
        ctx, key = self.ctx, flag.key
        self._track(background.run(
            self, lambda: send_to_clinic(ctx, key), changes=(Change.MEETINGS,),
            done=lambda d: self.status.setText(self.tr("Sent to the case clinic “%1” (%2)")
                                               .replace("%1", d.title).replace("%2", d.held_on.isoformat())),
            report_to=self.show_error, name="sending a warning to a case clinic"))

    def refresh_candidates(self) -> None:
        ctx = self.ctx
        self.candidates_hint.setText(self.tr("Looking for candidates…"))
        self._track(background.run(self, lambda: candidates(ctx), done=self._got_candidates,
                                   report_to=self.show_error, name="reading supervision candidates"))

    def refresh_orders(self) -> None:
        ctx, open_only = self.ctx, bool(self.order_filter.currentData())
        # As on the 考核 tab: a read for the other filter, ended late, is dropped.
        self._track(background.run(self, lambda: list_orders(ctx, open_only=open_only),
                                   done=lambda rows: self._got_orders(rows) if open_only == bool(
                                       self.order_filter.currentData()) else None,
                                   report_to=self.show_error, name="reading supervision orders"))

    def _track(self, operation: Operation) -> None:
        self.operations = [op for op in self.operations if op.running] + [operation]

    def busy(self) -> bool:
        return any(op.running for op in self.operations) or self.assessment.busy()

    def wait_until_ready(self) -> bool:
        """Let every read running end and be shown (a screenshot renders the lists, not 正在查找…); each wait runs a
        local event loop, so the results are applied as they come."""
        while self.busy():
            next(op for op in (*self.operations, *self.assessment.operations) if op.running).wait()
        return True

    def _got_candidates(self, groups: tuple[CandidateGroup, ...]) -> None:
        self.groups = groups
        wanted = self.rule_filter.currentData()
        self.rule_filter.blockSignals(True)
        self.rule_filter.clear()
        self.rule_filter.addItem(self.tr("All rules (%1)").replace("%1", str(sum(g.total for g in groups))), None)
        for g in groups:
            self.rule_filter.addItem(f"{g.title}（{g.total}）", g.rule)
        self.rule_filter.setCurrentIndex(max(0, self.rule_filter.findData(wanted)))
        self.rule_filter.blockSignals(False)
        self._show_candidates()

    def _show_candidates(self) -> None:
        rule = self.rule_filter.currentData()
        shown = tuple(g for g in self.groups if rule is None or g.rule == rule)
        self.candidate_model.set_groups(shown)
        cut = sum(g.total - len(g.items) for g in shown)
        hint = self.tr("%1 items listed").replace("%1", str(self.candidate_model.rowCount()))
        if cut:
            hint += self.tr("; %1 more not listed (the longest waiting are shown first)").replace("%1", str(cut))
        self.candidates_hint.setText(hint)
        self._update_buttons()

    def _got_orders(self, rows: list[OrderRow]) -> None:
        selected = self.selected_order()
        self.order_model.set_rows(rows)
        overdue = sum(1 for r in rows if r.overdue)
        self.orders_hint.setText(self.tr("%1 orders, %2 overdue (in red)").replace("%1", str(len(rows)))
                                 .replace("%2", str(overdue)))
        if selected is not None:
            self.show_order(selected.id, switch=False)
        self._update_buttons()

    def selected_candidate(self) -> Candidate | None:
        rows = self.candidate_view.selectionModel().selectedRows()
        return self.candidate_model.row_at(rows[0].row()) if rows else None

    def selected_order(self) -> OrderRow | None:
        rows = self.order_view.selectionModel().selectedRows()
        return self.order_model.row_at(rows[0].row()) if rows else None

    def show_order(self, order_id: int, *, switch: bool = True) -> None:
        """Select one order on the 督办单 tab (the 工作台 today list opens an order this way)."""
        if switch:
            self.tabs.setCurrentIndex(1)
        row = self.order_model.row_of_id(order_id)
        if row < 0 and switch and self.order_filter.currentData():
            return
        if row >= 0:
            self.order_view.selectRow(row)

    def _update_buttons(self) -> None:
        self.issue_button.setEnabled(self.selected_candidate() is not None)
        order = self.selected_order()
        is_open = order is not None and order.status != "已办结"
        self.answer_button.setEnabled(is_open)
        self.close_order_button.setEnabled(order is not None and order.status == "已答复")
        self.print_button.setEnabled(order is not None)
        self.clinic_button.setEnabled(self.selected_warning() is not None)

    def _data_changed(self, change: Change) -> None:
        if change in WATCHED:
            self.refresh()

    # ---- actions ----------------------------------------------------------------------------------------------

    def issue_selected(self) -> None:
        c = self.selected_candidate()
        if c is None:
            return
        dialog = IssueOrderDialog(self.ctx, subject=c.subject, subject_id=c.subject_id, label=c.label,
                                  reason=c.reason, why=c.why, default_addressee=c.addressee, parent=self)
        if self.exec_dialog(dialog) and dialog.saved is not None:
            self.status.setText(self.tr("Issued %1 to %2").replace("%1", dialog.saved.number_text)
                                .replace("%2", dialog.saved.addressee))

    def answer_selected(self) -> None:
        order = self.selected_order()
        if order is None:
            return
        text = self.ask_text(self.tr("Answer %1").replace("%1", order.number_text), self.tr("How it was handled:"))
        if text is not None:
            ctx, order_id = self.ctx, order.id
            self._save(lambda: answer_order(ctx, order_id, answer=text), "answering a supervision order")

    def close_selected(self) -> None:
        order = self.selected_order()
        if order is None:
            return
        text = self.ask_text(self.tr("Close %1").replace("%1", order.number_text), self.tr("Closing note (optional):"))
        if text is not None:
            ctx, order_id = self.ctx, order.id
            self._save(lambda: close_order(ctx, order_id, note=text), "closing a supervision order")

    def _save(self, call: Callable[[], object], name: str) -> None:
        self._track(background.run(self, call, changes=(Change.SUPERVISION, Change.CASES),
                                   report_to=self.show_error, name=name))

    def print_selected(self) -> None:
        order = self.selected_order()
        if order is None:
            return
        path = self.get_save_path(f"{order.number_text}.pdf")
        if not path:
            return
        target = Path(path if path.lower().endswith(".pdf") else path + ".pdf")
        ctx, order_id = self.ctx, order.id
        self._track(background.run(self, lambda: write_order_notice(ctx, order_id, target),
                                   done=lambda r: self.status.setText(self.tr("Notice saved: %1")
                                                                      .replace("%1", str(r.path))),
                                   report_to=self.show_error, name="printing a supervision order"))
