"""The export builds a package's rows straight from the database's tuples (issue 23: building PortableRows and turning
them into JSON again was a third of a full export). What a package carries must not change: each row equals the
portable row migrate-to reads for the same record, turned into JSON, for every table, whole or by ids."""

from __future__ import annotations

import pytest

from controllers.core.context import AppContext
from controllers.demo.generator import generate_demo
from controllers.exchange.apply import UuidMap, read_rows
from controllers.exchange.export_rows import json_rows
from controllers.exchange.schema import package_tables, spec
from tests.unit.exchange_kit import some_work


@pytest.fixture
def generated(app_ctx: AppContext) -> AppContext:
    generate_demo(app_ctx, cases=300, complaints=400, trainings=6, seed=11)
    some_work(app_ctx)  # and rows written by the app itself (a complainant's name and phone)
    return app_ctx


def test_every_table_reads_the_same_as_the_portable_rows_turned_into_json(generated: AppContext) -> None:
    seen_links = seen_dates = 0
    with generated.db.engine.connect() as conn:
        for table in package_tables():
            uuids = UuidMap(conn)
            expected = [r.to_json() for chunk in read_rows(conn, table, uuids, chunk=97) for r in chunk]
            got = [r for chunk in json_rows(conn, table, UuidMap(conn), chunk=97) for r in chunk]
            assert got == expected, table
            assert [list(r) for r in got] == [list(r) for r in expected], table  # the same keys in the same order
            assert [list(r["fields"]) for r in got] == [list(r["fields"]) for r in expected], table
            seen_links += sum(1 for r in got if any(r.get("links", {}).values()))
            seen_dates += sum(1 for r in got for v in r["fields"].values() if isinstance(v, str) and v[:2] == "20")
    assert seen_links and seen_dates  # the data had links and dates to convert


def test_rows_by_id_are_those_rows_in_id_order(generated: AppContext) -> None:
    with generated.db.engine.connect() as conn:
        t = spec("cases").table
        ids = [i for (i,) in conn.execute(t.select().with_only_columns(t.c.id))][::-7]  # backwards, a few
        expected = [r.to_json() for chunk in read_rows(conn, "cases", UuidMap(conn), ids=ids) for r in chunk]
        got = [r for chunk in json_rows(conn, "cases", UuidMap(conn), ids=ids, chunk=5) for r in chunk]
    assert got == expected and len(got) == len(ids)
