"""Restore a backup zip: verify it, back up (or set aside) the current database, then swap the file atomically.

Until the final `os.replace` nothing of the current database changes: the backup's database is extracted to a
temporary file beside it, verified (integrity_check, row counts from the manifest, a schema this program knows)
and fsynced, and any failure before the swap leaves the data directory as it was. A database that is damaged is
never deleted: it is kept as station-ledger.db.corrupt-<time> (with its -wal/-shm) before the swap.
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import uuid
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from controllers import audit, backup, backup_check
from controllers.app import AppContext, open_data_dir
from controllers.datadir import SQLITE_MAGIC, DataDir
from controllers.errors import UserError
from controllers.permissions import require
from models import migrate
from models.db import Database, make_engine

log = logging.getLogger(__name__)

# Settings that describe this installation rather than the data: they survive a restore.
KEPT_SETTINGS = (backup.LAST_KEY, backup.SECOND_DIR_KEY)


class BackupFileError(UserError):
    """The file given to restore is not a usable Station Ledger backup; nothing was changed."""


@dataclass(frozen=True)
class RestoreInfo:
    """What a restore did."""

    restored_from: str
    backup_created: str | None
    schema_revision: str | None
    safety_backup: str | None  # the backup of the database as it was before the restore
    corrupt_kept: str | None  # where a damaged database was set aside
    attachments_restored: int


def _sidecars(db: Path) -> list[Path]:
    return [db.with_name(db.name + suffix) for suffix in ("-wal", "-shm", "-journal")]


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _extract_database(path: Path, tmp_db: Path) -> dict:
    """Extract and verify the backup's database into tmp_db; returns the manifest or raises BackupFileError."""
    name = path.name
    if not path.is_file():
        raise BackupFileError(f"找不到备份文件“{path}”，请检查路径。")
    try:
        manifest = backup_check.read_manifest(path)
        with zipfile.ZipFile(path) as zf, zf.open(backup_check.DB_MEMBER) as src, tmp_db.open("wb") as dst:
            shutil.copyfileobj(src, dst, 1024 * 1024)
            dst.flush()
            os.fsync(dst.fileno())
    except (zipfile.BadZipFile, KeyError, ValueError, UnicodeDecodeError):
        raise BackupFileError(f"“{name}”不是台账的备份文件（应为“立即备份”生成的 .zip 文件），未做任何更改。") from None
    except (OSError, EOFError) as exc:  # a CRC error or a truncated member
        raise BackupFileError(f"备份文件“{name}”已损坏，无法读取（{exc}），未做任何更改。请换一个备份。") from None
    with tmp_db.open("rb") as fh:
        if fh.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
            raise BackupFileError(f"备份文件“{name}”中的数据库已损坏，未做任何更改。请换一个备份。")
    revision = manifest.get("schema_revision")
    engine = make_engine(f"sqlite:///{tmp_db}")
    try:
        known = migrate.known_revisions(engine)
    finally:
        engine.dispose()
    if revision not in known:
        raise BackupFileError(f"备份“{name}”由更新版本的台账创建，当前程序无法使用。请升级程序后再恢复。")
    counts = manifest.get("counts") if isinstance(manifest.get("counts"), dict) else None
    ok, message = backup.verify_database(tmp_db, expected=counts, thorough=True)
    if not ok:
        raise BackupFileError(f"备份文件“{name}”校验未通过：{message}。未做任何更改，请换一个备份。")
    return manifest


def _restore_attachments(path: Path, store: Path) -> int:
    """Put the backup's attachment files into the content-addressed store (only missing or damaged ones)."""
    restored = 0
    with zipfile.ZipFile(path) as zf:
        for member in zf.namelist():
            parts = member.split("/")
            if len(parts) != 3 or parts[0] != "attachments" or len(parts[2]) != 64 or parts[1] != parts[2][:2]:
                continue
            sha = parts[2]
            target = store / sha[:2] / sha
            if target.exists() and backup._sha256(target) == sha:
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(f".restore-{uuid.uuid4().hex}")
            try:
                with zf.open(member) as src, tmp.open("wb") as dst:
                    shutil.copyfileobj(src, dst, 1024 * 1024)
                if backup._sha256(tmp) != sha:
                    log.warning("attachment %s in the backup does not match its hash; skipped", sha[:12])
                    continue
                os.replace(tmp, target)
                restored += 1
            finally:
                tmp.unlink(missing_ok=True)
    return restored


def _read_kept_settings(db: Path) -> dict[str, str]:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            marks = ",".join("?" * len(KEPT_SETTINGS))
            return dict(con.execute(f"SELECT key, value FROM settings WHERE key IN ({marks})", KEPT_SETTINGS))
        finally:
            con.close()
    except sqlite3.DatabaseError:
        return {}


def _close_current(db: Path) -> None:
    """Fold the -wal into the database and make sure no other program has it open; refuse otherwise."""
    try:
        con = sqlite3.connect(db, timeout=2, isolation_level=None)
        try:
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            con.close()
    except sqlite3.DatabaseError:
        log.warning("could not checkpoint the current database before restore", exc_info=True)
    # The last connection to close removes -wal and -shm; if they remain, someone else still has it open.
    if any(p.exists() for p in _sidecars(db)[:2]):
        raise UserError("数据库正被其他程序使用（例如另一个台账窗口或命令），请先关闭它们再恢复。未做任何更改。")


def restore_backup(target: AppContext | DataDir, path: str | os.PathLike[str], *,
                   now: datetime | None = None) -> RestoreInfo:
    """Verify `path`, back up the current database, swap in the backup's database, restore attachments, migrate.

    Given an AppContext its connections are closed first; its engine reconnects to the restored file on next use.
    """
    ctx = target if isinstance(target, AppContext) else None
    if ctx is not None:
        require(ctx, "restore")  # a DataDir target is the CLI or the damaged-database offer: the local administrator
    if ctx is not None and backup.server_mode(ctx):
        raise backup.ServerModeError(backup.SERVER_MODE_MESSAGE)
    data_dir = ctx.data_dir if ctx is not None else target
    assert isinstance(data_dir, DataDir)
    source = Path(path).expanduser().resolve()
    db = data_dir.database
    tmp_db = data_dir.root / f".restore-{uuid.uuid4().hex}.db"
    when = now or backup.local_now()
    with backup._LOCK:
        try:
            manifest = _extract_database(source, tmp_db)
            current_ok = db.exists() and backup_check.check_integrity(db, quick=True)[0]
            safety = None
            if current_ok:
                helper = ctx or AppContext(db=Database.from_url(data_dir.database_url), data_dir=data_dir)
                try:
                    info = backup.make_backup(helper, reason="restore", now=when)
                finally:
                    if helper is not ctx:
                        helper.close()
                if not Path(info.path).exists():
                    raise UserError("无法先备份当前数据库，为安全起见没有恢复。请检查磁盘空间后重试。")
                safety = info.path
            kept_settings = _read_kept_settings(db) if current_ok else {}
            attachments = _restore_attachments(source, data_dir.attachments)
            if ctx is not None:
                ctx.db.dispose()
            corrupt_kept = None
            if db.exists() and current_ok:
                _close_current(db)
            elif db.exists():
                corrupt_kept = _set_aside(db, when)
            for leftover in _sidecars(tmp_db):
                leftover.unlink(missing_ok=True)
            os.replace(tmp_db, db)  # the one moment the database changes: atomic
            _fsync_dir(data_dir.root)
        finally:
            for leftover in (tmp_db, *_sidecars(tmp_db)):
                leftover.unlink(missing_ok=True)
    backup_check.forget_clean_close(data_dir)
    log.info("restored %s (revision %s)", source.name, manifest.get("schema_revision"))
    _after_swap(data_dir, kept_settings, username=ctx.user.username if ctx is not None else None,
                source_name=source.name)
    return RestoreInfo(restored_from=str(source), backup_created=manifest.get("created_local"),
                       schema_revision=manifest.get("schema_revision"), safety_backup=safety,
                       corrupt_kept=corrupt_kept, attachments_restored=attachments)


def _set_aside(db: Path, when: datetime) -> str:
    """Keep a damaged database (and its -wal/-shm) under a new name; the original name stays in place until
    the restored file replaces it, so a crash here never leaves the data directory without a database."""
    aside = db.with_name(f"{db.name}.corrupt-{when:%Y%m%d-%H%M%S}")
    try:
        os.link(db, aside)
    except OSError:  # file systems without hard links
        shutil.copy2(db, aside)
    for side in _sidecars(db):
        if side.exists():
            os.replace(side, aside.with_name(aside.name + side.name[len(db.name):]))
    log.warning("damaged database kept as %s", aside.name)
    return str(aside)


def _after_swap(data_dir: DataDir, kept_settings: dict[str, str], *, username: str | None = None,
                source_name: str = "") -> None:
    """Migrate the restored database to this program's schema, carry over the installation's settings, audit."""
    ctx = open_data_dir(data_dir)
    try:
        for key, value in kept_settings.items():
            backup._set(ctx, key, value)
        # Written into the restored database, so the log of the data in use says where it came from.
        audit.record(ctx, "restore", entity="backup", username=username, detail={"file": source_name})
    finally:
        ctx.close()


def describe(info: RestoreInfo) -> str:
    """One Chinese paragraph for the CLI and the GUI."""
    parts = [f"已从“{Path(info.restored_from).name}”（{info.backup_created or '时间未知'}）恢复。"]
    if info.safety_backup:
        parts.append(f"恢复前的数据已备份为“{info.safety_backup}”。")
    if info.corrupt_kept:
        parts.append(f"损坏的数据库文件已保留为“{info.corrupt_kept}”。")
    return "".join(parts)

