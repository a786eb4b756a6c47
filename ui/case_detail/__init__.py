"""The case window and the new-case dialog: `open_case` (non-blocking) and `new_case` (returns the new id)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from controllers.core.context import AppContext
from controllers.core.errors import UserError
from ui.case_detail.new_dialog import NewCaseDialog
from ui.case_detail.window import open_case, open_windows


def new_case(ctx: AppContext, parent: QWidget | None = None, *, source: str | None = None,
             complaint_id: int | None = None) -> int | None:
    """Ask for a new case (modal); returns its id once saved, None when cancelled."""
    try:
        dialog = NewCaseDialog(ctx, parent, source=source, complaint_id=complaint_id)
    except UserError as exc:
        QMessageBox.warning(parent, QMessageBox.tr("Cannot create the case"), exc.message)
        return None
    if dialog.exec() == QDialog.DialogCode.Accepted:
        return dialog.case_id
    return None


__all__ = ["new_case", "open_case", "open_windows"]
