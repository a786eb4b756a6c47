"""Issue 16, exchange packages are not trusted: crafted manifests, rows, stamps and zips are refused whole, in one
Chinese line, with the database, the attachment store and the backups folder as they were; a good one is imported
after a backup a person can find.
"""

from __future__ import annotations

import hashlib
import json
import struct
import zipfile
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from controllers.core.clock import utcnow
from controllers.core.context import AppContext
from controllers.exchange import export as exchange_export
from controllers.exchange import importer as exchange_import
from controllers.exchange import package as exchange_package
from controllers.exchange.importer import BadPackageError
from models.admin import CalendarDay
from models.cases import Attachment, Case
from models.complaints import Complaint
from models.exchange import ExchangePeer
from models.reference import Category
from tests.unit.bad_input_kit import PROPERTY, SLOW, texts
from tests.unit.exchange_kit import complaint, count, other_station, set_content, some_work
from tests.unit.exchange_trust_kit import (
    PHOTO,
    files_of,
    import_or_refuse,
    members,
    package_with_photo,
    with_manifest,
    with_rows,
    write_zip,
)

FAR = "9999-12-31T23:59:59"

# -- generated manifests and rows ----------------------------------------------------------------------------

# Any JSON value, the awkward ones first: wrong types, truthy strings, huge numbers, impossible and far dates.
_scalars = st.one_of(
    st.sampled_from([None, True, False, 0, 1, -1, "no", "false", "0", "", "yes", 2**31, 2**63, 10**30, -(10**30),
                     1e308, FAR, "2025-02-30T00:00:00", "2025-13-01", "0000-01-01", "2025-03-05T10:00:00+14:00",
                     "00000000000000000000000000000000", "../../etc/passwd", "/etc/passwd", "a" * 70]),
    st.integers(), st.floats(allow_nan=False), texts,
    st.datetimes(min_value=datetime(1, 1, 1)).map(lambda d: d.isoformat()))
json_values = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8),
                                                                                                  inner, max_size=3),
                           max_leaves=6)
MANIFEST_KEYS = ["format", "format_version", "station_uuid", "station_name", "exported_at", "since",
                 "with_personal_data", "counts", "attachments", "deletions", "seen", "open_conflicts", "extra"]
DELETE = object()


@pytest.fixture
def station_a(tmp_path: Path, app_ctx: AppContext) -> Path:
    return package_with_photo(app_ctx, tmp_path)


@PROPERTY
@given(data=st.data())
def test_any_manifest_is_imported_or_refused_in_chinese_with_nothing_changed(
        app_ctx: AppContext, station_a: Path, tmp_path: Path, data: st.DataObject) -> None:
    key = data.draw(st.sampled_from(MANIFEST_KEYS))
    value = data.draw(st.one_of(st.just(DELETE), json_values))

    def change(manifest: dict[str, Any]) -> None:
        if value is DELETE:
            manifest.pop(key, None)
        else:
            manifest[key] = value

    bad = with_manifest(station_a, tmp_path / "m.zip", change)
    with other_station(tmp_path / "b") as b:
        import_or_refuse(b, bad)


ROW_KEYS = ["uuid", "created_at", "updated_at", "fields", "refs", "links", "row"]


@SLOW
@given(data=st.data())
def test_any_row_is_imported_or_refused_in_chinese_with_nothing_changed(
        app_ctx: AppContext, station_a: Path, tmp_path: Path, data: st.DataObject) -> None:
    table = data.draw(st.sampled_from(["complaints", "cases", "attachments", "categories", "calendar_days"]))
    value = data.draw(json_values)
    where = data.draw(st.sampled_from(ROW_KEYS))
    column = data.draw(st.sampled_from(["sha256", "size_bytes", "content", "complainant_phone", "found_date",
                                        "deadline_days", "kind", "status", "received_at", "facts", "day"]))

    def change(rows: list[Any]) -> None:
        if where == "row":
            rows[0] = value
        elif where == "fields":
            rows[0]["fields"][column] = value
        else:
            rows[0][where] = value

    bad = with_rows(station_a, tmp_path / "r.zip", table, change)
    with other_station(tmp_path / "b") as b:
        import_or_refuse(b, bad)


# -- manifests: strict types, stamps against our clock -------------------------------------------------------

@pytest.mark.parametrize("flag", ["no", "false", 0, 1, "yes", None, [], {}])
def test_personal_data_flag_must_be_a_real_boolean(app_ctx: AppContext, station_a: Path, tmp_path: Path,
                                                   flag: Any) -> None:
    bad = with_manifest(station_a, tmp_path / "flag.zip", lambda m: m.update(with_personal_data=flag))
    with other_station(tmp_path / "b") as b:
        assert import_or_refuse(b, bad) is None


@pytest.mark.parametrize("where", ["exported_at", "row", "row_aware", "deletion", "seen_us", "two_days"])
def test_a_stamp_in_the_future_refuses_the_package(app_ctx: AppContext, tmp_path: Path, where: str) -> None:
    some_work(app_ctx)
    good = tmp_path / "good.zip"
    exchange_export.export_package(app_ctx, good)
    content = members(good)
    manifest = json.loads(content["manifest.json"])
    soon = (utcnow() + timedelta(days=2)).isoformat()
    with other_station(tmp_path / "b") as b:
        if where in ("exported_at", "two_days"):
            manifest["exported_at"] = FAR if where == "exported_at" else soon
        elif where in ("row", "row_aware"):
            rows = json.loads(content["records/complaints.json"])
            rows[0]["updated_at"] = FAR if where == "row" else "9999-12-31T20:00:00-08:00"
            content["records/complaints.json"] = json.dumps(rows).encode()
        elif where == "deletion":
            content["deletions.json"] = json.dumps([{"entity": "meetings", "uuid": "ab" * 16, "deleted_at": FAR,
                                                     "updated_at": FAR}]).encode()
        else:
            with b.db.session() as s:
                me = exchange_export.station_uuid(s).hex
            manifest["seen"] = {me: FAR}
        content["manifest.json"] = json.dumps(manifest).encode()
        with pytest.raises(BadPackageError, match="未导入"):
            exchange_import.import_package(b, write_zip(tmp_path / "future.zip", content))
        assert (count(b, Complaint), count(b, ExchangePeer)) == (0, 0)
        assert import_or_refuse(b, tmp_path / "future.zip") is None


def test_a_refused_future_package_does_not_stop_later_real_updates(app_ctx: AppContext, tmp_path: Path) -> None:
    """Before: exported_at 9999 was committed as the station's watermark, and every later package of it ignored."""
    ids = some_work(app_ctx)
    exchange_export.export_package(app_ctx, tmp_path / "1.zip")
    with other_station(tmp_path / "b") as b:
        exchange_import.import_package(b, tmp_path / "1.zip")
        future = with_manifest(tmp_path / "1.zip", tmp_path / "f.zip", lambda m: m.update(exported_at=FAR))
        with pytest.raises(BadPackageError):
            exchange_import.import_package(b, future)
        set_content(app_ctx, ids["complaint"], "物业已清理")
        exchange_export.export_package(app_ctx, tmp_path / "2.zip")
        assert exchange_import.import_package(b, tmp_path / "2.zip").updated == 1
        assert complaint(b, ids["complaint"]).content == "物业已清理"


def test_reference_data_matched_by_name_is_a_conflict_at_first_contact_not_overwritten(
        app_ctx: AppContext, tmp_path: Path) -> None:
    """A category's deadline and a holiday changed at the other station (each seeded on its own) come as conflicts
    for a person, whatever their stamps say."""
    with app_ctx.db.session() as s:
        code = s.scalars(select(Category.code).order_by(Category.id)).first()
        ours = s.scalar(select(Category.deadline_days).where(Category.code == code))
    with other_station(tmp_path / "b") as b:
        with b.db.session() as s:
            s.scalar(select(Category).where(Category.code == code)).deadline_days = 999
            day = s.scalar(select(CalendarDay).where(CalendarDay.day == datetime(2025, 10, 1).date()))
            if day is None:
                s.add(CalendarDay(day=datetime(2025, 10, 1).date(), kind="调休上班", name="国庆"))
            else:
                day.kind = "调休上班"  # a holiday turned into a working day
        exchange_export.export_package(b, tmp_path / "b.zip")
    with app_ctx.db.session() as s:
        had_day = s.scalar(select(CalendarDay.kind).where(CalendarDay.day == datetime(2025, 10, 1).date()))
    result = exchange_import.import_package(app_ctx, tmp_path / "b.zip")
    with app_ctx.db.session() as s:
        assert s.scalar(select(Category.deadline_days).where(Category.code == code)) == ours
        day = s.scalar(select(CalendarDay.kind).where(CalendarDay.day == datetime(2025, 10, 1).date()))
    entities = [c.entity for c in result.conflicts]
    assert "categories" in entities
    if had_day is not None:
        assert day == had_day and "calendar_days" in entities
    # Taking theirs applies to our record (matched by name), keeping ours leaves it.
    conflict = next(c for c in result.conflicts if c.entity == "categories")
    exchange_import.resolve_conflict(app_ctx, conflict.id, take_theirs=True)
    with app_ctx.db.session() as s:
        assert s.scalar(select(Category.deadline_days).where(Category.code == code)) == 999


# -- zips: members, sizes, damage ----------------------------------------------------------------------------

def _attachment_rows(good: Path) -> list[dict[str, Any]]:
    return json.loads(members(good)["records/attachments.json"])


def _with_file(good: Path, dst: Path, data: bytes, *, size_field: int | None = None) -> Path:
    """The package with its attachment row and member replaced by `data` under data's own hash."""
    content = members(good)
    sha = hashlib.sha256(data).hexdigest()
    rows = _attachment_rows(good)
    old = rows[0]["fields"]["sha256"]
    rows[0]["fields"].update(sha256=sha, size_bytes=size_field if size_field is not None else len(data))
    content["records/attachments.json"] = json.dumps(rows).encode()
    del content[f"attachments/{old}"]
    content[f"attachments/{sha}"] = data
    return write_zip(dst, content)


def _crafted(kind: str, good: Path, tmp_path: Path, outside: Path) -> Path:
    content = members(good)
    dst = tmp_path / f"{kind}.zip"
    sha = next(n for n in content if n.startswith("attachments/")).split("/")[1]
    if kind == "not_zip":
        dst.write_bytes(b"PK\x03\x04 not really a zip")
    elif kind == "empty":
        dst.write_bytes(b"")
    elif kind == "xlsx_renamed":
        write_zip(dst, {"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
    elif kind == "truncated":
        dst.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    elif kind in ("dotdot", "absolute", "unknown", "attachment_dir"):
        name = {"dotdot": "../evil.txt", "absolute": "/etc/evil", "unknown": "readme.txt",
                "attachment_dir": f"attachments/{sha}/../../x"}[kind]
        write_zip(dst, [*content.items(), (name, b"x")])
    elif kind == "duplicate":
        rows = json.loads(content["records/complaints.json"])
        with pytest.warns(UserWarning):
            write_zip(dst, [*content.items(), ("records/complaints.json", json.dumps(rows[:0]).encode())])
    elif kind == "duplicate_manifest":
        with pytest.warns(UserWarning):
            write_zip(dst, [*content.items(), ("manifest.json", content["manifest.json"])])
    elif kind == "encrypted":
        write_zip(dst, content)
        _set_flag(dst, "records/cases.json", 0x1)
    elif kind == "damaged_deflate":
        write_zip(dst, content)
        _damage_stream(dst, "records/complaints.json")
    elif kind == "bad_method":
        write_zip(dst, content)
        _set_method(dst, "records/cases.json", 99)
    elif kind == "deep_json":
        content["manifest.json"] = b"[" * 200_000 + b"]" * 200_000
        write_zip(dst, content)
    elif kind == "deep_row":
        content["records/cases.json"] = b"[\n" + b"[" * 200_000 + b"]" * 200_000 + b"\n]"
        write_zip(dst, content)
    elif kind == "huge_int":
        content["manifest.json"] = content["manifest.json"].replace(b'"attachments": 1', b'"attachments": ' +
                                                                    b"9" * 5000)
        write_zip(dst, content)
    elif kind == "endless_line":
        content["records/cases.json"] = b"[\n" + b" " * (17 * 1024 * 1024)
        write_zip(dst, content)
    elif kind in ("hash_path", "hash_absolute", "hash_upper"):
        value = {"hash_path": "../../" + outside.name, "hash_absolute": str(outside),
                 "hash_upper": sha.upper()}[kind]
        rows = _attachment_rows(good)
        rows[0]["fields"]["sha256"] = value
        content["records/attachments.json"] = json.dumps(rows).encode()
        write_zip(dst, content)
    elif kind == "member_not_named_by_a_row":
        write_zip(dst, [*content.items(), (f"attachments/{hashlib.sha256(b'other').hexdigest()}", b"other")])
    elif kind == "content_not_its_hash":
        content[f"attachments/{sha}"] = b"not the photo"
        write_zip(dst, content)
    elif kind == "zip_bomb":  # 60 MB of zeros in about 60 KB: over the 50 MB cap by what the zip declares
        _with_file(good, dst, b"\0" * (60 * 1024 * 1024))
    elif kind == "lying_size":  # the directory declares a small file; the bytes are more than that
        _with_file(good, dst, PHOTO * 100)
        _set_sizes(dst, len(PHOTO))
    elif kind == "bad_row_after_file":  # a new file is stored, then a row is found bad: the file goes again
        data = PHOTO + b"new"
        _with_file(good, tmp_path / "tmp.zip", data)
        content = members(tmp_path / "tmp.zip")
        rows = json.loads(content["records/complaints.json"])
        rows[0]["fields"]["status"] = "不存在的状态" * 5
        content["records/complaints.json"] = json.dumps(rows).encode()
        write_zip(dst, content)
    else:
        raise AssertionError(kind)
    return dst


def _central(path: Path, name: str) -> int:
    """Offset of a member's central directory header."""
    data = path.read_bytes()
    at = data.index(b"PK\x01\x02")
    while True:
        name_len = struct.unpack("<H", data[at + 28:at + 30])[0]
        if data[at + 46:at + 46 + name_len] == name.encode():
            return at
        extra, comment = struct.unpack("<HH", data[at + 30:at + 34])
        at = data.index(b"PK\x01\x02", at + 46 + name_len + extra + comment)


def _patch(path: Path, offset: int, fmt: str, value: int) -> None:
    data = bytearray(path.read_bytes())
    struct.pack_into(fmt, data, offset, value)
    path.write_bytes(bytes(data))


def _set_flag(path: Path, name: str, flag: int) -> None:
    at = _central(path, name)
    _patch(path, at + 8, "<H", struct.unpack("<H", path.read_bytes()[at + 8:at + 10])[0] | flag)


def _set_method(path: Path, name: str, method: int) -> None:
    _patch(path, _central(path, name) + 10, "<H", method)


def _set_sizes(path: Path, size: int) -> None:
    name = next(n for n in zipfile.ZipFile(path).namelist() if n.startswith("attachments/"))
    _patch(path, _central(path, name) + 24, "<I", size)


def _damage_stream(path: Path, name: str) -> None:
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo(name)
    data = bytearray(path.read_bytes())
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for i in range(start + 2, start + min(info.compress_size, 40)):
        data[i] ^= 0xFF
    path.write_bytes(bytes(data))


CRAFTED = ["not_zip", "empty", "xlsx_renamed", "truncated", "dotdot", "absolute", "unknown", "attachment_dir",
           "duplicate", "duplicate_manifest", "encrypted", "damaged_deflate", "bad_method", "deep_json", "deep_row",
           "huge_int", "endless_line", "hash_path", "hash_absolute", "hash_upper", "member_not_named_by_a_row",
           "content_not_its_hash", "zip_bomb", "lying_size", "bad_row_after_file"]


@pytest.mark.parametrize("kind", CRAFTED)
def test_crafted_package_is_refused_in_one_chinese_line_with_nothing_changed(
        app_ctx: AppContext, station_a: Path, tmp_path: Path, kind: str) -> None:
    outside = tmp_path / "outside-secret.txt"
    outside.write_text("不属于台账的文件")
    bad = _crafted(kind, station_a, tmp_path, outside)
    with other_station(tmp_path / "b") as b:
        assert import_or_refuse(b, bad) is None, f"{kind} was imported"
        assert (count(b, Case), count(b, Attachment), count(b, ExchangePeer)) == (0, 0, 0)
        assert files_of(b) == set()
    assert outside.read_text() == "不属于台账的文件"


def test_the_files_a_package_may_add_are_limited_in_total(app_ctx: AppContext, station_a: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(exchange_package, "PACKAGE_FILES_BYTES", len(PHOTO) - 1)
    with other_station(tmp_path / "b") as b:
        with pytest.raises(BadPackageError, match="上限"):
            exchange_import.import_package(b, station_a)
        assert files_of(b) == set()


# -- the backup before an import -----------------------------------------------------------------------------

def test_an_import_is_preceded_by_a_backup_a_person_can_find(app_ctx: AppContext, station_a: Path,
                                                              tmp_path: Path) -> None:
    from controllers.complaints import entry as complaints
    from controllers.storage import integrity as backup_check

    with other_station(tmp_path / "b") as b:
        complaints.create_complaint(b, channel="来电", content="乙站自己登记的诉件")
        result = exchange_import.import_package(b, station_a)
        assert result.backup_path is not None
        saved = Path(result.backup_path)
        assert saved.parent == b.data_dir.backups and saved.name.endswith("-import-导入交换包前.zip")
        assert backup_check.backup_reason(saved) == "import"
        # It holds the data as it was: B's own complaint, not A's.
        assert backup_check.read_manifest(saved)["counts"]["complaints"] == 1
        assert count(b, Complaint) == 2


def test_a_cancelled_import_leaves_no_backup_and_no_file(app_ctx: AppContext, station_a: Path,
                                                         tmp_path: Path) -> None:
    import threading

    stop = threading.Event()
    stop.set()
    with other_station(tmp_path / "b") as b:
        with pytest.raises(exchange_import.ImportCancelled):
            exchange_import.import_package(b, station_a, cancel=stop)
        assert files_of(b) == set()


def test_a_watermark_left_in_the_future_by_an_older_version_is_forgotten(app_ctx: AppContext,
                                                                           tmp_path: Path) -> None:
    """A station that imported a 9999 package before the fix holds that as the watermark: its packages would be
    refused by the peer (seen in the future) and the peer's real updates ignored. Neither happens any more."""
    from sqlalchemy import update

    ids = some_work(app_ctx)
    exchange_export.export_package(app_ctx, tmp_path / "1.zip")
    with other_station(tmp_path / "b") as b:
        exchange_import.import_package(b, tmp_path / "1.zip")
        with b.db.session() as s:
            s.execute(update(ExchangePeer).values(last_exported_at=datetime(9999, 12, 31)))
        exchange_export.export_package(b, tmp_path / "back.zip")
        assert exchange_import.import_package(app_ctx, tmp_path / "back.zip").conflicts == ()
        set_content(app_ctx, ids["complaint"], "物业已清理")
        exchange_export.export_package(app_ctx, tmp_path / "2.zip")
        assert exchange_import.import_package(b, tmp_path / "2.zip").updated == 1
        assert complaint(b, ids["complaint"]).content == "物业已清理"
