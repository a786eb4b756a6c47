"""What a backup's verification rests on: one instant for the copy and the check, the full check of that instant,
and a zip whose every byte reads back as written."""

from __future__ import annotations

import errno
import sqlite3
import threading
import zipfile
from datetime import datetime
from pathlib import Path

import pytest

from controllers.backup import backups as backup
from controllers.backup import verification
from controllers.backup.pinned import pinned_readers
from controllers.backup.readback import ForwardOnlyFile
from controllers.core.context import AppContext
from controllers.storage import integrity as backup_check
from controllers.storage.deflate import deflating
from tests.e2e.crash_writer import add_case

pytestmark = pytest.mark.sqlite_file


def _connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, timeout=0, isolation_level=None)


def _make_table(path: Path) -> None:
    con = _connect(path)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("CREATE TABLE t (x INTEGER)")
    con.execute("INSERT INTO t VALUES (1)")
    con.close()


def test_no_commit_lands_while_the_readers_begin_and_all_see_one_instant(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    _make_table(db)
    refused: list[str] = []

    def connect_and_try_to_write(path: Path) -> sqlite3.Connection:
        writer = _connect(path)
        try:
            writer.execute("INSERT INTO t VALUES (2)")
        except sqlite3.OperationalError as exc:
            refused.append(str(exc))
        finally:
            writer.close()
        return _connect(path)

    readers = pinned_readers(db, 3, connect_and_try_to_write)
    # The lock's own connection is made before the lock is taken: that one insert lands, the three made while the
    # readers begin are refused, and every reader sees the table as it was then.
    assert len(refused) == 3 and all("locked" in r for r in refused)
    later = _connect(db)
    later.execute("INSERT INTO t VALUES (3)")  # the lock is let go once they have begun
    later.close()
    assert [r.execute("SELECT count(*) FROM t").fetchone()[0] for r in readers] == [2, 2, 2]
    for reader in readers:
        reader.close()


def test_readers_are_closed_when_one_cannot_begin(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    _make_table(db)
    opened: list[sqlite3.Connection] = []

    def connect(path: Path) -> sqlite3.Connection:
        if len(opened) == 3:
            raise sqlite3.OperationalError("unable to open database file")
        opened.append(_connect(path))
        return opened[-1]

    with pytest.raises(sqlite3.OperationalError):
        pinned_readers(db, 3, connect)
    for con in opened:
        with pytest.raises(sqlite3.ProgrammingError):  # closed
            con.execute("SELECT 1")


def _zip_through(path: Path) -> ForwardOnlyFile:
    out = ForwardOnlyFile(path)
    with zipfile.ZipFile(out, "w", allowZip64=True) as zf:
        zf.writestr("db", b"page" * 50_000, compress_type=zipfile.ZIP_DEFLATED, compresslevel=1)
        zf.writestr("photo", bytes(range(256)) * 64)
    return out


def test_a_zip_written_front_to_back_opens_and_reads_back(tmp_path: Path) -> None:
    out = _zip_through(tmp_path / "b.zip")
    assert out.reads_back()
    with zipfile.ZipFile(tmp_path / "b.zip") as zf:
        assert zf.testzip() is None
        assert zf.read("db") == b"page" * 50_000
        assert all(info.flag_bits & 0x08 for info in zf.infolist())  # sizes after the data: nothing rewritten


@pytest.mark.parametrize("damage", ["changed", "cut", "grown"])
def test_any_byte_not_as_written_fails_the_read_back(tmp_path: Path, damage: str) -> None:
    path = tmp_path / "b.zip"
    out = _zip_through(path)
    data = bytearray(path.read_bytes())
    if damage == "changed":
        data[len(data) // 3] ^= 0x01
    elif damage == "cut":
        del data[-1:]
    else:
        data += b"\x00"
    path.write_bytes(bytes(data))
    assert not out.reads_back()


def _make_index_disagree_with_its_table(db: Path) -> None:
    """Redefine an index in the schema without rebuilding it, as a damaged file or a bad tool would: the index
    then holds the deadlines while its definition says found dates. Every page is well formed."""
    con = sqlite3.connect(db, isolation_level=None)
    version = con.execute("PRAGMA schema_version").fetchone()[0]
    con.execute("PRAGMA writable_schema=ON")
    con.execute("UPDATE sqlite_master SET sql = replace(sql, '(deadline)', '(found_date)') "
                "WHERE name = 'ix_cases_deadline'")
    con.execute(f"PRAGMA schema_version={version + 1}")
    con.execute("PRAGMA writable_schema=RESET")
    con.close()


@pytest.mark.parametrize("one_table_at_a_time", [True, False])  # False: SQLite before 3.33
def test_a_database_whose_index_disagrees_with_its_table_fails_the_backup(app_ctx: AppContext, monkeypatch,
                                                                         one_table_at_a_time: bool) -> None:
    monkeypatch.setattr(verification, "_CHECKS_ONE_TABLE", one_table_at_a_time)
    with app_ctx.db.session() as s:
        for n in range(5):
            add_case(s, facts=f"案件 {n}")
    good = backup.make_backup(app_ctx, reason="manual", now=datetime(2025, 3, 5, 9, 0), record=False)
    assert good.ok, good.message
    backup_check.mark_clean_close(app_ctx.data_dir)
    app_ctx.db.engine.dispose()  # the app's pooled connections let go of the file (and its WAL)
    db = app_ctx.data_dir.database
    _make_index_disagree_with_its_table(db)
    # Only the full check finds it: the copy's own quick_check would pass.
    assert backup_check.check_integrity(db, quick=True) == (True, "ok")
    bad = backup.make_backup(app_ctx, reason="daily", now=datetime(2025, 3, 5, 10, 0))
    assert not bad.ok and "完整性检查未通过" in bad.message
    assert backup_check.newest_good_backup(app_ctx.data_dir) == Path(good.path)
    assert not backup_check._closed_cleanly(app_ctx.data_dir)  # the next start checks the database


@pytest.mark.parametrize("method", [zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED])
def test_members_deflated_by_isa_l_are_read_by_any_zip_reader(tmp_path: Path, method: int) -> None:
    content = b"".join(f"第{n}页 {n * 7919 % 65536:05d}\n".encode() for n in range(40_000))
    info = zipfile.ZipInfo("db")
    info.compress_type = method
    with zipfile.ZipFile(tmp_path / "c.zip", "w") as zf, deflating(zf.open(info, "w")) as member:
        for start in range(0, len(content), 65536):
            member.write(content[start:start + 65536])
    with zipfile.ZipFile(tmp_path / "c.zip") as zf:  # the standard library's zlib inflates it
        got = zf.getinfo("db")
        assert zf.read("db") == content and zf.testzip() is None
        assert got.compress_type == method
        assert (got.compress_size < len(content) // 2) == (method == zipfile.ZIP_DEFLATED)


def test_while_another_program_writes_for_long_the_copy_is_checked_in_full(app_ctx: AppContext,
                                                                             monkeypatch) -> None:
    """An import in another program holds the write lock for a minute: the backup does not wait for it (nor fail);
    without sources pinned to its instant it checks its copy with integrity_check, and still finds a bad index."""
    monkeypatch.setattr(backup, "PIN_WAIT_S", 0.05)
    with app_ctx.db.session() as s:
        for n in range(5):
            add_case(s, facts=f"案件 {n}")
    app_ctx.db.engine.dispose()
    checked: list[bool] = []
    real_verify = verification.verify_database

    def spy(path: Path, *, expected: dict[str, int] | None, thorough: bool) -> tuple[bool, str]:
        checked.append(thorough)
        return real_verify(path, expected=expected, thorough=thorough)

    monkeypatch.setattr(verification, "verify_database", spy)
    writer = sqlite3.connect(app_ctx.data_dir.database, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    try:
        good = backup.make_backup(app_ctx, reason="manual", now=datetime(2025, 3, 5, 9, 0), record=False)
        assert good.ok and good.counts["cases"] == 5, good.message
        assert checked == [True]
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    _make_index_disagree_with_its_table(app_ctx.data_dir.database)
    writer = sqlite3.connect(app_ctx.data_dir.database, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    try:
        bad = backup.make_backup(app_ctx, reason="manual", now=datetime(2025, 3, 5, 9, 1), record=False)
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert not bad.ok and "完整性检查未通过" in bad.message


def test_the_largest_checks_come_first(tmp_path: Path, monkeypatch) -> None:
    con = _connect(tmp_path / "a.db")
    con.execute("CREATE TABLE few (x)")
    con.execute("CREATE TABLE many (x, y)")
    con.execute("CREATE INDEX many_x ON many (x)")
    con.execute("CREATE INDEX many_y ON many (y)")
    con.execute('CREATE TABLE "odd ""name" (k PRIMARY KEY) WITHOUT ROWID')
    con.executemany("INSERT INTO few VALUES (?)", [(n,) for n in range(300)])
    con.executemany("INSERT INTO many VALUES (?, ?)", [(n, n) for n in range(200)])
    con.execute('INSERT INTO "odd ""name" VALUES (1)')
    assert verification.tables_by_work(con) == ["many", "few", 'odd "name']
    monkeypatch.setattr(verification, "_CHECKS_ONE_TABLE", False)
    assert verification.tables_by_work(con) == [verification.WHOLE_DATABASE]
    con.close()


def test_a_backup_failing_half_way_leaves_no_file_and_no_check_running(app_ctx: AppContext, monkeypatch) -> None:
    def disk_full(zf: zipfile.ZipFile, copy: Path, *, deflate: bool) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backup, "_add_database", disk_full)
    with pytest.raises(OSError):
        backup.make_backup(app_ctx, reason="manual", now=datetime(2025, 3, 5, 9, 0))
    assert list(app_ctx.data_dir.backups.iterdir()) == []
    assert not [t for t in threading.enumerate() if t.name == "backup check"]
