"""Start-up integrity check of the database and the backups it can fall back on (no app context needed).

A full `PRAGMA quick_check` reads the whole file (about 1.6 s for the 360 MB demo database), so a start after a
clean close skips it: `AppContext.close()` records the file's size, mtime and inode in `.clean-close`, and the
check runs whenever the file differs from that record, a -wal file is left over (a crash), or the marker is
missing. Corruption that appears while the file is not touched (a failing disk) is caught by the full
`integrity_check` every backup runs on its page-by-page copy; a failed backup check removes the marker.
"""

from __future__ import annotations

import json
import logging
import os
import re
import sqlite3
import zipfile
import zlib
from datetime import datetime
from pathlib import Path

from controllers.core.errors import DataDirError
from controllers.core.paths import DataDir
from controllers.storage.datadir import SQLITE_MAGIC

log = logging.getLogger(__name__)

MARKER_NAME = ".clean-close"
MANIFEST_NAME = "manifest.json"
DB_MEMBER = "station-ledger.db"
# station-ledger-2025-03-05-0905-daily.zip (local time; -2 etc. when two backups share a minute; safety backups add
# a Chinese word a person searches for: ...-restore-恢复前.zip)
BACKUP_NAME = re.compile(r"^station-ledger-(\d{4})-(\d{2})-(\d{2})-(\d{2})(\d{2})(?:-(\d+))?-([a-z]+)"
                         r"(?:-[\u4e00-\u9fff]+)?\.zip$")


class CorruptDatabaseError(DataDirError):
    """The database failed its integrity check and is not opened; `backup` is the newest good backup or None."""

    def __init__(self, message: str, *, database: Path, backup: Path | None) -> None:
        super().__init__(message)
        self.database = database
        self.backup = backup


def backup_time(path: Path) -> datetime | None:
    """The local time in a backup's file name, or None for a file that is not one of ours."""
    m = BACKUP_NAME.match(path.name)
    if not m:
        return None
    y, mo, d, h, mi = (int(g) for g in m.groups()[:5])
    try:
        return datetime(y, mo, d, h, mi)
    except ValueError:
        return None


def backup_reason(path: Path) -> str | None:
    m = BACKUP_NAME.match(path.name)
    return m.group(7) if m else None


def list_backups(folder: Path) -> list[Path]:
    """Our backup files in `folder`, oldest first (name order equals time order; -2 sorts after the plain one)."""
    if not folder.is_dir():
        return []
    found = [(backup_time(p), int(BACKUP_NAME.match(p.name).group(6) or 0), p)  # type: ignore[union-attr]
             for p in folder.iterdir() if p.is_file() and backup_time(p) is not None]
    return [p for _t, _n, p in sorted(found)]


# Everything reading a zip can raise on a damaged, truncated, encrypted or crafted file (a bad deflate stream is
# zlib.error, an encrypted member RuntimeError, an unknown compression NotImplementedError, deep JSON RecursionError).
ZIP_ERRORS: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile, zipfile.LargeZipFile, RuntimeError, NotImplementedError, zlib.error, EOFError, OSError,
    ValueError, KeyError, UnicodeDecodeError, OverflowError, TypeError,
)
MANIFEST_MAX_BYTES = 64 * 1024  # ours is under 1 KB
_COUNT_MAX = 2**63 - 1


def _check_manifest(manifest: object) -> dict:
    """The manifest when every field this program reads has the type it writes; ValueError otherwise."""
    if not isinstance(manifest, dict) or manifest.get("app") != "station-ledger":
        raise ValueError("not a Station Ledger backup")
    for key in ("schema_revision", "created_local", "reason", "app_version"):
        value = manifest.get(key)
        if value is not None and (not isinstance(value, str) or len(value) > 64):
            raise ValueError(f"manifest field {key}")
    if not isinstance(manifest.get("verified", False), bool):
        raise ValueError("manifest field verified")
    counts = manifest.get("counts", {})
    if not isinstance(counts, dict) or not all(
            isinstance(k, str) and len(k) <= 64 and type(v) is int and 0 <= v <= _COUNT_MAX for k, v in counts.items()):
        raise ValueError("manifest field counts")
    return manifest


def read_manifest(path: Path) -> dict:
    """The manifest of a backup zip; raises one of ZIP_ERRORS when it is not one (or a damaged or crafted one)."""
    with zipfile.ZipFile(path) as zf:
        names = set(zf.namelist())
        if DB_MEMBER not in names:
            raise KeyError(DB_MEMBER)
        if zf.getinfo(MANIFEST_NAME).file_size > MANIFEST_MAX_BYTES:
            raise ValueError("manifest too large")
        try:
            manifest = json.loads(zf.read(MANIFEST_NAME).decode("utf-8"))
        except RecursionError:
            raise ValueError("manifest nested too deeply") from None
    return _check_manifest(manifest)


def newest_good_backup(data_dir: DataDir) -> Path | None:
    """The newest backup in backups/ whose verification passed and whose zip opens (cheap: no db extraction)."""
    for path in reversed(list_backups(data_dir.backups)):
        try:
            manifest = read_manifest(path)
        except ZIP_ERRORS:
            continue
        if manifest.get("verified") is True:
            return path
    return None


def check_integrity(db_path: Path, *, quick: bool = True) -> tuple[bool, str]:
    """Run quick_check (or the full integrity_check) read-only; (ok, first problem reported)."""
    pragma = "quick_check(5)" if quick else "integrity_check(5)"
    try:
        con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    except sqlite3.DatabaseError as exc:
        return False, str(exc)
    try:
        return run_check(con, pragma)
    finally:
        con.close()


def run_check(con: sqlite3.Connection, pragma: str) -> tuple[bool, str]:
    """One of SQLite's checks (`quick_check(5)`, `integrity_check("cases")`...) on an open connection; (ok, the
    problems it reported, or the error that stopped it)."""
    try:
        rows = con.execute(f"PRAGMA {pragma}").fetchall()
    except sqlite3.DatabaseError as exc:
        return False, str(exc)
    if rows == [("ok",)]:
        return True, "ok"
    return False, "; ".join(str(r[0]) for r in rows)


def _file_state(db_path: Path) -> dict[str, int]:
    st = db_path.stat()
    return {"size": st.st_size, "mtime_ns": st.st_mtime_ns, "ino": st.st_ino}


def mark_clean_close(data_dir: DataDir) -> None:
    """Record the database file as it is after a clean close, so the next start may skip the full check."""
    db = data_dir.database
    wal = db.with_name(db.name + "-wal")
    try:
        if not db.exists() or (wal.exists() and wal.stat().st_size > 0):
            return  # another process still has it open: let the next start check
        tmp = data_dir.root / (MARKER_NAME + ".tmp")
        tmp.write_text(json.dumps(_file_state(db)), encoding="utf-8")
        os.replace(tmp, data_dir.root / MARKER_NAME)
    except OSError:
        log.warning("could not write the clean-close marker", exc_info=True)


def forget_clean_close(data_dir: DataDir) -> None:
    """Make the next start run the full check (after a failed backup verification or a restore)."""
    try:
        (data_dir.root / MARKER_NAME).unlink(missing_ok=True)
    except OSError:
        log.warning("could not remove the clean-close marker", exc_info=True)


def _closed_cleanly(data_dir: DataDir) -> bool:
    db = data_dir.database
    wal = db.with_name(db.name + "-wal")
    try:
        if wal.exists() and wal.stat().st_size > 0:
            return False
        recorded = json.loads((data_dir.root / MARKER_NAME).read_text(encoding="utf-8"))
        return bool(recorded == _file_state(db))
    except (OSError, ValueError):
        return False


def check_at_open(data_dir: DataDir) -> None:
    """Raise CorruptDatabaseError (naming the newest good backup) when the database fails quick_check."""
    db = data_dir.database
    if not db.exists() or db.stat().st_size == 0 or _closed_cleanly(data_dir):
        return
    with db.open("rb") as fh:
        if fh.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
            return  # not a database at all: check_database_file refuses it as a foreign file
    ok, problem = check_integrity(db, quick=True)
    if ok:
        return
    log.error("database failed quick_check: %s", problem[:200])
    forget_clean_close(data_dir)
    backup = newest_good_backup(data_dir)
    if backup is None:
        hint = ("没有找到可用的备份。请不要继续使用该文件，联系技术支持，"
                "或从其他位置（如 U 盘）找回备份后用 restore 命令恢复。")
    else:
        hint = (f"最新的完好备份是“{backup}”。请在图形界面中选择恢复，或运行：python main.py restore \"{backup}\""
                "（损坏的文件会保留，不会删除）。")
    raise CorruptDatabaseError(f"数据库文件“{db}”已损坏，为防止数据进一步损坏，程序没有打开它。{hint}",
                               database=db, backup=backup)
