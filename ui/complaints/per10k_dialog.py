"""A small 投诉万人比 panel: a period and a scope, the figure with and without repeats, last year, the change."""

from __future__ import annotations

import html

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from controllers.complaints.per10k import Per10kReport, Scope, per10k, per10k_by_estate
from controllers.core import clock
from controllers.core.context import AppContext
from controllers.core.errors import UserError
from controllers.core.periods import parse_period

# 本工作室 last, so the existing choices keep their places.
SCOPE_KINDS = ("district", "street", "committee", "estate", "station")
NAMELESS_SCOPES = ("district", "station")


def _figure(value: float | None, unit: str, missing: str) -> str:
    return missing if value is None else f"{value:.2f} {unit}"


class Per10kDialog(QDialog):
    """Computes on demand; the unit is 件/万人, never a percentage."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Complaints per 10,000 residents"))
        self.setMinimumWidth(560)
        self.period = QLineEdit(str(clock.today().year))
        self.period.setPlaceholderText(self.tr("2025, 2025Q1, 2025-03 or 2025-01-01..2025-06-30"))
        self.scope_kind = QComboBox()
        for kind, label in zip(SCOPE_KINDS, (self.tr("District"), self.tr("Street"), self.tr("Residents' committee"),
                                             self.tr("Estate"), self.tr("This station")), strict=True):
            self.scope_kind.addItem(label, kind)
        self.scope_name = QLineEdit()
        self.scope_name.setPlaceholderText(self.tr("Name (not needed for the district)"))
        self.compute_button = QPushButton(self.tr("Compute"))
        self.compute_button.setDefault(True)
        self.compute_button.clicked.connect(self.compute)
        scope_row = QHBoxLayout()
        scope_row.addWidget(self.scope_kind)
        scope_row.addWidget(self.scope_name, 1)
        form = QFormLayout()
        form.addRow(self.tr("Period"), self.period)
        form.addRow(self.tr("Scope"), scope_row)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.ranking = QLabel()
        self.ranking.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.compute_button)
        layout.addWidget(self.result)
        layout.addWidget(self.ranking)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.compute()

    def compute(self) -> None:
        kind = self.scope_kind.currentData()
        try:
            period = parse_period(self.period.text())
            scope = Scope(kind) if kind in NAMELESS_SCOPES else Scope(kind, self.scope_name.text().strip())
            if kind not in NAMELESS_SCOPES and not scope.name:
                raise UserError(self.tr("Type the name of the street, committee or estate."))
            report = per10k(self.ctx, period, scope)
            ranked = per10k_by_estate(self.ctx, period, scope)
        except UserError as exc:
            self.result.setText(exc.message)
            self.ranking.clear()
            return
        self.result.setText(self.describe(report))
        top = [e for e in ranked if e.per10k is not None][:5]
        if top:
            lines = [f"{i}. {e.estate}（{e.street}）{e.per10k:.2f}" for i, e in enumerate(top, 1)]
            self.ranking.setText(self.tr("Highest estates (per 10,000 residents):") + "\n" + "\n".join(lines))
        else:
            self.ranking.clear()

    def describe(self, r: Per10kReport) -> str:
        unit, missing = self.tr("per 10,000 residents"), self.tr("no population data")
        cur, last = r.current, r.last_year
        lines = [
            f"<b>{html.escape(r.scope)} · {cur.period}</b>",
            self.tr("Complaints: %1 (%2 without repeats), residents: %3")
            .replace("%1", str(cur.complaints)).replace("%2", str(cur.complaints_without_repeats))
            .replace("%3", f"{cur.population:,}"),
            self.tr("Per 10,000 residents: %1; without repeats: %2")
            .replace("%1", "<b>" + _figure(cur.per10k, unit, missing) + "</b>")
            .replace("%2", _figure(cur.per10k_without_repeats, unit, missing)),
            self.tr("Same period last year (%1): %2; without repeats: %3")
            .replace("%1", last.period).replace("%2", _figure(last.per10k, unit, missing))
            .replace("%3", _figure(last.per10k_without_repeats, unit, missing)),
        ]
        if r.change is not None:
            lines.append(self.tr("Change: %1").replace("%1", f"{r.change:+.2f} {unit}"))
        if cur.estates_without_population:
            names = "、".join(f"{html.escape(e.name)}（{e.complaints}）" for e in cur.estates_without_population[:10])
            more = len(cur.estates_without_population) - 10
            lines.append(self.tr("Not counted, no population data: %1").replace("%1", names)
                         + (self.tr(" and %1 more").replace("%1", str(more)) if more > 0 else ""))
        return "<br>".join(lines)
