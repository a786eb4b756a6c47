"""Read-only 履职记录 of a property company: its C11 cases, the referrals about them, and training attendance."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from controllers.cases import referrals as case_referrals
from controllers.core.context import AppContext
from controllers.core.errors import UserError
from controllers.trainings import stats as training_stats


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> QTableWidget:
    """A plain read-only table; the record is only looked at here, never edited."""
    table = QTableWidget(len(rows), len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().hide()
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(text))
    table.resizeColumnsToContents()
    table.horizontalHeader().setStretchLastSection(True)
    return table


class CompanyRecordView(QWidget):
    """Three read-only tables (cases, referrals, trainings) for one existing property company."""

    def __init__(self, ctx: AppContext, company_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs)
        try:
            record = case_referrals.property_company_record(ctx, company_id)
            trainings = training_stats.company_trainings(ctx, company_id)
        except UserError as exc:  # deleted meanwhile, or the user may not view: say so instead of failing
            self.message.setText(exc.message)
            self.message.show()
            self.tabs.hide()
            return
        # Party names and reply texts are left out on purpose: this view shows no personal data.
        self.cases = _table(
            [self.tr("Case number"), self.tr("Status"), self.tr("Found on"), self.tr("Estate"),
             self.tr("Penalty decided on"), self.tr("Penalty document no.")],
            [[c.number, c.status, _day(c.found_date), c.estate_name, _day(c.penalty_decided_on),
              c.penalty_doc_no or ""] for c in record.cases])
        self.referrals = _table(
            [self.tr("Case number"), self.tr("Department"), self.tr("Referred on"), self.tr("Reply due"),
             self.tr("Status"), self.tr("Replied on")],
            [[r.case_number or "", r.department_name, _day(r.referred_on), _day(r.reply_due),
              r.status + (self.tr(" (overdue)") if r.overdue else ""), _day(r.replied_on)]
             for r in record.referrals])
        self.trainings = _table(
            [self.tr("Date"), self.tr("Kind"), self.tr("Title"), self.tr("People present")],
            [[_day(t.day), t.kind, t.title, str(t.people)] for t in trainings])
        titles = (self.tr("C11 cases"), self.tr("Referrals"), self.tr("Trainings attended"))
        counts = (len(record.cases), len(record.referrals), len(trainings))
        for table, title, count in zip((self.cases, self.referrals, self.trainings), titles, counts, strict=True):
            self.tabs.addTab(table, f"{title} ({count})")
