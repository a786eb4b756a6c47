"""The district-scale query shapes count what the straightforward reading counts: overdue and due-soon lists (read
from the (status, deadline) index with the date terms unindexed), the 不满意 tile (schema 0014's index) and today's
work, on ledgers hypothesis generates, on both engines."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, func, select

from controllers.cases.listing import DEADLINE_STATUSES, CaseFilter, count_cases, fetch_window
from controllers.complaints.dissatisfied import count_dissatisfied_in
from controllers.complaints.per10k import per10k_by_estate
from controllers.core.clock import to_local
from controllers.core.context import AppContext
from controllers.core.periods import day_range
from controllers.dashboard.today import today_work
from controllers.supervision.warnings import BASELINE_WINDOWS, MIN_COUNT, RECENT_DAYS, RISE, find_warnings
from models.cases import Case, format_case_number
from models.complaints import Complaint
from models.enums import CASE_STATUSES, SATISFACTION
from models.reference import Category, Estate, Street
from tests.unit.case_fixtures import make_estate

TODAY = date(2026, 6, 10)
days = st.integers(min_value=-400, max_value=60).map(lambda n: TODAY + timedelta(days=n))
case_rows = st.lists(st.tuples(st.sampled_from(CASE_STATUSES), st.none() | days, days), min_size=1, max_size=25)
complaint_rows = st.lists(st.tuples(st.none() | st.sampled_from(SATISFACTION), st.none() | days), max_size=25)
status_picks = st.lists(st.sampled_from(CASE_STATUSES), unique=True, max_size=3).map(tuple)


@pytest.fixture
def ctx(app_ctx: AppContext, pin_clock) -> AppContext:
    pin_clock(TODAY)
    make_estate(app_ctx)
    return app_ctx


def _add(ctx: AppContext, cases: list[tuple[str, date | None, date]],
         complaints: list[tuple[str | None, date | None]]) -> None:
    with ctx.db.session() as s:
        street = s.scalar(select(Street).where(Street.short_name == "长征"))
        estate = s.scalar(select(Estate))
        category = s.scalar(select(Category).where(Category.code == "C05"))
        seq = int(s.scalar(select(Case.seq).order_by(Case.seq.desc()).limit(1)) or 0)
        for i, (status, deadline, found) in enumerate(cases, start=seq + 1):
            s.add(Case(number=format_case_number(2026, "长征", i), year=2026, street=street, seq=i,
                       category=category, estate=estate, source="巡查发现", found_date=found, status=status,
                       deadline=deadline, facts="生成的案件"))
        for satisfaction, callback_on in complaints:
            s.add(Complaint(channel="来电", content="生成的诉件", received_at=datetime(2026, 1, 5, 9),
                            estate=estate, satisfaction=satisfaction, callback_on=callback_on, status="已回复"))


def _all_cases(ctx: AppContext) -> list[tuple[int, str, date | None, date]]:
    with ctx.db.session() as s:
        return [tuple(r) for r in s.execute(select(Case.id, Case.status, Case.deadline, Case.found_date))]


# The ledger grows from example to example on purpose (each compares against every row there): the fixture is shared.
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cases=case_rows, complaints=complaint_rows, statuses=status_picks, since=st.none() | days, data=st.data())
def test_overdue_lists_and_tiles_count_what_a_plain_reading_counts(ctx, cases, complaints, statuses, since, data):
    _add(ctx, cases, complaints)
    rows = _all_cases(ctx)
    f = CaseFilter(overdue=True, statuses=statuses, found_from=since)
    want = [r for r in rows if r[1] in DEADLINE_STATUSES and r[2] is not None and r[2] < TODAY
            and (not statuses or r[1] in statuses) and (since is None or r[3] >= since)]
    assert count_cases(ctx, f) == len(want)
    sort = data.draw(st.sampled_from(["found_date", "deadline", "number"]))
    key = {"found_date": 3, "deadline": 2, "number": 0}[sort]  # numbers follow ids here (one year, one street)
    ordered = [r[0] for r in sorted(want, key=lambda r: (r[key], r[0]), reverse=True)]
    assert [r.id for r in fetch_window(ctx, f, sort=sort, descending=True, limit=500)] == ordered

    work = today_work(ctx, today=TODAY).section("overdue")
    overdue = sorted((r for r in rows if r[1] in DEADLINE_STATUSES and r[2] is not None and r[2] < TODAY),
                     key=lambda r: (r[2], r[0]))
    assert work.total == len(overdue)
    assert [i.id for i in work.items] == [r[0] for r in overdue][:len(work.items)]

    period = day_range(date(2026, 1, 1), TODAY)
    with ctx.db.session() as s:
        plain = [c for c, in s.execute(select(Complaint.callback_on).where(Complaint.satisfaction == "不满意"))]
        assert count_dissatisfied_in(s, period) == sum(1 for c in plain if c and period.start <= c <= period.end)


complaint_spread = st.lists(st.tuples(st.sampled_from([0, 1, None]), days, st.booleans()), min_size=1, max_size=30)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=complaint_spread)
def test_per10k_by_estate_counts_what_a_plain_reading_counts(ctx, rows):
    """The ranking's per-estate counts (one grouped pass over the covering index) against every complaint read."""
    with ctx.db.session() as s:
        n = s.scalar(select(func.count(Estate.id)))
    second = make_estate(ctx, f"生成小区{n}")
    with ctx.db.session() as s:
        estates = [s.scalar(select(Estate.id).order_by(Estate.id).limit(1)), second]
        first_id = None
        for which, day, repeat in rows:
            c = Complaint(channel="来电", content="生成的诉件", received_at=datetime.combine(day, time(12)),
                          estate_id=None if which is None else estates[which],
                          repeat_of_id=first_id if repeat else None)
            s.add(c)
            s.flush()
            first_id = first_id or c.id
    period = day_range(date(2025, 11, 1), TODAY)
    with ctx.db.session() as s:
        plain = s.execute(select(Complaint.estate_id, Complaint.received_at, Complaint.repeat_of_id)).all()
    got = {e.estate_id: (e.complaints, e.complaints_without_repeats) for e in per10k_by_estate(ctx, period)}
    for eid, (n, without) in got.items():
        mine = [r for r in plain if r[0] == eid and period.start <= to_local(r[1]).date() <= period.end]
        assert (n, without) == (len(mine), sum(1 for r in mine if r[2] is None))


# Cases in three estates and two categories, found within the 苗头 window, its baseline or the same days last year.
window_days = st.one_of(st.integers(0, 29), st.integers(30, 119), st.integers(365, 394)).map(
    lambda n: TODAY - timedelta(days=n))
flag_rows = st.lists(st.tuples(st.integers(0, 2), st.integers(0, 1), window_days), max_size=60)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=flag_rows)
@example(rows=[(0, 0, TODAY)] * 5 + [(1, 1, TODAY)] * 6 + [(1, 1, TODAY - timedelta(days=40))] * 6)  # at the line
def test_case_warnings_are_the_rule_applied_to_every_case(app_ctx, pin_clock, rows):
    """苗头 reads baselines only for the estates with a pair at MIN_COUNT or more: the flags are still those of the rule
    applied to every case read plainly."""
    pin_clock(TODAY)
    with app_ctx.db.session() as s:
        s.execute(delete(Case))
        street = s.scalar(select(Street).where(Street.short_name == "长征"))
        estates = list(s.scalars(select(Estate).order_by(Estate.id)))
        while len(estates) < 3:
            estates.append(Estate(name=f"苗头小区{len(estates)}", street=street))
            s.add(estates[-1])
        cats = list(s.scalars(select(Category).order_by(Category.id).limit(2)))
        for i, (e, c, day) in enumerate(rows, start=1):
            s.add(Case(number=format_case_number(2026, "长征", i), year=2026, street=street, seq=i, category=cats[c],
                       estate=estates[e], source="巡查发现", found_date=day, facts="生成的案件"))
    with app_ctx.db.session() as s:
        found = [(e, c, d) for e, c, d in s.execute(select(Case.estate_id, Case.category_id, Case.found_date))]
        got = {(w.estate_id, w.category_id) for w in find_warnings(s, today=TODAY, ids=None).estates
               if w.source == "案件"}
    start = TODAY - timedelta(days=RECENT_DAYS - 1)
    before_start = start - timedelta(days=RECENT_DAYS * BASELINE_WINDOWS)
    last_year = (TODAY.replace(year=TODAY.year - 1) - timedelta(days=RECENT_DAYS - 1), TODAY.replace(year=2025))
    want = set()
    for key in {(e, c) for e, c, _d in found}:
        days_of = [d for e, c, d in found if (e, c) == key]
        n = sum(1 for d in days_of if start <= d <= TODAY)
        avg = sum(1 for d in days_of if before_start <= d < start) / BASELINE_WINDOWS
        ly = sum(1 for d in days_of if last_year[0] <= d <= last_year[1])
        if n >= MIN_COUNT and n >= RISE * max(avg, ly, 1.0):
            want.add(key)
    assert got == want
