"""Database triggers that keep exchange_tombstones: a deleted record leaves its UUID, a re-inserted one takes it back.

Triggers rather than ORM events: a meeting's actions and attachments go by ON DELETE CASCADE inside the database,
and some deletions are Core statements; the ORM sees neither. Deletion stamps are naive UTC like every stamp. SQLite's
clock gives milliseconds: the stamp is the end of that millisecond, written with six digits like SQLAlchemy's, so a
deletion never looks older than an export made just before it.

The stamp is the database's clock, not models.clock, and that is the same clock where it matters: SQLite's 'now'
reads this machine's system clock, as the app's clock does (tests/unit/test_tombstone_clock.py); PostgreSQL's
clock_timestamp() reads the server's, one clock for every desk of a street server. Only a test's pinned clock
(models.clock.pin) differs: a test that deletes under a pin gets the real time here, and an export then stamps
itself at least as late (export.py). Reading the app's clock would need the triggers changed, by a migration.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, text

_PG_FUNCTION = """
CREATE OR REPLACE FUNCTION ledger_tombstone() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        INSERT INTO exchange_tombstones (entity, record_uuid, deleted_at, record_updated_at)
        VALUES (TG_TABLE_NAME, OLD.uuid, clock_timestamp() AT TIME ZONE 'UTC', OLD.updated_at)
        ON CONFLICT (entity, record_uuid)
        DO UPDATE SET deleted_at = EXCLUDED.deleted_at, record_updated_at = EXCLUDED.record_updated_at;
        RETURN OLD;
    END IF;
    DELETE FROM exchange_tombstones WHERE entity = TG_TABLE_NAME AND record_uuid = NEW.uuid;
    RETURN NEW;
END $$
"""

_SQLITE_DELETE = """
CREATE TRIGGER tombstone_{t} AFTER DELETE ON {t} BEGIN
    INSERT OR REPLACE INTO exchange_tombstones (entity, record_uuid, deleted_at, record_updated_at)
    VALUES ('{t}', OLD.uuid, strftime('%Y-%m-%d %H:%M:%f', 'now') || '999', OLD.updated_at);
END
"""

_SQLITE_INSERT = """
CREATE TRIGGER untombstone_{t} AFTER INSERT ON {t} BEGIN
    DELETE FROM exchange_tombstones WHERE entity = '{t}' AND record_uuid = NEW.uuid;
END
"""


def create(conn: Connection, tables: Iterable[str]) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(text(_PG_FUNCTION))
        for t in tables:
            conn.execute(text(f"CREATE TRIGGER tombstone_{t} AFTER INSERT OR DELETE ON {t} "
                              "FOR EACH ROW EXECUTE FUNCTION ledger_tombstone()"))
        return
    for t in tables:
        conn.execute(text(_SQLITE_DELETE.format(t=t)))
        conn.execute(text(_SQLITE_INSERT.format(t=t)))


def drop(conn: Connection, tables: Iterable[str], *, drop_function: bool = False) -> None:
    """Remove the triggers of `tables`. PostgreSQL's shared function stays unless `drop_function` (only 0010, which
    made it, going down): a later migration's tables are not the only ones using it, and dropping it with other
    triggers still on it fails the downgrade (0013's did on PostgreSQL)."""
    if conn.dialect.name == "postgresql":
        for t in tables:
            conn.execute(text(f"DROP TRIGGER IF EXISTS tombstone_{t} ON {t}"))
        if drop_function:
            conn.execute(text("DROP FUNCTION IF EXISTS ledger_tombstone()"))
        return
    for t in tables:
        conn.execute(text(f"DROP TRIGGER IF EXISTS tombstone_{t}"))
        conn.execute(text(f"DROP TRIGGER IF EXISTS untombstone_{t}"))


class UntombstoneSetAside:
    """The SQLite untombstone triggers set aside while a large import loads rows, their effect restored set-based at
    the end (controllers.exchange.bulk_counts): each inserted row ran a DELETE on the tombstones, half the cost of
    inserting a patrol check (19 → 10 us a row, issue 23). Same three steps as a table of kept counts."""

    def __init__(self) -> None:
        self.tables: list[str] = []

    def drop_triggers(self, conn: Connection) -> None:
        self.tables = [str(t) for t in conn.execute(text(
            "SELECT tbl_name FROM sqlite_master WHERE type = 'trigger' AND name = 'untombstone_' || tbl_name "
            "ORDER BY tbl_name")).scalars()]
        for t in self.tables:
            conn.execute(text(f"DROP TRIGGER untombstone_{t}"))

    def rebuild(self, conn: Connection) -> None:
        """What the triggers would have done: no tombstone stays for a record that exists."""
        for t in self.tables:
            conn.execute(text(f"DELETE FROM exchange_tombstones WHERE entity = '{t}' "
                              f"AND record_uuid IN (SELECT uuid FROM {t})"))

    def create_triggers(self, conn: Connection) -> None:
        for t in self.tables:
            conn.execute(text(_SQLITE_INSERT.format(t=t)))
