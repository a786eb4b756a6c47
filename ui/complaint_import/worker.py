"""Runs the import off the GUI thread and reports progress, the result or a Chinese error back to it."""

from __future__ import annotations

import logging
import threading
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from controllers.complaint_import import ImportCancelled, run_import
from controllers.errors import UserError

log = logging.getLogger(__name__)


class ImportWorker(QObject):
    """One import run; lives in its own QThread. `cancel()` may be called from the GUI thread."""

    progress = Signal(int, int)
    finished = Signal(object)  # ImportResult
    failed = Signal(str)  # Chinese message
    cancelled = Signal()

    def __init__(self, ctx: Any, path: str, mapping: Mapping[str, int]) -> None:
        super().__init__()
        self._ctx = ctx
        self._path = path
        self._mapping = dict(mapping)
        self._stop = threading.Event()

    def cancel(self) -> None:
        self._stop.set()

    @Slot()
    def run(self) -> None:
        try:
            result = run_import(self._ctx, self._path, mapping=self._mapping, remember=True,
                                progress=self.progress.emit, cancel=self._stop.is_set)
        except ImportCancelled:
            self.cancelled.emit()
        except UserError as exc:
            self.failed.emit(exc.message)
        except Exception:
            log.exception("complaint import failed")
            self.failed.emit("导入时出现意外错误，没有导入任何数据。详细信息已写入日志文件。")
        else:
            self.finished.emit(result)


def start(worker: ImportWorker, parent: QObject) -> QThread:
    """Move the worker to a new thread, run it, and clean both up when it ends."""
    thread = QThread(parent)
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    for signal in (worker.finished, worker.failed, worker.cancelled):
        signal.connect(thread.quit)
    thread.finished.connect(worker.deleteLater)
    thread.start()
    return thread
