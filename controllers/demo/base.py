"""Shared machinery of the demo generator: seeded ids and UUIDs, day arithmetic with working days, bulk inserts."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import CheckConstraint, Connection, MetaData, Table

Progress = Callable[[str, int, int], None]

# Demo data spans the last two years; deadlines and follow-ups may reach a year past today.
PAST_DAYS = 800
FUTURE_DAYS = 500
CHUNK = 20_000


class DemoEnv:
    """Everything the generators share: the seeded RNG, today, day strings, the working-day calendar."""

    def __init__(self, seed: int, today: date, holidays: set[date], makeup_days: set[date],
                 progress: Progress | None) -> None:
        self.rng = random.Random(seed)
        self.today = today
        self.base = today - timedelta(days=PAST_DAYS)
        self.today_idx = PAST_DAYS
        self.last_idx = PAST_DAYS + FUTURE_DAYS
        days = [self.base + timedelta(days=i) for i in range(self.last_idx + 1)]
        self.days = days
        # Stored as SQLAlchemy stores Date/DateTime on SQLite, so the ORM reads these rows back unchanged.
        self.day_str = [d.isoformat() for d in days]
        self.year = [d.year for d in days]
        self.cn_date = [f"{d.year}年{d.month}月{d.day}日" for d in days]
        self.working: list[int] = []
        self.cum_working: list[int] = []  # working days in [0, i]
        for i, d in enumerate(days):
            if d in makeup_days or (d.weekday() < 5 and d not in holidays):
                self.working.append(i)
            self.cum_working.append(len(self.working))
        self.progress = progress or (lambda _stage, _done, _total: None)
        self.now_str = self.ts(self.today_idx, 8 * 60)

    def uuid_hex(self) -> str:
        """A version-4 UUID drawn from the seeded RNG, as the 32 hex digits SQLAlchemy stores on SQLite."""
        n = self.rng.getrandbits(128)
        n = (n & ~(0xF000 << 64) | (0x4000 << 64)) & ~(0xC000 << 48) | (0x8000 << 48)
        return f"{n:032x}"

    def ts(self, day_idx: int, minute: int) -> str:
        """A stored naive-UTC timestamp on a day, `minute` minutes after midnight UTC."""
        return f"{self.day_str[day_idx]} {minute // 60:02d}:{minute % 60:02d}:00.000000"

    def work_minute(self) -> int:
        """A minute inside office hours 08:30-17:30 Shanghai time (00:30-09:30 UTC)."""
        return 30 + int(self.rng.random() * 541)

    def add_days(self, day_idx: int, n: int, working: bool) -> int:
        """The day n (working) days after day_idx, as an index (clamped to the generated span)."""
        if not working:
            return min(day_idx + n, self.last_idx)
        pos = self.cum_working[min(day_idx, self.last_idx)] + max(n, 1) - 1
        return self.working[min(pos, len(self.working) - 1)]

    def weighted(self, values: Sequence[Any], weights: Sequence[float], k: int) -> list[Any]:
        """k draws at once: far faster than one rng.choices call per row."""
        return self.rng.choices(values, weights=weights, k=k)


def bulk_insert(conn: Connection, table: Table, columns: Sequence[str], rows: Iterable[Sequence[Any]],
                *, env: DemoEnv | None = None, stage: str = "", total: int = 0) -> int:
    """executemany in chunks inside the caller's transaction; values are already in their stored form.

    Bypasses per-value type processing on purpose: it is what makes 100,000 cases take seconds, not minutes.
    """
    for name in columns:
        if name not in table.c:
            raise KeyError(f"{table.name}.{name}")
    # Driver-level SQL, so the driver's own placeholder: ? for sqlite3, %s for psycopg (PostgreSQL).
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    sql = f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({', '.join(mark for _ in columns)})"
    chunk: list[Sequence[Any]] = []
    count = 0
    for row in rows:
        chunk.append(row)
        if len(chunk) >= CHUNK:
            conn.exec_driver_sql(sql, chunk)
            count += len(chunk)
            chunk = []
            if env is not None and stage:
                env.progress(stage, count, total)
    if chunk:
        conn.exec_driver_sql(sql, chunk)
        count += len(chunk)
    if "id" in columns and conn.dialect.name == "postgresql":
        # Explicit ids do not move PostgreSQL's id sequence: without this the next ORM insert reuses id 1.
        conn.exec_driver_sql(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                             f"(SELECT max(id) FROM {table.name}))")
    if env is not None and stage:
        env.progress(stage, count, total or count)
    return count


class BulkWriter:
    """Rows added one by one, written CHUNK at a time: keeps memory flat while generating a million rows."""

    def __init__(self, conn: Connection, table: Table, columns: Sequence[str], *, env: DemoEnv | None = None,
                 stage: str = "", total: int = 0, auto_flush: bool = True) -> None:
        self.conn, self.table, self.columns = conn, table, columns
        self.auto_flush = auto_flush
        self.env, self.stage, self.total = env, stage, total
        self.rows: list[Sequence[Any]] = []
        self.count = 0

    def add(self, row: Sequence[Any]) -> None:
        self.rows.append(row)
        if self.auto_flush and len(self.rows) >= CHUNK:
            self.flush()

    def flush(self) -> None:
        if self.rows:
            bulk_insert(self.conn, self.table, self.columns, self.rows)
            self.count += len(self.rows)
            self.rows = []
            if self.env is not None and self.stage:
                self.env.progress(self.stage, self.count, max(self.total, self.count))


@contextmanager
def deferred_indexes(conn: Connection, tables: Sequence[str]) -> Iterator[None]:
    """Drop the plain (non-unique) indexes of big tables for the load and rebuild them after, on SQLite.

    Building an index once from sorted data is several times faster than updating it row by row. Inside the
    caller's transaction, so a failure rolls the DROPs back too. Unique indexes stay and keep checking.
    """
    if conn.dialect.name != "sqlite":
        yield
        return
    marks = ", ".join("?" for _ in tables)
    saved = list(conn.exec_driver_sql(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({marks})"
        " AND sql NOT LIKE 'CREATE UNIQUE%'", tuple(tables)))
    for name, _sql in saved:
        conn.exec_driver_sql(f'DROP INDEX "{name}"')
    yield
    for _name, sql in saved:
        conn.exec_driver_sql(sql)


@contextmanager
def deferred_checks(conn: Connection, metadata: MetaData) -> Iterator[None]:
    """Skip CHECK constraints row by row during the load, then verify every one of them with one scan per table.

    SQLite re-evaluates an `x IN (...)` CHECK for each row of an executemany, which triples the cost of a
    case-event insert; one set-based query per table after the load finds the same violations, and a
    violation raises so the caller's transaction is rolled back.
    """
    if conn.dialect.name != "sqlite":
        yield
        return
    conn.exec_driver_sql("PRAGMA ignore_check_constraints=ON")
    try:
        yield
    finally:
        conn.exec_driver_sql("PRAGMA ignore_check_constraints=OFF")
    for table in metadata.sorted_tables:
        checks = [str(c.sqltext) for c in table.constraints if isinstance(c, CheckConstraint)]
        if not checks:
            continue
        where = " OR ".join(f"NOT ({check})" for check in checks)
        bad = conn.exec_driver_sql(f"SELECT id FROM {table.name} WHERE {where} LIMIT 1").first()
        if bad is not None:
            raise RuntimeError(f"demo row {table.name}.id={bad[0]} violates a CHECK constraint")


@dataclass
class Ref:
    """Ids and attributes of the reference data the generators draw from."""

    streets: list[tuple[int, str]] = field(default_factory=list)  # (id, short_name)
    categories: list[tuple[int, str, int, bool]] = field(default_factory=list)  # (id, code, days, working)
    category_regs: dict[int, list[int]] = field(default_factory=dict)
    departments: dict[str, int] = field(default_factory=dict)
    grades: list[int] = field(default_factory=list)
    training_kinds: list[tuple[int, str]] = field(default_factory=list)
    followup_days: int = 90
    # Filled by the generators, in insertion order.
    estates: list[tuple[int, int, str, str, int]] = field(default_factory=list)  # (id, street_id, name, address, pop)
    companies: list[tuple[int, str]] = field(default_factory=list)
    staff_by_street: dict[int, list[tuple[int, str]]] = field(default_factory=dict)
