"""A large import's plain indexes on SQLite, built once a table's rows are in, for a table it fills from empty.

Every row inserted goes into each of its table's indexes (19 on cases, 15 on complaints), at a place its values
pick, so a large import's writes jump about the index pages; building an index from the whole table sorts once.
For the tables a full package fills (a new station, a district gathering a station) the indexes are dropped before
the table's rows and created again, with their own SQL, after its last one (issue 23: a full package of a
100,000-case station). Only where that pays and nothing depends on them meanwhile:

- only plain indexes (CREATE INDEX): the unique ones check the rows as they go in, so a duplicate UUID or number is
  refused where it always was, and every lookup an import makes (by UUID, natural key or id) uses those;
- only a table empty when its turn comes, and only for a package bringing it BULK_INDEX_ROWS rows or more (its
  manifest's count): building an index again over rows already there would cost more than it saves;
- the table's indexes are back before the next table's rows, so whatever reads it later finds them.

It is all in the import's transaction: a refused or cancelled import rolls the dropping back with everything else,
and other connections keep seeing the indexes until the commit (SQLite writes one transaction at a time). The
planner's statistics of a dropped index (sqlite_stat1 and sqlite_stat4 rows, which DROP INDEX deletes) are put back
as they were. PostgreSQL keeps its indexes: its readers would wait on the dropped index's lock for the whole import.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection

# Rows a package brings into an empty table from which building its indexes at the end costs less than keeping them.
BULK_INDEX_ROWS = 10_000
_STAT_TABLES = ("sqlite_stat1", "sqlite_stat4")


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def plain_indexes(conn: Connection, table: str) -> list[tuple[str, str]]:
    """(name, CREATE INDEX statement) of the table's indexes made by CREATE INDEX without UNIQUE."""
    listed = conn.exec_driver_sql(f"PRAGMA index_list({_quoted(table)})").all()
    # index_list rows: seq, name, unique, origin ('c': CREATE INDEX, 'u': a UNIQUE constraint, 'pk'), partial
    names = [row[1] for row in listed if not row[2] and row[3] == "c"]
    if not names:
        return []
    found: dict[str, str | None] = {name: sql for name, sql in conn.exec_driver_sql(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND name IN ({','.join('?' * len(names))})",
        tuple(names))}
    return [(name, sql) for name in names if (sql := found.get(name))]


def _is_empty(conn: Connection, table: str) -> bool:
    return conn.exec_driver_sql(f"SELECT 1 FROM {_quoted(table)} LIMIT 1").first() is None


def _saved_stats(conn: Connection, names: Sequence[str]) -> list[tuple[str, list[Any]]]:
    """The statistics rows of these indexes, table by table, to put back after DROP INDEX deleted them."""
    present = {row[0] for row in conn.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('sqlite_stat1', 'sqlite_stat4')")}
    marks = ",".join("?" * len(names))
    return [(stat, list(conn.exec_driver_sql(f"SELECT * FROM {stat} WHERE idx IN ({marks})", tuple(names))))
            for stat in _STAT_TABLES if stat in present]


def _put_back(conn: Connection, stats: list[tuple[str, list[Any]]]) -> None:
    for stat, rows in stats:
        if rows:
            conn.exec_driver_sql(f"INSERT INTO {stat} VALUES ({','.join('?' * len(rows[0]))})",
                                 [tuple(row) for row in rows])


@contextmanager
def indexes_set_aside(conn: Connection, table: str, rows_coming: Any) -> Iterator[None]:
    """The table's plain indexes dropped for the duration and created again at the end, when the import is on
    SQLite, the table is empty and the package brings it at least BULK_INDEX_ROWS rows; otherwise as it is.

    An exception leaves them dropped in a transaction the caller must roll back (the import always does)."""
    if (conn.dialect.name != "sqlite" or not isinstance(rows_coming, int) or rows_coming < BULK_INDEX_ROWS
            or not _is_empty(conn, table)):
        yield
        return
    kept = plain_indexes(conn, table)
    stats = _saved_stats(conn, [name for name, _sql in kept]) if kept else []
    for name, _sql in kept:
        conn.exec_driver_sql(f"DROP INDEX {_quoted(name)}")
    yield
    for _name, sql in kept:
        conn.exec_driver_sql(sql)
    _put_back(conn, stats)
