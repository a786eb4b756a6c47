"""Schema 0008 (exchange tables) upgrades a 0007 database with data in it, and downgrades cleanly."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import inspect, text

from models import migrate
from models.db import Database
from models.exchange import ExchangeConflict, ExchangePeer


def test_upgrade_from_0007_keeps_data_and_adds_exchange_tables(tmp_path) -> None:
    db = Database.from_url(f"sqlite:///{tmp_path / 'x.db'}")
    migrate.upgrade(db.engine, "0007")
    with db.engine.begin() as conn:
        conn.execute(text("INSERT INTO property_companies (uuid, name, created_at, updated_at)"
                          " VALUES (:u, '测试物业', '2025-01-01', '2025-01-01')"), {"u": "0123456789abcdef" * 2})
    migrate.upgrade(db.engine)
    assert migrate.current_revision(db.engine) == migrate.SCHEMA_HEAD
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT name FROM property_companies")).scalars().all() == ["测试物业"]
    now = datetime(2025, 3, 5, 1, 0)
    with db.session() as s:
        s.add(ExchangePeer(station_uuid=uuid.uuid4(), station_name="乙站", last_exported_at=now,
                           last_imported_at=now, packages=1))
        s.add(ExchangeConflict(peer_station_uuid=uuid.uuid4(), peer_station_name="乙站", entity="cases",
                               record_uuid=uuid.uuid4(), mine_updated_at=now, theirs_updated_at=now, theirs="{}"))
    migrate.downgrade(db.engine, "0007")
    with db.engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
        assert "exchange_conflicts" not in tables and "exchange_peers" not in tables
        assert conn.execute(text("SELECT count(*) FROM property_companies")).scalar() == 1
    db.dispose()
