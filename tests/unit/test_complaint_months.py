"""complaint_month_counts stays what the complaints themselves give after every write path (issue 23 point 2).

Each test writes through one path (ORM insert, an edit that moves a complaint to another month, estate or repeat
flag, delete, the 12345 import, an exchange package, migrate-to; restore: in test_backup_trust.py) and compares
the kept counts with a GROUP BY over the complaints (models.complaint_months.drift). Both engines: run with
--engine=postgresql too.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select

from controllers.complaints import importer as ci
from controllers.complaints import month_counts
from controllers.core.clock import day_start
from controllers.core.context import AppContext
from controllers.core.periods import Period, day_range
from controllers.core.periods import month as month_period
from controllers.dashboard.figures import complaint_aggregates, periods_for
from controllers.exchange import export as exchange_export
from controllers.exchange import importer as exchange_import
from models import complaint_months
from models.complaint_months import ComplaintMonthCount
from models.complaints import Complaint
from models.db import Database
from models.reference import EstatePopulation
from tests.unit.bad_input_kit import PROPERTY
from tests.unit.case_fixtures import make_estate
from tests.unit.exchange_kit import other_station, some_work
from tests.unit.kept_counts_kit import days, drift, estates_named, migrated_twice, pg_database


def _drift(db: Database) -> list[tuple[object, ...]]:
    return drift(db, complaint_months)


def _kept_total(db: Database) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.coalesce(func.sum(ComplaintMonthCount.complaints), 0))) or 0)


# Instants where a local month begins (00:00 Shanghai = 16:00 UTC the day before) and just around it, down to the
# last microsecond of a month (SQLite's date() rounds .999999 up), plus any instant of three years.
_edges = st.builds(lambda y, m, d: day_start(date(y, m, 1)) + d, st.integers(2024, 2026), st.integers(1, 12),
                   st.sampled_from([timedelta(0), timedelta(microseconds=-1), timedelta(microseconds=1),
                                    timedelta(milliseconds=-1), timedelta(hours=-8), timedelta(hours=8),
                                    timedelta(seconds=-1)]))
instants = st.one_of(_edges, st.datetimes(datetime(2024, 1, 1), datetime(2026, 12, 31)))
_write = st.tuples(instants, st.integers(0, 2), st.booleans())  # (received_at, estate 0 = none, repeats one)
steps = st.lists(st.one_of(st.tuples(st.just("add"), _write),
                           st.tuples(st.just("move"), st.tuples(st.integers(0, 50), _write)),
                           st.tuples(st.just("delete"), st.integers(0, 50))), min_size=1, max_size=12)


@PROPERTY
@given(steps=steps)
def test_counts_follow_inserts_moves_and_deletes(app_ctx: AppContext, steps: list) -> None:
    estates = [None, *estates_named(app_ctx, "梅川小区", "怒江苑")]
    for kind, arg in steps:
        with app_ctx.db.session() as s:  # one transaction per step, as every write path
            ids = list(s.scalars(select(Complaint.id).order_by(Complaint.id)))
            if kind == "delete":
                if ids:
                    s.delete(s.get(Complaint, ids[arg % len(ids)]))
                continue
            at, estate, repeat = arg if kind == "add" else arg[1]
            if kind == "add" or not ids:
                row = Complaint(channel="来电", content="楼道堆物", received_at=at)
                s.add(row)
            else:
                row = s.get(Complaint, ids[arg[0] % len(ids)])
                row.received_at = at
            row.estate_id = estates[estate]
            row.repeat_of_id = ids[0] if repeat and ids and ids[0] != row.id else None
    assert _drift(app_ctx.db) == []


def test_counts_follow_a_core_update_of_many_rows_and_a_rolled_back_write(app_ctx: AppContext) -> None:
    estate = make_estate(app_ctx, "梅川小区")
    with app_ctx.db.session() as s:
        s.add_all(Complaint(channel="来电", content="x", received_at=datetime(2025, 3, d, 3), estate_id=estate)
                  for d in range(1, 11))
    with app_ctx.db.session() as s:
        s.execute(Complaint.__table__.update().values(estate_id=None))
    try:
        with app_ctx.db.session() as s:
            s.add(Complaint(channel="来电", content="x", received_at=datetime(2025, 3, 1, 3)))
            s.flush()
            raise RuntimeError("a crash after the trigger ran")
    except RuntimeError:
        pass
    assert _drift(app_ctx.db) == []
    assert _kept_total(app_ctx.db) == 10


def test_12345_import_keeps_counts(app_ctx: AppContext) -> None:
    sample = Path(__file__).resolve().parents[1] / "data" / "12345_workorders_sample.xlsx"
    make_estate(app_ctx, "怒江苑")
    ci.run_import(app_ctx, sample)
    ci.run_import(app_ctx, sample)  # again: updates only, nothing counted twice
    assert _kept_total(app_ctx.db) > 0
    assert _drift(app_ctx.db) == []


def test_exchange_package_keeps_counts_at_the_receiving_station(app_ctx: AppContext, tmp_path: Path) -> None:
    """The receiver is this run's engine (a PostgreSQL street server in the --engine=postgresql run)."""
    pkg = tmp_path / "a.zip"
    with other_station(tmp_path / "b") as b:
        some_work(b)
        exchange_export.export_package(b, pkg)
    exchange_import.import_package(app_ctx, pkg)
    exchange_import.import_package(app_ctx, pkg)
    assert _kept_total(app_ctx.db) == 1
    assert _drift(app_ctx.db) == []


def test_migrate_to_fills_the_target_once(app_ctx: AppContext, tmp_path: Path) -> None:
    assert migrated_twice(app_ctx, f"sqlite:///{tmp_path / 'target.db'}", complaint_months, _kept_total) == 1


@pytest.mark.postgresql
def test_migrate_to_a_street_server_fills_its_counts_once(sqlite_app_ctx: AppContext, pg_server) -> None:
    with pg_database(pg_server, "month_counts_target") as url:
        assert migrated_twice(sqlite_app_ctx, url, complaint_months, _kept_total) == 1


def _straight(s, p: Period, ids: list[int] | None) -> dict[int | None, tuple[int, int]]:
    """What the figures counted before the kept counts: one GROUP BY estate over the period's instants."""
    lo, hi = p.instant_bounds()
    where = [Complaint.received_at >= lo, Complaint.received_at < hi]
    if ids is not None:
        where.append(Complaint.estate_id.in_(ids))
    return {e: (int(n), int(r)) for e, n, r in s.execute(
        select(Complaint.estate_id, func.count(), func.count(Complaint.repeat_of_id)).where(*where)
        .group_by(Complaint.estate_id))}


@PROPERTY
@given(complaints=st.lists(st.tuples(st.one_of(_edges, _edges, instants), st.integers(0, 2), st.booleans()),
                          min_size=5, max_size=40), spans=st.lists(st.tuples(days, days, st.booleans()), min_size=1,
                                                                   max_size=6), today=days)
def test_figures_from_kept_counts_equal_the_straightforward_queries(app_ctx: AppContext, complaints: list,
                                                                    spans: list, today: date) -> None:
    estates = [None, *estates_named(app_ctx, "梅川小区", "怒江苑")]
    with app_ctx.db.session() as s:
        s.execute(Complaint.__table__.delete())  # each example on its own complaints
        if not s.scalar(select(func.count()).select_from(EstatePopulation)):  # one estate counts in the months
            s.add(EstatePopulation(estate_id=estates[1], as_of=date(2023, 12, 31), population=5000))
        first = None
        for at, estate, repeat in complaints:
            row = Complaint(channel="来电", content="楼道堆物", received_at=at, estate_id=estates[estate],
                            repeat_of_id=first if repeat else None)
            s.add(row)
            s.flush()
            first = first or row.id
    with app_ctx.db.session() as s:
        for a, b, narrowed in spans:
            p = day_range(min(a, b), max(a, b))
            ids = [estates[1]] if narrowed else None
            assert month_counts.by_estate(s, p, ids) == _straight(s, p, ids), p
        current, last = periods_for(today.year, today)
        agg = complaint_aggregates(s, current, last, on=today)
        for index, p in enumerate((current, last)):
            assert {e: v for (e, i), v in agg.spans.items() if i == index} == _straight(s, p, None)
        for (y, m), n in agg.months.items():
            straight = _straight(s, month_period(y, m), None)
            pops = agg.populations_on(month_period(y, m).end)
            assert n == sum(straight.get(e, (0, 0))[0] for e in pops)


def test_the_last_microsecond_of_a_month_is_counted_in_that_month(app_ctx: AppContext) -> None:
    """SQLite's date() rounds '15:59:59.999999' (23:59:59.999999 in Shanghai) up into the next day: the kept
    counts must put it where the range queries do."""
    with app_ctx.db.session() as s:
        for month in (3, 4):  # 28 February and 31 March, last microsecond, local time
            s.add(Complaint(channel="来电", content="x", received_at=day_start(date(2025, month, 1))
                            - timedelta(microseconds=1)))
    with app_ctx.db.session() as s:
        february, march = day_range(date(2025, 2, 1), date(2025, 2, 28)), day_range(date(2025, 3, 1),
                                                                                    date(2025, 3, 31))
        assert month_counts.by_estate(s, february) == _straight(s, february, None) == {None: (1, 0)}
        assert month_counts.by_estate(s, march) == _straight(s, march, None) == {None: (1, 0)}
