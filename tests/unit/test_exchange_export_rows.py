"""The export builds a package's rows straight from the database's tuples (issue 23: building PortableRows and turning
them into JSON again was a third of a full export). What a package carries must not change: each row equals the
portable row migrate-to reads for the same record, turned into JSON, for every table, whole or by ids."""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import partial

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy.dialects import sqlite

from controllers.core.context import AppContext
from controllers.demo.generator import generate_demo
from controllers.exchange.apply import UuidMap, read_rows
from controllers.exchange.export_rows import _stored_to_package, json_rows
from controllers.exchange.schema import package_tables, spec
from tests.unit.exchange_kit import some_work

SQLITE_DIALECT = sqlite.dialect()


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
            # and of the same types: True equals 1 but JSON writes them apart (true, 1)
            assert [[type(v) for v in r["fields"].values()] for r in got] == \
                [[type(v) for v in r["fields"].values()] for r in expected], table
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


# Stored texts other than the form SQLAlchemy writes (an older build, a hand repair, a restored copy): the export reads
# SQLite's own text through the driver and takes the written form as it is, everything else through the type's own
# conversion, so each must still read exactly as a select through SQLAlchemy reads it.
ODD_FORMS = [
    ("uuid", "D9052A37059E4120A1A0D67226F40087"),  # upper-case hex
    ("uuid", "{d9052a37-059e-4120-a1a0-d67226f40088}"),  # braces and dashes
    ("created_at", "2024-12-08 07:16:00"),  # no microseconds
    ("updated_at", "2024-12-08 07:16:00.123456"),  # microseconds that show
    ("updated_at", "2024-12-08 07:16:00.000000"),  # microseconds that do not
    ("created_at", "2024-12-08T07:16:00"),  # with a T
    ("created_at", "2024-12-08 07:16"),  # without seconds
    ("updated_at", "2024-12-08"),  # a date alone
    ("deadline", "2024-12-31"),
]


@pytest.mark.parametrize(("column", "stored"), ODD_FORMS)
def test_stored_text_in_any_form_reads_as_sqlalchemy_reads_it(sqlite_app_ctx: AppContext, column: str,
                                                               stored: str) -> None:
    generate_demo(sqlite_app_ctx, cases=12, complaints=5, trainings=1, seed=3)
    with sqlite_app_ctx.db.engine.begin() as conn:
        conn.exec_driver_sql(f"UPDATE cases SET {column} = ? WHERE id = (SELECT min(id) FROM cases)", (stored,))
        expected = [r.to_json() for chunk in read_rows(conn, "cases", UuidMap(conn)) for r in chunk]
        got = [r for chunk in json_rows(conn, "cases", UuidMap(conn), chunk=5) for r in chunk]
        held = conn.exec_driver_sql(f"SELECT {column} FROM cases ORDER BY id LIMIT 1").scalar()
    assert held == stored  # the row held the odd form, and it read the same both ways:
    assert got == expected


def _as_parsed(proc, kind: str, v):  # type: ignore[no-untyped-def]
    """The package form by parsing every value, as the export did before it remembered days: the reference."""
    if v is None:
        return None
    if kind == "stamp" and type(v) is str and re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6}", v, re.ASCII):
        return datetime.fromisoformat(v).isoformat()
    if kind == "day" and type(v) is str and re.fullmatch(r"\d{4}-\d{2}-\d{2}", v, re.ASCII):
        return date.fromisoformat(v).isoformat()
    return proc(v).isoformat()


def _outcome(convert, v):  # type: ignore[no-untyped-def]
    try:
        return convert(v)
    except (ValueError, TypeError) as exc:
        return type(exc)


_DAYS = st.sampled_from(["2024-12-08", "2024-02-29", "2023-02-29", "2024-13-01", "2024-00-10", "0000-01-01"])
_CLOCKS = st.sampled_from(["07:16:00", "23:59:59", "24:00:00", "12:60:00", "12:00:60", "00:00:00", "9:05:13"])
_MICROS = st.sampled_from([".000000", ".123456", ".000001", "", ".12345"])
_STORED = st.one_of(st.none(), _DAYS, st.builds(lambda d, c, m, sep: f"{d}{sep}{c}{m}", _DAYS, _CLOCKS, _MICROS,
                                                   st.sampled_from([" ", "T"])))


@settings(max_examples=300, deadline=None)
@given(values=st.lists(_STORED, min_size=1, max_size=12))
def test_remembered_days_give_exactly_what_parsing_every_value_gives(values: list[str | None]) -> None:
    """Days and instants are converted without parsing once their day has been met: every value, valid or not, in
    any order, still turns out (or fails) exactly as parsing it would."""
    cases = spec("cases").table
    for column, kind in ((cases.c.created_at, "stamp"), (cases.c.deadline, "day")):
        convert = _stored_to_package(column, SQLITE_DIALECT)
        proc = column.type.dialect_impl(SQLITE_DIALECT).result_processor(SQLITE_DIALECT, None)
        reference = partial(_as_parsed, proc, kind)
        assert [_outcome(convert, v) for v in values] == [_outcome(reference, v) for v in values]
