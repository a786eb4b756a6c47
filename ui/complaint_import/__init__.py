"""12345 work-order import wizard: `run_import_wizard(ctx, parent)` asks for a file and walks through the import."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget


def run_import_wizard(ctx: Any, parent: QWidget | None = None) -> bool:
    """Choose a file, map its columns, import; True when something was imported (the wizard reached its end)."""
    # Loaded on first use (the complaint log imports this package): the wizard brings the importer, ~60 ms.
    from ui.complaint_import.wizard import ImportWizard

    path, _f = QFileDialog.getOpenFileName(
        parent, QCoreApplication.translate("ComplaintImport", "Choose a 12345 work-order export"), "",
        QCoreApplication.translate("ComplaintImport", "Spreadsheets (*.xlsx *.csv)"))
    if not path:
        return False
    wizard = ImportWizard(ctx, path, parent)  # reads the file in a worker; a file it cannot use closes it again
    wizard.exec()
    return wizard.import_result is not None


__all__ = ["run_import_wizard"]
