"""Backups and restore: round trip with attachments, verification, the rota, refusals, damaged-database start."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zipfile
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from controllers.backup import backups as backup
from controllers.backup import restore as backup_restore
from controllers.backup import rota as backup_rota
from controllers.backup.restore import BackupFileError
from controllers.core.clock import local_now
from controllers.core.context import AppContext
from controllers.core.paths import DataDir
from controllers.storage import integrity as backup_check
from controllers.storage.integrity import CorruptDatabaseError
from controllers.storage.opening import open_data_dir
from models.cases import Attachment, Case
from tests.e2e.crash_writer import add_case

# Backups copy the SQLite file with the online-backup API: these tests keep SQLite in the PostgreSQL run.
pytestmark = pytest.mark.sqlite_file

PHOTO = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 40


def _add_case_with_photo(ctx: AppContext, content: bytes = PHOTO) -> str:
    sha = hashlib.sha256(content).hexdigest()
    stored = ctx.data_dir.attachments / sha[:2] / sha
    stored.parent.mkdir(parents=True, exist_ok=True)
    stored.write_bytes(content)
    with ctx.db.session() as s:
        case = add_case(s, facts="有照片的案件")
        s.add(Attachment(sha256=sha, filename="现场.jpg", mime_type="image/jpeg", size_bytes=len(content),
                         kind="证据", case_id=case.id))
    return sha


def _case_count(ctx: AppContext) -> int:
    with ctx.db.session() as s:
        return int(s.scalar(select(func.count()).select_from(Case)) or 0)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _corrupt_middle(db: Path) -> None:
    """Overwrite whole pages in the middle of the file with garbage, as a failing disk would."""
    size = db.stat().st_size
    with db.open("r+b") as fh:
        fh.seek((size // 2) // 4096 * 4096)
        fh.write(b"\xde\xad\xbe\xef" * 4096)


def test_round_trip_restores_data_and_attachment_bytes(app_ctx: AppContext) -> None:
    sha = _add_case_with_photo(app_ctx)
    info = backup.make_backup(app_ctx, reason="manual")
    assert info.ok, info.message
    assert info.attachments == 1 and info.counts["cases"] == 1
    with zipfile.ZipFile(info.path) as zf:
        assert zf.read(f"attachments/{sha[:2]}/{sha}") == PHOTO
        assert json.loads(zf.read("manifest.json"))["verified"] is True

    # Later work, and the stored photo gets lost.
    with app_ctx.db.session() as s:
        add_case(s, facts="备份之后登记的案件")
    (app_ctx.data_dir.attachments / sha[:2] / sha).unlink()
    assert _case_count(app_ctx) == 2

    result = backup_restore.restore_backup(app_ctx, info.path)
    assert _case_count(app_ctx) == 1
    assert (app_ctx.data_dir.attachments / sha[:2] / sha).read_bytes() == PHOTO
    assert result.attachments_restored == 1
    # The state before the restore was backed up first and holds both cases.
    assert result.safety_backup is not None
    with zipfile.ZipFile(result.safety_backup) as zf:
        assert json.loads(zf.read("manifest.json"))["counts"]["cases"] == 2
    # 设置 still shows this installation's last backup, not the one recorded inside the restored file.
    last = backup.last_backup(app_ctx)
    assert last is not None and last.path == result.safety_backup


def test_backup_names_use_local_time_and_verify_counts(app_ctx: AppContext) -> None:
    info = backup.make_backup(app_ctx, reason="daily", now=datetime(2025, 3, 5, 9, 5))
    assert Path(info.path).name == "station-ledger-2025-03-05-0905-daily.zip"
    again = backup.make_backup(app_ctx, reason="daily", now=datetime(2025, 3, 5, 9, 5))
    assert Path(again.path).name == "station-ledger-2025-03-05-0905-2-daily.zip"
    assert "记录数一致" in info.message
    assert [p.name for p in app_ctx.data_dir.backups.iterdir() if p.name.startswith(".")] == []


def test_failed_verification_is_reported_and_not_offered(app_ctx: AppContext, monkeypatch) -> None:
    good = backup.make_backup(app_ctx, reason="manual", now=datetime(2025, 3, 5, 9, 0))
    real_snapshot = backup._snapshot

    def damaged_copy(copier: sqlite3.Connection, dest: Path):  # type: ignore[no-untyped-def]
        result = real_snapshot(copier, dest)
        _corrupt_middle(dest)
        return result

    monkeypatch.setattr(backup, "_snapshot", damaged_copy)
    bad = backup.make_backup(app_ctx, reason="manual", now=datetime(2025, 3, 5, 10, 0))
    assert not bad.ok
    assert "完整性检查未通过" in bad.message
    last = backup.last_backup(app_ctx)
    assert last is not None and not last.ok and last.path == bad.path
    assert backup_check.newest_good_backup(app_ctx.data_dir) == Path(good.path)


@pytest.mark.parametrize("damaged", ["database", "photo"])
def test_a_zip_that_does_not_read_back_as_written_is_reported_and_not_offered(app_ctx: AppContext, monkeypatch,
                                                                              damaged: str) -> None:
    """Every byte of the zip is read back against what was written: a member damaged on its way to the disk
    fails the backup, whichever member it is."""
    _add_case_with_photo(app_ctx)
    good = backup.make_backup(app_ctx, reason="manual", now=datetime(2025, 3, 5, 9, 0))
    real_add = backup._add_attachment

    def written_then_damaged(zf: zipfile.ZipFile, store: Path, sha: str) -> bool:
        added = real_add(zf, store, sha)
        member = zf.getinfo(backup.DB_MEMBER if damaged == "database" else zf.namelist()[-1])
        zf.fp.flush()  # type: ignore[union-attr]
        with open(zf.filename, "r+b") as fh:  # type: ignore[arg-type]
            fh.seek(member.header_offset + 30 + len(member.filename.encode()) + member.compress_size // 2)
            fh.write(b"\x00\xff" * 8)
        return added

    monkeypatch.setattr(backup, "_add_attachment", written_then_damaged)
    bad = backup.make_backup(app_ctx, reason="manual", now=datetime(2025, 3, 5, 10, 0))
    assert not bad.ok and "读回校验失败" in bad.message
    assert backup_check.newest_good_backup(app_ctx.data_dir) == Path(good.path)


def test_rota_keeps_14_daily_and_12_monthly() -> None:
    start = datetime(2024, 1, 1, 9, 0)
    paths = []
    for day in range(400):
        for hour, reason in ((9, "daily"), (17, "exit")):
            when = start + timedelta(days=day, hours=hour - 9)
            paths.append(Path(f"station-ledger-{when:%Y-%m-%d-%H%M}-{reason}.zip"))
    paths.append(Path("station-ledger-2024-02-03-1000-manual.zip"))
    keep = backup_rota.kept(paths)
    names = sorted(p.name for p in keep)
    last = start + timedelta(days=399)
    daily = {f"station-ledger-{last - timedelta(days=d):%Y-%m-%d}-1700-exit.zip" for d in range(14)}
    assert daily <= set(names)
    monthly = {n for n in names if n.endswith("-01-0900-daily.zip")}
    assert len(monthly) == 12 and "station-ledger-2025-02-01-0900-daily.zip" in monthly
    assert "station-ledger-2024-02-03-1000-manual.zip" in names  # manual backups are never thinned
    assert len(keep) == 14 + 12 + 1


def test_old_backups_are_deleted_when_a_new_one_is_made(app_ctx: AppContext) -> None:
    first = datetime(2025, 1, 1, 9, 0)
    for day in range(20):
        backup.make_backup(app_ctx, reason="daily", now=first + timedelta(days=day))
    (app_ctx.data_dir.backups / "notes.txt").write_text("not ours")
    info = backup.make_backup(app_ctx, reason="daily", now=first + timedelta(days=20))
    remaining = [p.name for p in backup_check.list_backups(app_ctx.data_dir.backups)]
    assert len(remaining) == 15  # 14 newest days + 2025-01-01 as January's monthly
    assert "station-ledger-2025-01-01-0900-daily.zip" in remaining
    assert "station-ledger-2025-01-02-0900-daily.zip" not in remaining
    assert len(info.removed) == 1
    assert (app_ctx.data_dir.backups / "notes.txt").exists()


def test_second_folder_gets_a_copy_and_a_missing_one_is_reported(app_ctx: AppContext, tmp_path: Path) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    backup.set_second_dir(app_ctx, usb)
    info = backup.make_backup(app_ctx, reason="manual")
    assert info.second_path is not None
    assert _digest(Path(info.second_path)) == _digest(Path(info.path))
    usb_copy = Path(info.second_path)
    usb_copy.unlink()
    usb.rmdir()  # the USB disk is unplugged
    info = backup.make_backup(app_ctx, reason="manual")
    assert info.ok and Path(info.path).exists()
    assert info.second_error is not None and "不可用" in info.second_error


def test_daily_due_and_exit_backup_only_when_something_changed(app_ctx: AppContext) -> None:
    today = local_now()
    assert backup.backup_due_today(app_ctx, now=today)
    backup.make_backup(app_ctx, reason="daily", now=today)
    assert not backup.backup_due_today(app_ctx, now=today)
    assert backup.backup_due_today(app_ctx, now=today + timedelta(days=1))
    assert backup.backup_on_exit(app_ctx) is None
    with app_ctx.db.session() as s:
        add_case(s, facts="下班前登记")
    info = backup.backup_on_exit(app_ctx)
    assert info is not None and info.ok and info.reason == "exit"


def test_restore_refuses_garbage_and_leaves_the_database_alone(app_ctx: AppContext, tmp_path: Path) -> None:
    with app_ctx.db.session() as s:
        add_case(s, facts="现有案件")
    app_ctx.db.dispose()
    db = app_ctx.data_dir.database
    before = _digest(db)
    garbage = tmp_path / "backup.zip"
    garbage.write_bytes(b"PK\x03\x04 this is not really a zip" * 100)
    not_ours = tmp_path / "other.zip"
    with zipfile.ZipFile(not_ours, "w") as zf:
        zf.writestr("readme.txt", "hello")
    for path in (garbage, not_ours, tmp_path / "missing.zip"):
        with pytest.raises(BackupFileError) as err:
            backup_restore.restore_backup(app_ctx, path)
        assert "未做任何更改" in err.value.message or "找不到" in err.value.message
    assert _digest(db) == before
    assert list(app_ctx.data_dir.backups.iterdir()) == []  # refused before backing anything up
    assert [p.name for p in app_ctx.data_dir.root.iterdir() if p.name.startswith(".restore")] == []


def test_restore_refuses_a_backup_whose_database_is_damaged(app_ctx: AppContext, tmp_path: Path) -> None:
    info = backup.make_backup(app_ctx, reason="manual")
    damaged = tmp_path / "damaged.zip"
    with zipfile.ZipFile(info.path) as src, zipfile.ZipFile(damaged, "w") as dst:
        for name in src.namelist():
            data = src.read(name)
            if name == "station-ledger.db":
                middle = len(data) // 2 // 4096 * 4096
                data = data[:middle] + b"\x00garbage" * 512 + data[middle + 4096:]
            dst.writestr(name, data)
    with pytest.raises(BackupFileError, match="校验未通过"):
        backup_restore.restore_backup(app_ctx, damaged)


def test_a_failure_in_the_middle_of_a_restore_leaves_the_database_intact(app_ctx: AppContext, monkeypatch) -> None:
    info = backup.make_backup(app_ctx, reason="manual")
    with app_ctx.db.session() as s:
        add_case(s, facts="恢复失败也不能丢的案件")

    def power_cut(_db: Path) -> None:
        raise OSError("disk removed")

    monkeypatch.setattr(backup_restore, "_close_current", power_cut)
    with pytest.raises(OSError):
        backup_restore.restore_backup(app_ctx, info.path)
    assert _case_count(app_ctx) == 1
    assert backup_check.check_integrity(app_ctx.data_dir.database, quick=False)[0]
    assert [p.name for p in app_ctx.data_dir.root.iterdir() if p.name.startswith(".restore")] == []


def test_damaged_database_is_not_opened_and_names_the_newest_good_backup(data_dir: DataDir) -> None:
    ctx = open_data_dir(data_dir)
    with ctx.db.session() as s:
        for n in range(60):  # enough pages that the middle of the file holds table data
            add_case(s, facts=f"案件 {n} " + "事实" * 300)
    backup.make_backup(ctx, reason="daily", now=datetime(2025, 3, 4, 9, 0))
    newest = backup.make_backup(ctx, reason="daily", now=datetime(2025, 3, 5, 9, 0))
    ctx.close()
    _corrupt_middle(data_dir.database)
    damaged = _digest(data_dir.database)

    with pytest.raises(CorruptDatabaseError) as err:
        open_data_dir(data_dir)
    assert err.value.backup == Path(newest.path)
    assert newest.path in err.value.message and "restore" in err.value.message
    assert _digest(data_dir.database) == damaged  # not opened for writing, not "repaired"

    result = backup_restore.restore_backup(data_dir, err.value.backup, now=datetime(2025, 3, 5, 10, 0))
    assert result.corrupt_kept is not None and _digest(Path(result.corrupt_kept)) == damaged
    assert result.safety_backup is None
    ctx = open_data_dir(data_dir)
    try:
        assert _case_count(ctx) == 60
    finally:
        ctx.close()


def test_clean_close_skips_the_check_and_a_changed_file_is_checked(data_dir: DataDir, monkeypatch) -> None:
    open_data_dir(data_dir).close()
    calls: list[Path] = []

    def counting_check(path: Path, *, quick: bool = True) -> tuple[bool, str]:
        calls.append(path)
        return True, "ok"

    monkeypatch.setattr(backup_check, "check_integrity", counting_check)
    open_data_dir(data_dir).close()
    assert calls == []
    (data_dir.root / backup_check.MARKER_NAME).unlink()  # as after a crash
    open_data_dir(data_dir).close()
    assert calls == [data_dir.database]
