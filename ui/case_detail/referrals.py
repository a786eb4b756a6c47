"""Referrals panel: referrals of the case, overdue ones flagged; refer, record receipt, record reply."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from controllers.cases import referrals as ref
from controllers.cases.referrals import ReferralInfo
from controllers.core import clock
from controllers.core.context import AppContext
from ui.case_detail import asks
from ui.common import background
from ui.common.estimates import marked_day, with_note
from ui.common.events import Change
from ui.common.feedback import fill
from ui.common.rows_model import ID_ROLE
from ui.common.tints import WARNING_TINT, paint_tints


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


class ReferralsPanel(QWidget):
    """The case's referrals (移交); emits `changed` after each write."""

    changed = Signal()

    def __init__(self, ctx: AppContext, departments: tuple[tuple[int, str], ...], parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.departments = departments
        self.case_id: int | None = None
        self.editable = True
        self.today = clock.today()
        self.tree = QTreeWidget()
        self.tree.setRootIsDecorated(False)
        paint_tints(self.tree)  # an overdue referral's line warns
        self.tree.setHeaderLabels([self.tr("Department"), self.tr("Referred"), self.tr("Letter no."),
                                   self.tr("Reply due"), self.tr("Status"), self.tr("Received"), self.tr("Reply")])
        header = self.tree.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.tree.currentItemChanged.connect(lambda *_: self._enable())
        self.proposal_label = QLabel()
        self.proposal_label.setWordWrap(True)
        self.proposal_button = QPushButton(self.tr("Refer for credit demerit…"))
        self.proposal_button.clicked.connect(self.refer_proposed)
        self.refer_button = QPushButton(self.tr("Refer…"))
        self.refer_button.clicked.connect(lambda: self.refer())
        self.receipt_button = QPushButton(self.tr("Record receipt…"))
        self.receipt_button.clicked.connect(self.record_receipt)
        self.reply_button = QPushButton(self.tr("Record reply…"))
        self.reply_button.clicked.connect(self.record_reply)
        proposal_row = QHBoxLayout()
        proposal_row.addWidget(self.proposal_label, 1)
        proposal_row.addWidget(self.proposal_button)
        bar = QHBoxLayout()
        bar.addWidget(self.refer_button)
        bar.addStretch(1)
        bar.addWidget(self.receipt_button)
        bar.addWidget(self.reply_button)
        layout = QVBoxLayout(self)
        layout.addLayout(proposal_row)
        layout.addLayout(bar)
        layout.addWidget(self.tree, 1)
        self._proposal: ref.ReferralProposal | None = None

    def show_referrals(self, case_id: int, referrals: tuple[ReferralInfo, ...], today: date) -> None:
        self.case_id = case_id
        self.today = today
        self.tree.clear()
        for r in referrals:
            status = r.status + (self.tr(" (overdue)") if r.overdue else "")
            item = QTreeWidgetItem([r.department_name, _day(r.referred_on), r.letter_no or "",
                                    marked_day(r.reply_due, r.reply_due_note),
                                    status, _day(r.received_on), r.reply or ""])
            item.setData(0, ID_ROLE, r.id)
            item.setToolTip(0, r.reason or "")
            item.setToolTip(6, r.reply or "")
            item.setToolTip(3, with_note(_day(r.reply_due), r.reply_due_note))
            if r.overdue:
                item.setIcon(4, self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning))
                for col in range(self.tree.columnCount()):
                    item.setBackground(col, QBrush(WARNING_TINT))
            self.tree.addTopLevelItem(item)
        self._proposal = ref.propose_demerit_referral(self.ctx, case_id, on=today)
        visible = self._proposal is not None
        self.proposal_label.setVisible(visible)
        self.proposal_button.setVisible(visible)
        if self._proposal is not None:
            self.proposal_label.setText(fill(self.tr(
                "A penalty was decided on this C11 case: refer the property company to %1 for a credit demerit."
            ), self._proposal.department_name))
        self._enable()

    def _current(self) -> int | None:
        item = self.tree.currentItem()
        return None if item is None else int(item.data(0, ID_ROLE))

    def set_editable(self, editable: bool) -> None:
        """Referrals stay listed when the case may not be changed; nothing can be referred or recorded."""
        self.editable = editable
        self.proposal_button.setEnabled(editable)
        self.refer_button.setEnabled(editable)
        self._enable()

    def _enable(self) -> None:
        has = self.editable and self._current() is not None
        self.receipt_button.setEnabled(has)
        self.reply_button.setEnabled(has)

    def refer(self, *, department_id: int | None = None, reason: str = "", reply_due: date | None = None) -> None:
        if self.case_id is None:
            return
        due = reply_due or ref.default_reply_due(self.ctx, start=self.today)
        values = asks.ask_referral(self, departments=self.departments, today=self.today, reply_due=due,
                                   department_id=department_id, reason=reason)
        if values is None:
            return
        self._write(lambda: ref.refer_case(self.ctx, self.case_id or 0, **values))

    def refer_proposed(self) -> None:
        p = self._proposal
        if p is not None:
            self.refer(department_id=p.department_id, reason=p.reason, reply_due=p.reply_due)

    def record_receipt(self) -> None:
        referral_id = self._current()
        if referral_id is None:
            return
        values = asks.ask_receipt(self, today=self.today)
        if values is not None:
            self._write(lambda: ref.record_receipt(self.ctx, referral_id, **values))

    def record_reply(self) -> None:
        referral_id = self._current()
        if referral_id is None:
            return
        values = asks.ask_reply(self, today=self.today)
        if values is not None:
            self._write(lambda: ref.record_reply(self.ctx, referral_id, **values))

    def _write(self, action: Callable[[], object]) -> None:
        """One referral write off the GUI thread; the window refreshes once it is saved."""
        background.run(self, action, changes=(Change.CASES,), done=lambda _result: self.changed.emit(),
                       error_title=self.tr("Cannot save the referral"), name="referral")
