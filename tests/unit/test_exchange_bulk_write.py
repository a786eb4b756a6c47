"""How an import writes a package's rows (issue 23): the driver's executemany with each value converted by its
column's type must store exactly what SQLAlchemy's own insert stores, and the larger page cache of an import must be
given back to the pooled connection, also when the import fails."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Date, DateTime, event, func, insert, select
from sqlalchemy.dialects import sqlite
from sqlalchemy.exc import StatementError

from controllers.core.context import AppContext
from controllers.exchange.apply import UPDATE, Applier, page_cache
from controllers.exchange.bulk_insert import bind_converter, insert_many, insert_new
from controllers.exchange.schema import PortableRow, spec
from models.schema import metadata

STAMP = datetime(2025, 3, 4, 8, 30, 1, 123)


def _calendar_row(n: int) -> dict[str, Any]:
    """A holiday: a date, a nullable text, a UUID and the stamps."""
    return {"day": date(2031, 1, 1 + n), "kind": "节假日", "name": None if n % 3 else f"假日{n}",
            "uuid": uuid.UUID(int=n + 77), "created_at": STAMP, "updated_at": STAMP}


def _regulation_row(n: int) -> dict[str, Any]:
    """A regulation: a boolean, a nullable number, texts."""
    return {"annex_no": None if n % 2 else 900 + n, "name": f"测试法规{n}", "articles": "第一条", "notes": None,
            "applies_to_all": n % 3 == 0, "uuid": uuid.UUID(int=n + 177), "created_at": STAMP, "updated_at": STAMP}


def _read(ctx: AppContext, table: str, uuids: list[uuid.UUID]) -> list[dict[str, Any]]:
    t = metadata.tables[table]
    with ctx.db.engine.connect() as conn:
        rows = conn.execute(select(t).where(t.c.uuid.in_(uuids)).order_by(t.c.uuid)).mappings().all()
    return [{k: v for k, v in r.items() if k != "id"} for r in rows]


@pytest.mark.parametrize(("table", "make"), [("calendar_days", _calendar_row), ("regulations", _regulation_row)])
def test_rows_written_in_bulk_read_back_as_sqlalchemys_insert_writes_them(app_ctx: AppContext, table: str,
                                                                          make: Any) -> None:
    t = metadata.tables[table]
    ours = [make(n) for n in range(0, 12, 2)]
    theirs = [make(n) for n in range(1, 12, 2)]
    with app_ctx.db.engine.begin() as conn:
        insert_many(conn, t, ours)
        conn.execute(insert(t), theirs)
    got = _read(app_ctx, table, [r["uuid"] for r in ours + theirs])
    assert got == [{c: r.get(c) for c in got[0]} for r in sorted(ours + theirs, key=lambda r: r["uuid"])]
    assert {type(r["uuid"]) for r in got} == {uuid.UUID}  # every type (None too) reads back as it went in


def _portable(table: str, row: dict[str, Any]) -> tuple[PortableRow, dict[str, Any]]:
    stamps = ("uuid", "created_at", "updated_at")
    return (PortableRow(table=table, uuid=row["uuid"], created_at=row["created_at"], updated_at=row["updated_at"],
                        fields={}, refs={}, links={}, version=row["uuid"].int % 3 or None),
            {k: v for k, v in row.items() if k not in stamps})


def _raw(conn: Any, table: str) -> list[tuple[Any, ...]]:
    """The rows as the database holds them (no type's conversion on the way out), without their ids."""
    columns = ", ".join(c.name for c in metadata.tables[table].c if c.name != "id")
    return [tuple(r) for r in conn.exec_driver_sql(f"SELECT {columns} FROM {table} ORDER BY uuid").all()]


@pytest.mark.parametrize(("table", "make"), [("calendar_days", _calendar_row), ("regulations", _regulation_row),
                                             ("patrols", lambda n: {**_patrol(n, "注").fields, "uuid": uuid.UUID(int=n),
                                                                    "created_at": STAMP, "updated_at": STAMP})])
def test_new_rows_built_as_tuples_are_stored_as_sqlalchemys_insert_stores_them(app_ctx: AppContext, table: str,
                                                                               make: Any) -> None:
    """An import's new rows go to the driver as tuples straight from their values and stamps (insert_new): the
    stored text must be byte for byte SQLAlchemy's."""
    ts = spec(table)
    rows = [_portable(table, make(n)) for n in range(9)]
    with app_ctx.db.engine.connect() as conn:
        with conn.begin() as tx:
            insert_new(conn, ts, rows)
            ours = _raw(conn, table)
            tx.rollback()
        with conn.begin() as tx:
            conn.execute(insert(ts.table), [{**v, "uuid": r.uuid, "created_at": r.created_at,
                                             "updated_at": r.updated_at,
                                             **({"version": r.version or 1} if ts.has_version else {})}
                                            for r, v in rows])
            assert ours == _raw(conn, table)
            tx.rollback()


def test_rows_without_a_column_of_the_first_are_refused_and_nothing_is_written(app_ctx: AppContext) -> None:
    t = metadata.tables["calendar_days"]
    rows = [_calendar_row(0), {k: v for k, v in _calendar_row(1).items() if k != "kind"}]
    with pytest.raises(StatementError), app_ctx.db.engine.begin() as conn:
        insert_many(conn, t, rows)
    assert _read(app_ctx, "calendar_days", [r["uuid"] for r in rows]) == []


def test_the_page_cache_of_an_import_is_given_back_also_after_a_failure(app_ctx: AppContext) -> None:
    with app_ctx.db.engine.connect() as conn:
        if conn.dialect.name != "sqlite":
            with page_cache(conn, 64):  # nothing to change on a server: it must simply run
                assert conn.execute(select(1)).scalar() == 1
            return
        before = conn.exec_driver_sql("PRAGMA cache_size").scalar()
        with page_cache(conn, 64):
            assert conn.exec_driver_sql("PRAGMA cache_size").scalar() == -64 * 1024
        assert conn.exec_driver_sql("PRAGMA cache_size").scalar() == before
        with pytest.raises(RuntimeError), page_cache(conn, 64):
            raise RuntimeError("an import refused half-way")
        assert conn.exec_driver_sql("PRAGMA cache_size").scalar() == before


@settings(max_examples=300, deadline=None)
@given(value=st.one_of(st.none(), st.datetimes(), st.dates(),
                       st.datetimes(timezones=st.just(UTC))))
def test_instants_and_days_are_bound_as_sqlalchemy_binds_them(value: Any) -> None:
    """The fast conversion of SQLite's DATETIME/DATE writes exactly SQLAlchemy's text, for every year (1 to 9999),
    microsecond, a date given for an instant and an aware instant."""
    dialect = sqlite.dialect()
    for kind in (DateTime(), Date()):
        usual = kind.dialect_impl(dialect).bind_processor(dialect)
        fast = bind_converter(kind, dialect)
        assert usual is not None and fast is not None
        try:
            expected: Any = usual(value)
        except (TypeError, AttributeError) as exc:
            with pytest.raises(type(exc)):
                fast(value)
            continue
        assert fast(value) == expected


def _patrol(n: int, notes: str) -> PortableRow:
    return PortableRow(table="patrols", uuid=uuid.UUID(int=n + 991), created_at=STAMP, updated_at=STAMP,
                       fields={"started_at": STAMP, "kind": "日常巡查", "notes": f"{notes}{n}"}, refs={}, links={})


def test_a_table_empty_when_the_import_began_still_finds_the_rows_the_import_wrote(app_ctx: AppContext) -> None:
    """A table empty at the start is not asked about UUIDs, except those of rows the import itself wrote: a row
    coming again in a later chunk (changed) is found by its UUID and updated, not
    inserted twice."""
    t = metadata.tables["patrols"]
    with app_ctx.db.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(t)).scalar() == 0
    applier = Applier()
    with app_ctx.db.engine.begin() as conn:
        first = applier.apply(conn, "patrols", [_patrol(n, "甲") for n in range(3)], lambda _r, _l: UPDATE)
        again = applier.apply(conn, "patrols", [_patrol(n, "乙") for n in range(5)], lambda _r, _l: UPDATE)
    assert (first.inserted, again.inserted, again.updated) == (3, 2, 3)
    with app_ctx.db.engine.connect() as conn:
        assert sorted(conn.execute(select(t.c.notes)).scalars()) == [f"乙{n}" for n in range(5)]


def _ids_as_stored(conn: Any, rows: list[PortableRow]) -> dict[uuid.UUID, int]:
    t = metadata.tables["patrols"]
    return {u: i for u, i in conn.execute(select(t.c.uuid, t.c.id).where(t.c.uuid.in_([r.uuid for r in rows])))}


def _uuid_reads(conn: Any) -> list[str]:
    """Statements that read patrols' UUIDs back, collected on this connection from now on."""
    seen: list[str] = []
    event.listen(conn, "before_cursor_execute",
                 lambda _c, _cur, sql, *_a: seen.append(sql) if "patrols.uuid" in sql and "SELECT" in sql else None)
    return seen


def test_new_ids_are_learned_without_reading_each_row_back(app_ctx: AppContext) -> None:
    """On SQLite the new rows' ids are the n after the largest before them, in insert order (one count, no UUIDs read
    back); they must be exactly the ids the rows were stored under, on a table that already held rows too."""
    applier = Applier()
    rows = [_patrol(n, "甲") for n in range(7)]
    with app_ctx.db.engine.begin() as conn:
        applier.apply(conn, "patrols", rows[:2], lambda _r, _l: UPDATE)
        reads = _uuid_reads(conn)
        applier.apply(conn, "patrols", rows[2:], lambda _r, _l: UPDATE)
        stored = _ids_as_stored(conn, rows)
    assert {u: applier.id_of("patrols", u) for u in stored} == stored and len(stored) == 7
    if app_ctx.db.engine.dialect.name == "sqlite":
        assert [sql for sql in reads if "patrols.id >" in sql and "count" not in sql] == []


def test_new_ids_fall_back_to_their_uuids_when_sqlite_picks_rowids_at_random(app_ctx: AppContext) -> None:
    """With the largest possible rowid taken SQLite picks new rowids at random: the ids must then come from the
    rows' UUIDs, each row's own."""
    t = metadata.tables["patrols"]
    applier = Applier()
    rows = [_patrol(n, "乙") for n in range(20)]
    with app_ctx.db.engine.begin() as conn:
        conn.execute(insert(t), [{"id": 2**63 - 1 if conn.dialect.name == "sqlite" else 2**31 - 1,
                                  "uuid": uuid.UUID(int=5), "created_at": STAMP, "updated_at": STAMP,
                                  "started_at": STAMP, "kind": "日常巡查", "notes": "最大编号"}])
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql("SELECT setval(pg_get_serial_sequence('patrols', 'id'), 1)")
        applier.apply(conn, "patrols", rows, lambda _r, _l: UPDATE)
        stored = _ids_as_stored(conn, rows)
    assert {u: applier.id_of("patrols", u) for u in stored} == stored and len(stored) == 20
