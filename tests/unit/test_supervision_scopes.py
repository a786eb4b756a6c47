"""Issue 20 point 3: the candidate list, the orders list and the early warnings narrow to the desk's view (本工作室 =
the station's area, 全街镇, 全区) as the case book does, and further to a report scope within it."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from controllers.core.context import AppContext
from controllers.dashboard.today import today_work
from controllers.orders.records import list_orders
from controllers.station.area import set_station_area
from controllers.station.scopes import Scope
from controllers.station.views import set_view
from controllers.supervision.candidates import Candidate, candidates
from controllers.supervision.warnings import early_warnings
from models.cases import Case, Referral
from models.complaints import Complaint
from models.reference import Estate, Street

TODAY = date(2026, 3, 15)


@pytest.fixture
def demo(year_demo: AppContext) -> AppContext:
    return year_demo  # tests/conftest.py: today is TODAY


def _estate_of(ctx: AppContext, subject: str, subject_id: int) -> int | None:
    """The estate an item belongs to (None: a meeting action item, the station's own)."""
    with ctx.db.session() as s:
        if subject == "案件":
            return s.scalar(select(Case.estate_id).where(Case.id == subject_id))
        if subject == "诉件":
            return s.scalar(select(Complaint.estate_id).where(Complaint.id == subject_id))
        if subject == "移交":
            r = s.get(Referral, subject_id)
            assert r is not None
            if r.case_id is not None:
                return s.scalar(select(Case.estate_id).where(Case.id == r.case_id))
            return s.scalar(select(Complaint.estate_id).where(Complaint.id == r.complaint_id))
        return None


def _candidate_estates(ctx: AppContext, scope: Scope | None = None) -> set[int | None]:
    items: list[Candidate] = [c for g in candidates(ctx, scope=scope) for c in g.items]
    return {_estate_of(ctx, c.subject, c.subject_id) for c in items}


def _order_estates(ctx: AppContext, scope: Scope | None = None) -> set[int | None]:
    return {_estate_of(ctx, o.subject, o.subject_id) for o in list_orders(ctx, scope=scope)}


def _street_estates(ctx: AppContext, estate_id: int) -> tuple[str, set[int], str]:
    with ctx.db.session() as s:
        estate = s.get(Estate, estate_id)
        assert estate is not None
        street = s.get(Street, estate.street_id)
        assert street is not None
        ids = set(s.scalars(select(Estate.id).where(Estate.street_id == street.id)))
        return street.name, ids, estate.name


def test_each_view_and_scope_narrows_candidates_orders_and_warnings(demo: AppContext) -> None:
    set_view(demo, "district")
    everything = list_orders(demo)
    all_candidates, all_orders = _candidate_estates(demo), _order_estates(demo)
    flags = early_warnings(demo)
    assert len(everything) >= 3 and len(all_orders - {None}) >= 2 and flags.estates
    # The station's area: one estate with an order on it.
    own = min(all_orders - {None})
    street, street_ids, own_name = _street_estates(demo, own)
    set_station_area(demo, street=street, estate_ids=[own])

    set_view(demo, "station")
    assert _order_estates(demo) == {own}
    # The 工作台's today list shows the same orders as the page.
    assert {i.id for i in today_work(demo).section("orders").items} == {
        o.id for o in list_orders(demo, open_only=True)}
    assert _candidate_estates(demo) <= {own, None}
    assert all(w.estate == own_name for w in early_warnings(demo).estates)

    set_view(demo, "street")
    assert _order_estates(demo) == all_orders & street_ids
    assert {i.id for i in today_work(demo).section("orders").items} == {
        o.id for o in list_orders(demo, open_only=True)}
    assert _candidate_estates(demo) <= street_ids | {None}
    assert _candidate_estates(demo) - {None} == (all_candidates - {None}) & street_ids
    assert {w.estate_id for w in early_warnings(demo).estates} == {w.estate_id for w in flags.estates} & street_ids

    # A report scope within the view: the district view narrowed to the estate is the station view.
    set_view(demo, "district")
    one = Scope("estate", own_name)
    assert _order_estates(demo, one) == {own} and _candidate_estates(demo, one) <= {own, None}
    assert _order_estates(demo) == all_orders  # the district again
    # The view bounds the scope: the station's desk asking for another street gets nothing of it.
    others = sorted(all_orders - {None} - street_ids)
    assert others  # the demo's orders lie in several streets
    set_view(demo, "station")
    assert _order_estates(demo, Scope("street", _street_estates(demo, others[0])[0])) == set()
