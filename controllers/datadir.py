"""The data directory: where it is, what it holds, and checks that it is safe to open."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_path

from controllers.errors import DataDirError

APP_NAME = "station-ledger"
ENV_VAR = "STATION_LEDGER_DATA"
DB_FILENAME = "station-ledger.db"
SQLITE_MAGIC = b"SQLite format 3\x00"


@dataclass(frozen=True)
class DataDir:
    """Paths inside one data directory."""

    root: Path

    @property
    def database(self) -> Path:
        return self.root / DB_FILENAME

    @property
    def attachments(self) -> Path:
        return self.root / "attachments"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def database_url(self) -> str:
        return f"sqlite:///{self.database}"


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
        probe = root / ".write-test"
        probe.write_bytes(b"ok")
        probe.unlink()
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
