"""Writing an import's rows in bulk: the driver's executemany with each value converted once by its column's type.

SQLAlchemy's own executemany prepares every row's parameters afresh (a sixth of importing a full package, issue 23)
and its formatting of instants an attribute at a time another thirtieth; here a statement is made once per table and
columns, and the rows go to the driver as plain tuples. What is stored must be exactly what SQLAlchemy's insert stores
(tests/unit/test_exchange_bulk_write.py compares them).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Dialect, Table, insert
from sqlalchemy.dialects.sqlite import DATE as SQLITE_DATE
from sqlalchemy.dialects.sqlite import DATETIME as SQLITE_DATETIME
from sqlalchemy.types import TypeEngine

from controllers.exchange.schema import PortableRow, TableSpec


def bind_converter(kind: TypeEngine[Any], dialect: Dialect) -> Callable[[Any], Any] | None:
    """The column type's conversion of a value for the driver (None: the driver takes it as it is).

    SQLite's instants and days are text in SQLAlchemy's default storage format, which isoformat writes exactly (and
    in C): SQLAlchemy's own formatting, an attribute at a time, was a thirtieth of importing a full package (issue
    23). Anything other than a plain naive datetime or date, and any other storage format, goes the usual way."""
    impl = kind.dialect_impl(dialect)
    usual = impl.bind_processor(dialect)
    if usual is None:
        return None
    if isinstance(impl, SQLITE_DATETIME) and impl._storage_format == SQLITE_DATETIME._storage_format:
        return lambda v: v.isoformat(" ", "microseconds") if type(v) is datetime and v.tzinfo is None else usual(v)
    if isinstance(impl, SQLITE_DATE) and impl._storage_format == SQLITE_DATE._storage_format:
        return lambda v: v.isoformat() if type(v) is date else usual(v)
    return usual


def insert_many(conn: Connection, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert the rows (all with the same columns) in one executemany.

    On SQLite the statement is compiled once and the driver is handed the rows as tuples, each value through its
    column's bind conversion: SQLAlchemy's own executemany prepares every row's parameters afresh, which was a
    sixth of importing a full package (issue 23). Rows of differing columns, a column the rows leave to a default,
    and other engines go through SQLAlchemy as before."""
    if not rows:
        return
    keys = tuple(rows[0])
    sql = (_statement(conn.dialect, table, keys)
           if conn.dialect.name == "sqlite" and all(len(r) == len(keys) for r in rows) else None)
    if sql is not None:
        convert = [(name, bind_converter(table.c[name].type, conn.dialect)) for name in keys]
        try:
            params = [tuple([f(r[name]) if f else r[name] for name, f in convert]) for r in rows]
        except KeyError:
            params = None  # a row without one of the first row's columns: SQLAlchemy says what is wrong
        if params is not None:
            conn.exec_driver_sql(sql, params)
            return
    conn.execute(insert(table), list(rows))


def _as_is(value: Any) -> Any:
    return value


def _stamps(ts: TableSpec, row: PortableRow) -> dict[str, Any]:
    """What an inserted row takes from the portable row beside its values."""
    return {"uuid": row.uuid, "created_at": row.created_at, "updated_at": row.updated_at,
            **({"version": row.version or 1} if ts.has_version else {})}


_STATEMENTS: dict[tuple[str, Table, tuple[str, ...]], str | None] = {}


def _statement(dialect: Dialect, t: Table, names: tuple[str, ...]) -> str | None:
    """The positional INSERT of these columns in this order; None when SQLAlchemy's would bind more (a column left to
    a Python-side default), which only SQLAlchemy's insert fills in."""
    key = (dialect.name, t, names)
    if key not in _STATEMENTS:
        compiled = insert(t).compile(dialect=dialect, column_keys=list(names))
        prep = dialect.identifier_preparer
        _STATEMENTS[key] = (f"INSERT INTO {prep.format_table(t)} ({', '.join(prep.quote(t.c[n].name) for n in names)}) "
                            f"VALUES ({', '.join('?' * len(names))})"
                            if compiled.positional and sorted(compiled.positiontup or ()) == sorted(names) else None)
    return _STATEMENTS[key]


def insert_new(conn: Connection, ts: TableSpec, rows: Sequence[tuple[PortableRow, Mapping[str, Any]]]) -> None:
    """Insert new rows of `ts` (each a portable row and its resolved column values, all with the same columns).

    On SQLite each row's parameters are one tuple built straight from its values (taken in C by an itemgetter) and its
    stamps, each value through its column's conversion once, where a merged dict per row and a conversion call per
    column was 7 s of a full package (issue 23). Rows of differing columns, and other engines, go through insert_many.
    """
    if not rows:
        return
    made = _as_tuples(conn.dialect, ts, rows) if conn.dialect.name == "sqlite" else None
    if made is None:
        insert_many(conn, ts.table, [{**v, **_stamps(ts, r)} for r, v in rows])
    else:
        conn.exec_driver_sql(*made)


def _as_tuples(dialect: Dialect, ts: TableSpec, rows: Sequence[tuple[PortableRow, Mapping[str, Any]]]
               ) -> tuple[str, list[tuple[Any, ...]]] | None:
    """The statement and the rows' parameters; None when the rows must go through SQLAlchemy."""
    t = ts.table
    keys = tuple(rows[0][1])
    stamps = tuple(_stamps(ts, rows[0][0]))
    if set(keys) & set(stamps) or any(len(v) != len(keys) for _r, v in rows):
        return None
    sql = _statement(dialect, t, (*keys, *stamps))
    if sql is None:
        return None
    take = itemgetter(*keys) if len(keys) > 1 else (lambda v: (v[keys[0]],)) if keys else (lambda _v: ())
    typed = [(i, f) for i, n in enumerate(keys) if (f := bind_converter(t.c[n].type, dialect)) is not None]
    uuid_of, created_of, updated_of = (bind_converter(t.c[n].type, dialect) or _as_is
                                       for n in ("uuid", "created_at", "updated_at"))
    versioned = ts.has_version
    params = []
    try:
        for row, values in rows:
            got = take(values)
            if typed:
                got = list(got)
                for i, f in typed:
                    got[i] = f(got[i])
            params.append((*got, uuid_of(row.uuid), created_of(row.created_at), updated_of(row.updated_at),
                           *((row.version or 1,) if versioned else ())))
    except KeyError:  # a row without one of the first row's columns: SQLAlchemy says what is wrong
        return None
    return sql, params
