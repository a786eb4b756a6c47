"""Case statistics: each figure of controllers.cases.stats against hand-made cases with known answers."""

from __future__ import annotations

from datetime import date
from itertools import count

import pytest
from sqlalchemy import select

from controllers.cases.stats import case_stats
from controllers.core.context import AppContext
from controllers.core.errors import ValidationError
from controllers.core.periods import parse_period
from controllers.station.scopes import Scope, parse_scope
from models.cases import Case
from models.reference import Street
from tests.unit.case_fixtures import category_id, make_estate

_seq = count(1)
TODAY = date(2025, 6, 30)


def add_case(ctx: AppContext, estate: int, found: date, *, status: str = "登记", code: str = "C05",
             deadline: date | None = None, closed_on: date | None = None, recurrence_of: int | None = None) -> int:
    cat = category_id(ctx, code)
    with ctx.db.session() as s:
        street = s.scalar(select(Street.id).where(Street.name == "长征镇"))
        n = next(_seq)
        c = Case(number=f"{found.year}-长征-{n:04d}", year=found.year, street_id=street, seq=n, category_id=cat,
                 estate_id=estate, source="巡查发现", found_date=found, facts="事实", status=status,
                 deadline=deadline, closed_on=closed_on, recurrence_of_id=recurrence_of)
        s.add(c)
        s.flush()
        return c.id


@pytest.fixture
def data(app_ctx: AppContext) -> dict[str, int]:
    a = make_estate(app_ctx, "甲小区", "长征镇")
    b = make_estate(app_ctx, "乙小区", "桃浦镇")
    # 2025Q1 in 甲: 6 cases found.
    closed_ok = add_case(app_ctx, a, date(2025, 1, 5), status="结案", deadline=date(2025, 2, 1),
                         closed_on=date(2025, 1, 30))
    add_case(app_ctx, a, date(2025, 1, 9), status="结案", deadline=date(2025, 2, 1), closed_on=date(2025, 2, 10))
    add_case(app_ctx, a, date(2025, 2, 9), status="结案", code="C03", closed_on=date(2025, 3, 1))  # no deadline
    add_case(app_ctx, a, date(2025, 3, 9), status="不予立案", code="C03")
    add_case(app_ctx, a, date(2025, 3, 10), status="责令整改", deadline=date(2025, 6, 1))  # overdue on 6-30
    add_case(app_ctx, a, date(2025, 3, 31), status="挂账", deadline=date(2025, 4, 1))  # on hold, not overdue
    # The first closed case came back: a recurrence found in Q2.
    add_case(app_ctx, a, date(2025, 5, 2), status="复查", recurrence_of=closed_ok, deadline=date(2025, 7, 1))
    # 乙 (another street): 2 in Q1, 1 the year before.
    add_case(app_ctx, b, date(2025, 2, 1), status="移交", code="C09")
    add_case(app_ctx, b, date(2025, 2, 2), status="立案", deadline=date(2025, 3, 1))  # overdue
    add_case(app_ctx, b, date(2024, 2, 2), status="结案", deadline=date(2024, 3, 1), closed_on=date(2024, 2, 20))
    # Outside every period asked: found 2024-12-31 and 2025-04-01 (edges).
    add_case(app_ctx, a, date(2024, 12, 31))
    add_case(app_ctx, a, date(2025, 4, 1))
    return {"a": a, "b": b}


def test_district_quarter_figures(app_ctx: AppContext, data: dict[str, int]) -> None:
    st = case_stats(app_ctx, parse_period("2025Q1"), on=TODAY)
    cur = st.current
    assert cur.found == 8
    # 8 found, minus 不予立案 and 移交 = 6 closable; 3 of them are 结案.
    assert (cur.closure.numerator, cur.closure.denominator, cur.closure.percent) == (3, 6, 50.0)
    # Closed in Q1: 3; with a deadline: 2; on time: 1.
    assert cur.closed_in_period == 3
    assert (cur.on_time.numerator, cur.on_time.denominator) == (1, 2)
    assert (cur.recurrence.numerator, cur.recurrence.denominator, cur.recurrence.percent) == (1, 3, 33.3)
    assert st.last_year.found == 1 and st.last_year.on_time.percent == 100.0
    assert st.change_found() == 7
    # Overdue = case book's 已逾期 (running statuses only) as Q1 ended (03-31): 立案 3-01; the 责令整改 deadline of
    # 6-01 was still running then; the 挂账 one is on hold.
    assert (st.overdue, st.on_hold) == (1, 1)
    assert st.as_of == date(2025, 3, 31)
    # The running year is as of today: both deadlines have passed by 06-30.
    running = case_stats(app_ctx, parse_period("2025"), on=TODAY)
    assert (running.overdue, running.on_hold, running.as_of) == (2, 1, TODAY)


def test_by_category_and_month(app_ctx: AppContext, data: dict[str, int]) -> None:
    st = case_stats(app_ctx, parse_period("2025Q1"), on=TODAY)
    cats = {c.code: (c.count, c.last_year) for c in st.by_category}
    assert cats == {"C03": (2, 0), "C05": (5, 1), "C09": (1, 0)}
    assert [c.code for c in st.by_category] == sorted(cats)
    assert [(m.label, m.count, m.last_year) for m in st.by_month] == [("1月", 2, 0), ("2月", 3, 1), ("3月", 3, 0)]
    assert ("C03", 2025, 3, 1) in st.by_category_month
    assert sum(n for *_k, n in st.by_category_month) == st.current.found


def test_scope_restricts_every_figure(app_ctx: AppContext, data: dict[str, int]) -> None:
    st = case_stats(app_ctx, parse_period("2025Q1"), parse_scope("street:桃浦镇"), on=TODAY)
    assert st.scope == "街镇：桃浦镇"
    assert st.current.found == 2 and st.last_year.found == 1
    assert (st.current.closure.numerator, st.current.closure.denominator) == (0, 1)
    assert st.current.on_time.percent is None and st.current.recurrence.percent is None
    assert (st.overdue, st.on_hold) == (1, 0)
    est = case_stats(app_ctx, parse_period("2025"), Scope("estate", "甲小区"), on=TODAY)
    assert est.current.found == 8  # the whole year: Q1's six, the recurrence in May, the edge case of 04-01


def test_empty_period_and_unknown_scope(app_ctx: AppContext, data: dict[str, int]) -> None:
    st = case_stats(app_ctx, parse_period("2019-07"), on=TODAY)
    assert st.current.found == 0 and st.by_category == []
    assert st.current.closure.percent is None and st.current.on_time.percent is None
    assert [(m.label, m.count) for m in st.by_month] == [("7月", 0)]
    with pytest.raises(ValidationError, match="找不到"):
        case_stats(app_ctx, parse_period("2025"), Scope("estate", "没有这个小区"))


def test_custom_range_months_span_the_year_end(app_ctx: AppContext, data: dict[str, int]) -> None:
    st = case_stats(app_ctx, parse_period("2024-12-15..2025-01-06"), on=TODAY)
    assert [(m.year, m.month, m.count) for m in st.by_month] == [(2024, 12, 1), (2025, 1, 1)]
    assert st.current.found == 2
