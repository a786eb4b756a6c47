"""Schema 0014 (district-scale indexes) upgrades a 0013 database with data in it, SQLite's planner reads the
不满意 count from its index, and it downgrades cleanly."""

from __future__ import annotations

from sqlalchemy import inspect, text

from models import migrate
from models.db import Database
from tests.unit.test_replies_migration import _seed_0010

NEW = {"cases": {"ix_cases_status_hold", "ix_cases_found_estate_category"},
       "complaints": {"ix_complaints_satisfaction_callback", "ix_complaints_received_estate_category"}}


def _indexes(db: Database, table: str) -> set[str]:
    return {ix["name"] for ix in inspect(db.engine).get_indexes(table)}


def test_upgrade_from_0013_keeps_rows_and_uses_the_new_indexes(tmp_path) -> None:
    db = Database.from_url(f"sqlite:///{tmp_path / 'x.db'}")
    migrate.upgrade(db.engine, "0013")
    with db.engine.begin() as conn:
        _seed_0010(conn)
        conn.execute(text("UPDATE complaints SET satisfaction = '不满意', callback_on = '2025-03-06' WHERE id = 3"))
    migrate.upgrade(db.engine, "0014")
    for table, names in NEW.items():
        assert names <= _indexes(db, table)
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM cases")).scalar() == 1
        sql = ("SELECT count(*) FROM complaints WHERE satisfaction = '不满意'"
               " AND callback_on >= '2025-01-01' AND callback_on <= '2025-12-31'")
        assert conn.execute(text(sql)).scalar() == 1
        plan = " ".join(str(r[-1]) for r in conn.execute(text("EXPLAIN QUERY PLAN " + sql)))
        assert "ix_complaints_satisfaction_callback" in plan
    migrate.downgrade(db.engine, "0013")
    for table, names in NEW.items():
        assert not names & _indexes(db, table)
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM complaints WHERE satisfaction = '不满意'")).scalar() == 1
    db.dispose()
