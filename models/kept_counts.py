"""What every table of counts kept by triggers shares (models.complaint_months, models.case_months): the UPSERT a
trigger runs, the rebuild from the records and the drift between the two.

A kept table is a key (a month and one more id, never NULL so an UPSERT finds its row on both engines) and integer
counts. A row left at zero by deletions stays; it counts as absent when the kept rows are compared with the records.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, text


def upsert_sql(table: str, key: Sequence[str], counts: Sequence[str], values: str) -> str:
    """INSERT `values` (a VALUES list or a SELECT with a WHERE, in the order key + counts) adding each count to the
    row of its key. A SELECT must have a WHERE: SQLite reads an ON right after a FROM-less SELECT as a join's."""
    added = ", ".join(f"{c} = {table}.{c} + excluded.{c}" for c in counts)
    return (f"INSERT INTO {table} ({', '.join((*key, *counts))}) {values} "
            f"ON CONFLICT ({', '.join(key)}) DO UPDATE SET {added}")


def rebuild(conn: Connection, table: str, columns: Sequence[str], counted: str) -> None:
    """Recount `table` from `counted` (a SELECT of its columns over the records) inside the caller's transaction:
    never half rebuilt."""
    conn.execute(text(f"DELETE FROM {table}"))
    conn.execute(text(f"INSERT INTO {table} ({', '.join(columns)}) {counted}"))


def drift(conn: Connection, table: str, key: Sequence[str], counts: Sequence[str],
          counted: str) -> list[tuple[object, ...]]:
    """(*key, kept counts, counted counts) for every key whose kept counts differ from the records' own, sorted
    (empty when right); all-zero rows count as absent."""
    width = len(key)

    def rows(sql: str) -> dict[tuple[object, ...], tuple[int, ...]]:
        out = {}
        for row in conn.execute(text(sql)):
            values = tuple(int(v) for v in row[width:])
            if any(values):
                out[(str(row[0]), *(int(k) for k in row[1:width]))] = values
        return out

    kept = rows(f"SELECT {', '.join((*key, *counts))} FROM {table}")
    found = rows(counted)
    return sorted((*k, kept.get(k), found.get(k)) for k in kept.keys() | found.keys() if kept.get(k) != found.get(k))
