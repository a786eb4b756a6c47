"""Restore a backup zip: verify it, back up (or set aside) the current database, then swap the file atomically.

Until the final `os.replace` nothing of the current database changes: the backup's database is extracted to a
temporary file beside it, verified (integrity_check, row counts from the manifest, a schema this program knows, no
triggers, views or settings this program would not have created, attachment rows naming well-formed hashes),
migrated to this program's schema, and its attachments are staged under the store; any failure before the swap
leaves the data directory as it was. A database that is damaged is never deleted: it is kept as
station-ledger.db.corrupt-<time> (with its -wal/-shm) before the swap.

The whole restore holds the data directory's lock alone (datadir_lock.exclusive): it is refused while another
program has the data open, and every program that tries to open it meanwhile is refused. Temporaries a killed
restore leaves (.restore-*) are deleted by the next start that finds itself alone (datadir.remove_leftovers).

Why a backup with a malformed attachment hash or an unknown zip member is refused whole rather than restored without
those rows: our backups never hold either, so the file was damaged or made by hand; restoring the rest would quietly
lose records the user believes are in it. They get one Chinese line and can pick another backup.
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

from sqlalchemy.exc import SQLAlchemyError

from controllers.backup import backups as backup
from controllers.backup import schema as backup_schema
from controllers.backup.verification import schema_revision_of, verify_database
from controllers.core import audit
from controllers.core.clock import local_now
from controllers.core.context import AppContext
from controllers.core.errors import UserError
from controllers.core.paths import DataDir
from controllers.core.permissions import require
from controllers.storage import datadir_lock
from controllers.storage import integrity as backup_check
from controllers.storage.attachments import MAX_BYTES as ATTACHMENT_MAX_BYTES
from controllers.storage.attachments import hash_in_store, is_sha256, store_relpath
from controllers.storage.datadir import RESTORE_PREFIX, SQLITE_MAGIC
from controllers.storage.opening import context_for, open_data_dir
from controllers.storage.recount import rebuild_all
from models import migrate
from models.db import Database, make_engine

log = logging.getLogger(__name__)

# Settings that describe this installation rather than the data: the current values survive a restore; the backup's
# (paths on the computer it came from) are never used.
KEPT_SETTINGS = tuple(sorted({backup.LAST_KEY} | backup_schema.PATH_SETTINGS))
_CHUNK = 1024 * 1024


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
    settings_dropped: int = 0  # settings of the backup not taken over (paths, keys this program does not know)


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


def _unchanged(name: str, problem: str) -> BackupFileError:
    return BackupFileError(f"备份文件“{name}”{problem}，当前数据没有改动，未做任何更改。请换一个备份。")


def _attachment_sha(member: str) -> str | None:
    """The hash of an attachments/<xx>/<64 hex> member, or None for any other name."""
    parts = member.split("/")
    if len(parts) == 3 and parts[0] == "attachments" and is_sha256(parts[2]) and parts[1] == parts[2][:2]:
        return parts[2]
    return None


def _check_members(path: Path, root: Path) -> list[zipfile.ZipInfo]:
    """The zip's attachment members, after refusing any member a backup of ours never holds, encrypted members,
    oversized attachments and a backup that would not fit on the disk."""
    name = path.name
    with zipfile.ZipFile(path) as zf:
        infos = zf.infolist()
    seen: set[str] = set()
    attachments = []
    for info in infos:
        if info.filename in seen:
            raise _unchanged(name, "中有重复的内容")
        seen.add(info.filename)
        if info.flag_bits & 0x1:
            raise _unchanged(name, "已加密，台账的备份不加密")
        if info.filename in (backup_check.MANIFEST_NAME, backup_check.DB_MEMBER):
            continue
        if _attachment_sha(info.filename) is None:
            raise _unchanged(name, "中有台账备份不会包含的文件（可能被改动过）")
        if info.file_size > ATTACHMENT_MAX_BYTES:
            raise _unchanged(name, "中有超过 50 MB 的附件（台账不接受这样的附件）")
        attachments.append(info)
    needed = sum(i.file_size for i in infos)
    if needed > shutil.disk_usage(root).free:
        raise BackupFileError(f"磁盘空间不足：恢复“{name}”需要约 {needed / 1024 / 1024:.0f} MB。"
                              "当前数据没有改动，请清理磁盘后重试。")
    return attachments


def _db_revision(path: Path) -> str | None:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return schema_revision_of(con)
    finally:
        con.close()


def _extract_database(path: Path, tmp_db: Path) -> tuple[dict, int]:
    """Extract, verify, check and migrate the backup's database into tmp_db; (manifest, settings dropped).

    Raises BackupFileError, having changed nothing but tmp_db, when the file is not a usable backup.
    """
    name = path.name
    if not path.is_file():
        raise BackupFileError(f"找不到备份文件“{path}”，请检查路径。当前数据没有改动。")
    try:
        manifest = backup_check.read_manifest(path)
        with zipfile.ZipFile(path) as zf, zf.open(backup_check.DB_MEMBER) as src, tmp_db.open("wb") as dst:
            shutil.copyfileobj(src, dst, _CHUNK)
            dst.flush()
            os.fsync(dst.fileno())
    except (KeyError, ValueError, UnicodeDecodeError, TypeError):
        raise BackupFileError(f"“{name}”不是台账的备份文件（应为“立即备份”生成的 .zip 文件），当前数据没有改动，"
                              "未做任何更改。") from None
    except zipfile.BadZipFile:
        raise BackupFileError(f"“{name}”不是台账的备份文件，或已损坏无法读取（应为“立即备份”生成的 .zip 文件），"
                              "当前数据没有改动，未做任何更改。") from None
    except RuntimeError:  # an encrypted member (wants a password)
        raise _unchanged(name, "已加密，台账的备份不加密") from None
    except backup_check.ZIP_ERRORS:  # a CRC error, a damaged deflate stream, a truncated member
        raise _unchanged(name, "已损坏，无法读取") from None
    with tmp_db.open("rb") as fh:
        if fh.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
            raise _unchanged(name, "中的数据库已损坏")
    counts = manifest.get("counts") or None
    ok, message = verify_database(tmp_db, expected=counts, thorough=True)
    if not ok:
        raise BackupFileError(f"备份文件“{name}”校验未通过：{message}。当前数据没有改动，请换一个备份。")
    revision = _db_revision(tmp_db)
    engine = make_engine(f"sqlite:///{tmp_db}")
    try:
        known = migrate.known_revisions(engine)
        if revision not in known:
            raise BackupFileError(f"备份“{name}”由更新版本的台账创建，当前程序无法使用。当前数据没有改动，"
                                  "请升级程序后再恢复。")
        _check_contents(tmp_db, name, str(revision))
        try:
            migrate.upgrade(engine)  # on the copy: a failure here leaves the current data as it was
            with engine.begin() as conn:
                # Counts kept by triggers are rows like any other: a crafted file's are not trusted.
                rebuild_all(conn)
        except SQLAlchemyError:
            log.warning("restore: the backup's database could not be upgraded", exc_info=True)
            raise _unchanged(name, "中的数据库无法升级到当前版本") from None
    finally:
        engine.dispose()
    dropped = backup_schema.clean_settings(tmp_db)
    return manifest, len(dropped)


def _check_contents(tmp_db: Path, name: str, revision: str) -> None:
    """Refuse a database holding what this program never creates: extra triggers, views, tables or indexes, or
    attachment rows whose hash is not a hash (it would otherwise become a path outside the store)."""
    extra = backup_schema.unexpected_objects(tmp_db, revision)
    if extra:
        shown = "、".join(extra[:3]) + ("等" if len(extra) > 3 else "")
        raise _unchanged(name, f"中的数据库含有台账不会建立的内容（{shown}），可能被改动过")
    _hashes, damaged = backup.referenced_hashes(tmp_db)
    if damaged:
        raise _unchanged(name, f"中有 {damaged} 条附件记录已损坏（文件标识无效）")


def _stage_attachments(path: Path, members: list[zipfile.ZipInfo], store: Path, staging: Path) -> list[str]:
    """Copy the backup's attachment files the store lacks (or holds damaged) into `staging`, each checked against
    its hash and size; returns the hashes staged. Nothing in the store itself changes here."""
    staged = []
    with zipfile.ZipFile(path) as zf:
        for info in members:
            sha = info.filename.rsplit("/", 1)[1]
            try:
                if hash_in_store(store, sha) == sha:
                    continue
            except OSError:
                pass  # missing, a link or not a regular file: the backup's copy replaces it
            staging.mkdir(parents=True, exist_ok=True)
            tmp = staging / sha
            size = 0
            try:
                with zf.open(info) as src, tmp.open("wb") as dst:
                    while chunk := src.read(_CHUNK):
                        size += len(chunk)
                        if size > ATTACHMENT_MAX_BYTES:
                            raise _unchanged(path.name, "中有超过 50 MB 的附件（台账不接受这样的附件）")
                        dst.write(chunk)
            except backup_check.ZIP_ERRORS:
                raise _unchanged(path.name, "中的附件已损坏，无法读取") from None
            if backup.file_sha256(tmp) != sha:
                log.warning("attachment %s in the backup does not match its hash; skipped", sha[:12])
                tmp.unlink()
                continue
            staged.append(sha)
    return staged


def _place_attachments(staging: Path, store: Path, hashes: list[str]) -> int:
    """Move staged files to their place in the store (after the swap: the restored rows refer to them)."""
    for sha in hashes:
        target = store / store_relpath(sha)
        if target.parent.is_symlink():
            target.parent.unlink()  # a link in the store could point anywhere: the store's folders are real folders
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staging / sha, target)
    return len(hashes)


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
    Refused (DataDirError, nothing changed) while another program has the data directory open.
    """
    ctx = target if isinstance(target, AppContext) else None
    if ctx is not None:
        require(ctx, "restore")  # a DataDir target is the CLI or the damaged-database offer: the local administrator
    if ctx is not None and backup.server_mode(ctx):
        raise backup.ServerModeError(backup.SERVER_MODE_MESSAGE)
    data_dir = ctx.data_dir if ctx is not None else target
    assert isinstance(data_dir, DataDir)
    source = Path(path).expanduser().resolve()
    when = now or local_now()
    with backup.BACKUP_LOCK, datadir_lock.exclusive(data_dir.root):
        return _restore_alone(ctx, data_dir, source, when)


def _restore_alone(ctx: AppContext | None, data_dir: DataDir, source: Path, when: datetime) -> RestoreInfo:
    db = data_dir.database
    token = uuid.uuid4().hex
    tmp_db = data_dir.root / f"{RESTORE_PREFIX}{token}.db"
    staging = data_dir.attachments / f"{RESTORE_PREFIX}{token}"
    try:
        if not source.is_file():
            raise BackupFileError(f"找不到备份文件“{source}”，请检查路径。当前数据没有改动。")
        try:
            members = _check_members(source, data_dir.root)
        except backup_check.ZIP_ERRORS:
            raise BackupFileError(f"“{source.name}”不是台账的备份文件，或已损坏无法读取（应为“立即备份”生成的 "
                                  ".zip 文件），当前数据没有改动，未做任何更改。") from None
        manifest, dropped = _extract_database(source, tmp_db)
        data_dir.attachments.mkdir(parents=True, exist_ok=True)
        staged = _stage_attachments(source, members, data_dir.attachments, staging)
        current_ok = db.exists() and backup_check.check_integrity(db, quick=True)[0]
        safety = None
        if current_ok:
            helper = ctx or context_for(Database.from_url(data_dir.database_url), data_dir)
            try:
                info = backup.make_backup(helper, reason="restore", now=when)
            finally:
                if helper is not ctx:
                    helper.close()
            if not Path(info.path).exists():
                raise UserError("无法先备份当前数据库，为安全起见没有恢复，当前数据没有改动。请检查磁盘空间后重试。")
            safety = info.path
        kept_settings = _read_kept_settings(db) if current_ok else {}
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
        attachments = _place_attachments(staging, data_dir.attachments, staged)
    finally:
        for leftover in (tmp_db, *_sidecars(tmp_db)):
            leftover.unlink(missing_ok=True)
        shutil.rmtree(staging, ignore_errors=True)
    backup_check.forget_clean_close(data_dir)
    log.info("restored %s (revision %s)", source.name, manifest.get("schema_revision"))
    _after_swap(data_dir, kept_settings, username=ctx.user.username if ctx is not None else None,
                source_name=source.name)
    return RestoreInfo(restored_from=str(source), backup_created=manifest.get("created_local"),
                       schema_revision=manifest.get("schema_revision"), safety_backup=safety,
                       corrupt_kept=corrupt_kept, attachments_restored=attachments, settings_dropped=dropped)


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
            backup.write_setting(ctx, key, value)
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
    if info.settings_dropped:
        parts.append(f"备份中有 {info.settings_dropped} 项设置（如第二备份位置、字体文件的路径）属于原来的电脑"
                     "或不是本程序的设置，没有采用。")
    return "".join(parts)

