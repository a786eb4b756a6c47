"""The import wizard's two long steps as background workers: reading the file, and the import itself."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication

from controllers.complaints import importer as ci
from ui.common.background import BackgroundWorker, Progress
from ui.common.events import Change


def read_worker(ctx: Any, path: str) -> BackgroundWorker:
    """Reads the file and finds its header (inspect_file); finished(ImportPreview). Reading changes nothing,
    so a cancel simply stops waiting for it."""

    def work(_progress: Progress, _stop: threading.Event) -> ci.ImportPreview:
        return ci.inspect_file(ctx, path)

    return BackgroundWorker(work, name="reading a 12345 export", failure=QCoreApplication.translate(
        "ComplaintImport", "The file could not be read. The details are in the log file."))


def import_worker(ctx: Any, path: str, mapping: Mapping[str, int]) -> BackgroundWorker:
    """One import run with progress; cancel() rolls it back (finished(ImportResult) or cancelled())."""
    chosen = dict(mapping)

    def work(progress: Progress, stop: threading.Event) -> ci.ImportResult:
        return ci.run_import(ctx, path, mapping=chosen, remember=True, progress=progress, cancel=stop.is_set)

    return BackgroundWorker(work, name="complaint import", cancelled_by=(ci.ImportCancelled,),
                            changes=(Change.COMPLAINTS,), failure=QCoreApplication.translate(
                                "ComplaintImport", "Unexpected error during the import; nothing was imported. "
                                "The details are in the log file."))
