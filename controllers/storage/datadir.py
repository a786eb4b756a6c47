"""The data directory: where it is, what it holds, and checks that it is safe to open."""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import tempfile
from pathlib import Path

from platformdirs import user_data_path

from controllers.core.errors import DataDirError
from controllers.core.paths import DataDir

APP_NAME = "station-ledger"
ENV_VAR = "STATION_LEDGER_DATA"
SQLITE_MAGIC = b"SQLite format 3\x00"
# What an interrupted restore, import or write probe leaves (see remove_leftovers).
RESTORE_PREFIX = ".restore-"
INCOMING_PREFIX = ".incoming-"

log = logging.getLogger(__name__)


def resolve(explicit: str | os.PathLike[str] | None = None) -> DataDir:
    """--data-dir wins, then STATION_LEDGER_DATA, then the platform's application-data folder."""
    if explicit:
        return DataDir(Path(explicit).expanduser().resolve())
    env = os.environ.get(ENV_VAR)
    if env:
        return DataDir(Path(env).expanduser().resolve())
    return DataDir(user_data_path(APP_NAME, appauthor=False))


def prepare(data_dir: DataDir) -> None:
    """Create the folders and prove we can write there; raise DataDirError with a Chinese reason."""
    root = data_dir.root
    if root.exists() and not root.is_dir():
        raise DataDirError(f"数据目录“{root}”是一个文件而不是文件夹，请换一个目录。")
    try:
        for folder in (root, data_dir.attachments, data_dir.backups, data_dir.logs):
            folder.mkdir(parents=True, exist_ok=True)
        # A name of its own: two programs starting together must not write and delete the same probe.
        fd, probe = tempfile.mkstemp(prefix=".write-test-", dir=root)
        try:
            os.write(fd, b"ok")
        finally:
            os.close(fd)
            os.unlink(probe)
    except OSError as exc:
        raise DataDirError(
            f"无法写入数据目录“{root}”（{exc.strerror or exc}），请检查权限或换一个目录。"
        ) from exc


def check_database_file(path: Path) -> None:
    """Refuse a file that is not a Station Ledger database, so we never overwrite someone's file."""
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb") as fh:
        header = fh.read(len(SQLITE_MAGIC))
    if header != SQLITE_MAGIC:
        raise DataDirError(f"“{path}”不是台账数据库文件，为避免覆盖已停止。请换一个数据目录。")
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise DataDirError(f"“{path}”无法作为数据库打开（{exc}），文件可能已损坏。") from exc
    if tables and "alembic_version" not in tables:
        raise DataDirError(f"“{path}”是其他程序的数据库，不是台账数据库。为避免覆盖已停止。")


def remove_leftovers(data_dir: DataDir) -> list[Path]:
    """Delete what a killed restore or store copy left: a full copy of the database beside it, staged attachments,
    half-copied files, write probes. Called only while no other program has the data directory open."""
    found = [p for p in data_dir.root.glob(RESTORE_PREFIX + "*")]
    found += [p for p in data_dir.root.glob(".write-test*")]
    if data_dir.attachments.is_dir():
        found += [p for p in data_dir.attachments.glob(RESTORE_PREFIX + "*")]
        found += [p for p in data_dir.attachments.glob(INCOMING_PREFIX + "*")]
        found += [p for p in data_dir.attachments.glob("*/" + RESTORE_PREFIX + "*")]
    removed = []
    for path in found:
        try:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()
            removed.append(path)
        except OSError:
            log.warning("could not remove the leftover %s", path.name)
    if removed:
        log.info("removed %d leftovers of an interrupted restore or copy", len(removed))
    return removed
