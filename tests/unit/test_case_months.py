"""case_month_counts stays what the cases themselves give after every write path, and the 工作台's case figures read
from it equal those read from the cases (issue 23 point 2).

Each test writes through one path (ORM inserts, edits moving a case between months, categories and statuses,
closing and reopening, deadline changes, deletes; the workflow's saves; a Core update; an exchange package with a
deletion; migrate-to; a restore of a crafted backup; `recount`) and compares the kept counts with a GROUP BY over
the cases (models.case_months.drift). Both engines: run with --engine=postgresql too.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, inspect, select, text

from controllers.cases import records as case_records
from controllers.cases import workflow
from controllers.core.context import AppContext
from controllers.core.periods import Period, day_range
from controllers.dashboard.figures import CaseAggregates, case_aggregates, periods_for
from controllers.exchange import export as exchange_export
from controllers.exchange import importer as exchange_import
from controllers.exchange.schema import package_tables, record_tables
from controllers.storage.recount import recount
from models import case_months, migrate
from models.case_months import CaseMonthCount
from models.cases import Case
from models.db import Database
from models.enums import CASE_STATUSES
from models.reference import Category, Estate
from tests.unit.bad_input_kit import PROPERTY
from tests.unit.case_fixtures import category_id, new_case, street_id
from tests.unit.exchange_kit import other_station, some_work
from tests.unit.kept_counts_kit import days, drift, estates_named, migrated_twice, pg_database


def _drift(db: Database) -> list[tuple[object, ...]]:
    return drift(db, case_months)


def _kept_found(db: Database) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.coalesce(func.sum(CaseMonthCount.found), 0))) or 0)


# A case's fields that move its counts: found day, category (0-2), status, closing day (None: none), deadline.
# Closed cases half the time, days mostly within the two years a period of the dashboard reads.
near_days = st.one_of(days, st.dates(date(2025, 1, 1), date(2026, 12, 31)))
maybe_day = st.one_of(st.none(), near_days)
fields = st.tuples(near_days, st.integers(0, 2), st.one_of(st.just("结案"), st.sampled_from(CASE_STATUSES)),
                   maybe_day, maybe_day)


def _refs(ctx: AppContext) -> tuple[list[int], int, int]:
    """Three categories, an estate and a street for the cases written straight (the examples share a database)."""
    with ctx.db.session() as s:
        cats = list(s.scalars(select(Category.id).order_by(Category.id).limit(3)))
    return cats, estates_named(ctx, "梅川小区")[0], street_id(ctx)


def _set(row: Case, cats: list[int], values: tuple) -> None:
    found, cat, status, closed_on, deadline = values
    row.found_date, row.category_id, row.status, row.closed_on, row.deadline = (found, cats[cat], status, closed_on,
                                                                                deadline)


def _new_row(s, cats: list[int], estate: int, street: int, values: tuple) -> Case:
    seq = int(s.scalar(select(func.coalesce(func.max(Case.seq), 0))) or 0) + 1
    row = Case(number=f"T-{seq}", year=2025, street_id=street, seq=seq, estate_id=estate, source="巡查发现",
               facts="楼顶违法搭建")
    _set(row, cats, values)
    s.add(row)
    return row


steps = st.lists(st.one_of(st.tuples(st.just("add"), fields),
                           st.tuples(st.just("edit"), st.tuples(st.integers(0, 50), fields)),
                           st.tuples(st.just("delete"), st.integers(0, 50))), min_size=1, max_size=12)


@PROPERTY
@given(steps=steps)
def test_counts_follow_inserts_edits_and_deletes(app_ctx: AppContext, steps: list) -> None:
    """Inserts, edits moving a case across months, categories and statuses (closing it, reopening it, moving its
    deadline before or after its closing day), and deletes."""
    cats, estate, street = _refs(app_ctx)
    for kind, arg in steps:
        with app_ctx.db.session() as s:  # one transaction per step, as every write path
            ids = list(s.scalars(select(Case.id).order_by(Case.id)))
            if kind == "delete":
                if ids:
                    s.delete(s.get(Case, ids[arg % len(ids)]))
            elif kind == "add" or not ids:
                _new_row(s, cats, estate, street, arg if kind == "add" else arg[1])
            else:
                _set(s.get(Case, ids[arg[0] % len(ids)]), cats, arg[1])
    assert _drift(app_ctx.db) == []


def test_counts_follow_a_core_update_of_many_rows_and_a_rolled_back_write(app_ctx: AppContext) -> None:
    cats, estate, street = _refs(app_ctx)
    with app_ctx.db.session() as s:
        for d in range(1, 11):
            _new_row(s, cats, estate, street, (date(2025, 3, d), 0, "复查", None, date(2025, 3, 20)))
    with app_ctx.db.session() as s:  # every case closed on the last day of March, half of them too late
        s.execute(Case.__table__.update().values(status="结案", closed_on=date(2025, 3, 31)))
        s.execute(Case.__table__.update().where(Case.seq % 2 == 0).values(deadline=date(2025, 4, 1)))
    try:
        with app_ctx.db.session() as s:
            _new_row(s, cats, estate, street, (date(2025, 3, 1), 0, "结案", date(2025, 3, 2), None))
            s.flush()
            raise RuntimeError("a crash after the trigger ran")
    except RuntimeError:
        pass
    assert _drift(app_ctx.db) == []
    with app_ctx.db.session() as s:
        row = s.get(CaseMonthCount, (date(2025, 3, 1), cats[0]))
        assert (row.found, row.closable, row.closed_of_found, row.closed, row.with_deadline, row.on_time) == (
            10, 10, 10, 10, 10, 5)


def test_the_workflow_saves_keep_counts(app_ctx: AppContext, pin_clock) -> None:
    """A case registered, its category, found day and deadline edited, moved to 结案, reopened and closed again
    (a month later) through the controllers the screens call."""
    pin_clock(date(2025, 2, 1))
    detail = new_case(app_ctx, found_date=date(2025, 1, 31))
    detail = case_records.update_case(app_ctx, detail.id, expected_version=detail.version,
                                      category_id=category_id(app_ctx, "C01"), found_date=date(2025, 2, 1))
    for to, extra in (("核查", {}), ("立案", {}), ("责令整改", {"deadline": date(2025, 2, 28)}), ("复查", {}),
                      ("结案", {}), ("复查", {"reason": "群众反映又搭建"}), ("结案", {})):
        if to == "复查" and "reason" in extra:
            pin_clock(date(2025, 3, 3))
        detail = workflow.transition(app_ctx, detail.id, to=to, expected_version=detail.version, **extra)
        assert _drift(app_ctx.db) == [], to
    detail = case_records.update_case(app_ctx, detail.id, expected_version=detail.version,
                                      deadline=date(2025, 3, 31))
    assert _drift(app_ctx.db) == []
    with app_ctx.db.session() as s:
        row = s.get(CaseMonthCount, (date(2025, 3, 1), category_id(app_ctx, "C01")))  # closed 3 March, in time
        assert (row.closed, row.with_deadline, row.on_time) == (1, 1, 1)
        assert s.get(CaseMonthCount, (date(2025, 2, 1), category_id(app_ctx, "C01"))).closed == 0


def test_exchange_packages_keep_counts_at_the_receiving_station(app_ctx: AppContext, tmp_path: Path) -> None:
    """A case received, then received again closed in another month and category. The receiver is this run's
    engine (a PostgreSQL street server in the --engine=postgresql run). Cases are never deleted by a package (they
    are not among controllers.exchange.schema.DELETABLE_TABLES), so only inserts and updates arrive this way."""
    with other_station(tmp_path / "b") as b:
        sent = some_work(b)
        exchange_export.export_package(b, tmp_path / "1.zip")
        exchange_import.import_package(app_ctx, tmp_path / "1.zip")
        exchange_import.import_package(app_ctx, tmp_path / "1.zip")  # again: nothing counted twice
        assert _kept_found(app_ctx.db) == 1 and _drift(app_ctx.db) == []
        with b.db.session() as s:
            case = s.scalar(select(Case).where(Case.uuid == sent["case"]))
            case.found_date, case.category_id = date(2025, 4, 30), category_id(b, "C01")
            case.status, case.closed_on, case.deadline = "结案", date(2025, 5, 1), date(2025, 4, 30)
        exchange_export.export_package(b, tmp_path / "2.zip")
    exchange_import.import_package(app_ctx, tmp_path / "2.zip")
    assert _drift(app_ctx.db) == []
    with app_ctx.db.session() as s:
        assert s.get(CaseMonthCount, (date(2025, 5, 1), category_id(app_ctx, "C01"))).closed == 1
        assert s.get(CaseMonthCount, (date(2025, 4, 1), category_id(app_ctx, "C01"))).closed_of_found == 1


def test_the_kept_counts_travel_in_no_package_and_are_not_copied_by_migrate_to() -> None:
    """Neither an exchange package nor migrate-to carries the table (both copy the tables with a UUID): a receiver's
    and a target's triggers count what they receive."""
    assert case_months.TABLE not in record_tables() and case_months.TABLE not in package_tables()


def test_migrate_to_fills_the_target_once(app_ctx: AppContext, tmp_path: Path) -> None:
    assert migrated_twice(app_ctx, f"sqlite:///{tmp_path / 'target.db'}", case_months, _kept_found) == 1


@pytest.mark.postgresql
def test_migrate_to_a_street_server_fills_its_counts_once(sqlite_app_ctx: AppContext, pg_server) -> None:
    with pg_database(pg_server, "case_months_target") as url:
        assert migrated_twice(sqlite_app_ctx, url, case_months, _kept_found) == 1


def test_recount_finds_and_repairs_drift(app_ctx: AppContext) -> None:
    new_case(app_ctx, found_date=date(2025, 3, 5))
    with app_ctx.db.engine.begin() as conn:  # as an edit outside the program would
        conn.execute(text("UPDATE case_month_counts SET found = 7, closed = 2"))
    result = recount(app_ctx)
    assert (result.cases, result.complaints) == (1, 0)
    assert _drift(app_ctx.db) == [] and _kept_found(app_ctx.db) == 1
    assert recount(app_ctx).wrong == 0


def _straight(s, p: Period) -> tuple[dict[tuple[int, tuple[int, int]], int], list[int]]:
    """What the figures count, straight from the cases: found per (category, month), then closable,
    closed_of_found, closed, with_deadline, on_time, recurred."""
    found: dict[tuple[int, tuple[int, int]], int] = {}
    for day, cat in s.execute(select(Case.found_date, Case.category_id).where(Case.found_date.between(p.start,
                                                                                                      p.end))):
        found[(int(cat), (day.year, day.month))] = found.get((int(cat), (day.year, day.month)), 0) + 1
    rows = list(s.scalars(select(Case)))
    named = {c.recurrence_of_id for c in rows}
    in_p = [c for c in rows if p.start <= c.found_date <= p.end]
    closed = [c for c in rows if c.status == "结案" and c.closed_on is not None and p.start <= c.closed_on <= p.end]
    return found, [sum(c.status not in ("不予立案", "移交") for c in in_p), sum(c.status == "结案" for c in in_p),
                   len(closed), sum(c.deadline is not None for c in closed),
                   sum(c.deadline is not None and c.closed_on <= c.deadline for c in closed),
                   sum(c.id in named for c in closed)]


def _figures(a: CaseAggregates, sp: int) -> tuple[dict[tuple[int, tuple[int, int]], int], list[int]]:
    return ({(cat, ym): n for (i, cat, ym), n in a.found.items() if i == sp},
            [a.closable[sp], a.closed_of_found[sp], a.closed[sp], a.with_deadline[sp], a.on_time[sp],
             a.recurred[sp]])


@PROPERTY
@given(cases=st.lists(st.tuples(fields, st.booleans()), min_size=5, max_size=40), today=days)
def test_figures_from_kept_counts_equal_the_straightforward_queries(app_ctx: AppContext, cases: list,
                                                                    today: date) -> None:
    """The view of every estate, this year to date (kept months + edge days) against the cases read straight and
    against the same view narrowed to every estate (today's path, reading the cases)."""
    cats, estate, street = _refs(app_ctx)
    with app_ctx.db.session() as s:
        s.execute(Case.__table__.update().values(recurrence_of_id=None))
        s.execute(Case.__table__.delete())  # each example on its own cases
        first = None
        for values, recurs in cases:
            row = _new_row(s, cats, estate, street, values)
            row.recurrence_of_id = first if recurs else None
            s.flush()
            first = first or row.id
    current, last = periods_for(today.year, today)
    with app_ctx.db.session() as s:
        kept = case_aggregates(s, current, last, on=today)
        every = list(s.scalars(select(Estate.id)))
    with app_ctx.db.session() as s:
        assert case_aggregates(s, current, last, on=today, ids=every) == kept
    with app_ctx.db.session() as s:
        for sp, p in enumerate((current, last)):
            assert _figures(kept, sp) == _straight(s, p), p


def test_a_period_inside_one_month_and_one_of_whole_months(app_ctx: AppContext) -> None:
    """Edges: 1-7 December alone (no whole month), and a year whose every month is whole."""
    cats, estate, street = _refs(app_ctx)
    with app_ctx.db.session() as s:
        for d in (date(2025, 11, 30), date(2025, 12, 1), date(2025, 12, 7), date(2025, 12, 8), date(2026, 1, 1)):
            _new_row(s, cats, estate, street, (d, 0, "结案", d, d + timedelta(days=1)))
    with app_ctx.db.session() as s:
        for p in (day_range(date(2025, 12, 1), date(2025, 12, 7)), day_range(date(2025, 1, 1), date(2025, 12, 31))):
            a = case_aggregates(s, p, day_range(date(2024, 1, 1), date(2024, 1, 2)), on=p.end)  # read as now
            assert _figures(a, 0) == _straight(s, p)


def test_migration_0016_counts_the_cases_already_there_and_goes_down_and_up(app_ctx: AppContext) -> None:
    """Down to 0015 (table and triggers gone: a case edited then is not followed), up again: the counts are filled
    from the cases as they are, and the triggers follow the next write."""
    cats, estate, street = _refs(app_ctx)
    with app_ctx.db.session() as s:
        _new_row(s, cats, estate, street, (date(2025, 1, 31), 0, "结案", date(2025, 2, 1), date(2025, 2, 1)))
        _new_row(s, cats, estate, street, (date(2025, 2, 1), 1, "移交", None, None))
    migrate.downgrade(app_ctx.db.engine, "0015")
    with app_ctx.db.engine.begin() as conn:
        assert not inspect(conn).has_table("case_month_counts")
        conn.execute(text("UPDATE cases SET found_date = :d WHERE status = '移交'"), {"d": date(2025, 3, 1)})
    migrate.upgrade(app_ctx.db.engine)
    query = select(CaseMonthCount.month, CaseMonthCount.category_id, CaseMonthCount.found, CaseMonthCount.closable,
                   CaseMonthCount.closed, CaseMonthCount.on_time).order_by(CaseMonthCount.month)
    with app_ctx.db.session() as s:
        assert [tuple(r) for r in s.execute(query)] == [(date(2025, 1, 1), cats[0], 1, 1, 0, 0),
                                                        (date(2025, 2, 1), cats[0], 0, 0, 1, 1),
                                                        (date(2025, 3, 1), cats[1], 1, 0, 0, 0)]
    with app_ctx.db.session() as s:
        _new_row(s, cats, estate, street, (date(2025, 3, 9), 1, "登记", None, None))
    assert _drift(app_ctx.db) == [] and _kept_found(app_ctx.db) == 3
