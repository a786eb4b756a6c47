"""Logging set-up: a rotating UTF-8 log file in the data directory, warnings on stderr; never personal data."""

from __future__ import annotations

import logging
import logging.handlers
import re
import sys

from controllers.core import clock
from controllers.core.paths import DataDir

LOG_FILENAME = "station-ledger.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
# Marks our handlers so a second call (tests, GUI after CLI) replaces them instead of doubling every line.
_MARK = "_station_ledger_handler"


class ShanghaiFormatter(logging.Formatter):
    """Stamps each line with the app's one clock in Shanghai time, whatever the machine's time zone: a log line
    and the audit entry or record stamped at the same moment show the same time (the default formatter would use
    the machine's local time, eight hours off on a desk set to UTC)."""

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:
        local = clock.to_local(clock.now())
        return local.strftime(datefmt) if datefmt else f"{local:%Y-%m-%d %H:%M:%S},{local.microsecond // 1000:03d}"


_CJK = re.compile(r"[\u4e00-\u9fff]")


def _warnings_only(record: logging.LogRecord) -> bool:
    """Errors are told to the user in Chinese by the caller; their tracebacks belong in the file only. Warnings
    written for support (English, about the program) stay in the file too: the user sees only Chinese ones."""
    if record.levelno >= logging.ERROR or record.exc_info:
        return False
    return record.levelno < logging.WARNING or bool(_CJK.search(record.getMessage()))


def configure_logging(data_dir: DataDir, *, verbose: bool = False) -> logging.Handler | None:
    """Send records to <data dir>/logs/station-ledger.log (rotating) and warnings to stderr.

    Callers log ids, counts and error classes only: names and phones of residents never go to a log.
    Returns the file handler, or None when the log folder cannot be written (then stderr only).
    """
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, _MARK, False):
            root.removeHandler(handler)
            handler.close()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)

    console = logging.StreamHandler(sys.stderr)
    console.setLevel(logging.DEBUG if verbose else logging.WARNING)
    console.setFormatter(logging.Formatter("注意：%(message)s"))
    console.addFilter(_warnings_only)
    setattr(console, _MARK, True)
    root.addHandler(console)

    file_handler: logging.Handler | None = None
    try:
        data_dir.logs.mkdir(parents=True, exist_ok=True)
        file_handler = logging.handlers.RotatingFileHandler(
            data_dir.logs / LOG_FILENAME, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"
        )
    except OSError:
        # An unwritable data directory is reported to the user by the caller; do not fail twice.
        return None
    file_handler.setLevel(logging.DEBUG if verbose else logging.INFO)
    file_handler.setFormatter(ShanghaiFormatter(_FORMAT))
    setattr(file_handler, _MARK, True)
    root.addHandler(file_handler)
    return file_handler
