"""Exchange packages between two stations: round trip, idempotence, conflicts kept for a person, privacy, bad files."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import select

from controllers.core.context import AppContext
from controllers.exchange import export as exchange_export
from controllers.exchange import importer as exchange_import
from controllers.exchange.importer import BadPackageError
from models import search
from models.admin import AuditEntry
from models.cases import Case
from models.complaints import Complaint
from models.exchange import ExchangeConflict, ExchangePeer
from models.reference import Street
from tests.unit.exchange_kit import complaint, count, other_station, set_content, some_work


def test_round_trip_brings_records_with_their_references_and_search(app_ctx: AppContext, tmp_path: Path) -> None:
    ids = some_work(app_ctx)
    pkg = tmp_path / "a.zip"
    summary = exchange_export.export_package(app_ctx, pkg)
    assert summary.counts["cases"] == 1 and summary.counts["complaints"] == 1
    with other_station(tmp_path / "b") as b:
        result = exchange_import.import_package(b, pkg)
        assert result.inserted > 0 and result.conflicts == ()
        with b.db.session() as s:
            case = s.scalar(select(Case).where(Case.uuid == ids["case"]))
            assert case.estate.name == "梅川小区" and case.street.name == "长征镇"
            # Seeded separately on each side: streets are matched by name, never duplicated.
            assert s.scalar(select(Street.id).where(Street.name == "长征镇")) == case.street_id
            if b.db.engine.dialect.name == "sqlite":
                found = s.scalars(select(Case.id).where(search.matches("cases_fts", "阳光房")))
                assert list(found) == [case.id]
        assert complaint(b, ids["complaint"]).content == "楼道堆物影响通行"


def test_importing_twice_changes_nothing(app_ctx: AppContext, tmp_path: Path) -> None:
    some_work(app_ctx)
    pkg = tmp_path / "a.zip"
    exchange_export.export_package(app_ctx, pkg)
    with other_station(tmp_path / "b") as b:
        exchange_import.import_package(b, pkg)
        before = (count(b, Case), count(b, Complaint))
        again = exchange_import.import_package(b, pkg)
        assert (again.inserted, again.updated, again.conflicts) == (0, 0, ())
        assert (count(b, Case), count(b, Complaint)) == before


def test_personal_data_left_out_unless_asked_and_that_export_audited(app_ctx: AppContext, tmp_path: Path) -> None:
    ids = some_work(app_ctx)
    plain, full = tmp_path / "plain.zip", tmp_path / "full.zip"
    exchange_export.export_package(app_ctx, plain)
    exchange_export.export_package(app_ctx, full, with_personal_data=True)
    with zipfile.ZipFile(plain) as zf:
        text = zf.read("records/complaints.json").decode()
    assert "欧阳娜娜" not in text and "13912345678" not in text
    with app_ctx.db.session() as s:
        details = [json.loads(e.detail) for e in s.scalars(select(AuditEntry).where(
            AuditEntry.action == "export", AuditEntry.entity == "exchange_package"))]
    assert [d["personal"] for d in details] == [False, True]
    with other_station(tmp_path / "b") as b:
        exchange_import.import_package(b, plain)
        assert complaint(b, ids["complaint"]).complainant_name is None
        exchange_import.import_package(b, full)
        assert complaint(b, ids["complaint"]).complainant_name == "欧阳娜娜"
        # A later package without personal data never blanks out what the station already holds.
        set_content(app_ctx, ids["complaint"], "楼道堆物已清理")
        exchange_export.export_package(app_ctx, plain)
        exchange_import.import_package(b, plain)
        got = complaint(b, ids["complaint"])
        assert (got.content, got.complainant_phone) == ("楼道堆物已清理", "13912345678")


def test_change_on_one_side_only_is_taken(app_ctx: AppContext, tmp_path: Path) -> None:
    ids = some_work(app_ctx)
    exchange_export.export_package(app_ctx, tmp_path / "1.zip")
    with other_station(tmp_path / "b") as b:
        exchange_import.import_package(b, tmp_path / "1.zip")
        set_content(app_ctx, ids["complaint"], "已督促物业清理")
        exchange_export.export_package(app_ctx, tmp_path / "2.zip", since=exchange_export.parse_since("2020-01-01"))
        result = exchange_import.import_package(b, tmp_path / "2.zip")
        assert result.updated == 1 and result.conflicts == ()
        assert complaint(b, ids["complaint"]).content == "已督促物业清理"
        # Their package back to us: our own change comes home unchanged, nothing is a conflict.
        exchange_export.export_package(b, tmp_path / "3.zip")
        back = exchange_import.import_package(app_ctx, tmp_path / "3.zip")
        assert back.conflicts == () and back.updated == 0


def _both_changed(a: AppContext, b: AppContext, tmp_path: Path, uuid: object, theirs: str,
                  mine: str) -> exchange_import.ImportResult:
    """B got A's package 1; then both change the same complaint, and B imports A's package 2."""
    exchange_export.export_package(a, tmp_path / "1.zip")
    exchange_import.import_package(b, tmp_path / "1.zip")
    set_content(a, uuid, theirs)
    set_content(b, uuid, mine)
    exchange_export.export_package(a, tmp_path / "2.zip")
    return exchange_import.import_package(b, tmp_path / "2.zip")


def test_conflict_listed_not_overwritten_then_resolved(app_ctx: AppContext, tmp_path: Path) -> None:
    ids = some_work(app_ctx)
    with other_station(tmp_path / "b") as b:
        result = _both_changed(app_ctx, b, tmp_path, ids["complaint"], "甲站：已约谈物业", "乙站：已电话回访")
        assert [(c.entity, c.record_uuid) for c in result.conflicts] == [("complaints", ids["complaint"].hex)]
        assert complaint(b, ids["complaint"]).content == "乙站：已电话回访"
        listed = exchange_import.list_conflicts(b)
        assert [c.id for c in listed] == [result.conflicts[0].id]
        # Importing the same package again neither overwrites nor adds a second conflict.
        exchange_import.import_package(b, tmp_path / "2.zip")
        assert count(b, ExchangeConflict) == 1
        assert complaint(b, ids["complaint"]).content == "乙站：已电话回访"
        # Station A hears of it while B decides: A's version stays as it is there too.
        exchange_export.export_package(b, tmp_path / "3.zip")
        assert exchange_import.import_package(app_ctx, tmp_path / "3.zip").conflicts == ()
        assert complaint(app_ctx, ids["complaint"]).content == "甲站：已约谈物业"
        done = exchange_import.resolve_conflict(b, listed[0].id, take_theirs=True)
        assert done.resolution == "采用对方" and exchange_import.list_conflicts(b) == []
        assert complaint(b, ids["complaint"]).content == "甲站：已约谈物业"


def test_keep_mine_sends_ours_as_the_newer_version(app_ctx: AppContext, tmp_path: Path) -> None:
    ids = some_work(app_ctx)
    with other_station(tmp_path / "b") as b:
        conflict = _both_changed(app_ctx, b, tmp_path, ids["complaint"], "甲站版本", "乙站版本").conflicts[0]
        exchange_import.resolve_conflict(b, conflict.id, take_theirs=False)
        assert complaint(b, ids["complaint"]).content == "乙站版本"
        exchange_export.export_package(b, tmp_path / "3.zip")
        result = exchange_import.import_package(app_ctx, tmp_path / "3.zip")
        assert result.conflicts == ()
        assert complaint(app_ctx, ids["complaint"]).content == "乙站版本"


def _rewrite(src: Path, dst: Path, member: str, content: bytes) -> None:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for name in zin.namelist():
            zout.writestr(name, content if name == member else zin.read(name))


@pytest.mark.parametrize("damage", ["not_zip", "version", "json", "bad_value"])
def test_bad_package_gives_chinese_message_and_writes_nothing(app_ctx: AppContext, tmp_path: Path,
                                                              damage: str) -> None:
    some_work(app_ctx)
    good, bad = tmp_path / "good.zip", tmp_path / "bad.zip"
    exchange_export.export_package(app_ctx, good)
    if damage == "not_zip":
        bad.write_bytes(b"this is not a zip file")
    elif damage == "version":
        manifest = json.loads(zipfile.ZipFile(good).read("manifest.json"))
        _rewrite(good, bad, "manifest.json", json.dumps({**manifest, "format_version": 99}).encode())
    elif damage == "json":
        _rewrite(good, bad, "records/complaints.json", b"[{\"uuid\": ")
    else:
        rows = json.loads(zipfile.ZipFile(good).read("records/cases.json"))
        rows[0]["fields"]["found_date"] = "not a date"
        _rewrite(good, bad, "records/cases.json", json.dumps(rows).encode())
    with other_station(tmp_path / "b") as b:
        before = (count(b, Case), count(b, Complaint), count(b, Street))
        with pytest.raises(BadPackageError) as err:
            exchange_import.import_package(b, bad)
        assert "未导入" in err.value.message or "版本" in err.value.message
        assert (count(b, Case), count(b, Complaint), count(b, Street)) == before
        assert count(b, ExchangePeer) == 0


def test_own_package_refused(app_ctx: AppContext, tmp_path: Path) -> None:
    exchange_export.export_package(app_ctx, tmp_path / "mine.zip")
    with pytest.raises(exchange_import.UserError):
        exchange_import.import_package(app_ctx, tmp_path / "mine.zip")


def _lines(rows: list[dict]) -> bytes:
    """A table member as export writes it: a JSON array with a row per line."""
    return ("[\n" + ",\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n]").encode()


@pytest.mark.parametrize("damage", ["cut_off", "after_end", "attachment"])
def test_damage_found_while_reading_rows_or_files_writes_nothing(app_ctx: AppContext, tmp_path: Path,
                                                                 damage: str) -> None:
    from controllers.storage import attachments

    ids = some_work(app_ctx)
    photo = tmp_path / "现场.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 64)
    with app_ctx.db.session() as s:
        case_id = s.scalar(select(Case.id).where(Case.uuid == ids["case"]))
    attachments.store_attachment(app_ctx, source_path=photo, owner="case", owner_id=case_id, kind="整改前")
    good, bad = tmp_path / "good.zip", tmp_path / "bad.zip"
    exchange_export.export_package(app_ctx, good)
    text = zipfile.ZipFile(good).read("records/complaints.json")
    if damage == "cut_off":
        _rewrite(good, bad, "records/complaints.json", text[: text.rindex(b"\n]")])
    elif damage == "after_end":
        _rewrite(good, bad, "records/complaints.json", text + b"\n{}")
    else:
        sha = next(n for n in zipfile.ZipFile(good).namelist() if n.startswith("attachments/"))
        _rewrite(good, bad, sha, b"not the photo")
    with other_station(tmp_path / "b") as b:
        with pytest.raises(BadPackageError, match="未导入"):
            exchange_import.import_package(b, bad)
        assert (count(b, Case), count(b, Complaint), count(b, ExchangePeer)) == (0, 0, 0)
        if damage == "attachment":  # checked before it took its name: no file under a false name
            assert not any(p.is_file() for p in b.data_dir.attachments.rglob("*"))


def test_rows_are_read_a_chunk_at_a_time_and_a_reference_to_a_later_chunk_resolves(
        app_ctx: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from controllers.exchange import package as exchange_package

    ids = some_work(app_ctx)
    first = complaint(app_ctx, ids["complaint"])
    later = complaints_module().create_complaint(app_ctx, channel="来电", content="楼道堆物又出现了",
                                                 estate_id=first.estate_id)
    with app_ctx.db.session() as s:
        s.get(Complaint, later).repeat_of_id = first.id
        later_uuid = s.get(Complaint, later).uuid
    good, reordered = tmp_path / "good.zip", tmp_path / "reordered.zip"
    exchange_export.export_package(app_ctx, good)
    rows = json.loads(zipfile.ZipFile(good).read("records/complaints.json"))
    _rewrite(good, reordered, "records/complaints.json", _lines(list(reversed(rows))))  # the repeat comes first
    monkeypatch.setattr(exchange_package, "ROW_CHUNK", 1)
    with other_station(tmp_path / "b") as b:
        exchange_import.import_package(b, reordered)
        with b.db.session() as s:
            repeat = s.scalar(select(Complaint).where(Complaint.uuid == later_uuid))
            assert repeat.repeat_of is not None and repeat.repeat_of.uuid == ids["complaint"]


def test_a_package_written_as_one_line_per_table_still_imports(app_ctx: AppContext, tmp_path: Path) -> None:
    """Packages made before rows went one per line hold each table as one JSON text."""
    ids = some_work(app_ctx)
    good, old = tmp_path / "good.zip", tmp_path / "old.zip"
    exchange_export.export_package(app_ctx, good)
    rows = json.loads(zipfile.ZipFile(good).read("records/complaints.json"))
    _rewrite(good, old, "records/complaints.json", json.dumps(rows, ensure_ascii=False).encode())
    with other_station(tmp_path / "b") as b:
        exchange_import.import_package(b, old)
        assert complaint(b, ids["complaint"]).content == "楼道堆物影响通行"


def complaints_module():  # type: ignore[no-untyped-def]
    from controllers.complaints import entry as complaints

    return complaints


def test_import_reports_rows_read_and_a_cancel_writes_nothing(app_ctx: AppContext, tmp_path: Path) -> None:
    import threading

    some_work(app_ctx)
    pkg = tmp_path / "a.zip"
    summary = exchange_export.export_package(app_ctx, pkg)
    with other_station(tmp_path / "b") as b:
        stop = threading.Event()
        stop.set()
        with pytest.raises(exchange_import.ImportCancelled):
            exchange_import.import_package(b, pkg, cancel=stop)
        assert (count(b, Case), count(b, Complaint), count(b, ExchangePeer)) == (0, 0, 0)
        seen: list[tuple[int, int]] = []
        exchange_import.import_package(b, pkg, progress=lambda done, total: seen.append((done, total)))
        assert seen[-1] == (sum(summary.counts.values()),) * 2
        assert [d for d, _t in seen] == sorted(d for d, _t in seen)
