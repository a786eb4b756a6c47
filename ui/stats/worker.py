"""Generates a brief off the GUI thread; progress, the result or a Chinese error come back as signals."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from controllers.briefs_common import BriefCancelled, BriefResult
from controllers.errors import UserError

log = logging.getLogger(__name__)

# job(progress, cancel) -> BriefResult; built by the page from controller calls.
Job = Callable[[Callable[[int, str], None], threading.Event], BriefResult]


class BriefWorker(QObject):
    """One generation; lives in its own QThread. `cancel()` may be called from the GUI thread."""

    progress = Signal(int, str)
    finished = Signal(object)  # BriefResult
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, job: Job) -> None:
        super().__init__()
        self._job = job
        self._stop = threading.Event()

    def cancel(self) -> None:
        self._stop.set()

    @Slot()
    def run(self) -> None:
        try:
            result = self._job(self.progress.emit, self._stop)
        except BriefCancelled:
            self.cancelled.emit()
        except UserError as exc:
            self.failed.emit(exc.message)
        except Exception:
            log.exception("brief generation failed")
            self.failed.emit("生成简报时出现意外错误。详细信息已写入日志文件。")
        else:
            self.finished.emit(result)


def start(worker: BriefWorker, parent: Any) -> QThread:
    """Move the worker to a new thread, run it, and clean both up when it ends."""
    thread = QThread(parent)
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    for signal in (worker.finished, worker.failed, worker.cancelled):
        signal.connect(thread.quit)
    thread.finished.connect(worker.deleteLater)
    thread.finished.connect(thread.deleteLater)
    thread.start()
    return thread
