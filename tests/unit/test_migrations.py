"""Alembic migrations build exactly the ORM's schema, and the app upgrades a database at start."""

from __future__ import annotations

import sqlite3

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from controllers.app import open_data_dir
from models import migrate
from models.db import Database
from models.schema import metadata
from models.search import is_search_table


def _orm_tables_only(obj, name, type_, reflected, compare_to):
    return not (type_ == "table" and is_search_table(name))


def test_upgrade_empty_database_to_head_matches_orm(tmp_path):
    db = Database.from_url(f"sqlite:///{tmp_path / 'x.db'}")
    migrate.upgrade(db.engine)
    assert migrate.current_revision(db.engine) == migrate.head_revision(db.engine)
    with db.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True, "include_object": _orm_tables_only})
        diff = compare_metadata(ctx, metadata)
    assert diff == [], f"ORM and migrations disagree: {diff}"
    db.dispose()


def test_schema_head_constant_is_alembics_head(tmp_path):
    db = Database.from_url(f"sqlite:///{tmp_path / 'x.db'}")
    assert migrate.head_revision(db.engine) == migrate.SCHEMA_HEAD
    db.dispose()


def test_downgrade_to_base_and_back(tmp_path):
    db = Database.from_url(f"sqlite:///{tmp_path / 'x.db'}")
    migrate.upgrade(db.engine)
    migrate.downgrade(db.engine, "base")
    with db.engine.connect() as conn:
        tables = set(conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'").scalars())
    assert tables <= {"alembic_version"}
    migrate.upgrade(db.engine)
    assert migrate.current_revision(db.engine) == migrate.head_revision(db.engine)
    db.dispose()


def test_open_data_dir_upgrades_and_keeps_data(data_dir):
    ctx = open_data_dir(data_dir)
    with ctx.db.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO property_companies (uuid, name, created_at, updated_at) "
            "VALUES ('0123456789abcdef0123456789abcdef', '测试物业', '2025-01-01', '2025-01-01')"
        )
    ctx.close()
    ctx = open_data_dir(data_dir)  # a second start runs upgrade and seeding again: nothing lost
    with ctx.db.engine.connect() as conn:
        names = list(conn.exec_driver_sql("SELECT name FROM property_companies").scalars())
    assert names == ["测试物业"]
    ctx.close()


def test_database_uses_wal_and_foreign_keys(app_ctx):
    with app_ctx.db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() > 0
    raw = sqlite3.connect(app_ctx.data_dir.database)
    assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    raw.close()
