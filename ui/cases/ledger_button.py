"""“其他台账” beside 导出 on 案件台账: the 移交台账 and the 物业服务企业履职台账 written to Excel in a worker."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QPushButton, QWidget

from controllers.cases import ledgers
from controllers.core.context import AppContext
from ui.common import background
from ui.common.background import Operation


class LedgerButton(QPushButton):
    """A button with a menu of the ledgers kept beside the case book; names and phones stay masked in the files."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setText(self.tr("Other ledgers"))
        menu = QMenu(self)
        self.referrals_action = menu.addAction(self.tr("Referral ledger (移交台账)…"))
        self.referrals_action.triggered.connect(
            lambda: self.export(ledgers.export_referrals, self.tr("移交台账") + ".xlsx"))
        self.companies_action = menu.addAction(self.tr("Property company ledger (履职台账)…"))
        self.companies_action.triggered.connect(
            lambda: self.export(ledgers.export_company_ledger, self.tr("物业服务企业履职台账") + ".xlsx"))
        self.setMenu(menu)
        self.written: str | None = None

    def ask_path(self, suggested: str) -> str:
        """Where to save (a seam tests replace)."""
        path, _f = QFileDialog.getSaveFileName(self, self.text(), suggested, self.tr("Excel workbook (*.xlsx)"))
        return path

    def export(self, write: Callable[..., int], suggested: str) -> Operation | None:
        path = self.ask_path(suggested)
        if not path:
            return None
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        ctx = self.ctx
        return background.run(self, lambda: write(ctx, path), done=lambda n: self._done(n, path),
                              error_title=self.tr("Export failed"), name="ledger export")

    def _done(self, count: Any, path: str) -> None:
        self.written = path
        QMessageBox.information(self, self.text(), self.tr("%1 rows exported to %2").replace("%1", str(count))
                                .replace("%2", path))
