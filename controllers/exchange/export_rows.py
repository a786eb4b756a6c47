"""One table's rows as a package carries them (PortableRow.to_json's form), built straight from the database's tuples.

A full package of a 100,000-case station is 1.3 million rows: building a PortableRow for each and turning it into
JSON again took a third of the export (issue 23). Here each column's conversion is chosen once by its type, and a
row goes from the tuple to the dict json encodes in one step. The result is the same text, row for row, as
`read_rows(...)` followed by `PortableRow.to_json` (tests/unit/test_exchange_export_rows.py compares them).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime
from functools import cache
from typing import Any

from sqlalchemy import Connection

from controllers.exchange.apply import Columns, UuidMap, batch_links, id_pages, row_batches
from controllers.exchange.schema import DAY, STAMP, UUID_KIND, column_kind, spec

JsonRow = dict[str, Any]


@cache
def _converted(table: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The fields whose package form differs from the value read: (dates and instants, UUIDs); the others travel as
    read (schema.to_json leaves them alone too)."""
    kinds = {name: column_kind(table, name)[0] for name in spec(table).fields}
    return (tuple(n for n, k in kinds.items() if k in (DAY, STAMP)),
            tuple(n for n, k in kinds.items() if k == UUID_KIND))


# SQLite's stored forms as SQLAlchemy writes them: a UUID's 32 hex digits, a date, an instant with microseconds.
_HEX32 = re.compile(r"[0-9a-f]{32}")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_INSTANT = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6}", re.ASCII)
# The time of an instant when it is one datetime.fromisoformat takes (hours to 23, minutes and seconds to 59).
_CLOCK = re.compile(r"(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{6}", re.ASCII)
# Distinct days a conversion remembers as valid: a ledger's rows fall on a few thousand days.
_DAYS_REMEMBERED = 100_000
Convert = Callable[[Any], Any]


def _stored_to_package(column: Any, dialect: Any) -> Convert | None:
    """A function from the value SQLite holds to the package's form of the column (None: as read). The stored form
    is taken as it is (a UUID's hex) or parsed in C (a date, an instant); anything else goes through the column
    type's own result processor, as a select would, so the text is the same either way."""
    kind = column_kind(column.table.name, column.name)[0]
    proc = column.type.dialect_impl(dialect).result_processor(dialect, None)  # what a select's result applies
    if kind == UUID_KIND:
        return lambda v: v if v is None or (type(v) is str and _HEX32.fullmatch(v)) else proc(v).hex
    if kind == STAMP:
        return _stamps(proc)
    if kind == DAY:
        return _days(proc)
    return proc


def _days(proc: Convert) -> Convert:
    """A stored day in package form. A valid day's text is its own package form, so each distinct day is parsed
    once and then passed by a set lookup (parsing every one was a twentieth of a full export, issue 23)."""
    valid: set[str] = set()

    def day(v: Any) -> Any:
        if v in valid:
            return v
        out = (None if v is None else date.fromisoformat(v).isoformat()
               if type(v) is str and _DATE.fullmatch(v) else proc(v).isoformat())
        if out == v and len(valid) < _DAYS_REMEMBERED:
            valid.add(v)
        return out
    return day


def _stamps(proc: Convert) -> Convert:
    """A stored instant in package form (datetime.isoformat's: a T, microseconds only when not zero). One whose day
    has been met and whose time is in range is rewritten by slicing; the others are parsed as before."""
    days: set[str] = set()

    def stamp(v: Any) -> Any:
        if type(v) is str and len(v) == 26 and v[:10] in days and v[10] == " " and _CLOCK.fullmatch(v, 11):
            return f"{v[:10]}T{v[11:19] if v.endswith('000000') else v[11:]}"
        if v is None:
            return None
        if type(v) is str and _INSTANT.fullmatch(v):
            out = datetime.fromisoformat(v).isoformat()
            if len(days) < _DAYS_REMEMBERED:
                days.add(v[:10])  # a valid day: fromisoformat took it
            return out
        return proc(v).isoformat()
    return stamp


def _sqlite_batches(conn: Connection, cols: Columns, *, ids: Sequence[int] | None,
                    chunk: int) -> Iterator[list[tuple[Any, ...]]]:
    """Like apply.row_batches on SQLite, through the driver's cursor: the UUIDs and stamps already in package form,
    each value converted once by its column (SQLAlchemy's rows and result processors were a fifth of a full
    package's export, issue 23)."""
    t = cols.ts.table
    quote = conn.dialect.identifier_preparer.quote
    converts = [_stored_to_package(t.c[n], conn.dialect) for n in cols.names]
    head = f"SELECT {', '.join(quote(n) for n in cols.names)} FROM {quote(t.name)} WHERE "
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    pages = id_pages(lambda after, n: cursor.execute(head + "id > ? ORDER BY id LIMIT ?", (after, n)).fetchall(),
                     lambda part: cursor.execute(head + f"id IN ({', '.join('?' * len(part))}) ORDER BY id",
                                                 part).fetchall(), ids=ids, chunk=chunk)
    for raw in pages:
        by_column = zip(converts, zip(*raw, strict=True), strict=True)
        columns = [list(column) if c is None else list(map(c, column)) for c, column in by_column]
        yield list(zip(*columns, strict=True))


def json_rows(conn: Connection, table: str, uuids: UuidMap, *, ids: Sequence[int] | None = None,
              chunk: int = 2000) -> Iterator[list[JsonRow]]:
    """The table's rows (or only `ids`) in package form, a chunk at a time in id order."""
    ts = spec(table)
    cols = Columns.of(ts)
    first, last = cols.first_field, cols.first_field + len(cols.fields)
    names = cols.fields
    stamps, uuid_fields = _converted(table)
    ref_maps: list[tuple[int, str, dict[int, str]]] | None = None
    stored = conn.dialect.name == "sqlite"  # rows come in package form already (see _sqlite_batches)
    batches = (_sqlite_batches(conn, cols, ids=ids, chunk=chunk) if stored
               else row_batches(conn, cols, ids=ids, chunk=chunk))
    for batch in batches:
        if ref_maps is None:  # the referenced tables' UUIDs, loaded whole the first time a row needs them
            ref_maps = [(Columns.FIRST_REF + k, col, uuids.hex_of(ts.refs[col])) for k, col in enumerate(cols.refs)]
        links = batch_links(conn, ts, [r[0] for r in batch], uuids.hex_of) if ts.links else None
        out: list[JsonRow] = []
        for n, r in enumerate(batch):
            fields = dict(zip(names, r[first:last], strict=False))  # the slice is exactly as long
            if stored:
                uid, created, updated = r[1], r[2], r[3]
            else:
                _to_package(fields, stamps, uuid_fields)
                uid, created, updated = r[1].hex, r[2].isoformat(), r[3].isoformat()
            row: JsonRow = {"uuid": uid, "created_at": created, "updated_at": updated, "fields": fields,
                            "refs": {col: (None if (v := r[i]) is None else hexes[v]) for i, col, hexes in ref_maps}}
            if links is not None:
                row["links"] = links[n]
            out.append(row)
        yield out


def _to_package(fields: dict[str, Any], stamps: tuple[str, ...], uuid_fields: tuple[str, ...]) -> None:
    """Dates, instants and UUIDs read through SQLAlchemy, in package form. Replaced in place: the key keeps its
    place, and so the text its order."""
    for name in stamps:
        if (value := fields[name]) is not None:
            fields[name] = value.isoformat()
    for name in uuid_fields:
        if (value := fields[name]) is not None:
            fields[name] = value.hex
