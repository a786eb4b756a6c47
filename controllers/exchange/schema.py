"""Which tables travel between databases, how their rows are matched, and the portable form rows travel in.

A portable row names itself by UUID and every record it references by that record's UUID, never by integer id
(ids differ between databases). Reference rows seeded separately on each side (streets, categories...) carry
different UUIDs for the same thing, so they are also matched by their natural key. Used by migrate-to (whole
database) and by exchange packages (changes since a date).
"""

from __future__ import annotations

import sys
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import cache
from operator import gt, itemgetter, length_hint
from typing import Any
from uuid import UUID

from sqlalchemy import Boolean, Date, DateTime, Integer, String, Table, Uuid

from controllers.storage.attachments import is_sha256
from models.schema import metadata

_iso_stamp = datetime.fromisoformat
_iso_day = date.fromisoformat
_TEXT_OR_NULL = frozenset({str, type(None)})

_new_object = object.__new__
_set_slot = object.__setattr__
_UNKNOWN_SAFETY = uuid.SafeUUID.unknown  # an Enum member: looked up once, not per UUID

# Natural keys of rows that each side may have created on its own (the seed, or the same estate typed twice).
# Cases and complaints are deliberately absent: two stations' 2025-长征-0001 are different cases.
NATURAL_KEYS: dict[str, tuple[str, ...]] = {
    "streets": ("name",),
    "estate_grades": ("name",),
    "property_companies": ("name",),
    "estates": ("street_id", "name"),
    "estate_aliases": ("alias",),
    "estate_populations": ("estate_id", "as_of"),
    "estate_grade_changes": ("estate_id", "effective_from"),
    "staff": ("badge_no",),
    "regulations": ("name",),
    "categories": ("code",),
    "departments": ("name",),
    "training_kinds": ("name",),
    "calendar_days": ("day",),
    "users": ("username",),
    "brief_issues": ("station_name", "year", "number"),
    "supervision_orders": ("station_name", "year", "number"),
    "exchange_peers": ("station_uuid",),
    # Seeded at every station (issue 21): the same category's 受理告知 named alike is the same template.
    "reply_templates": ("category_id", "kind", "name"),
}

# Personal data blanked in a package unless the user asks for it (privacy.py masks the same fields on screen).
PERSONAL: dict[str, tuple[str, ...]] = {
    "complaints": ("complainant_name", "complainant_phone"),
    "training_attendees": ("name", "phone"),
    "estate_contacts": ("name", "phone"),
    "cases": ("party_name", "party_id_no", "party_phone"),
}

# Columns naming a file in the attachment store: a path is built from them, so only a well-formed hash is accepted.
HASH_FIELDS: dict[str, tuple[str, ...]] = {"attachments": ("sha256",)}
# Integer columns hold 32-bit values on PostgreSQL (and nothing wider fits SQLite): a larger number in a package is
# refused as damage before it reaches the database.
INT_RANGE = (-(2**31), 2**31 - 1)

# Exchange packages: reference tables always travel whole (small, and every record points into them); the
# station's own work travels when changed since the date asked for, together with whatever it references.
REFERENCE_TABLES = (
    "streets", "estate_grades", "property_companies", "estates", "estate_aliases", "estate_populations",
    "estate_contacts", "staff", "regulations", "categories", "departments", "training_kinds", "calendar_days",
    "reply_templates",
    "estate_grade_changes",
)
WORK_TABLES = (
    "cases", "case_events", "complaints", "referrals", "trainings", "training_attendees", "meetings",
    "meeting_actions", "attachments", "brief_issues", "typical_cases", "supervision_orders", "patrols", "patrol_visits",
    "patrol_checks",
)
# Records the app can delete and nothing points at but records deleted with them: their deletions travel too
# (exchange_tombstones, kept by triggers that migration 0010 put on exactly these tables). An estate's contact people
# are personal data, its population records feed 投诉万人比, calendar days move deadlines: one removed here must not
# come back with the next package. A deletion finds the other side's record by UUID, so it reaches records that
# travelled from one station to the other, not the same row typed (or seeded) at both. Parents first.
# migration 0013 (issue 21): a template or a typical-case mark removed here stays removed. A patrol typed by mistake,
# with its estates and lines, and a grade change entered wrongly (migration 0011) too. Attachments come last: a
# finding's photos belong to a patrol's checklist line.
DELETABLE_TABLES = ("meetings", "meeting_actions", "trainings", "training_attendees", "brief_issues",
                    "estate_contacts", "estate_aliases", "estate_populations", "calendar_days",
                    "reply_templates", "typical_cases", "estate_grade_changes", "patrols", "patrol_visits",
                    "patrol_checks", "attachments")
# Never in a package as rows: accounts and passwords, the audit log, this database's own settings and exchange state.
LOCAL_ONLY = frozenset({"users", "user_estates", "audit_log", "settings", "exchange_peers", "exchange_conflicts",
                        "exchange_tombstones"})

# Columns never compared or copied as content: the local key, and the optimistic-lock counter (bumped on write).
SKIP_COLUMNS = frozenset({"id", "uuid", "version"})
STAMPS = ("created_at", "updated_at")


@dataclass(frozen=True)
class LinkSpec:
    """A many-to-many table carried inside its owner's rows: owner column, other column, other table."""

    table: Table
    owner_col: str
    other_col: str
    other_table: str


@dataclass(frozen=True)
class TableSpec:
    """How one table's rows are read, matched and written."""

    table: Table
    name: str
    refs: dict[str, str]  # foreign-key column -> referenced table (always its `id`)
    fields: tuple[str, ...]  # plain content columns (no id/uuid/version/stamps/refs)
    natural_key: tuple[str, ...] = ()
    personal: tuple[str, ...] = ()
    links: tuple[LinkSpec, ...] = field(default_factory=tuple)

    @property
    def has_version(self) -> bool:
        return "version" in self.table.c

    def blank(self, column: str) -> Any:
        """The value a personal column gets in a package without personal data ('' where NULL is not allowed)."""
        return None if self.table.c[column].nullable else ""


def _is_link(table: Table) -> bool:
    return "id" not in table.c and len(table.foreign_keys) == 2 and len(table.c) == 2


@cache
def _links_by_owner() -> dict[str, tuple[LinkSpec, ...]]:
    owned: dict[str, list[LinkSpec]] = {}
    for table in metadata.sorted_tables:
        if not _is_link(table):
            continue
        # The owner is the side whose deletion cascades (a case owns its regulations, not the other way round).
        cols = list(table.c)
        fks = {c.name: next(iter(c.foreign_keys)) for c in cols}
        owner = next(c.name for c in cols if fks[c.name].ondelete == "CASCADE")
        other = next(c.name for c in cols if c.name != owner)
        spec = LinkSpec(table, owner, other, fks[other].column.table.name)
        owned.setdefault(fks[owner].column.table.name, []).append(spec)
    return {k: tuple(v) for k, v in owned.items()}


@cache
def spec(name: str) -> TableSpec:
    table = metadata.tables[name]
    refs = {c.name: next(iter(c.foreign_keys)).column.table.name for c in table.c if c.foreign_keys}
    fields = tuple(c.name for c in table.c if c.name not in SKIP_COLUMNS and c.name not in refs
                   and c.name not in STAMPS)
    return TableSpec(table=table, name=name, refs=refs, fields=fields, natural_key=NATURAL_KEYS.get(name, ()),
                     personal=PERSONAL.get(name, ()), links=_links_by_owner().get(name, ()))


@cache
def _ordered() -> tuple[str, ...]:
    names = [t.name for t in metadata.sorted_tables if "uuid" in t.c]
    # A row's links are written with it, so the linked table (regulations for categories) must come first too.
    deps = {n: {r for r in spec(n).refs.values() if r != n} | {lk.other_table for lk in spec(n).links}
            for n in names}
    done: list[str] = []
    while len(done) < len(names):
        ready = next(n for n in names if n not in done and deps[n] <= set(done))
        done.append(ready)
    return tuple(done)


def record_tables() -> list[str]:
    """Every table with a UUID, referenced tables (and linked ones) before the tables that point at them."""
    return list(_ordered())


def package_tables() -> list[str]:
    return [n for n in record_tables() if n in REFERENCE_TABLES or n in WORK_TABLES]


# -- values ---------------------------------------------------------------------------------------------------

def to_json(value: Any) -> Any:
    """A column value as JSON can hold it (dates and instants as ISO text, UUIDs as hex)."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return value.hex
    return value


def from_json(table: Table, column: str, value: Any) -> Any:
    """The inverse of to_json for one column, by the column's type; raises ValueError/TypeError on bad input."""
    return None if value is None else column_reader(table.name, column)(value)


# What a column's package value is read as, by the column's type (the order matters: Boolean is no Integer, but
# DateTime and Date must be told apart first).
STAMP, DAY, UUID_KIND, TRUTH, WHOLE, TEXT = "stamp", "date", "uuid", "bool", "int", "text"
NO_LIMIT = sys.maxsize


@cache
def column_kind(table: str, column: str) -> tuple[str, int]:
    """The kind of value a column reads (one of the names above) and the longest text it takes."""
    kind = metadata.tables[table].c[column].type
    for sa_type, name in ((DateTime, STAMP), (Date, DAY), (Uuid, UUID_KIND), (Boolean, TRUTH), (Integer, WHOLE)):
        if isinstance(kind, sa_type):
            return name, NO_LIMIT
    return TEXT, (kind.length or NO_LIMIT) if isinstance(kind, String) else NO_LIMIT


@cache
def column_reader(table: str, column: str) -> Callable[[Any], Any]:
    """The checked conversion of one column's non-null package value, chosen once per column by its type: a full
    package has a million rows, and asking each value's column for its type was a third of reading one."""
    plain = _plain_reader(table, column)

    def read(value: Any) -> Any:
        if isinstance(value, str) and "\x00" in value:
            raise TypeError(column)  # PostgreSQL refuses NUL characters in text, SQLite would keep them
        return plain(value)

    return read


def _plain_reader(table: str, column: str) -> Callable[[Any], Any]:
    """column_reader without the NUL check: a row read from a line without a \\u0000 escape holds no NUL (JSON
    cannot hold a raw one), and one with it is swept for NUL once (see _holds_nul)."""
    kind, limit = column_kind(table, column)
    if kind == STAMP:
        return lambda value: value if isinstance(value, datetime) else _stamp(value)
    if kind == DAY:
        return lambda value: value if isinstance(value, date) else _day(value)
    if kind == UUID_KIND:
        return lambda value: value if isinstance(value, uuid.UUID) else parse_uuid(value)
    if kind == TRUTH:
        return _boolean(column)
    if kind == WHOLE:
        return _integer(column)
    return lambda value: _text(value, limit)


def _boolean(column: str) -> Callable[[Any], bool]:
    def read(value: Any) -> bool:
        if not isinstance(value, bool):  # 0, "no", "false": never read as a truth value
            raise TypeError(column)
        return value

    return read


def _integer(column: str) -> Callable[[Any], int]:
    low, high = INT_RANGE

    def read(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise TypeError(column)
        return value

    return read


def _text(value: Any, limit: int | None) -> str:
    """A string that fits its column (PostgreSQL refuses longer text and NUL characters, SQLite would keep them)."""
    if not isinstance(value, str) or "\x00" in value or (limit is not None and len(value) > limit):
        raise TypeError("text")
    return value


def _uuid_of(number: int) -> UUID:
    """UUID(int=number) for a number known to fit, without UUID.__init__'s checks of arguments it was not given (a
    third of reading a row went there: a full package holds three million UUIDs). Set as __init__ sets them."""
    made = _new_object(UUID)
    _set_slot(made, "int", number)
    _set_slot(made, "is_safe", _UNKNOWN_SAFETY)
    return made


def parse_uuid(value: Any) -> UUID:
    """A UUID as packages write it (hex text); ValueError/TypeError for anything else."""
    if value.__class__ is str and len(value) == 32 and "-" not in value:
        # What UUID(text) does with such text, step for step: its removal of "urn:", "uuid:", braces and hyphens
        # changes nothing that int() would take (int refuses ':', '{' and '}'; '-' is ruled out above), so both read
        # int(value, 16), which refuses NUL, and 32 characters of it fit in 128 bits and are not negative.
        return _uuid_of(int(value, 16))
    return UUID(_text(value, 36))


# References repeat (a case's events name it, every complaint its street and category): the UUIDs of the last few
# thousand referenced are kept by their text, and shared (a UUID cannot be changed). Emptied when full.
_REFERENCED: dict[str, UUID] = {}
_REFERENCED_MAX = 16384


def _referenced(refs: dict[str, Any]) -> dict[str, UUID | None]:
    """{name: parse_uuid(value) if value else None} for a row's references."""
    out: dict[str, UUID | None] = {}
    for name, value in refs.items():
        if not value:
            out[name] = None
        elif (known := _REFERENCED.get(value) if value.__class__ is str else None) is not None:
            out[name] = known
        else:
            out[name] = made = parse_uuid(value)
            if len(_REFERENCED) >= _REFERENCED_MAX:
                _REFERENCED.clear()
            _REFERENCED[value] = made
    return out


def parse_stamp(value: Any) -> datetime:
    """An instant as packages write it: ISO text in naive UTC (one with an offset is brought to naive UTC, so it
    compares with ours); ValueError/TypeError for anything else."""
    return _stamp(_text(value, 40))


def _stamp(value: Any) -> datetime:
    """parse_stamp without the NUL check (see _plain_reader)."""
    if not isinstance(value, str) or len(value) > 40:
        raise TypeError("stamp")
    stamp = _iso_stamp(value)
    if stamp.tzinfo is not None:
        stamp = stamp.astimezone(UTC).replace(tzinfo=None)
    return stamp


def _day(value: Any) -> date:
    if not isinstance(value, str) or len(value) > 10:
        raise TypeError("date")
    return _iso_day(value)


@dataclass(frozen=True)
class _Shape:
    """What a table's package rows may and must hold, worked out once per table (a full package has a million
    rows: building these sets and looking up each column's reader per row was a fifth of reading one, issue 23).
    Columns are grouped by kind so that the usual values (text, whole numbers, ISO dates and instants) are checked
    and converted without a call per value; anything unusual goes to the column's reader, which decides."""

    fields: frozenset[str]
    required: frozenset[str]
    refs: frozenset[str]
    links: frozenset[str]
    texts: tuple[tuple[str, int], ...]  # text columns and their longest text
    text_values: Callable[[dict[str, Any]], tuple[Any, ...]]  # the text columns' values, in that order
    text_limits: tuple[int, ...]
    wholes: tuple[tuple[str, Reader], ...]
    truths: tuple[tuple[str, Reader], ...]
    days: tuple[tuple[str, Reader], ...]
    stamps: tuple[tuple[str, Reader], ...]
    others: tuple[tuple[str, Reader], ...]  # UUID columns that are no reference
    hashes: tuple[str, ...]

    def _texts_fit(self, fields: dict[str, Any]) -> bool:
        """Whether every text column is there and holds text that fits it, or null: the usual row, found without
        a line of Python per value (the loop in read_fields decides every other row)."""
        if len(self.texts) < 2:
            return False  # itemgetter of one name gives no tuple
        try:
            values = self.text_values(fields)
        except KeyError:
            return False  # a personal field left out
        # length_hint(None) is 0, length_hint(text) its length (only exact str gets here)
        return _TEXT_OR_NULL.issuperset(map(type, values)) and not any(map(gt, map(length_hint, values),
                                                                         self.text_limits))

    def read_fields(self, given: dict[str, Any]) -> dict[str, Any]:
        """A row's checked fields: the same keys, text and numbers as given, dates, instants and UUIDs parsed.
        The readers used here leave NUL to the caller (see _plain_reader)."""
        fields = given.copy()  # checked and converted in place: the caller's dict stays as it was given
        if not self._texts_fit(fields):
            for name, limit in self.texts:
                value = fields.get(name)
                if value is not None and (not isinstance(value, str) or len(value) > limit):
                    raise TypeError(name)
        low, high = INT_RANGE
        for name, read in self.wholes:
            value = fields.get(name)
            if value is not None and (value.__class__ is not int or not low <= value <= high):
                read(value)  # refuses it, or keeps an int of another class as it is
        for name, read in self.truths:
            value = fields.get(name)
            if value is not None and value.__class__ is not bool:
                read(value)  # refuses it
        for name, read in self.days:
            value = fields.get(name)
            if value is not None:
                fields[name] = _iso_day(value) if value.__class__ is str and len(value) <= 10 else read(value)
        for name, read in self.stamps:
            value = fields.get(name)
            if value is not None:
                if value.__class__ is str and len(value) <= 40 and (stamp := _iso_stamp(value)).tzinfo is None:
                    fields[name] = stamp
                else:
                    fields[name] = read(value)
        for name, read in self.others:
            value = fields.get(name)
            if value is not None:
                fields[name] = read(value)
        return fields


Reader = Callable[[Any], Any]


@cache
def _shape(table: str) -> _Shape:
    ts = spec(table)
    kinds = {name: column_kind(table, name)[0] for name in ts.fields}

    def readers(*wanted: str) -> tuple[tuple[str, Reader], ...]:
        return tuple((name, _plain_reader(table, name)) for name, kind in kinds.items() if kind in wanted)

    texts = tuple((name, column_kind(table, name)[1]) for name, kind in kinds.items() if kind == TEXT)
    return _Shape(fields=frozenset(ts.fields), required=frozenset(ts.fields) - frozenset(ts.personal),
                  refs=frozenset(ts.refs), links=frozenset(link.table.name for link in ts.links),
                  texts=texts, text_values=itemgetter(*(name for name, _ in texts)) if texts else tuple,
                  text_limits=tuple(limit for _, limit in texts),
                  wholes=readers(WHOLE), truths=readers(TRUTH), days=readers(DAY), stamps=readers(STAMP),
                  others=readers(UUID_KIND), hashes=HASH_FIELDS.get(table, ()))


def _holds_nul(data: Mapping[str, Any], fields: dict[str, Any], refs: dict[str, Any],
               links: dict[str, list[Any]]) -> bool:
    """Whether any value a row's readers take as text holds a NUL character (they all refuse one)."""
    values = [data.get("uuid"), data.get("created_at"), data.get("updated_at"), *fields.values(), *refs.values()]
    for items in links.values():
        values += items
    return any(isinstance(v, str) and "\x00" in v for v in values)


@dataclass(slots=True)  # no __dict__: a full package makes 1.3 million of these, each one object less to collect
class PortableRow:
    """One record in database-neutral form: own UUID, stamps, plain fields, references and links by UUID."""

    table: str
    uuid: UUID
    created_at: datetime
    updated_at: datetime
    fields: dict[str, Any]
    refs: dict[str, UUID | None]
    links: dict[str, list[UUID]] = field(default_factory=dict)
    version: int | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"uuid": self.uuid.hex, "created_at": self.created_at.isoformat(),
                               "updated_at": self.updated_at.isoformat(),
                               "fields": {k: to_json(v) for k, v in self.fields.items()},
                               "refs": {k: (v.hex if v else None) for k, v in self.refs.items()}}
        if self.links:
            out["links"] = {k: [u.hex for u in v] for k, v in self.links.items()}
        return out

    @classmethod
    def from_json(cls, table: str, data: Mapping[str, Any], *, may_hold_nul: bool = True) -> PortableRow:
        """Parse and type-check one package row; ValueError/TypeError/KeyError on anything malformed.

        may_hold_nul=False is for a row read from JSON text without a \\u0000 escape: no string in it can hold a NUL
        character, so the check for one is left out (a package's reading does this for nearly every line)."""
        shape = _shape(table)
        if not isinstance(data, dict):
            raise TypeError(table)
        fields = data["fields"]
        refs = data.get("refs") or {}
        links = data.get("links") or {}
        if not isinstance(fields, dict) or not isinstance(refs, dict) or not isinstance(links, dict):
            raise TypeError(table)
        if not shape.fields.issuperset(fields) or not shape.refs.issuperset(refs) or not shape.links.issuperset(links):
            raise ValueError(f"{table}: unknown columns")
        # Only personal fields may be left out (a package without personal data omits them): a row missing anything
        # else cannot be inserted and would be mistaken for a change when compared.
        if not shape.required.issubset(fields):
            raise ValueError(f"{table}: missing columns")
        if links and any(not isinstance(v, list) for v in links.values()):
            raise TypeError(table)
        if may_hold_nul and _holds_nul(data, fields, refs, links):
            raise TypeError(table)
        fields = shape.read_fields(fields)
        if shape.hashes and not all(is_sha256(fields.get(k)) for k in shape.hashes):
            raise ValueError(f"{table}: not a file hash")
        return cls(table, parse_uuid(data["uuid"]), _stamp(data["created_at"]), _stamp(data["updated_at"]), fields,
                   _referenced(refs) if refs else {},
                   {k: [parse_uuid(u) for u in v] for k, v in links.items()} if links else {})
