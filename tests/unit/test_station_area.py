"""The station's own area: unset = every estate, a street, or chosen estates; the 本工作室 scope follows it."""

from __future__ import annotations

import pytest

from controllers.complaints.per10k import per10k
from controllers.core.context import AppContext
from controllers.core.errors import ValidationError
from controllers.core.periods import parse_period
from controllers.station import area as station
from controllers.station.scopes import Scope, parse_scope, scope_estate_ids, scope_estates
from models.admin import Setting
from tests.unit.complaint_fixtures import Ref, make_reference
from tests.unit.test_per10k import ref  # noqa: F401  (fixture with complaints in 2025)


def test_unset_area_covers_every_estate(app_ctx: AppContext, ref: Ref) -> None:  # noqa: F811
    assert station.get_station_area(app_ctx).covers_everything
    with app_ctx.db.session() as s:
        assert scope_estate_ids(s, Scope("station")) is None
        names = {row[1] for row in scope_estates(s, Scope("station"))}
    assert {"梅岭小区", "真如小区", "无人口小区"} <= names
    # Covering everything, the station counts the complaint without an estate like the district does.
    assert per10k(app_ctx, parse_period("2025Q1"), Scope("station")).current.complaints_without_estate == 1


def test_street_area_narrows_the_station_scope(app_ctx: AppContext, ref: Ref) -> None:  # noqa: F811
    area = station.set_station_area(app_ctx, street="长征")  # short name accepted, stored as the full name
    assert area.street == "长征镇" and area.estate_ids == ()
    with app_ctx.db.session() as s:
        ids = set(scope_estate_ids(s, parse_scope("station")) or [])
    assert ref.meiling in ids and ref.nopop in ids and ref.zhenru not in ids
    cur = per10k(app_ctx, parse_period("2025Q1"), parse_scope("station")).current
    # 梅岭 only: 3 complaints in Q1 (one a repeat) over 4000; the estate-less complaint is not the station's.
    assert (cur.complaints, cur.population, cur.complaints_without_estate) == (3, 4000, 0)
    assert parse_scope("station").label == "本工作室"


def test_chosen_estates_and_refusals(app_ctx: AppContext) -> None:
    r = make_reference(app_ctx)
    area = station.set_station_area(app_ctx, street="长征镇", estate_ids=[r.meiling])
    with app_ctx.db.session() as s:
        assert station.station_estate_ids(s) == [r.meiling]
    with pytest.raises(ValidationError, match="须属于长征镇"):
        station.set_station_area(app_ctx, street="长征镇", estate_ids=[r.zhenru])
    with pytest.raises(ValidationError, match="找不到街镇"):
        station.set_station_area(app_ctx, street="没有这个镇")
    with pytest.raises(ValidationError, match="不存在"):
        station.set_station_area(app_ctx, street=None, estate_ids=[999_999])
    assert station.get_station_area(app_ctx) == area  # refusals stored nothing


def test_unreadable_setting_falls_back_to_everything(app_ctx: AppContext) -> None:
    with app_ctx.db.session() as s:
        s.add(Setting(key=station.STATION_AREA_KEY, value="{not json"))
    assert station.get_station_area(app_ctx).covers_everything
