"""Server mode on a real throwaway PostgreSQL: attachments in the shared folder, no SQLite-file backups."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from controllers.backup import backups as backup
from controllers.backup.restore import restore_backup
from controllers.core.context import AppContext
from controllers.core.paths import DataDir
from controllers.storage import attachments as att
from controllers.storage import server_config
from controllers.storage.opening import open_data_dir
from controllers.storage.server_config import AttachmentsFolderError
from models.cases import Case
from models.reference import Category, Estate, Street
from tests.unit.test_attachments import tiny_png


@pytest.fixture
def server_ctx(pg_url: str, tmp_path: Path) -> Iterator[AppContext]:
    """A desk opened on a server database (its data dir holds only logs, ui.ini and server.json)."""
    ctx = open_data_dir(DataDir(tmp_path / "desk"), db_url=pg_url, seed=False)
    yield ctx
    ctx.close()


def _case(ctx: AppContext) -> int:
    with ctx.db.session() as s:
        street = s.scalars(select(Street).order_by(Street.id)).first()
        category = s.scalars(select(Category).order_by(Category.id)).first()
        assert street is not None and category is not None
        estate = Estate(name="服务器小区", street=street)
        s.add(estate)
        s.flush()
        case = Case(number="2025-测试-0001", year=2025, street_id=street.id, seq=1, category_id=category.id,
                    estate_id=estate.id, source="巡查发现", found_date=date(2025, 3, 5), facts="事实")
        s.add(case)
        s.flush()
        return case.id


def _photo(tmp_path: Path) -> Path:
    path = tmp_path / "before.png"
    path.write_bytes(tiny_png())
    return path


def test_sqlite_attachments_stay_in_the_data_dir(sqlite_app_ctx: AppContext) -> None:
    assert server_config.attachments_root(sqlite_app_ctx) == sqlite_app_ctx.data_dir.attachments
    assert not server_config.current_database(sqlite_app_ctx).is_server


def test_server_attachments_go_to_the_shared_folder(server_ctx: AppContext, tmp_path: Path) -> None:
    shared = tmp_path / "街镇共享" / "附件"
    shared.mkdir(parents=True)
    server_config.save_server_settings(server_ctx, url=str(server_ctx.db.engine.url), attachments_dir=str(shared))
    info = att.store_attachment(server_ctx, source_path=_photo(tmp_path), owner="case", owner_id=_case(server_ctx),
                                kind="整改前")
    stored = att.open_attachment_path(server_ctx, info.id)
    assert stored == shared.resolve() / info.sha256[:2] / info.sha256 and stored.read_bytes() == tiny_png()
    assert not any(server_ctx.data_dir.attachments.rglob(info.sha256))
    current = server_config.current_database(server_ctx)
    assert current.is_server and current.attachments == str(shared.resolve())
    assert "@" in current.display and "connect_timeout" not in current.display


def test_server_mode_without_a_shared_folder_says_so(server_ctx: AppContext, tmp_path: Path) -> None:
    case_id = _case(server_ctx)
    with pytest.raises(AttachmentsFolderError) as err:
        att.store_attachment(server_ctx, source_path=_photo(tmp_path), owner="case", owner_id=case_id, kind="证据")
    assert "设置 → 数据库" in err.value.message
    assert att.list_attachments(server_ctx, owner="case", owner_id=case_id) == []


def test_an_unmounted_shared_folder_is_reported_not_called_tampering(server_ctx: AppContext, tmp_path: Path) -> None:
    shared = tmp_path / "share"
    shared.mkdir()
    server_config.save_server_settings(server_ctx, url=str(server_ctx.db.engine.url), attachments_dir=str(shared))
    info = att.store_attachment(server_ctx, source_path=_photo(tmp_path), owner="case", owner_id=_case(server_ctx),
                                kind="证据")
    shared.rename(tmp_path / "share-unmounted")
    with pytest.raises(AttachmentsFolderError) as err:
        att.open_attachment_path(server_ctx, info.id)
    assert "网络盘没有连接" in err.value.message


def test_file_backups_do_not_apply_in_server_mode(server_ctx: AppContext, tmp_path: Path) -> None:
    assert backup.server_mode(server_ctx)
    assert not backup.backup_due_today(server_ctx)  # no daily backup at start
    assert backup.backup_on_exit(server_ctx) is None  # nor on exit
    with pytest.raises(backup.ServerModeError) as err:
        backup.make_backup(server_ctx, reason="manual")
    assert "服务器管理员" in err.value.message
    with pytest.raises(backup.ServerModeError):
        restore_backup(server_ctx, tmp_path / "any.zip")
    assert not list(server_ctx.data_dir.backups.glob("*.zip"))


def _desk(pg_url: str, folder: Path) -> AppContext:
    return open_data_dir(DataDir(folder), db_url=pg_url, seed=False)


def test_stations_sharing_a_server_each_keep_their_own_name_and_area(pg_url: str, tmp_path: Path) -> None:
    from controllers.cases import records as case_records
    from controllers.core.errors import ValidationError
    from controllers.station import area as station
    from controllers.station import settings as station_settings
    from tests.unit.case_fixtures import category_id, make_estate

    first, second = _desk(pg_url, tmp_path / "甲-1"), _desk(pg_url, tmp_path / "乙")
    try:
        ours, theirs = make_estate(first, name="甲小区"), make_estate(first, name="乙小区")
        station_settings.set_station_name(first, "长征镇第一工作室")
        station.set_station_area(first, street="长征镇", estate_ids=[ours])
        station_settings.update_settings(second, station_name="长征镇第二工作室", followup_days=60)  # as 设置 saves
        station.set_station_area(second, street="长征镇", estate_ids=[theirs])
        assert station.get_station_area(first).estate_ids == (ours,)  # the second station did not overwrite it
        assert station.get_station_area(second).estate_ids == (theirs,)
        assert station_settings.get_station_name(first) == "长征镇第一工作室"
        assert station_settings.get_settings(second).station_name == "长征镇第二工作室"
        with pytest.raises(ValidationError, match="不属于本工作室的范围"):
            case_records.create_case(second, category_id=category_id(second), estate_id=ours, source="巡查发现",
                                     found_date=date(2025, 3, 5), facts="楼顶违法搭建")
        # A second desk of the first station: the same name, so the same area; and it survives a restart.
        again = _desk(pg_url, tmp_path / "甲-2")
        try:
            station_settings.set_station_name(again, "长征镇第一工作室")
            assert station.get_station_area(again).estate_ids == (ours,)
        finally:
            again.close()
        first.close()
        first = _desk(pg_url, tmp_path / "甲-1")
        assert station_settings.get_station_name(first) == "长征镇第一工作室"
        assert station.get_station_area(first).estate_ids == (ours,)
    finally:
        first.close()
        second.close()


def test_naming_the_station_on_a_server_takes_the_area_set_before_along(server_ctx: AppContext) -> None:
    from controllers.station import area as station
    from controllers.station import settings as station_settings

    station.set_station_area(server_ctx, street="长征镇")  # before any name: the server's one station
    station_settings.set_station_name(server_ctx, "长征镇工作室")
    assert station.get_station_area(server_ctx).street == "长征镇"
    assert server_config.load(server_ctx.data_dir).station_name == "长征镇工作室"


def test_saving_the_server_settings_keeps_the_station_name(server_ctx: AppContext, tmp_path: Path) -> None:
    from controllers.station import settings as station_settings

    station_settings.set_station_name(server_ctx, "长征镇工作室")
    folder = tmp_path / "shared"
    folder.mkdir()
    server_config.save_server_settings(server_ctx, url=str(server_ctx.db.engine.url.render_as_string(False)),
                                       attachments_dir=str(folder))
    assert server_config.load(server_ctx.data_dir).station_name == "长征镇工作室"
