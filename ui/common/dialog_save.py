"""A form dialog's Save through the background helper: the controller call runs off the GUI thread, the dialog
stays open on a refusal with the field marked, and closes with the saved row in `dialog.saved` on success."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtWidgets import QDialog, QPushButton

from controllers.core.errors import UserError, ValidationError
from ui.common import background
from ui.common.background import Operation
from ui.common.events import Change


def save_and_accept(dialog: QDialog, call: Callable[[], Any], *, button: QPushButton, changes: Iterable[Change],
                    show_error: Callable[[str, str | None], None], name: str) -> Operation:
    """Run `call()` in the background; Save waits meanwhile (one save per click, however slow the server)."""
    button.setEnabled(False)

    def saved(row: Any) -> None:
        dialog.saved = row  # type: ignore[attr-defined]
        QDialog.accept(dialog)  # the dialog's own accept() is what started this save

    def refused(exc: UserError) -> None:
        show_error(exc.message, exc.field if isinstance(exc, ValidationError) else None)

    operation = background.run(dialog, call, changes=changes, done=saved, refused=refused, name=name)
    operation.ended.connect(lambda _ok: button.setEnabled(True))
    return operation
