"""Backups: one verified .zip per backup (database snapshot + the attachments it references), kept by a rota.

Why one zip and not a folder: a single file is created atomically (written under a temporary name, then
renamed), is either complete or absent, carries to a USB disk or another machine as one thing, and `restore
FILE` needs nothing else. The price is that every zip repeats the attachments (stored uncompressed: photos
and PDFs do not shrink); the rota (14 daily + 12 monthly) bounds that.

The database is copied with SQLite's online backup API inside one read transaction, so the copy and the row
counts taken for verification describe the same instant while the app keeps working. Verification: the
database's `integrity_check` at that same instant, run while the copy is made (skipped by the short backup on
exit), then the copy's `quick_check`, row counts and schema revision (verification.BackupCheck); every byte of
the zip is read back (readback.py). The result is stored as JSON in settings key "backup.last" for 设置.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import sqlite3
import threading
import time
import zipfile
import zlib
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

from controllers.backup.pinned import pinned_readers
from controllers.backup.readback import ForwardOnlyFile
from controllers.backup.rota import prune
from controllers.backup.verification import BackupCheck, schema_revision_of, table_stats
from controllers.core.clock import local_now, utcnow
from controllers.core.context import AppContext
from controllers.core.errors import UserError, ValidationError
from controllers.core.permissions import require, requires
from controllers.station.settings import app_version
from controllers.storage import integrity as backup_check
from controllers.storage.attachments import is_sha256, open_in_store, store_relpath
from controllers.storage.deflate import deflating
from controllers.storage.integrity import DB_MEMBER, MANIFEST_NAME, backup_time, list_backups
from controllers.storage.server_config import attachments_root
from models.admin import Setting

log = logging.getLogger(__name__)

LAST_KEY = "backup.last"
SECOND_DIR_KEY = "backup.second_dir"
# import: before an exchange package is merged in (exchange_backup).
REASONS = ("daily", "exit", "manual", "restore", "import")
# Safety backups taken before something replaces or merges data carry words a person looks for in the file name:
# station-ledger-2025-03-05-0905-restore-恢复前.zip, ...-import-导入交换包前.zip.
REASON_LABELS = {"restore": "恢复前", "import": "导入交换包前"}
_CHUNK = 1024 * 1024
# How long a backup waits for the write lock to pin its instant (a save holds it for milliseconds; an import in
# another program for a minute): past it the copy is checked in full instead, after it is made (slower).
PIN_WAIT_S = 2.0
# One backup or restore at a time in this process (the daily backup runs on a worker thread).
BACKUP_LOCK = threading.RLock()


# Street server mode (issue 9): the database is not a file on this desk, so these file backups do not apply.
SERVER_MODE_MESSAGE = ("服务器模式：数据在街镇的数据库服务器上，由服务器管理员负责备份（例如定期用 pg_dump），"
                       "台账不在这台电脑上备份它。共享附件文件夹也请管理员一并备份。")


class ServerModeError(UserError):
    """A file backup or restore asked for while the data lives on a database server."""


def server_mode(ctx: AppContext) -> bool:
    """True when this start opened a database server instead of the data dir's SQLite file."""
    return not ctx.db.is_sqlite


@dataclass(frozen=True)
class BackupInfo:
    """What one backup produced and how its verification went."""

    path: str
    when: str  # local time, 2025-03-05 09:05
    reason: str
    ok: bool
    message: str
    counts: dict[str, int] = field(default_factory=dict)
    attachments: int = 0
    size_bytes: int = 0
    seconds: float = 0.0
    second_path: str | None = None
    second_error: str | None = None
    fingerprint: str = ""
    removed: list[str] = field(default_factory=list)


# ---- reading the database ---------------------------------------------------------------------------


def _connect(path: Path) -> sqlite3.Connection:
    # Not tied to the thread that opens it: a backup hands its check's connection to a thread of its own.
    con = sqlite3.connect(path, timeout=10, isolation_level=None, check_same_thread=False)
    con.execute("PRAGMA busy_timeout=10000")
    return con


def current_fingerprint(ctx: AppContext) -> str:
    con = _connect(ctx.data_dir.database)
    try:
        return table_stats(con)[1]
    finally:
        con.close()


def _snapshot(copier: sqlite3.Connection, dest: Path) -> tuple[dict[str, int], str, str | None]:
    """Copy the database with the online backup API inside the copier's read transaction (pinned_readers), so the
    counts and revision taken in it describe the copy; ends that transaction and closes the copier."""
    try:
        counts, fingerprint = table_stats(copier)
        revision = schema_revision_of(copier)
        dst = sqlite3.connect(dest)
        try:
            # No fsync of a copy that lives only until it is zipped (the zip is synced): 0.6 s of a backup.
            dst.execute("PRAGMA synchronous=OFF")
            copier.backup(dst)  # pages=-1: one step, inside the read transaction, so it matches the counts
            # A self-contained file: a WAL-mode copy would grow -wal/-shm beside it whenever it is opened.
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
        copier.execute("COMMIT")
    finally:
        copier.close()
    return counts, fingerprint, revision


# ---- writing the zip ----------------------------------------------------------------------------------


def referenced_hashes(con_path: Path) -> tuple[list[str], int]:
    """The well-formed attachment hashes the database refers to, and how many rows hold a malformed one.

    A malformed hash (a path, ../x, upper case, the wrong length) is a damaged record: it is never turned into a path.
    """
    con = sqlite3.connect(f"file:{con_path}?mode=ro", uri=True)
    try:
        rows = con.execute("SELECT sha256, count(*) FROM attachments GROUP BY sha256").fetchall()
    except sqlite3.DatabaseError:  # a damaged copy: verification already says so
        return [], 0
    finally:
        con.close()
    good = sorted(sha for sha, _n in rows if is_sha256(sha))
    return good, sum(int(n) for sha, n in rows if not is_sha256(sha))


def member_name(sha: str) -> str:
    """Where a stored file goes in a backup zip: attachments/<sha[:2]>/<sha>."""
    return f"attachments/{store_relpath(sha)}"


def _add_attachment(zf: zipfile.ZipFile, store: Path, sha: str) -> bool:
    """Copy one stored file into the zip if it is there (a regular file inside the store) and matches its hash."""
    digest = hashlib.sha256()
    try:
        with open_in_store(store, sha) as src, zf.open(member_name(sha), "w", force_zip64=True) as dst:
            while chunk := src.read(_CHUNK):
                digest.update(chunk)
                dst.write(chunk)
    except OSError:  # missing, a link out of the store, not a regular file
        return False
    return digest.hexdigest() == sha


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _unique_name(folder: Path, when: datetime, reason: str) -> Path:
    stem = f"station-ledger-{when:%Y-%m-%d-%H%M}"
    tail = f"{reason}-{REASON_LABELS[reason]}" if reason in REASON_LABELS else reason
    path = folder / f"{stem}-{tail}.zip"
    n = 2
    while path.exists():
        path = folder / f"{stem}-{n}-{tail}.zip"
        n += 1
    return path


def make_backup(ctx: AppContext, *, reason: str, target_dir: Path | None = None, output: Path | None = None,
                now: datetime | None = None, record: bool = True) -> BackupInfo:
    """Back up the database and its attachments into one verified zip; apply the rota; copy to the second folder.

    `output` names the file exactly (CLI -o; no rota, no second copy); `now` is Shanghai local time (tests).
    """
    if reason not in REASONS:
        raise ValueError(f"unknown backup reason {reason!r}")
    if reason == "manual":  # automatic backups (daily, exit, before a restore) run whoever is signed in
        require(ctx, "backup")  # first: a role without the right is told so whatever the database is
    if server_mode(ctx):
        raise ServerModeError(SERVER_MODE_MESSAGE)
    when = now or local_now()
    folder = target_dir or ctx.data_dir.backups
    if output is not None:
        if output.suffix.lower() != ".zip":
            raise ValidationError(f"备份文件“{output}”应以 .zip 结尾。", field="output")
        if not output.parent.is_dir():
            raise ValidationError(f"文件夹“{output.parent}”不存在，请先创建。", field="output")
        folder = output.parent
    folder.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with BACKUP_LOCK:
        _remove_stale_temporaries(folder)
        final = output or _unique_name(folder, when, reason)
        info = _write_backup(ctx, final, when=when, reason=reason, thorough=reason != "exit")
        if not info.ok and "完整性" in info.message:
            backup_check.forget_clean_close(ctx.data_dir)  # the source itself may be damaged: check at next start
        removed: list[str] = []
        second_path = second_error = None
        if output is None:
            removed += [str(p) for p in prune(folder)]
            second = second_dir(ctx)
            if second is not None and Path(info.path).exists():
                second_path, second_error = _copy_to_second(Path(info.path), second)
                if second_path:
                    removed += [str(p) for p in prune(second)]
    info = BackupInfo(**{**asdict(info), "seconds": round(time.perf_counter() - started, 2), "removed": removed,
                         "second_path": second_path, "second_error": second_error})
    log.info("backup %s: ok=%s in %.1f s (%s)", final.name, info.ok, info.seconds, reason)
    if record:
        _record(ctx, info)
    return info


def _write_backup(ctx: AppContext, final: Path, *, when: datetime, reason: str, thorough: bool) -> BackupInfo:
    tmp_db = final.with_name(f".tmp-{final.stem}.db")
    tmp_zip = final.with_name(f".tmp-{final.name}")
    checking: BackupCheck | None = None
    try:
        copier, sources = _readers(ctx.data_dir.database, thorough=thorough)
        try:
            checking = BackupCheck(tmp_db, sources=sources, copy_in_full=thorough and not sources)
        except BaseException:
            for con in (copier, *sources):
                con.close()
            raise
        counts, fingerprint, revision = _snapshot(copier, tmp_db)
        checking.copied(counts)
        hashes, damaged = referenced_hashes(tmp_db)
        manifest = {
            "app": "station-ledger", "format": 1, "reason": reason, "created_local": f"{when:%Y-%m-%d %H:%M:%S}",
            "created_utc": utcnow().isoformat(timespec="seconds"), "app_version": app_version(),
            "schema_revision": revision, "counts": counts,
            "check": "integrity_check" if thorough else "quick_check", "attachments": len(hashes),
        }
        bad: list[str] = []
        with ForwardOnlyFile(tmp_zip) as out:
            with zipfile.ZipFile(out, "w", allowZip64=True) as zf:
                _add_database(zf, tmp_db, deflate=thorough)
                for sha in hashes:
                    if not _add_attachment(zf, attachments_root(ctx), sha):
                        bad.append(sha)
                read_back = out.reads_back()
                checking.help()  # what is left of the check, on this thread too
                verified, message = checking.result()
                # The manifest last: it says whether the check and the reading back passed, known only now.
                zf.writestr(MANIFEST_NAME, json.dumps({**manifest, "verified": verified and read_back},
                                                      ensure_ascii=False, indent=2))
            read_back = out.reads_back() and read_back  # the manifest and the zip's directory
        with zipfile.ZipFile(tmp_zip) as zf:  # the finished zip opens, names its database, gives its manifest
            if DB_MEMBER not in zf.namelist() or _unreadable(zf, [MANIFEST_NAME]) is not None:
                read_back = False
        if not read_back:
            verified, message = False, "备份文件读回校验失败（读回的内容与写入的不一致）"
        _fsync(tmp_zip)
        os.replace(tmp_zip, final)
    finally:
        if checking is not None:
            checking.join()  # the copy is still open there until its check ends: only then is it deleted
        for leftover in (tmp_zip, tmp_db, *(tmp_db.with_name(tmp_db.name + x) for x in ("-journal", "-wal", "-shm"))):
            leftover.unlink(missing_ok=True)
    if bad:
        message += f"；但有 {len(bad)} 个附件文件在数据目录中缺失或已被改动，未能备份"
    if damaged:
        message += f"；有 {damaged} 条附件记录已损坏（文件标识无效），其文件未备份"
    ok = verified and not bad and not damaged
    return BackupInfo(path=str(final), when=f"{when:%Y-%m-%d %H:%M}", reason=reason, ok=ok,
                      message=("备份已校验：" if ok else "备份有问题：") + message, counts=counts,
                      attachments=len(hashes) - len(bad), size_bytes=final.stat().st_size, fingerprint=fingerprint)


def _readers(database: Path, *, thorough: bool) -> tuple[sqlite3.Connection, list[sqlite3.Connection]]:
    """The copier's connection and, for the thorough check, two more pinned to its instant (BackupCheck); when the
    write lock is not to be had within PIN_WAIT_S, none: the copy is then checked in full."""
    if thorough:
        try:
            copier, *sources = pinned_readers(database, 3, _connect, lock_wait_s=PIN_WAIT_S)
            return copier, sources
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
            log.info("backup: another write holds the database; its copy is checked in full instead")
    return pinned_readers(database, 1, _connect)[0], []


def _add_database(zf: zipfile.ZipFile, copy: Path, *, deflate: bool) -> None:
    """The database copy as the zip's first member: deflated (about 3.7x smaller), or stored on exit, where the
    user is waiting."""
    info = zipfile.ZipInfo.from_file(copy, DB_MEMBER)
    info.compress_type = zipfile.ZIP_DEFLATED if deflate else zipfile.ZIP_STORED
    with copy.open("rb") as src, deflating(zf.open(info, "w", force_zip64=True)) as dst:
        while chunk := src.read(_CHUNK):
            dst.write(chunk)


def _unreadable(zf: zipfile.ZipFile, names: list[str]) -> str | None:
    """The first of these members that does not read back as it was written (its data against its CRC), or None:
    ZipFile.testzip for some members."""
    for name in names:
        try:
            with zf.open(name) as member:
                while member.read(_CHUNK):
                    pass
        except (zipfile.BadZipFile, zlib.error, KeyError):
            return name
    return None


def _remove_stale_temporaries(folder: Path) -> None:
    """A backup killed half-way (power cut, logout) leaves only a .tmp-* file: delete those over an hour old."""
    limit = time.time() - 3600
    for leftover in folder.glob(".tmp-*"):
        try:
            if leftover.stat().st_mtime < limit:
                leftover.unlink()
        except OSError:
            pass


def _copy_to_second(path: Path, folder: Path) -> tuple[str | None, str | None]:
    """Copy a finished backup to the second folder (USB disk); a missing folder is reported, not raised."""
    if not folder.is_dir():
        return None, f"第二备份位置“{folder}”不可用（U 盘未插入？），本次只备份到了数据目录。"
    target = folder / path.name
    tmp = folder / f".tmp-{path.name}"
    try:
        shutil.copyfile(path, tmp)
        if file_sha256(tmp) != file_sha256(path):
            raise OSError("copy differs from the original")
        _fsync(tmp)
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        log.warning("second backup copy failed: %s", exc)
        return None, f"复制到第二备份位置“{folder}”失败（{getattr(exc, 'strerror', None) or exc}）。"
    return str(target), None


def file_sha256(path: Path) -> str:
    """A file's SHA-256, read in chunks (a backup's database copy may be large)."""
    with path.open("rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


# ---- settings and status -----------------------------------------------------------------------------


def _get(ctx: AppContext, key: str) -> str | None:
    with ctx.db.session() as s:
        row = s.get(Setting, key)
        return None if row is None else row.value


def write_setting(ctx: AppContext, key: str, value: str | None) -> None:
    """Set (None: remove) one of the backup's bookkeeping settings; a restore puts the kept ones back with it."""
    with ctx.db.session() as s:
        row = s.get(Setting, key)
        if value is None:
            if row is not None:
                s.delete(row)
        elif row is None:
            s.add(Setting(key=key, value=value))
        else:
            row.value = value


def _record(ctx: AppContext, info: BackupInfo) -> None:
    data = {k: v for k, v in asdict(info).items() if k != "removed"}
    write_setting(ctx, LAST_KEY, json.dumps(data, ensure_ascii=False))


def last_backup(ctx: AppContext) -> BackupInfo | None:
    """The last backup's result as recorded, or None if there was none (or the record is unreadable)."""
    raw = _get(ctx, LAST_KEY)
    if not raw:
        return None
    try:
        data = json.loads(raw)
        return BackupInfo(**{k: v for k, v in data.items() if k in BackupInfo.__dataclass_fields__})
    except (ValueError, TypeError):
        return None


def second_dir(ctx: AppContext) -> Path | None:
    raw = _get(ctx, SECOND_DIR_KEY)
    return Path(raw) if raw else None


@requires("edit_settings")
def set_second_dir(ctx: AppContext, folder: str | Path | None) -> Path | None:
    """Store (or clear with None/"") the optional second backup folder; it must exist when chosen."""
    if folder is None or not str(folder).strip():
        write_setting(ctx, SECOND_DIR_KEY, None)
        return None
    path = Path(folder).expanduser().resolve()
    if not path.is_dir():
        raise ValidationError(f"文件夹“{path}”不存在，请重新选择。", field="second_dir")
    if path == ctx.data_dir.backups.resolve():
        raise ValidationError("第二备份位置不能是数据目录中的备份文件夹，请选择另一个位置（如 U 盘）。",
                              field="second_dir")
    write_setting(ctx, SECOND_DIR_KEY, str(path))
    return path


def backup_due_today(ctx: AppContext, *, now: datetime | None = None) -> bool:
    """True until a backup file dated today (Shanghai) exists in the backups folder."""
    if server_mode(ctx):
        return False  # the server's administrator backs it up
    today = (now or local_now()).date()
    return not any((t := backup_time(p)) is not None and t.date() == today for p in list_backups(ctx.data_dir.backups))


def backup_on_exit(ctx: AppContext) -> BackupInfo | None:
    """The short backup when the app quits, skipped when nothing changed since the last backup."""
    if server_mode(ctx):
        return None
    last = last_backup(ctx)
    if last is not None and last.ok and last.fingerprint == current_fingerprint(ctx) and Path(last.path).exists():
        log.info("exit backup skipped: nothing changed since %s", Path(last.path).name)
        return None
    return make_backup(ctx, reason="exit")

