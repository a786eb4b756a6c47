"""投诉万人比 against figures computed by hand: population in force, repeats, estates without population."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from controllers.complaints.per10k import Scope, parse_scope, per10k, per10k_by_estate
from controllers.core.context import AppContext
from controllers.core.errors import ValidationError
from controllers.core.periods import parse_period
from models.complaints import Complaint
from tests.unit.complaint_fixtures import Ref, make_reference

UTC8 = timedelta(hours=8)


def _local(y: int, m: int, d: int, h: int = 10, mi: int = 0) -> datetime:
    return datetime(y, m, d, h, mi) - UTC8


@pytest.fixture
def ref(app_ctx: AppContext) -> Ref:
    """Populations: 梅岭 4000 from 2023-01-01 then 5000 from 2025-07-01; 真如 8000 from 2024-01-01; 无人口 none."""
    r = make_reference(app_ctx)
    with app_ctx.db.session() as s:
        def add(estate: int | None, at: datetime, repeat_of: int | None = None) -> int:
            c = Complaint(channel="来电", received_at=at, estate_id=estate, category_id=r.c03, content="群租",
                          repeat_of_id=repeat_of)
            s.add(c)
            s.flush()
            return c.id

        first = add(r.meiling, _local(2025, 1, 10))
        add(r.meiling, _local(2025, 1, 20), repeat_of=first)
        add(r.meiling, _local(2025, 3, 31, 23, 30))  # last half hour of Q1 in Shanghai
        add(r.meiling, _local(2025, 4, 1, 0, 10))  # Q2
        add(r.meiling, _local(2025, 8, 1))  # after the population change
        add(r.zhenru, _local(2025, 2, 1))
        add(r.zhenru, _local(2025, 3, 1))
        add(r.nopop, _local(2025, 2, 2))
        add(None, _local(2025, 2, 3))  # no estate: reported, never in the ratio
        add(r.meiling, _local(2024, 2, 1))
    return r


def test_quarter_beside_last_year(app_ctx: AppContext, ref: Ref) -> None:
    rep = per10k(app_ctx, parse_period("2025Q1"))
    cur = rep.current
    # 梅岭 3 (one a repeat) + 真如 2 over 4000 + 8000 residents.
    assert (cur.complaints, cur.complaints_without_repeats, cur.population) == (5, 4, 12000)
    assert cur.per10k == 4.17 and cur.per10k_without_repeats == 3.33
    assert [(e.name, e.complaints) for e in cur.estates_without_population] == [("无人口小区", 1)]
    assert cur.complaints_without_estate == 1
    assert (rep.last_year.period, rep.last_year.complaints, rep.last_year.population) == ("2024年第一季度", 1, 12000)
    assert rep.last_year.per10k == 0.83 and rep.change == 3.34


def test_population_change_mid_year(app_ctx: AppContext, ref: Ref) -> None:
    """The record in force at the period's end applies: 5000 for the year 2025 and Q3, 4000 for Q1 and Q2."""
    year = per10k(app_ctx, parse_period("2025"), Scope("estate", "梅岭小区")).current
    assert (year.complaints, year.population, year.per10k, year.per10k_without_repeats) == (5, 5000, 10.0, 8.0)
    q2 = per10k(app_ctx, parse_period("2025Q2"), Scope("estate", "梅岭小区")).current
    assert (q2.complaints, q2.population, q2.per10k) == (1, 4000, 2.5)
    q3 = per10k(app_ctx, parse_period("2025Q3"), Scope("estate", "梅岭小区")).current
    assert (q3.population, q3.per10k) == (5000, 2.0)


def test_scopes(app_ctx: AppContext, ref: Ref) -> None:
    by_alias = per10k(app_ctx, parse_period("2025Q1"), parse_scope("estate:梅岭北块")).current
    assert (by_alias.complaints, by_alias.per10k, by_alias.per10k_without_repeats) == (3, 7.5, 5.0)
    street = per10k(app_ctx, parse_period("2025Q1"), parse_scope("street:长征镇"))
    assert street.current.population == 4000 and street.scope == "街镇：长征镇"
    assert [e.name for e in street.current.estates_without_population] == ["无人口小区"]
    assert street.current.complaints_without_estate == 0
    committee = per10k(app_ctx, parse_period("2025Q1"), parse_scope("committee：真如居委会")).current
    assert (committee.complaints, committee.per10k) == (2, 2.5)
    assert parse_scope(None) == Scope() and parse_scope("district").label == "全区"


def test_no_population_gives_no_figure_not_zero(app_ctx: AppContext, ref: Ref) -> None:
    rep = per10k(app_ctx, parse_period("2025Q1"), Scope("estate", "无人口小区"))
    assert rep.current.per10k is None and rep.current.population == 0 and rep.change is None
    as_json = rep.as_json()
    assert as_json["per10k"] is None and as_json["unit"] == "件/万人"
    assert as_json["estates_without_population"] == [{"estate_id": ref.nopop, "name": "无人口小区", "complaints": 1}]


def test_ranking_of_all_estates(app_ctx: AppContext, ref: Ref) -> None:
    ranked = per10k_by_estate(app_ctx, parse_period("2025"))
    assert [(e.estate, e.per10k) for e in ranked] == [("梅岭小区", 10.0), ("真如小区", 2.5), ("无人口小区", None)]
    assert ranked[2].complaints == 1 and ranked[2].population is None


@pytest.mark.parametrize("text", ["street", "city:上海", "estate:", "street:不存在"])
def test_bad_scopes(app_ctx: AppContext, ref: Ref, text: str) -> None:
    with pytest.raises(ValidationError, match=r"范围|找不到"):
        per10k(app_ctx, parse_period("2025"), parse_scope(text))
