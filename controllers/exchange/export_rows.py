"""One table's rows as a package carries them (PortableRow.to_json's form), built straight from the database's tuples.

A full package of a 100,000-case station is 1.3 million rows: building a PortableRow for each and turning it into
JSON again took a third of the export (issue 23). Here each column's conversion is chosen once by its type, and a
row goes from the tuple to the dict json encodes in one step. The result is the same text, row for row, as
`read_rows(...)` followed by `PortableRow.to_json` (tests/unit/test_exchange_export_rows.py compares them).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import cache
from typing import Any

from sqlalchemy import Connection, Date, DateTime, Uuid

from controllers.exchange.apply import Columns, UuidMap, batch_links, row_batches
from controllers.exchange.schema import spec

JsonRow = dict[str, Any]


@cache
def _converted(table: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The fields whose package form differs from the value read: (dates and instants, UUIDs); the others travel as
    read (schema.to_json leaves them alone too)."""
    ts = spec(table)
    kinds = {name: ts.table.c[name].type for name in ts.fields}
    return (tuple(n for n, k in kinds.items() if isinstance(k, Date | DateTime)),
            tuple(n for n, k in kinds.items() if isinstance(k, Uuid)))


def json_rows(conn: Connection, table: str, uuids: UuidMap, *, ids: Sequence[int] | None = None,
              chunk: int = 2000) -> Iterator[list[JsonRow]]:
    """The table's rows (or only `ids`) in package form, a chunk at a time in id order."""
    ts = spec(table)
    cols = Columns.of(ts)
    first, last = cols.first_field, cols.first_field + len(cols.fields)
    names = cols.fields
    stamps, uuid_fields = _converted(table)
    ref_maps: list[tuple[int, str, dict[int, str]]] | None = None
    for batch in row_batches(conn, cols, ids=ids, chunk=chunk):
        if ref_maps is None:  # the referenced tables' UUIDs, loaded whole the first time a row needs them
            ref_maps = [(Columns.FIRST_REF + k, col, uuids.hex_of(ts.refs[col])) for k, col in enumerate(cols.refs)]
        links = batch_links(conn, ts, [r[0] for r in batch], uuids.hex_of) if ts.links else None
        out: list[JsonRow] = []
        for n, r in enumerate(batch):
            fields = dict(zip(names, r[first:last], strict=False))  # the slice is exactly as long
            # Replaced in place: the key keeps its place, and so the text its order.
            for name in stamps:
                if (value := fields[name]) is not None:
                    fields[name] = value.isoformat()
            for name in uuid_fields:
                if (value := fields[name]) is not None:
                    fields[name] = value.hex
            row: JsonRow = {"uuid": r[1].hex, "created_at": r[2].isoformat(), "updated_at": r[3].isoformat(),
                            "fields": fields,
                            "refs": {col: (None if (v := r[i]) is None else hexes[v]) for i, col, hexes in ref_maps}}
            if links is not None:
                row["links"] = links[n]
            out.append(row)
        yield out
