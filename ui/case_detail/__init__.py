"""The case window and the new-case dialog: `open_case` (non-blocking) and `new_case` (returns the new id)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from controllers.core.context import AppContext
from controllers.core.errors import UserError

_open: dict[tuple[int, int], QWidget] = {}


def open_case(ctx: AppContext, case_id: int, parent: QWidget | None = None) -> None:
    """Show the case in its own window, or raise the window already showing it."""
    from ui.case_detail.window import CaseWindow

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


def new_case(ctx: AppContext, parent: QWidget | None = None, *, source: str | None = None,
             complaint_id: int | None = None) -> int | None:
    """Ask for a new case (modal); returns its id once saved, None when cancelled."""
    from ui.case_detail.new_dialog import NewCaseDialog

    try:
        dialog = NewCaseDialog(ctx, parent, source=source, complaint_id=complaint_id)
    except UserError as exc:
        QMessageBox.warning(parent, QMessageBox.tr("Cannot create the case"), exc.message)
        return None
    if dialog.exec() == QDialog.DialogCode.Accepted:
        return dialog.case_id
    return None


def open_windows() -> list[QWidget]:
    """The case windows currently open (the main window asks them about unsaved edits before quitting)."""
    return list(_open.values())


__all__ = ["new_case", "open_case", "open_windows"]
