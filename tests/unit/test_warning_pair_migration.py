"""Schema 0017 (the 苗头's pair indexes) upgrades a 0016 database with data in it, SQLite reads one estate's and
category's window from the new index alone, and it goes down and up again cleanly."""

from __future__ import annotations

from sqlalchemy import inspect, text

from models import migrate
from models.db import Database
from tests.unit.test_replies_migration import _seed_0010

NEW = {"cases": "ix_cases_estate_category_found", "complaints": "ix_complaints_estate_category_received",
       "referrals": "ix_referrals_status_reply_due"}
PAIR = {"cases": "SELECT count(*) FROM cases WHERE estate_id = 1 AND category_id = 1 AND found_date >= '2025-02-01'"
                 " AND found_date <= '2025-03-31'",
        "complaints": "SELECT count(*) FROM complaints WHERE estate_id = 1 AND category_id = 1"
                      " AND received_at >= '2020-01-01' AND received_at < '2030-01-01'",
        "referrals": "SELECT count(*) FROM referrals WHERE status = '待回复' AND reply_due < '2030-01-01'"}
COUNTS = {"cases": 1, "complaints": 1, "referrals": 1}


def _indexes(db: Database, table: str) -> set[str]:
    return {str(ix["name"]) for ix in inspect(db.engine).get_indexes(table)}


def test_pair_indexes_go_up_from_0016_with_data_and_down_again(tmp_path) -> None:
    db = Database.from_url(f"sqlite:///{tmp_path / 'x.db'}")
    migrate.upgrade(db.engine, "0016")
    with db.engine.begin() as conn:
        _seed_0010(conn)
        conn.execute(text("UPDATE complaints SET estate_id = 1, category_id = 1 WHERE id = 3"))
        conn.execute(text("INSERT INTO departments (id, uuid, name, sort_order, created_at, updated_at)"
                          " VALUES (1, '" + "7" * 32 + "', '区规划资源局', 0, '2025-03-01', '2025-03-01')"))
        conn.execute(text("INSERT INTO referrals (id, uuid, case_id, department_id, referred_on, reply_due, status,"
                          " created_at, updated_at) VALUES (1, '" + "8" * 32 + "', 7, 1, '2025-03-02', '2025-03-09',"
                          " '待回复', '2025-03-02', '2025-03-02')"))
    migrate.upgrade(db.engine, "0017")
    with db.engine.connect() as conn:
        for table, index in NEW.items():
            assert index in _indexes(db, table)
            assert conn.execute(text(PAIR[table])).scalar() == COUNTS[table]
            plan = " ".join(str(r[-1]) for r in conn.execute(text("EXPLAIN QUERY PLAN " + PAIR[table])))
            assert f"COVERING INDEX {index}" in plan
    migrate.downgrade(db.engine, "0016")
    with db.engine.connect() as conn:
        for table, index in NEW.items():
            assert index not in _indexes(db, table)
            assert conn.execute(text(PAIR[table])).scalar() == COUNTS[table]
    migrate.upgrade(db.engine)
    assert migrate.current_revision(db.engine) == migrate.SCHEMA_HEAD
    assert all(index in _indexes(db, table) for table, index in NEW.items())
    db.dispose()
