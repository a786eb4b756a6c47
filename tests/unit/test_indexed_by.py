"""IndexedBy: a table read through a named index on SQLite, the plain table on PostgreSQL, same rows either way."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Select, func, select
from sqlalchemy.dialects import postgresql, sqlite

from controllers.core.context import AppContext
from models.complaints import Complaint
from models.sqlfuncs import IndexedBy

INDEX = "ix_complaints_received_estate_category"


def _statement() -> Select[tuple[int | None, int]]:
    C = IndexedBy.of(Complaint.__table__, INDEX)
    return (select(C.c.category_id, func.count()).where(C.c.received_at >= datetime(2025, 3, 1))
            .group_by(C.c.category_id))


def test_sqlite_names_the_index_and_postgresql_reads_the_table() -> None:
    assert f"FROM complaints INDEXED BY {INDEX}" in str(_statement().compile(dialect=sqlite.dialect()))
    pg = str(_statement().compile(dialect=postgresql.dialect()))
    assert "FROM complaints \n" in pg + "\n" and "INDEXED" not in pg


def test_the_rows_are_the_tables_on_this_engine(app_ctx: AppContext) -> None:
    with app_ctx.db.session() as s:
        s.add_all(Complaint(channel="来电", content="x", received_at=datetime(2025, 3, d)) for d in (1, 2, 28))
        s.add(Complaint(channel="来电", content="x", received_at=datetime(2025, 2, 27)))
    with app_ctx.db.session() as s:
        assert s.execute(_statement()).all() == [(None, 3)]
