"""Reading records out of one database as portable rows, and writing portable rows into another.

Writes go through SQLAlchemy Core on a caller's connection (one transaction per call of the caller's choosing),
so nothing here is SQLite-only. What to do with a record that exists on both sides is the caller's policy:
migrate-to lets the newer side win, an exchange import detects conflicts.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from operator import attrgetter
from typing import Any

from sqlalchemy import Connection, RowMapping, Table, and_, delete, func, insert, select, update

from controllers.exchange.bulk_insert import insert_many, insert_new
from controllers.exchange.schema import PortableRow, TableSpec, spec
from controllers.exchange.stand_ins import stand_ins
from models import search

# The full-text index of a base table, kept by hand for Core writes on SQLite (see models/search.py).
_SEARCH_INDEX = {base: index for index, (base, _expr) in search.INDEXES.items()}
IN_CHUNK = 900  # stays under SQLite's default limit of bound parameters in one IN (...)


def _chunks(items: Sequence[Any], size: int = IN_CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


# SQLite's page cache while a big batch of rows is written (see page_cache): the indexes of a 100,000-case station
# fit in it; the pages are taken only as they are used, and given back when the import ends.
BULK_CACHE_MIB = 256


@contextmanager
def page_cache(conn: Connection, mib: int = BULK_CACHE_MIB) -> Iterator[None]:
    """A larger SQLite page cache on this connection for the duration (nothing on PostgreSQL, whose server has its
    own shared buffers); the connection's own setting comes back afterwards, as it goes back to the pool."""
    if conn.dialect.name != "sqlite":
        yield
        return
    before = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    conn.exec_driver_sql(f"PRAGMA cache_size=-{int(mib) * 1024}")
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size={int(before or -2000)}")


class MissingReference(Exception):
    """A row points at a record the target does not have (and that did not travel with it)."""

    def __init__(self, table: str, column: str, ref: uuid.UUID) -> None:
        super().__init__(f"{table}.{column} -> {ref}")
        self.table, self.column, self.ref = table, column, ref


class UuidMap:
    """id -> UUID of the rows of a source database, loaded one whole table at a time when first needed."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self._maps: dict[str, dict[int, uuid.UUID]] = {}
        self._hexes: dict[str, dict[int, str]] = {}

    def of(self, table: str) -> dict[int, uuid.UUID]:
        if table not in self._maps:
            t = spec(table).table
            self._maps[table] = {i: u for i, u in self.conn.execute(select(t.c.id, t.c.uuid))}
        return self._maps[table]

    def hex_of(self, table: str) -> dict[int, str]:
        """id -> UUID as a package writes it (hex), for the export's rows."""
        if table not in self._hexes:
            self._hexes[table] = {i: u.hex for i, u in self.of(table).items()}
        return self._hexes[table]


@dataclass(frozen=True)
class Columns:
    """The order in which a table's columns are read for the exchange: id, uuid, the stamps, the references, the
    fields, the version if any. Rows are read as plain tuples in this order: read as mappings, a full package of a
    100,000-case station spent a quarter of its export building them (issue 23)."""

    ts: TableSpec
    refs: tuple[str, ...]
    fields: tuple[str, ...]

    @classmethod
    def of(cls, ts: TableSpec) -> Columns:
        return cls(ts, tuple(ts.refs), ts.fields)

    @property
    def names(self) -> tuple[str, ...]:
        return ("id", "uuid", "created_at", "updated_at", *self.refs, *self.fields,
                *(("version",) if self.ts.has_version else ()))

    FIRST_REF = 4

    @property
    def first_field(self) -> int:
        return self.FIRST_REF + len(self.refs)


Batch = Sequence[Sequence[Any]]


def id_pages(past: Callable[[int, int], Batch], among: Callable[[Sequence[int]], Batch], *,
             ids: Sequence[int] | None, chunk: int) -> Iterator[Batch]:
    """Rows a chunk at a time in id order, each row's first value its id: `past(last_id, n)` gives the next n rows
    after the last one read, or, when only `ids` are wanted, `among(part)` gives those of a part of them (at most
    IN_CHUNK at a time). How the rows are read is the caller's; the paging is the same for every reader."""
    selected = sorted(ids) if ids is not None else None
    after, pos = 0, 0
    while True:
        if selected is None:
            batch = past(after, chunk)
        else:
            part = selected[pos:pos + min(chunk, IN_CHUNK)]
            pos += len(part)
            batch = among(part) if part else []
        if not batch:
            return
        after = batch[-1][0]
        yield batch


def row_batches(conn: Connection, cols: Columns, *, ids: Sequence[int] | None = None,
                chunk: int = 2000) -> Iterator[Batch]:
    """The table's rows (or only `ids`) as tuples in `cols` order, a chunk at a time in id order."""
    t = cols.ts.table
    stmt = select(*(t.c[n] for n in cols.names)).order_by(t.c.id)
    return id_pages(lambda after, n: conn.execute(stmt.where(t.c.id > after).limit(n)).all(),
                    lambda part: conn.execute(stmt.where(t.c.id.in_(part))).all(), ids=ids, chunk=chunk)


def batch_links(conn: Connection, ts: TableSpec, owner_ids: Sequence[int],
                others_of: Callable[[str], Mapping[int, Any]]) -> list[dict[str, list[Any]]]:
    """Each owner's links, per link table, as the other side's UUIDs (`others_of(table)` maps an id to the form
    wanted: a UUID, or its hex for a package), sorted; one query per link table."""
    out: list[dict[str, list[Any]]] = [{lk.table.name: [] for lk in ts.links} for _ in owner_ids]
    if not ts.links:
        return out
    pos = {owner: i for i, owner in enumerate(owner_ids)}
    for link in ts.links:
        lt = link.table
        others = others_of(link.other_table)
        for owner_id, other_id in conn.execute(select(lt.c[link.owner_col], lt.c[link.other_col])
                                               .where(lt.c[link.owner_col].in_(list(pos)))):
            out[pos[owner_id]][lt.name].append(others[other_id])
    for links in out:
        for others_list in links.values():
            others_list.sort()  # a UUID's hex sorts as the UUID does
    return out


def read_rows(conn: Connection, table: str, uuids: UuidMap, *, ids: Sequence[int] | None = None,
              chunk: int = 2000) -> Iterator[list[PortableRow]]:
    """The table's rows (or only `ids`) as portable rows, a chunk at a time in id order."""
    ts = spec(table)
    cols = Columns.of(ts)
    targets = [(col, ts.refs[col]) for col in cols.refs]
    first = cols.first_field
    version = len(cols.names) - 1 if ts.has_version else None
    for batch in row_batches(conn, cols, ids=ids, chunk=chunk):
        links = batch_links(conn, ts, [r[0] for r in batch], uuids.of)
        yield [PortableRow(table=table, uuid=r[1], created_at=r[2], updated_at=r[3],
                           fields=dict(zip(cols.fields, r[first:first + len(cols.fields)], strict=True)),
                           refs={col: (uuids.of(target)[v] if (v := r[Columns.FIRST_REF + k]) is not None else None)
                                 for k, (col, target) in enumerate(targets)},
                           links=rl if ts.links else {}, version=r[version] if version is not None else None)
               for r, rl in zip(batch, links, strict=True)]


_INT = attrgetter("int")  # a UUID's number, the key of Applier.ids

# -- writing ----------------------------------------------------------------------------------------------------

# What a policy may answer for a row that exists on both sides and differs: write it, leave ours, or a conflict.
UPDATE, KEEP, CONFLICT = "update", "keep", "conflict"
Policy = Callable[[PortableRow, RowMapping], str]


@dataclass
class TableResult:
    """What happened to one table's rows."""

    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    kept: int = 0  # ours differs and was left as it is (newer here, or the other side did not change it)
    conflicts: list[tuple[PortableRow, RowMapping]] = field(default_factory=list)

    def add(self, other: TableResult) -> None:
        self.inserted += other.inserted
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.kept += other.kept
        self.conflicts += other.conflicts


class Applier:
    """Writes portable rows into one database, translating UUIDs to that database's ids as it goes."""

    def __init__(self, *, personal: bool = True, keep_originals: bool = True) -> None:
        self.personal = personal  # False: the rows carry no personal data; any personal field in them is ignored
        # True: a blanked or masked copy of a value never overwrites it (another station's copy). migrate-to copies
        # the station's own book to its own server, where a name erased here must be erased there too.
        self.keep_originals = keep_originals
        # Table -> a UUID's int -> its id here. Keyed by the int: a UUID's hash is a call into Python (uuid.py), made
        # for every reference of every row, where an int's is C (a second of a full package, issue 23).
        self.ids: dict[str, dict[int, int]] = {}
        # Tables that held no row when this applier first wrote to them: their rows are those it wrote, all in ids.
        self.was_empty: dict[str, bool] = {}

    def remember(self, table: str, ref: uuid.UUID, local_id: int) -> None:
        """Note the id here of a record of `table` (found or written by the caller)."""
        self.ids.setdefault(table, {})[ref.int] = local_id

    def id_of(self, table: str, ref: uuid.UUID) -> int:
        """The id here of a record this applier has met, without asking the database; KeyError if it has not."""
        return self.ids[table][ref.int]

    def local_id(self, conn: Connection, table: str, ref: uuid.UUID) -> int | None:
        known = self.ids.get(table)
        if known is None:
            known = self.ids[table] = {}
        found = known.get(ref.int)
        if found is None:
            t = spec(table).table
            found = conn.execute(select(t.c.id).where(t.c.uuid == ref)).scalar()
            if found is None:
                return None
            known[ref.int] = found
        return found

    def resolve(self, conn: Connection, ts: TableSpec, row: PortableRow,
                 deferred: list[tuple[PortableRow, str]]) -> dict[str, Any]:
        values = dict(row.fields)
        for col, ref in row.refs.items():
            if ref is None:
                values[col] = None
                continue
            target = ts.refs[col]
            known = self.ids.get(target)
            # the usual case inline: a call to local_id per reference was a twentieth of a full package (issue 23)
            local = known.get(ref.int) if known is not None else None
            if local is None:
                local = self.local_id(conn, target, ref)
                if local is None:
                    if target != ts.name:
                        raise MissingReference(ts.name, col, ref)
                    deferred.append((row, col))  # a record of the same table written later in this batch
            values[col] = local
        return values

    def existing(self, conn: Connection, ts: TableSpec, rows: Sequence[PortableRow],
                  resolved: Sequence[dict[str, Any]]) -> list[RowMapping | None]:
        t = ts.table
        if ts.name not in self.was_empty:
            self.was_empty[ts.name] = conn.execute(select(t.c.id).limit(1)).first() is None
        wanted = [r.uuid for r in rows]
        if self.was_empty[ts.name]:
            # Only a row this import wrote can be there: a full package into a new station asked the database
            # about a million UUIDs it could not hold (issue 23).
            ours = self.ids.get(ts.name, {})
            wanted = [u for u in wanted if u.int in ours]
        by_uuid: dict[uuid.UUID, RowMapping] = {}
        for part in _chunks(wanted):
            by_uuid.update({m["uuid"]: m for m in conn.execute(select(t).where(t.c.uuid.in_(part))).mappings()})
        out: list[RowMapping | None] = []
        for row, values in zip(rows, resolved, strict=True):
            found = by_uuid.get(row.uuid)
            if found is None and ts.natural_key and all(values.get(k) is not None for k in ts.natural_key):
                cond = and_(*(t.c[k] == values[k] for k in ts.natural_key))
                found = conn.execute(select(t).where(cond)).mappings().first()
            out.append(found)
        return out

    @staticmethod
    def local_links(conn: Connection, ts: TableSpec, local_ids: Sequence[int]) -> dict[int, dict[str, list[int]]]:
        """The links these rows have here, in one query per link table and chunk."""
        out: dict[int, dict[str, list[int]]] = {i: {lk.table.name: [] for lk in ts.links} for i in local_ids}
        for link in ts.links:
            lt = link.table
            for part in _chunks(list(local_ids)):
                for owner, other in conn.execute(select(lt.c[link.owner_col], lt.c[link.other_col])
                                                 .where(lt.c[link.owner_col].in_(part))):
                    out[owner][lt.name].append(other)
        for links in out.values():
            for others in links.values():
                others.sort()
        return out

    def row_links(self, conn: Connection, ts: TableSpec, row: PortableRow) -> dict[str, list[int]]:
        out = {}
        for link in ts.links:
            wanted = row.links.get(link.table.name, [])
            local = [self.local_id(conn, link.other_table, u) for u in wanted]
            if any(i is None for i in local):
                raise MissingReference(link.table.name, link.other_col, wanted[local.index(None)])
            out[link.table.name] = sorted(i for i in local if i is not None)
        return out

    def same(self, conn: Connection, ts: TableSpec, row: PortableRow, values: Mapping[str, Any],
             local: RowMapping, local_links: Mapping[int, dict[str, list[int]]]) -> bool:
        """True when writing the row would change nothing we compare (stamps and the lock counter aside)."""
        if any(local[k] != v for k, v in values.items()):
            return False
        return not ts.links or local_links[local["id"]] == self.row_links(conn, ts, row)

    @staticmethod
    def deferred() -> list[tuple[PortableRow, str]]:
        """References to rows of the same table not written yet, for a caller applying a table in chunks."""
        return []

    def apply(self, conn: Connection, table: str, rows: Sequence[PortableRow], policy: Policy, *,
              deferred: list[tuple[PortableRow, str]] | None = None) -> TableResult:
        """Insert new rows, compare existing ones and ask `policy` about those that differ.

        References to rows of the same table later in `rows` are set at the end; a caller applying one table in
        several chunks passes one `deferred` list to every chunk and calls finish_deferred after the last.
        """
        ts = spec(table)
        t = ts.table
        result = TableResult()
        chunked = deferred is not None
        deferred = self.deferred() if deferred is None else deferred
        resolved = [self.resolve(conn, ts, r, deferred) for r in rows]
        inserts, touched = [], []
        found = self.existing(conn, ts, rows, resolved)
        links = self.local_links(conn, ts, [f["id"] for f in found if f is not None]) if ts.links else {}
        blanks = {c: ts.blank(c) for c in ts.personal}
        for row, values, local in zip(rows, resolved, found, strict=True):
            for col in ts.personal if not self.personal else ():
                values.pop(col, None)  # a package without personal data has none to give, whatever it holds
            if local is None:
                # A field travels only when the package carries it: what it left out starts blank here.
                inserts.append((row, {**blanks, **values} if blanks else values))
                continue
            self.remember(table, row.uuid, local["id"])
            for col in stand_ins(ts, values, local) if self.keep_originals else ():
                values.pop(col)  # a blanked or masked copy of ours is not a change (exchange_stand_ins)
            # Names a package brings for a record we hold without them (an earlier package left them out) fill in.
            fill = {c: values[c] for c in ts.personal if self.personal and values.get(c) not in (None, "")
                    and local[c] in (None, "")}
            if self.same(conn, ts, row, {k: v for k, v in values.items() if k not in fill}, local, links):
                if fill:
                    conn.execute(update(t).where(t.c.id == local["id"]).values(**fill))
                    touched.append(local["id"])
                    result.updated += 1
                else:
                    result.unchanged += 1
                continue
            outcome = policy(row, local)
            if outcome == UPDATE:
                self._update(conn, ts, row, values, local)
                touched.append(local["id"])
                result.updated += 1
            elif outcome == CONFLICT:
                result.conflicts.append((row, local))
            else:
                result.kept += 1
        index = _SEARCH_INDEX.get(table) if conn.dialect.name == "sqlite" else None
        texts: list[tuple[int, str]] = []
        if inserts:
            before = conn.execute(select(func.max(t.c.id))).scalar() or 0
            insert_new(conn, ts, inserts)
            new_uuids = [r.uuid for r, _v in inserts]
            known = self.ids.setdefault(table, {})
            self._learn_new_ids(conn, t, before, new_uuids, known)
            for (_row, values), u in zip(inserts, new_uuids, strict=True):
                # A new row's searched text is the values just written: reading each back was half the reindex.
                doc = search.document_text(index, values) if index is not None else None
                if doc is None:
                    touched.append(known[u.int])
                else:
                    texts.append((known[u.int], doc))
            self._insert_links(conn, ts, [row for row, _values in inserts])
            result.inserted += len(inserts)
        if not chunked:
            self.finish_deferred(conn, table, deferred)
        if index is not None:
            search.reindex(conn, index, sorted(touched))
            search.index_texts(conn, index, texts)
        return result

    @staticmethod
    def _learn_new_ids(conn: Connection, t: Table, before: int, new_uuids: Sequence[uuid.UUID],
                       known: dict[int, int]) -> None:
        """The ids of rows just inserted. New ids follow the largest before them (SQLite, a sequence), so those
        past it are read in id order, not looked up a UUID at a time in the UUID index (issue 23); when they are
        not exactly these rows (a rowid chosen at random at its limit, rows of another transaction), by UUID."""
        if conn.dialect.name == "sqlite" and new_uuids:
            # SQLite gives each inserted row the largest rowid (or AUTOINCREMENT's sequence) plus one, in insert
            # order, and only once the largest possible rowid is taken does it pick unused ones at random, which
            # then cannot lie past `before`. So n ids past `before`, n apart from first to last, are these rows in
            # order: three numbers prove it, where reading every new row's UUID back was 4 s of a full package.
            n, low, high = conn.execute(select(func.count(), func.min(t.c.id), func.max(t.c.id))
                                        .where(t.c.id > before)).one()
            if n == len(new_uuids) and low is not None and high - low + 1 == n:
                known.update(zip(map(_INT, new_uuids), range(low, high + 1), strict=True))
                return
        past = {u.int: i for u, i in conn.execute(select(t.c.uuid, t.c.id).where(t.c.id > before))}
        if len(past) == len(new_uuids) and all(u.int in past for u in new_uuids):
            known.update(past)
            return
        for part in _chunks(new_uuids):
            for local_id, u in conn.execute(select(t.c.id, t.c.uuid).where(t.c.uuid.in_(part))):
                known[u.int] = local_id

    def _update(self, conn: Connection, ts: TableSpec, row: PortableRow, values: dict[str, Any],
                local: RowMapping) -> None:
        extra: dict[str, Any] = {"updated_at": row.updated_at}
        if ts.has_version:  # an editor holding the old version must see that the record changed under it
            extra["version"] = max(local["version"] + 1, row.version or 1)
        conn.execute(update(ts.table).where(ts.table.c.id == local["id"]).values(**values, **extra))
        self._write_links(conn, ts, row)

    def _write_links(self, conn: Connection, ts: TableSpec, row: PortableRow) -> None:
        if not ts.links:
            return
        owner = self.id_of(ts.name, row.uuid)
        for name, others in self.row_links(conn, ts, row).items():
            link = next(lk for lk in ts.links if lk.table.name == name)
            lt = link.table
            conn.execute(delete(lt).where(lt.c[link.owner_col] == owner))
            if others:
                conn.execute(insert(lt), [{link.owner_col: owner, link.other_col: o} for o in others])

    def _insert_links(self, conn: Connection, ts: TableSpec, rows: Sequence[PortableRow]) -> None:
        """The links of rows just inserted (they have none here yet): one insert per link table, not per row."""
        if not ts.links:
            return
        owners = self.ids[ts.name]
        by_name = {link.table.name: link for link in ts.links}
        pairs: dict[str, list[dict[str, int]]] = {name: [] for name in by_name}
        for row in rows:
            for name, others in self.row_links(conn, ts, row).items():
                link = by_name[name]
                pairs[name] += [{link.owner_col: owners[row.uuid.int], link.other_col: o} for o in others]
        for name, values in pairs.items():
            insert_many(conn, by_name[name].table, values)

    def finish_deferred(self, conn: Connection, table: str, deferred: list[tuple[PortableRow, str]]) -> None:
        ts = spec(table)
        for row, col in deferred:
            ref = row.refs[col]
            assert ref is not None
            target = self.local_id(conn, ts.name, ref)
            own = self.ids.get(ts.name, {}).get(row.uuid.int)
            if target is None or own is None:
                raise MissingReference(ts.name, col, ref)
            conn.execute(update(ts.table).where(ts.table.c.id == own).values({col: target}))

    def localize(self, conn: Connection, row: PortableRow) -> PortableRow:
        """The row with its references renamed to this database's UUIDs (for a conflict stored to decide later)."""
        ts = spec(row.table)
        refs: dict[str, uuid.UUID | None] = {}
        for col, ref in row.refs.items():
            local = self.local_id(conn, ts.refs[col], ref) if ref is not None else None
            refs[col] = self._uuid_of(conn, ts.refs[col], local) if local is not None else ref
        links = {}
        for link in ts.links:
            got = [self.local_id(conn, link.other_table, u) for u in row.links.get(link.table.name, [])]
            links[link.table.name] = [self._uuid_of(conn, link.other_table, i) for i in got if i is not None]
        return PortableRow(table=row.table, uuid=row.uuid, created_at=row.created_at, updated_at=row.updated_at,
                           fields=dict(row.fields), refs=refs, links=links, version=row.version)

    @staticmethod
    def _uuid_of(conn: Connection, table: str, local_id: int) -> uuid.UUID:
        t = spec(table).table
        return conn.execute(select(t.c.uuid).where(t.c.id == local_id)).scalar_one()


def newer_wins(row: PortableRow, local: RowMapping) -> str:
    """migrate-to's policy: the copy's version replaces ours only when it is newer; ties go to the copy."""
    stamp: datetime = local["updated_at"]
    return UPDATE if row.updated_at >= stamp else KEEP
