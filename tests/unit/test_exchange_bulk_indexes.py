"""A large package's import builds the plain indexes of the tables it fills from empty once their rows are in (issue
23, controllers.exchange.bulk_indexes): afterwards every index must be there as it was, with its statistics; a refused
import must leave them untouched; unique indexes keep refusing duplicates meanwhile; a table that already holds
rows, a small package and PostgreSQL keep their indexes throughout. The threshold is lowered so a small package
counts as large."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, insert, inspect, select, text
from sqlalchemy.exc import IntegrityError

from controllers.core.context import AppContext
from controllers.core.errors import UserError
from controllers.exchange import bulk_indexes
from controllers.exchange import export as exchange_export
from controllers.exchange import importer as exchange_import
from controllers.exchange.apply import Applier
from controllers.exchange.bulk_indexes import indexes_set_aside
from models.cases import Case
from models.schema import metadata
from tests.unit.case_fixtures import new_case
from tests.unit.exchange_kit import other_station, some_work

CASES = metadata.tables["cases"]


@pytest.fixture
def large(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bulk_indexes, "BULK_INDEX_ROWS", 1)


def _indexes(conn: Connection, table: str) -> set[tuple[str, tuple[str | None, ...], bool]]:
    return {(ix["name"], tuple(ix["column_names"]), bool(ix["unique"])) for ix in inspect(conn).get_indexes(table)
            if ix["name"]}


def _all_indexes(ctx: AppContext) -> dict[str, set[tuple[str, tuple[str | None, ...], bool]]]:
    with ctx.db.engine.connect() as conn:
        return {table: _indexes(conn, table) for table in inspect(conn).get_table_names()}


def _package(tmp_path: Path) -> Path:
    with other_station(tmp_path / "b") as b:
        some_work(b)
        with b.db.engine.connect() as conn:
            estate = conn.execute(select(Case.estate_id)).scalar()
        new_case(b, estate, found_date=date(2025, 5, 6))
        exchange_export.export_package(b, tmp_path / "1.zip")
    return tmp_path / "1.zip"


def _stat_rows(ctx: AppContext) -> list[tuple[str, str, str]]:
    with ctx.db.engine.connect() as conn:
        return [tuple(r) for r in conn.exec_driver_sql("SELECT tbl, idx, stat FROM sqlite_stat1 ORDER BY tbl, idx")]


def test_a_large_import_leaves_every_index_as_it_was(app_ctx: AppContext, tmp_path: Path, large: None) -> None:
    package = _package(tmp_path)
    before = _all_indexes(app_ctx)
    assert any(not unique for _n, _c, unique in before["cases"])  # there is something to set aside
    result = exchange_import.import_package(app_ctx, package)
    assert result.inserted and _all_indexes(app_ctx) == before
    with app_ctx.db.engine.connect() as conn:  # the rows are in the rebuilt index: found through it
        assert conn.execute(select(Case.id).where(Case.found_date == date(2025, 5, 6))).all()


@pytest.mark.sqlite_file
def test_the_planner_statistics_of_a_rebuilt_index_stay_as_they_were(app_ctx: AppContext, tmp_path: Path,
                                                                        large: None) -> None:
    package = _package(tmp_path)
    with app_ctx.db.engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE sqlite_schema")  # makes sqlite_stat1 without measuring the (empty) tables
        conn.exec_driver_sql("INSERT INTO sqlite_stat1 VALUES ('cases', 'ix_cases_estate_id', '100000 70')")
    before = _stat_rows(app_ctx)
    exchange_import.import_package(app_ctx, package)
    assert ("cases", "ix_cases_estate_id", "100000 70") in _stat_rows(app_ctx)
    assert _stat_rows(app_ctx) == before


def test_a_cancelled_large_import_leaves_the_indexes_as_they_were(app_ctx: AppContext, tmp_path: Path, large: None,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    package = _package(tmp_path)
    before = _all_indexes(app_ctx)
    real_apply = Applier.apply
    during: list[set[tuple[str, tuple[str | None, ...], bool]]] = []

    def cancelled_among_the_cases(self: Applier, conn: Connection, table: str, *args: Any, **kw: Any) -> Any:
        result = real_apply(self, conn, table, *args, **kw)
        if table == "cases":
            during.append(_indexes(conn, "cases"))  # set aside at this moment (SQLite)
            raise exchange_import.ImportCancelled("已取消导入，未导入任何数据。")
        return result

    monkeypatch.setattr(Applier, "apply", cancelled_among_the_cases)
    with pytest.raises(UserError):
        exchange_import.import_package(app_ctx, package)
    monkeypatch.setattr(Applier, "apply", real_apply)
    if app_ctx.db.engine.dialect.name == "sqlite":
        assert during and during[0] < before["cases"]  # the cancel came while the plain ones were dropped
    assert _all_indexes(app_ctx) == before
    new_case(app_ctx, found_date=date(2025, 7, 1))  # and the book works as before
    with app_ctx.db.engine.connect() as conn:
        assert conn.execute(select(Case.id).where(Case.found_date == date(2025, 7, 1))).all()


def test_unique_indexes_keep_refusing_duplicates_while_the_plain_ones_are_set_aside(app_ctx: AppContext) -> None:
    new_case(app_ctx)
    with app_ctx.db.engine.connect() as conn, conn.begin():
        row = {k: v for k, v in conn.execute(select(CASES)).mappings().one().items() if k != "id"}
        conn.execute(text("DELETE FROM case_events"))
        conn.execute(text("DELETE FROM cases"))
        with indexes_set_aside(conn, "cases", 10**6):
            if conn.dialect.name == "sqlite":
                assert all(unique for _n, _c, unique in _indexes(conn, "cases"))  # only the unique ones are left
            conn.execute(insert(CASES).values(row))
            with pytest.raises(IntegrityError), conn.begin_nested():  # the same UUID under another number
                conn.execute(insert(CASES).values({**row, "number": row["number"] + "-2"}))
        conn.rollback()


def test_a_table_holding_rows_or_a_small_package_keeps_its_indexes(app_ctx: AppContext) -> None:
    new_case(app_ctx)
    with app_ctx.db.engine.connect() as conn:
        cases, complaints = _indexes(conn, "cases"), _indexes(conn, "complaints")
        assert conn.execute(text("SELECT count(*) FROM complaints")).scalar() == 0
        assert any(not unique for _n, _c, unique in complaints)
        with indexes_set_aside(conn, "cases", 10**6):  # not empty: building again would cost more than it saves
            assert _indexes(conn, "cases") == cases
        with indexes_set_aside(conn, "complaints", 5):  # empty, but too few rows coming to be worth it
            assert _indexes(conn, "complaints") == complaints
        with indexes_set_aside(conn, "complaints", "many"):  # a manifest count that is no number
            assert _indexes(conn, "complaints") == complaints
        conn.rollback()


def test_postgresql_keeps_its_indexes(app_ctx: AppContext) -> None:
    with app_ctx.db.engine.connect() as conn:
        complaints = _indexes(conn, "complaints")
        with indexes_set_aside(conn, "complaints", 10**6):
            assert (_indexes(conn, "complaints") == complaints) == (conn.dialect.name != "sqlite")
        conn.rollback()
