"""Generates a brief off the GUI thread: a BackgroundWorker that knows the briefs' cancel and failure message."""

from __future__ import annotations

import threading
from collections.abc import Callable

from controllers.documents.pdf_pages import BriefCancelled, BriefResult
from ui.common.background import BackgroundWorker

# job(progress, cancel) -> BriefResult; built by the page from controller calls (progress(percent, what)).
Job = Callable[[Callable[[int, str], None], threading.Event], BriefResult]


def brief_worker(job: Job) -> BackgroundWorker:
    """One generation (finished(BriefResult), failed(message) or cancelled()); run it with background.start."""
    return BackgroundWorker(job, name="brief generation", cancelled_by=(BriefCancelled,),
                            failure="生成简报时出现意外错误。详细信息已写入日志文件。")
