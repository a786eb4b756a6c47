"""migrate-to: a station's database copied into another one, checked, and idempotent when run again."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from controllers.complaints import entry as complaints
from controllers.core.context import AppContext
from controllers.core.errors import UserError
from controllers.exchange import migrate_to as mt
from models.cases import Case
from models.complaints import Complaint
from models.db import Database
from tests.unit.case_fixtures import make_estate
from tests.unit.exchange_kit import other_station, set_content, some_work


def test_round_trip_counts_and_hashes_equal_and_twice_changes_nothing(app_ctx: AppContext, tmp_path: Path) -> None:
    ids = some_work(app_ctx)
    url = f"sqlite:///{tmp_path / 'target.db'}"
    first = mt.migrate_to(app_ctx, url)
    assert first.ok and first.inserted > 0
    by_table = {c.table: c for c in first.checks}
    assert (by_table["cases"].source, by_table["cases"].target) == (1, 1)
    assert by_table["complaints"].source_hash == by_table["complaints"].target_hash
    second = mt.migrate_to(app_ctx, url)
    assert second.ok and (second.inserted, second.updated) == (0, 0)
    assert [c.target_hash for c in second.checks] == [c.target_hash for c in first.checks]
    target = Database.from_url(url)
    with target.session() as s:
        copied = s.scalar(select(Complaint).where(Complaint.uuid == ids["complaint"]))
        assert copied.complainant_name == "欧阳娜娜"
        case = s.scalar(select(Case).where(Case.uuid == ids["case"]))
        assert case.estate.name == "梅川小区"
    target.dispose()


def test_newer_source_updates_and_newer_target_is_kept(app_ctx: AppContext, tmp_path: Path) -> None:
    ids = some_work(app_ctx)
    url = f"sqlite:///{tmp_path / 'target.db'}"
    mt.migrate_to(app_ctx, url)
    set_content(app_ctx, ids["complaint"], "本地更新")
    again = mt.migrate_to(app_ctx, url)
    assert again.ok and again.updated == 1
    target = Database.from_url(url)
    with target.session() as s:
        s.scalar(select(Complaint).where(Complaint.uuid == ids["complaint"])).content = "服务器上更新"
    third = mt.migrate_to(app_ctx, url)
    assert third.ok and third.kept_newer == 1
    with target.session() as s:
        assert s.scalar(select(Complaint.content).where(Complaint.uuid == ids["complaint"])) == "服务器上更新"
    target.dispose()


def test_into_a_database_another_station_already_uses(app_ctx: AppContext, tmp_path: Path) -> None:
    """Reference data seeded there on its own is matched by name, not duplicated; its own records stay."""
    some_work(app_ctx)
    with other_station(tmp_path / "server") as server:
        make_estate(server, "梅川小区")  # the same estate typed in there: one estate afterwards
        complaints.create_complaint(server, channel="来访", content="噪声扰民")
        url = server.data_dir.database_url
    report = mt.migrate_to(app_ctx, url)
    assert report.ok
    by_table = {c.table: c for c in report.checks}
    assert by_table["streets"].target == by_table["streets"].source
    assert by_table["estates"].target == 1 and by_table["complaints"].target == 2


def test_same_case_number_from_two_stations_stops_with_a_message(app_ctx: AppContext, tmp_path: Path) -> None:
    some_work(app_ctx)
    with other_station(tmp_path / "server") as server:
        some_work(server)  # its own 2025-长征-0001: a different case that must not be merged
        url = server.data_dir.database_url
    with pytest.raises(UserError) as err:
        mt.migrate_to(app_ctx, url)
    assert "编号相同" in err.value.message


def test_target_must_be_another_database(app_ctx: AppContext) -> None:
    with pytest.raises(UserError):
        mt.migrate_to(app_ctx, app_ctx.data_dir.database_url)
    with pytest.raises(UserError):
        mt.migrate_to(app_ctx, "nonsense://")


def test_station_areas_name_the_same_estates_in_the_copy(app_ctx: AppContext, tmp_path: Path) -> None:
    """An area names estates by id, and ids differ in the target: each area (also a shared server's per-station
    one, station_area@<name>) must still name the same estates there."""
    import json

    from controllers.station import area as station
    from models.admin import Setting
    from models.reference import Estate

    ours = make_estate(app_ctx, "梅川小区")
    station.set_station_area(app_ctx, street="长征镇", estate_ids=[ours])
    with app_ctx.db.session() as s:
        area = json.dumps({"street": "长征镇", "estate_ids": [ours]})
        s.add(Setting(key="station_area@长征镇第一工作室", value=area))
    with other_station(tmp_path / "server") as server:
        make_estate(server, "另一小区")  # takes the id the source's estate has
        url = server.data_dir.database_url
    assert mt.migrate_to(app_ctx, url).ok
    target = Database.from_url(url)
    try:
        with target.session() as s:
            for key in ("station_area", "station_area@长征镇第一工作室"):
                ids = json.loads(s.get(Setting, key).value)["estate_ids"]
                assert [s.get(Estate, i).name for i in ids] == ["梅川小区"], key
    finally:
        target.dispose()
