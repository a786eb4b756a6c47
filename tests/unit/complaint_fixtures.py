"""Reference rows the complaint tests share: two estates (one with an alias), population records, a case."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from controllers.core.context import AppContext
from models.cases import Case
from models.reference import Category, Estate, EstateAlias, EstatePopulation, Street


@dataclass(frozen=True)
class Ref:
    """Ids of what `make_reference` created."""

    street_id: int
    other_street_id: int
    meiling: int  # 梅岭小区, 长征镇, alias 梅岭北块
    zhenru: int  # 真如小区, 真如镇街道
    nopop: int  # 无人口小区, 长征镇, no population
    c03: int
    c05: int
    case_id: int


def make_reference(ctx: AppContext) -> Ref:
    with ctx.db.session() as s:
        street = s.scalar(select(Street).where(Street.name == "长征镇"))
        other = s.scalar(select(Street).where(Street.name == "真如镇街道"))
        assert street is not None and other is not None
        meiling = Estate(name="梅岭小区", street_id=street.id, residents_committee="梅岭居委会")
        zhenru = Estate(name="真如小区", street_id=other.id, residents_committee="真如居委会")
        nopop = Estate(name="无人口小区", street_id=street.id, residents_committee="梅岭居委会")
        s.add_all([meiling, zhenru, nopop])
        s.flush()
        s.add(EstateAlias(estate_id=meiling.id, alias="梅岭北块"))
        s.add_all([
            EstatePopulation(estate_id=meiling.id, as_of=date(2023, 1, 1), population=4000),
            EstatePopulation(estate_id=meiling.id, as_of=date(2025, 7, 1), population=5000),
            EstatePopulation(estate_id=zhenru.id, as_of=date(2024, 1, 1), population=8000),
        ])
        c03 = s.scalar(select(Category.id).where(Category.code == "C03"))
        c05 = s.scalar(select(Category.id).where(Category.code == "C05"))
        case = Case(number="2025-长征-0001", year=2025, seq=1, category_id=c05, estate_id=meiling.id,
                    street_id=street.id, source="居民投诉", found_date=date(2025, 3, 1), facts="违法搭建",
                    status="立案")
        s.add(case)
        s.flush()
        return Ref(street.id, other.id, meiling.id, zhenru.id, nopop.id, int(c03 or 0), int(c05 or 0), case.id)
