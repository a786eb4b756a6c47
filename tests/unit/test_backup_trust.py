"""Crafted backups and hostile attachment rows: refused in Chinese before anything changes, never a path outside.

Every bad backup is checked the same way: restore_backup raises a UserError whose message is Chinese, and the
database file, the attachment store and the data directory's listing are byte for byte as they were.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import uuid
import zipfile
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select

from controllers.backup import backups as backup
from controllers.backup import restore as backup_restore
from controllers.backup import schema as backup_schema
from controllers.core.context import AppContext
from controllers.core.errors import UserError
from controllers.core.paths import DataDir
from controllers.documents import pdf_fonts
from controllers.storage import attachments
from controllers.storage import integrity as backup_check
from controllers.storage.datadir import prepare, remove_leftovers
from controllers.storage.opening import open_data_dir
from models import case_months, complaint_months
from models.case_months import CaseMonthCount
from models.cases import Attachment
from models.complaint_months import ComplaintMonthCount
from models.complaints import Complaint
from tests.e2e.crash_writer import add_case
from tests.unit.bad_input_kit import PROPERTY, assert_chinese_message
from tests.unit.case_fixtures import new_case

pytestmark = pytest.mark.sqlite_file

PHOTO = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 8
SECRET = b"outside the data directory: must never be read, copied or deleted\n"

# Hashes a crafted package, backup or edited database could hold: absolute and relative paths (padded with slashes to
# the 64 characters the column's CHECK wants), wrong case, wrong length, non-hex.
def _padded(path: str) -> str:
    head, _sep, tail = path.rpartition("/")
    return head + "/" * (64 - len(path)) + "/" + tail if len(path) < 64 else path


HOSTILE_HASHES = [
    _padded("/etc/passwd"), _padded("../../../../secret.txt"), _padded("../" * 6 + "etc/hostname"), "/" * 64,
    "." * 64, "A" * 64, "ab" * 31 + "AB", "a" * 63, "a" * 65, "a" * 63 + "/", "g" * 64, " " + "a" * 63,
    "a" * 63 + "\n", "", "a" * 62 + "/x",
]


def _snapshot(data_dir: DataDir) -> dict[str, str]:
    """Every file under the data directory but logs and backups, with its digest: what a refusal must not change."""
    seen = {}
    for path in sorted(data_dir.root.rglob("*")):
        rel = path.relative_to(data_dir.root)
        if rel.parts[0] in ("logs", "backups") or path.is_dir() or path.name.endswith(("-wal", "-shm")):
            continue
        seen[str(rel)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return seen


def _refused(ctx: AppContext, backup_file: Path) -> str:
    """Restore `backup_file`: must be refused in Chinese with the data directory unchanged; returns the message."""
    ctx.db.dispose()
    before = _snapshot(ctx.data_dir)
    with pytest.raises(UserError) as caught:
        backup_restore.restore_backup(ctx, backup_file)
    assert_chinese_message(caught.value)
    ctx.db.dispose()
    assert _snapshot(ctx.data_dir) == before
    assert not list(ctx.data_dir.root.glob(".restore-*")) and not list(ctx.data_dir.attachments.glob(".restore-*"))
    return caught.value.message


def _good_backup(ctx: AppContext, tmp_path: Path, name: str = "good.zip") -> Path:
    info = backup.make_backup(ctx, reason="manual", output=tmp_path / name)
    assert info.ok, info.message
    return Path(info.path)


def _rewrite(source: Path, target: Path, *, db: Callable[[Path], None] | None = None,
             manifest: Callable[[dict], object] | None = None, extra: dict[str, bytes] | None = None) -> Path:
    """A copy of a backup with its database, its manifest or its members changed as a crafter would."""
    with zipfile.ZipFile(source) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    if db is not None:
        tmp = target.with_suffix(".db")
        tmp.write_bytes(members[backup_check.DB_MEMBER])
        db(tmp)
        members[backup_check.DB_MEMBER] = tmp.read_bytes()
        tmp.unlink()
    if manifest is not None:
        value = manifest(json.loads(members[backup_check.MANIFEST_NAME]))
        members[backup_check.MANIFEST_NAME] = value if isinstance(value, bytes) else json.dumps(value).encode()
    members.update(extra or {})
    with zipfile.ZipFile(target, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return target


def _sql(*statements: str) -> Callable[[Path], None]:
    def run(path: Path) -> None:
        con = sqlite3.connect(path)
        try:
            for statement in statements:
                con.execute(statement)
            con.commit()
        finally:
            con.close()
    return run


def _with_photo(ctx: AppContext) -> str:
    sha = hashlib.sha256(PHOTO).hexdigest()
    stored = ctx.data_dir.attachments / sha[:2] / sha
    stored.parent.mkdir(parents=True, exist_ok=True)
    stored.write_bytes(PHOTO)
    with ctx.db.session() as s:
        case = add_case(s, facts="有照片的案件")
        s.add(Attachment(sha256=sha, filename="现场.jpg", mime_type="image/jpeg", size_bytes=len(PHOTO), kind="证据",
                         case_id=case.id))
    return sha


def _add_row(ctx: AppContext, sha: str, filename: str = "外部.jpg") -> int:
    """An attachment row with this hash, written as an edited database would (past the column's CHECK)."""
    with ctx.db.session() as s:
        case_id = add_case(s, facts="被篡改的附件记录").id
    con = sqlite3.connect(ctx.data_dir.database, isolation_level=None)
    try:
        con.execute("PRAGMA ignore_check_constraints=ON")
        cur = con.execute("INSERT INTO attachments (sha256, filename, mime_type, size_bytes, kind, case_id, uuid, "
                          "created_at, updated_at) VALUES (?, ?, 'image/jpeg', 1, '证据', ?, ?, "
                          "'2025-03-05 09:00:00', '2025-03-05 09:00:00')", (sha, filename, case_id, uuid.uuid4().hex))
        return int(cur.lastrowid or 0)
    finally:
        con.close()


# ---- point 2: nothing outside the store is read, copied or deleted because of an attachment row ---------------


def test_hostile_hashes_are_damaged_records_never_paths(app_ctx: AppContext, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_bytes(SECRET)
    ids = [_add_row(app_ctx, h) for h in [*HOSTILE_HASHES, _padded(str(secret))]]
    info = backup.make_backup(app_ctx, reason="manual", output=tmp_path / "b.zip")
    assert not info.ok and "附件记录已损坏" in info.message
    with zipfile.ZipFile(info.path) as zf:
        assert all(SECRET not in zf.read(n) for n in zf.namelist())
        assert all(n in (backup_check.MANIFEST_NAME, backup_check.DB_MEMBER) for n in zf.namelist())
    for attachment_id in ids:
        with pytest.raises(attachments.TamperedError) as caught:
            attachments.open_attachment_path(app_ctx, attachment_id)
        assert_chinese_message(caught.value)
        assert str(secret) not in caught.value.message and "已损坏" in caught.value.message
        attachments.remove_attachment(app_ctx, attachment_id)
    assert secret.read_bytes() == SECRET  # deleting the rows deleted no file


def test_links_and_devices_in_the_store_are_never_followed(app_ctx: AppContext, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_bytes(SECRET)
    sha = hashlib.sha256(SECRET).hexdigest()  # the right hash: only the link makes it "outside"
    (app_ctx.data_dir.attachments / sha[:2]).mkdir(parents=True)
    (app_ctx.data_dir.attachments / sha[:2] / sha).symlink_to(secret)
    linked_dir_sha = hashlib.sha256(b"other").hexdigest()
    outside_dir = tmp_path / "outside"
    outside_dir.mkdir()
    (outside_dir / linked_dir_sha).write_bytes(b"other")
    (app_ctx.data_dir.attachments / linked_dir_sha[:2]).symlink_to(outside_dir, target_is_directory=True)
    ids = [_add_row(app_ctx, sha), _add_row(app_ctx, linked_dir_sha)]
    info = backup.make_backup(app_ctx, reason="manual", output=tmp_path / "b.zip")
    assert not info.ok and "缺失或已被改动" in info.message
    with zipfile.ZipFile(info.path) as zf:
        assert all(SECRET not in zf.read(n) and zf.read(n) != b"other" for n in zf.namelist())
    for attachment_id in ids:
        with pytest.raises(attachments.TamperedError) as caught:
            attachments.open_attachment_path(app_ctx, attachment_id)
        assert_chinese_message(caught.value)
    fifo_sha = hashlib.sha256(b"fifo").hexdigest()
    (app_ctx.data_dir.attachments / fifo_sha[:2]).mkdir()
    os.mkfifo(app_ctx.data_dir.attachments / fifo_sha[:2] / fifo_sha)  # would block a reader for ever
    with pytest.raises(OSError):
        attachments.open_in_store(app_ctx.data_dir.attachments, fifo_sha)
    with pytest.raises(ValueError):
        attachments.open_in_store(app_ctx.data_dir.attachments, "../" + fifo_sha[3:])
    assert secret.read_bytes() == SECRET


def test_restore_refuses_hostile_hash_rows_and_members(app_ctx: AppContext, tmp_path: Path) -> None:
    _with_photo(app_ctx)
    good = _good_backup(app_ctx, tmp_path)
    sha = hashlib.sha256(PHOTO).hexdigest()
    tried = 0
    for bad in HOSTILE_HASHES:
        crafted = _rewrite(good, tmp_path / "rows.zip", db=_sql(
            "PRAGMA ignore_check_constraints=ON", f"UPDATE attachments SET sha256 = '{bad}'"))
        assert "附件记录已损坏" in _refused(app_ctx, crafted)
        tried += 1
    for member in ("../../evil.txt", "/tmp/evil.txt", "attachments/../../evil.txt", f"attachments/{sha.upper()[:2]}/"
                   f"{sha.upper()}", f"attachments/zz/{sha}", f"attachments/{sha[:2]}/{sha[:63]}", "notes.txt",
                   f"attachments/{sha[:2]}/{sha}/x", "attachments/"):
        crafted = _rewrite(good, tmp_path / "members.zip", extra={member: b"evil"})
        assert "不会包含" in _refused(app_ctx, crafted)
        tried += 1
    assert not (tmp_path / "evil.txt").exists() and not Path("/tmp/evil.txt").exists()
    assert tried == len(HOSTILE_HASHES) + 9


# ---- point 6: a restored database holds only what the app creates; paths in its settings are not obeyed --------


@pytest.mark.parametrize("statement", [
    "CREATE TRIGGER copy_phone AFTER INSERT ON complaints BEGIN UPDATE estates SET notes = NEW.phone; END",
    "DROP TRIGGER tombstone_meetings",  # ... and recreated with another body
    "CREATE VIEW everyone AS SELECT * FROM users",
    "CREATE TABLE stash (x TEXT)",
    "CREATE INDEX stash_idx ON cases (facts)",
])
def test_restore_refuses_objects_the_app_never_creates(app_ctx: AppContext, tmp_path: Path, statement: str) -> None:
    good = _good_backup(app_ctx, tmp_path)
    statements = [statement]
    if statement.startswith("DROP TRIGGER"):
        statements.append("CREATE TRIGGER tombstone_meetings AFTER DELETE ON meetings BEGIN "
                          "DELETE FROM users; END")
    crafted = _rewrite(good, tmp_path / "objects.zip", db=_sql(*statements))
    assert "台账不会建立的内容" in _refused(app_ctx, crafted)


def test_restore_drops_path_and_unknown_settings(app_ctx: AppContext, tmp_path: Path) -> None:
    mine = tmp_path / "usb"
    mine.mkdir()
    backup.set_second_dir(app_ctx, mine)
    good = _good_backup(app_ctx, tmp_path)
    crafted = _rewrite(good, tmp_path / "settings.zip", db=_sql(
        "DELETE FROM settings WHERE key = 'backup.second_dir'",
        "INSERT INTO settings (key, value, updated_at) VALUES ('backup.second_dir', '/tmp/attacker', '2025-03-05')",
        "INSERT INTO settings (key, value, updated_at) VALUES ('brief_font_path', '/dev/zero', '2025-03-05')",
        "INSERT INTO settings (key, value, updated_at) VALUES ('attachments.shared', '/etc', '2025-03-05')",
    ), manifest=lambda m: {**m, "counts": {}})
    info = backup_restore.restore_backup(app_ctx, crafted)
    assert info.settings_dropped == 3 and "没有采用" in backup_restore.describe(info)
    assert backup.second_dir(app_ctx) == mine  # this installation's own, not the backup author's
    from controllers.documents.pdf_pages import get_brief_font_path
    assert get_brief_font_path(app_ctx) is None
    con = sqlite3.connect(app_ctx.data_dir.database)
    try:
        keys = {r[0] for r in con.execute("SELECT key FROM settings")}
    finally:
        con.close()
    assert all(backup_schema.is_known_setting(k) for k in keys - backup_schema.PATH_SETTINGS)


def test_a_newer_schema_is_refused_before_anything_is_swapped(app_ctx: AppContext, tmp_path: Path) -> None:
    good = _good_backup(app_ctx, tmp_path)
    for crafted in (
        _rewrite(good, tmp_path / "newer.zip", db=_sql("UPDATE alembic_version SET version_num = '9999'")),
        # the manifest lies ("a known revision"): the database's own revision is what counts
        _rewrite(good, tmp_path / "newer2.zip", db=_sql("UPDATE alembic_version SET version_num = 'ffff'"),
                 manifest=lambda m: {**m, "schema_revision": "0001"}),
    ):
        message = _refused(app_ctx, crafted)
        assert "更新版本" in message and "当前数据没有改动" in message


def test_safety_backup_is_named_for_a_person(app_ctx: AppContext, tmp_path: Path) -> None:
    good = _good_backup(app_ctx, tmp_path)
    info = backup_restore.restore_backup(app_ctx, good)
    assert info.safety_backup is not None and Path(info.safety_backup).name.endswith("-restore-恢复前.zip")
    assert backup_check.backup_reason(Path(info.safety_backup)) == "restore"
    assert Path(info.safety_backup) in backup_check.list_backups(app_ctx.data_dir.backups)


# ---- point 9: damaged, encrypted, foreign and crafted zips; manifests of any shape -------------------------------


def _damaged_deflate(good: Path, target: Path) -> Path:
    data = bytearray(good.read_bytes())
    with zipfile.ZipFile(good) as zf:
        info = zf.getinfo(backup_check.DB_MEMBER)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for i in range(start + 200, start + 400):
        data[i] ^= 0x5A
    target.write_bytes(bytes(data))
    return target


def _encrypted(good: Path, target: Path) -> Path:
    data = bytearray(good.read_bytes())
    with zipfile.ZipFile(good) as zf:
        infos = zf.infolist()
    for info in infos:  # set the "encrypted" bit in every local and central header
        data[info.header_offset + 6] |= 1
    central = data.find(b"PK\x01\x02")
    while central != -1:
        data[central + 8] |= 1
        central = data.find(b"PK\x01\x02", central + 4)
    target.write_bytes(bytes(data))
    return target


def test_damaged_and_foreign_files_are_refused(app_ctx: AppContext, tmp_path: Path) -> None:
    _with_photo(app_ctx)
    good = _good_backup(app_ctx, tmp_path)
    bad_files = {
        "not a zip": b"just text",
        "empty": b"",
        "truncated": good.read_bytes()[: good.stat().st_size // 2],
        "xlsx-like": b"PK\x03\x04" + os.urandom(64),
    }
    count = 0
    for label, content in bad_files.items():
        path = tmp_path / f"{label}.zip"
        path.write_bytes(content)
        _refused(app_ctx, path)
        count += 1
    _refused(app_ctx, _damaged_deflate(good, tmp_path / "deflate.zip"))
    assert "加密" in _refused(app_ctx, _encrypted(good, tmp_path / "encrypted.zip"))
    folder = tmp_path / "folder.zip"
    folder.mkdir()
    _refused(app_ctx, folder)
    missing_manifest = tmp_path / "nomanifest.zip"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(missing_manifest, "w") as dst:
        dst.writestr(backup_check.DB_MEMBER, src.read(backup_check.DB_MEMBER))
    _refused(app_ctx, missing_manifest)
    assert count == 4


MANIFEST_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20)
    | st.sampled_from([10**400, -1, 2**63, "9999", "station-ledger"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=12,
)


@PROPERTY
@given(field=st.sampled_from(["app", "counts", "schema_revision", "created_local", "verified", "format", "reason"]),
       value=MANIFEST_VALUES)
def test_manifest_fields_of_any_type_are_refused_or_restored(app_ctx: AppContext, tmp_path: Path, field: str,
                                                             value: object) -> None:
    good = tmp_path / "fuzz-good.zip"
    if not good.exists():
        _good_backup(app_ctx, tmp_path, good.name)
    crafted = _rewrite(good, tmp_path / "fuzz.zip", manifest=lambda m: {**m, field: value})
    try:
        backup_restore.restore_backup(app_ctx, crafted)
    except UserError as exc:
        assert_chinese_message(exc)


@pytest.mark.parametrize("raw", [
    b"[" * 100_000 + b"]" * 100_000,  # deep nesting
    b'{"app": "station-ledger", "counts": {"cases": ' + b"9" * 5000 + b"}}",  # an integer past Python's limit
    b'{"app": "station-ledger", "counts": {"cases": 1e999}}',
    b"\xff\xfe not utf-8",
    b'{"app": "station-ledger"' + b" " * (128 * 1024) + b"}",  # larger than any manifest of ours
    b"null",
])
def test_malformed_manifests_are_refused(app_ctx: AppContext, tmp_path: Path, raw: bytes) -> None:
    good = _good_backup(app_ctx, tmp_path)
    _refused(app_ctx, _rewrite(good, tmp_path / "manifest.zip", manifest=lambda _m: raw))


@PROPERTY
@given(offset=st.integers(0, 10**9), flips=st.binary(min_size=1, max_size=8))
def test_flipped_bytes_anywhere_are_refused_or_restored_whole(app_ctx: AppContext, tmp_path: Path, offset: int,
                                                               flips: bytes) -> None:
    good = tmp_path / "flip-good.zip"
    if not good.exists():
        _good_backup(app_ctx, tmp_path, good.name)
    data = bytearray(good.read_bytes())
    at = offset % len(data)
    for i, b in enumerate(flips):
        if at + i < len(data):
            data[at + i] ^= b or 1
    crafted = tmp_path / "flipped.zip"
    crafted.write_bytes(bytes(data))
    try:
        backup_restore.restore_backup(app_ctx, crafted)
    except UserError as exc:
        assert_chinese_message(exc)
    ok, problem = backup_check.check_integrity(app_ctx.data_dir.database, quick=True)
    assert ok, problem


def test_oversized_attachment_members_are_refused(app_ctx: AppContext, tmp_path: Path, monkeypatch) -> None:
    good = _good_backup(app_ctx, tmp_path)
    big = b"\0" * 4096
    sha = hashlib.sha256(big).hexdigest()
    monkeypatch.setattr(backup_restore, "ATTACHMENT_MAX_BYTES", 1024)
    crafted = _rewrite(good, tmp_path / "big.zip", extra={f"attachments/{sha[:2]}/{sha}": big})
    assert "50 MB" in _refused(app_ctx, crafted)


# ---- a killed restore; the write probe --------------------------------------------------------------------------


def test_leftovers_of_a_killed_restore_go_at_the_next_lone_start(data_dir: DataDir) -> None:
    open_data_dir(data_dir).close()
    copy = data_dir.root / ".restore-0123.db"
    copy.write_bytes(data_dir.database.read_bytes())
    (data_dir.root / ".restore-0123.db-journal").write_bytes(b"x")
    staged = data_dir.attachments / ".restore-0123"
    staged.mkdir()
    (staged / ("a" * 64)).write_bytes(b"half")
    (data_dir.attachments / ".incoming-xyz").write_bytes(b"half")
    first = open_data_dir(data_dir)
    try:
        assert not list(data_dir.root.glob(".restore-*")) and not list(data_dir.attachments.glob(".*"))
        copy.write_bytes(b"another program's restore in progress")
        second = open_data_dir(data_dir)  # not alone: another context of this data dir is open
        second.close()
        assert copy.exists()
    finally:
        first.close()
    assert remove_leftovers(data_dir) == [copy]


def test_two_programs_starting_together_do_not_share_a_write_probe(data_dir: DataDir) -> None:
    data_dir.root.mkdir(parents=True)
    (data_dir.root / ".write-test").mkdir()  # the fixed probe name, held by "another program"
    prepare(data_dir)
    prepare(data_dir)
    assert [p.name for p in data_dir.root.glob(".write-test*")] == [".write-test"]


# ---- point 6: brief fonts ----------------------------------------------------------------------------------------


def test_font_paths_that_never_end_are_refused(app_ctx: AppContext, tmp_path: Path) -> None:
    from controllers.documents.pdf_pages import FONT_KEY, set_brief_font_path
    from models.admin import Setting

    fifo = tmp_path / "pipe.ttf"
    os.mkfifo(fifo)
    folder = tmp_path / "folder.ttf"
    folder.mkdir()
    huge = tmp_path / "huge.ttf"
    with huge.open("wb") as fh:
        fh.truncate(pdf_fonts.FONT_MAX_BYTES + 1)  # sparse: no disk used
    device_link = tmp_path / "zero.ttf"
    device_link.symlink_to("/dev/zero")
    bad = [Path("/dev/zero"), Path("/dev/urandom"), fifo, folder, huge, device_link, tmp_path / "missing.ttf"]
    for path in bad:
        with pytest.raises(UserError) as caught:
            set_brief_font_path(app_ctx, str(path))
        assert_chinese_message(caught.value)
        # The same path arriving in settings some other way is never read at print time either.
        with app_ctx.db.session() as s:
            s.merge(Setting(key=FONT_KEY, value=str(path)))
        assert pdf_fonts.font_name(str(path)) == pdf_fonts.register_fonts()
    assert len(bad) == 7


def test_cli_warnings_reach_the_user_in_chinese_only(tmp_path: Path, capsys) -> None:
    import logging

    from controllers.storage.log_setup import configure_logging

    configure_logging(DataDir(tmp_path / "d"))
    try:
        logging.getLogger("x").warning("second backup copy failed: %s", "EIO")
        logging.getLogger("x").warning("简报中的字符 U+20BB7 在字体中没有字形，PDF 中该字符会显示为空白。")
        err = capsys.readouterr().err
    finally:
        for handler in list(logging.getLogger().handlers):
            if getattr(handler, "_station_ledger_handler", False):
                logging.getLogger().removeHandler(handler)
                handler.close()
    assert "second backup" not in err and "WARNING" not in err and "U+20BB7" in err


def test_a_locked_database_is_a_chinese_refusal(tmp_path: Path) -> None:
    from controllers.core.errors import DATABASE_BUSY, user_error_for

    db = tmp_path / "x.db"
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN IMMEDIATE")
    other = sqlite3.connect(db, timeout=0)
    try:
        with pytest.raises(sqlite3.OperationalError) as caught:
            other.execute("INSERT INTO t VALUES (1)")
    finally:
        other.close()
        holder.close()
    try:
        raise RuntimeError("wrapped") from caught.value
    except RuntimeError as wrapped:
        known = user_error_for(wrapped)
    assert known is not None and known.message == DATABASE_BUSY
    assert user_error_for(ValueError("database is locked")) is None
    assert_chinese_message(known)


def test_restore_recounts_the_complaint_months_a_crafted_backup_holds(app_ctx: AppContext, tmp_path: Path) -> None:
    """Counts kept by triggers are rows of the file: a restore recounts them from the restored complaints."""
    with app_ctx.db.session() as s:
        s.add(Complaint(channel="来电", content="楼道堆物", received_at=datetime(2025, 3, 5, 1)))
    crafted = _rewrite(_good_backup(app_ctx, tmp_path), tmp_path / "counts.zip", db=_sql(
        "UPDATE complaint_month_counts SET complaints = 999, repeats = 7",
        "INSERT INTO complaint_month_counts (month, estate_id, complaints, repeats) VALUES ('2025-04-01', 0, 5, 0)"))
    with app_ctx.db.session() as s:  # after the backup: gone again with the restore
        s.add(Complaint(channel="来电", content="备份之后", received_at=datetime(2025, 6, 5, 1)))
    backup_restore.restore_backup(app_ctx, crafted)
    with app_ctx.db.engine.connect() as conn:
        assert complaint_months.drift(conn) == []
        assert conn.execute(select(func.sum(ComplaintMonthCount.complaints))).scalar() == 1


def test_restore_recounts_the_case_months_a_crafted_backup_holds(app_ctx: AppContext, tmp_path: Path) -> None:
    """The same for the cases' kept counts: wrong numbers and a month without cases in the file are recounted."""
    estate = new_case(app_ctx, found_date=date(2025, 3, 5)).estate_id
    crafted = _rewrite(_good_backup(app_ctx, tmp_path), tmp_path / "case_counts.zip", db=_sql(
        "UPDATE case_month_counts SET found = 999, closed = 7",
        "INSERT INTO case_month_counts (month, category_id, found, closable, closed_of_found, closed, with_deadline, "
        "on_time) VALUES ('2025-04-01', 1, 5, 5, 5, 5, 5, 5)"))
    new_case(app_ctx, estate, found_date=date(2025, 6, 5))  # after the backup: gone again with the restore
    backup_restore.restore_backup(app_ctx, crafted)
    with app_ctx.db.engine.connect() as conn:
        assert case_months.drift(conn) == []
        assert conn.execute(select(func.sum(CaseMonthCount.found), func.sum(CaseMonthCount.closed))).one() == (1, 0)
