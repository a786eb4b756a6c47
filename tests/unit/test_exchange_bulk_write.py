"""How an import writes a package's rows (issue 23): the driver's executemany with each value converted by its
column's type must store exactly what SQLAlchemy's own insert stores, and the larger page cache of an import must be
given back to the pooled connection, also when the import fails."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

import pytest
from sqlalchemy import insert, select
from sqlalchemy.exc import StatementError

from controllers.core.context import AppContext
from controllers.exchange.apply import insert_many, page_cache
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
