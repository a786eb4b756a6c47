"""The search index equals the records' text after every write path: a save, an edit and a delete, the 12345 import,
an exchange package, migrate-to (to a SQLite file and to a street server) and a restore. On PostgreSQL the index is
the side table of lower-cased texts kept by triggers (schema 0018), on SQLite the FTS5 tables kept by the ORM's
flush hook and the bulk writers' reindex; search.drift compares either with the records."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Connection, text

from controllers.backup import backups as backup
from controllers.backup import restore as backup_restore
from controllers.cases.listing import CaseFilter, count_cases
from controllers.complaints import importer as ci
from controllers.complaints.listing import ComplaintFilter, count_complaints
from controllers.core.context import AppContext
from controllers.exchange import export as exchange_export
from controllers.exchange import importer as exchange_import
from controllers.exchange import migrate_to as mt
from controllers.storage.recount import recount
from models import migrate, search
from models.cases import Case
from models.db import Database
from tests.unit.case_fixtures import make_estate
from tests.unit.exchange_kit import other_station, set_content, some_work
from tests.unit.kept_counts_kit import pg_database


def _entries(conn: Connection) -> int:
    tables = ([search.docs_table(i) for i in search.INDEXES] if conn.dialect.name == "postgresql"
              else list(search.INDEXES))
    return sum(int(conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one()) for t in tables)


def _right(db: Database) -> int:
    """Asserts the indexes equal the records' text; returns how many entries they hold (so an index left empty
    cannot pass for right)."""
    with db.engine.connect() as conn:
        assert {index: ids for index in search.INDEXES if (ids := search.drift(conn, index))} == {}
        # PostgreSQL's kept counts per gram (schema 0019) equal the side tables' (nothing kept on SQLite).
        assert {index: d for index in search.INDEXES if (d := search.gram_count_drift(conn, index))} == {}
        return _entries(conn)


def test_saves_edits_and_deletes_keep_the_index(app_ctx: AppContext) -> None:
    uuids = some_work(app_ctx)
    assert _right(app_ctx.db) == 2
    set_content(app_ctx, uuids["complaint"], "小区内群租严重 ABC")
    with app_ctx.db.session() as s:
        case = s.query(Case).filter(Case.uuid == uuids["case"]).one()
        case.notes = "已拆除违法搭建"
    assert _right(app_ctx.db) == 2
    assert count_complaints(app_ctx, ComplaintFilter(query="abc")) == 1  # lower-cased as the grams are
    assert count_cases(app_ctx, CaseFilter(query="已拆除")) == 1
    with app_ctx.db.session() as s:
        s.delete(s.query(Case).filter(Case.uuid == uuids["case"]).one())
    assert _right(app_ctx.db) == 1
    assert count_cases(app_ctx, CaseFilter(query="违法搭建")) == 0


def test_12345_import_keeps_the_index(app_ctx: AppContext) -> None:
    sample = Path(__file__).resolve().parents[1] / "data" / "12345_workorders_sample.xlsx"
    make_estate(app_ctx, "怒江苑")
    ci.run_import(app_ctx, sample)
    ci.run_import(app_ctx, sample)  # again: updates only
    assert _right(app_ctx.db) > 0


def test_exchange_package_keeps_the_index_at_the_receiver(app_ctx: AppContext, tmp_path: Path) -> None:
    """The receiver is this run's engine (a PostgreSQL street server in the --engine=postgresql run)."""
    pkg, later = tmp_path / "a.zip", tmp_path / "b.zip"
    with other_station(tmp_path / "b") as b:
        uuids = some_work(b)
        exchange_export.export_package(b, pkg)
        set_content(b, uuids["complaint"], "楼道堆物已清理")  # an edit travels in the next package
        exchange_export.export_package(b, later)
    exchange_import.import_package(app_ctx, pkg)
    exchange_import.import_package(app_ctx, later)
    assert _right(app_ctx.db) == 2
    assert count_complaints(app_ctx, ComplaintFilter(query="已清理")) == 1


def _migrated(source: AppContext, url: str) -> int:
    some_work(source)
    mt.migrate_to(source, url)
    mt.migrate_to(source, url)
    target = Database.from_url(url)
    try:
        return _right(target)
    finally:
        target.dispose()


def test_migrate_to_fills_the_targets_index(app_ctx: AppContext, tmp_path: Path) -> None:
    assert _migrated(app_ctx, f"sqlite:///{tmp_path / 'target.db'}") == 2


@pytest.mark.postgresql
def test_migrate_to_a_street_server_fills_its_side_tables(sqlite_app_ctx: AppContext, pg_server) -> None:
    with pg_database(pg_server, "search_docs_target") as url:
        assert _migrated(sqlite_app_ctx, url) == 2


def test_restore_brings_back_the_index_of_the_backup(sqlite_app_ctx: AppContext, tmp_path: Path) -> None:
    """A restore is a station's own (SQLite) file: a street server is backed up by its administrator."""
    some_work(sqlite_app_ctx)
    info = backup.make_backup(sqlite_app_ctx, reason="manual", output=tmp_path / "good.zip")
    assert info.ok, info.message
    with sqlite_app_ctx.db.session() as s:
        s.query(Case).one().facts = "备份之后的改动"
    backup_restore.restore_backup(sqlite_app_ctx, Path(info.path))
    assert _right(sqlite_app_ctx.db) == 2
    assert count_cases(sqlite_app_ctx, CaseFilter(query="违法搭建")) == 1


@pytest.mark.postgresql
def test_core_writes_and_truncate_keep_the_side_tables(app_ctx: AppContext) -> None:
    """Triggers, not the ORM: a Core UPDATE of many rows and a TRUNCATE keep the side tables too."""
    some_work(app_ctx)
    with app_ctx.db.engine.begin() as conn:
        conn.execute(text("UPDATE complaints SET address = 'XY路' || id"))
    assert _right(app_ctx.db) == 2
    assert count_complaints(app_ctx, ComplaintFilter(query="xy路")) == 1
    with app_ctx.db.engine.begin() as conn:
        conn.execute(text("TRUNCATE cases CASCADE"))  # the complaints too: they name their case
    assert _right(app_ctx.db) == 0


def _complaint_sql(n: int, content: str) -> str:
    return ("INSERT INTO complaints (uuid, channel, received_at, content, status, version, created_at, updated_at)"
            f" VALUES ('{n:032d}', '来电', '2025-01-01', '{content}', '待处理', 1, '2025-01-01', '2025-01-01')")


def _kept(conn: Connection, gram: str) -> int:
    return int(conn.execute(text(f"SELECT coalesce(sum(n), 0) FROM {search.gram_counts_table('complaints_fts')} "
                                 "WHERE gram = :g"), {"g": gram}).scalar_one())


@pytest.mark.postgresql
def test_upgrade_to_gram_counts_counts_the_records_already_there_and_goes_back(pg_url: str) -> None:
    """Schema 0019 from 0018 with complaints in it: the kept counts equal the side tables' at once, follow the writes
    after, and the downgrade takes table and triggers away (writes still work and keep 0018's side table)."""
    db = Database.from_url(pg_url)
    try:
        migrate.downgrade(db.engine, "0018")
        with db.engine.begin() as conn:
            conn.execute(text(_complaint_sql(1, "小区内群租严重")))
            conn.execute(text(_complaint_sql(2, "群租，楼道堆物")))
            conn.execute(text(_complaint_sql(3, "租房群里说")))
        migrate.upgrade(db.engine)
        with db.engine.connect() as conn:
            assert {i: d for i in search.INDEXES if (d := search.gram_count_drift(conn, i))} == {}
            assert (_kept(conn, "群租"), _kept(conn, "群"), _kept(conn, "楼道")) == (2, 3, 1)
        with db.engine.begin() as conn:
            conn.execute(text("UPDATE complaints SET content = '楼道群租' WHERE uuid = :u"), {"u": f"{3:032d}"})
            conn.execute(text("DELETE FROM complaints WHERE uuid = :u"), {"u": f"{1:032d}"})
        with db.engine.connect() as conn:
            assert {i: d for i in search.INDEXES if (d := search.gram_count_drift(conn, i))} == {}
            assert (_kept(conn, "群租"), _kept(conn, "楼道")) == (2, 2)
        migrate.downgrade(db.engine, "0018")
        with db.engine.begin() as conn:
            conn.execute(text(_complaint_sql(4, "群租")))
            tables = set(conn.scalars(text("SELECT tablename FROM pg_tables WHERE tablename LIKE '%gram_counts'")))
            assert tables == set()
            assert search.drift(conn, "complaints_fts") == []
        migrate.upgrade(db.engine)
        with db.engine.connect() as conn:
            assert _kept(conn, "群租") == 3
    finally:
        db.dispose()


@pytest.mark.postgresql
def test_gram_counts_are_added_not_locked_and_a_rebuild_folds_them(app_ctx: AppContext) -> None:
    """A write adds rows of changes (no writer waits on another's counter row); the rebuild leaves one row per gram
    with the same sums, and a search's count reads them."""
    uuids = some_work(app_ctx)
    for content in ("群租一", "群租二", "没有"):
        set_content(app_ctx, uuids["complaint"], content)
    counts = search.gram_counts_table("complaints_fts")
    with app_ctx.db.engine.begin() as conn:
        rows_before = int(conn.execute(text(f"SELECT count(*) FROM {counts} WHERE gram = '群租'")).scalar_one())
        search.rebuild_gram_counts(conn)
        rows_after = int(conn.execute(text(f"SELECT count(*) FROM {counts} WHERE gram = '群租'")).scalar_one())
        assert search.gram_count_drift(conn, "complaints_fts") == {}
    # +1 when the text first holds 群租, nothing while it still does (the change nets out), -1 when it stops.
    assert (rows_before, rows_after) == (2, 0)
    assert count_complaints(app_ctx, ComplaintFilter(query="群租")) == 0
    set_content(app_ctx, uuids["complaint"], "群租三")
    assert count_complaints(app_ctx, ComplaintFilter(query="群租")) == 1


@pytest.mark.postgresql
def test_recount_finds_and_repairs_the_gram_counts(app_ctx: AppContext) -> None:
    uuids = some_work(app_ctx)
    set_content(app_ctx, uuids["complaint"], "小区内群租严重")
    with app_ctx.db.engine.begin() as conn:  # as an edit outside the program would
        conn.execute(text(f"INSERT INTO {search.gram_counts_table('complaints_fts')} VALUES ('群租', 5), ('无', 1)"))
    assert count_complaints(app_ctx, ComplaintFilter(query="群租")) == 6  # what is kept is what a search counts
    result = recount(app_ctx)
    assert (result.search_grams, result.wrong) == (2, 2)
    assert count_complaints(app_ctx, ComplaintFilter(query="群租")) == 1
    assert recount(app_ctx).wrong == 0
