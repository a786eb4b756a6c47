"""Exchange packages, deletions: records deleted at one station go at the other, unless changed there meanwhile.

A package carries the tombstones of the work records deleted at its station (exchange_tombstones, kept by triggers).
The same judgement as for edits applies (`judge`):
- their deletion of a record we did not change since the last exchange deletes it here (its dependents go with it,
  as they went there);
- their deletion of a record we changed, or whose dependents we changed, is a conflict "对方已删除": the record and
  its dependents stay until a person decides;
- a record we deleted comes back only when they changed it knowing of our deletion; changed without knowing, it is
  a conflict "本机已删除"; unchanged, it stays deleted (a full re-export no longer puts deleted records back).
  Records that point at it wait with it.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from controllers.core.clock import utcnow
from controllers.exchange.apply import CONFLICT, KEEP, UPDATE
from controllers.exchange.schema import DELETABLE_TABLES, PortableRow, parse_stamp, parse_uuid, spec
from models.exchange import ExchangePeer, ExchangeTombstone

DELETED_THERE, DELETED_HERE, BOTH_CHANGED = "对方已删除", "本机已删除", "双方都修改过"


@dataclass(frozen=True)
class Deletion:
    """A record deleted at the package's station: when (that station's clock), and the version it deleted."""

    entity: str
    uuid: uuid.UUID
    deleted_at: datetime
    updated_at: datetime  # the record's own stamp when deleted

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Deletion:
        """Parse one entry of deletions.json; ValueError/TypeError/KeyError on anything malformed."""
        if not isinstance(data, dict):
            raise TypeError("deletion")
        entity = data["entity"]
        if not isinstance(entity, str) or entity not in DELETABLE_TABLES:
            raise ValueError("deletion of an unknown table")
        return cls(entity=entity, uuid=parse_uuid(data["uuid"]), deleted_at=parse_stamp(data["deleted_at"]),
                   updated_at=parse_stamp(data["updated_at"]))

    def to_json(self) -> dict[str, str]:
        return {"entity": self.entity, "uuid": self.uuid.hex, "deleted_at": self.deleted_at.isoformat(),
                "updated_at": self.updated_at.isoformat()}


@dataclass(frozen=True)
class Watermarks:
    """What tells their changes from ours (see exchange_import): the peer as we knew it, and what they saw of us."""

    peer: ExchangePeer | None
    seen_us: datetime | None
    their_open: frozenset[str] = frozenset()  # records they are deciding about: left alone here meanwhile

    def judge(self, theirs_at: datetime, mine_at: datetime) -> str:
        """UPDATE (take their change), KEEP (ours stands) or CONFLICT, from when each side last changed the record."""
        peer = self.peer
        if peer is not None and theirs_at <= peer.last_exported_at:
            return KEEP  # not changed there since their last package we imported
        if self.seen_us is None and peer is None:
            return UPDATE if theirs_at > mine_at else KEEP  # first contact: nothing to judge by but age
        since = self.seen_us if self.seen_us is not None else peer.last_imported_at if peer is not None else mine_at
        return CONFLICT if mine_at > since else UPDATE


@dataclass
class DeletionResult:
    """What applying their deletions did; `conflicts` pairs each deletion with when we last changed the record."""

    deleted: int = 0
    kept: int = 0
    conflicts: list[tuple[Deletion, datetime]] = field(default_factory=list)


def _dependent_columns(entity: str) -> list[tuple[str, str]]:
    """(table, column) of the deletable records that point at `entity` and go with it (ON DELETE CASCADE)."""
    out = []
    for child in DELETABLE_TABLES:
        for col, target in spec(child).refs.items():
            if target == entity and child != entity:
                out.append((child, col))
    return out


def _dependents(conn: Connection, entity: str, local_id: int) -> list[tuple[str, uuid.UUID, datetime]]:
    """(table, uuid, updated_at) of the records that depend on this one (a meeting's actions, its attachments...)."""
    out = []
    for child, col in _dependent_columns(entity):
        t = spec(child).table
        out += [(child, u, at) for u, at in conn.execute(select(t.c.uuid, t.c.updated_at).where(t.c[col] == local_id))]
    return out


def stamp_with_dependents(conn: Connection, entity: str, record_uuid: uuid.UUID) -> None:
    """Mark a record and what depends on it as changed now, so the next package carries them as the newer side."""
    t = spec(entity).table
    local_id = conn.execute(select(t.c.id).where(t.c.uuid == record_uuid)).scalar()
    if local_id is None:
        return
    now = utcnow()
    conn.execute(update(t).where(t.c.id == local_id).values(updated_at=now))
    for child, col in _dependent_columns(entity):
        ct = spec(child).table
        conn.execute(update(ct).where(ct.c[col] == local_id).values(updated_at=now))


def apply_deletions(conn: Connection, deletions: Sequence[Deletion], marks: Watermarks) -> DeletionResult:
    """Delete here what they deleted, where we did not change it since; the rest is kept or becomes a conflict."""
    result = DeletionResult()
    held: dict[str, set[int]] = {t: set() for t in DELETABLE_TABLES}  # records kept here, with their dependents
    deleted = {(d.entity, d.uuid): d.updated_at for d in deletions}  # the versions they deleted
    for d in sorted(deletions, key=lambda d: DELETABLE_TABLES.index(d.entity)):
        ts = spec(d.entity)
        t = ts.table
        local = conn.execute(select(t).where(t.c.uuid == d.uuid)).mappings().first()
        if local is None:
            # Remembered, so a third station's copy does not bring it back (a cascade here may have left it already).
            remembered = select(ExchangeTombstone.entity).where(ExchangeTombstone.entity == d.entity,
                                                                ExchangeTombstone.record_uuid == d.uuid)
            if conn.execute(remembered).first() is None:
                conn.execute(insert(ExchangeTombstone).values(
                    entity=d.entity, record_uuid=d.uuid, deleted_at=d.deleted_at, record_updated_at=d.updated_at))
            continue
        if d.uuid.hex in marks.their_open or any(
                local[col] in held.get(target, ()) for col, target in ts.refs.items()):
            held[d.entity].add(local["id"])
            result.kept += 1
            continue
        dependents = _dependents(conn, d.entity, local["id"])
        mine_at = max([local["updated_at"], *(at for _t, _u, at in dependents)])
        # Nothing here newer than the versions they deleted (the record and what went with it): it goes, whatever
        # the clocks say. Otherwise judged as an edit would be.
        unchanged = local["updated_at"] <= d.updated_at and all(
            at <= deleted.get((child, u), datetime.min) for child, u, at in dependents)
        outcome = UPDATE if unchanged else marks.judge(d.deleted_at, mine_at)
        if outcome == UPDATE:
            conn.execute(delete(t).where(t.c.id == local["id"]))
            result.deleted += 1
            continue
        held[d.entity].add(local["id"])
        if outcome == CONFLICT:
            result.conflicts.append((d, mine_at))
        else:
            result.kept += 1
    return result


def _tombstones(conn: Connection) -> dict[tuple[str, uuid.UUID], tuple[datetime, datetime]]:
    """(entity, uuid) -> (deleted at, the record's stamp when deleted)."""
    t = ExchangeTombstone
    stmt = select(t.entity, t.record_uuid, t.deleted_at, t.record_updated_at)
    return {(e, u): (at, version) for e, u, at, version in conn.execute(stmt)}


@dataclass
class Screened:
    """A table's incoming rows sorted out against our deletions."""

    rows: list[PortableRow]  # to apply as usual (including records we deleted that come back)
    kept: int = 0  # stay deleted here
    conflicts: list[tuple[PortableRow, datetime]] = field(default_factory=list)  # with our deletion's time


class DeletedHere:
    """Sorts incoming rows of deletable tables against the records deleted here, table by table, parents first."""

    def __init__(self, conn: Connection, marks: Watermarks) -> None:
        self.marks = marks
        self.tombstones = _tombstones(conn)
        self.back: set[uuid.UUID] = set()  # deleted here, coming back in this import
        self.waiting: dict[tuple[str, uuid.UUID], datetime] = {}  # deleted here and staying so (for now)
        self.in_conflict: set[uuid.UUID] = set()

    def _gone(self, key: tuple[str, uuid.UUID]) -> datetime | None:
        """When the record was deleted here, if it is and stays so."""
        if key in self.waiting:
            return self.waiting[key]
        found = None if key[1] in self.back else self.tombstones.get(key)
        return found[0] if found else None

    def _unchanged_there(self, table: str, row: PortableRow) -> bool:
        """Their copy is no newer than the version deleted here."""
        found = self.tombstones.get((table, row.uuid))
        return found is not None and row.updated_at <= found[1]

    def _outcome(self, row: PortableRow, gone: datetime | None, parent: tuple[str, uuid.UUID] | None) -> str:
        if row.uuid.hex in self.marks.their_open:
            return KEEP
        if parent is None:
            assert gone is not None
            return KEEP if self._unchanged_there(row.table, row) else self.marks.judge(row.updated_at, gone)
        if parent[1] in self.in_conflict:
            return CONFLICT  # waits with its record for the person's decision
        # Under a record that stays deleted here: changed or added there, a person decides; otherwise it stays out.
        if self._unchanged_there(row.table, row):
            return KEEP
        return KEEP if self.marks.judge(row.updated_at, gone or datetime.min) == KEEP else CONFLICT

    def screen(self, table: str, rows: Sequence[PortableRow]) -> Screened:
        if table not in DELETABLE_TABLES or not (self.tombstones or self.waiting):
            return Screened(rows=list(rows))  # nothing deleted here (a new station): every row goes on as it is
        out = Screened(rows=[])
        refs = spec(table).refs
        for row in rows:
            gone = self._gone((table, row.uuid))
            parent = next((p for p in ((refs[c], u) for c, u in row.refs.items() if u is not None)
                           if self._gone(p) is not None), None)
            if gone is None and parent is None:
                out.rows.append(row)
                continue
            outcome = self._outcome(row, gone, parent)
            if outcome == UPDATE:
                self.back.add(row.uuid)
                out.rows.append(row)
                continue
            deleted_at = gone or (self._gone(parent) if parent else None) or datetime.min
            self.waiting[(table, row.uuid)] = deleted_at
            if outcome == CONFLICT:
                self.in_conflict.add(row.uuid)
                out.conflicts.append((row, deleted_at))
            else:
                out.kept += 1
        return out
