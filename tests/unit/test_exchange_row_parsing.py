"""A package row is read faster since issue 23 (orjson, NUL looked for once per line, UUIDs made from int(), columns
grouped by kind), and must be read exactly as before: the same lines accepted, the same refused, the same values
of the same types. The rows reading did before is written out here the straightforward way (json.loads, then each
value through a check chosen by its column's type) and compared with the app's on generated rows of several tables,
valid and mutated: wrong types, bool for int and int for bool, NUL, text one past its limit, every way UUID() bends
a UUID's text, stamps with offsets, keys missing and unknown, lines with odd JSON."""

from __future__ import annotations

import dataclasses
import gc
import json
import zipfile
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any
from uuid import UUID

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from sqlalchemy import Boolean, Date, DateTime, Integer, String, Uuid

from controllers.exchange.package import BadPackageError, Package, row_json
from controllers.exchange.schema import HASH_FIELDS, INT_RANGE, PortableRow, parse_stamp, parse_uuid, spec
from controllers.storage.attachments import is_sha256
from models.schema import metadata
from tests.unit.bad_input_kit import PROPERTY

# What reading a damaged row may raise (package.DAMAGE, of which these are what parsing one line can raise).
REFUSED = (ValueError, TypeError, KeyError, AttributeError, RecursionError, OverflowError)
ROWS = settings(PROPERTY, max_examples=500)
# Cases and complaints (wide, personal data, dates, whole numbers), case events and patrol lines (the most rows),
# categories and trainings (links to other tables), attachments (a file hash), referrals (references left empty).
TABLES = ("cases", "complaints", "case_events", "patrol_checks", "categories", "trainings", "attachments",
          "referrals")


# -- the reading of before, written out ------------------------------------------------------------------------

def _text(value: Any, limit: int | None) -> str:
    if not isinstance(value, str) or "\x00" in value or (limit is not None and len(value) > limit):
        raise TypeError("text")
    return value


def _uuid(value: Any) -> UUID:
    return UUID(_text(value, 36))


def _stamp(value: Any) -> datetime:
    stamp = datetime.fromisoformat(_text(value, 40))
    return stamp if stamp.tzinfo is None else stamp.astimezone(UTC).replace(tzinfo=None)


def _value(table: str, column: str, value: Any) -> Any:
    kind = metadata.tables[table].c[column].type
    if isinstance(kind, DateTime):
        return value if isinstance(value, datetime) else _stamp(value)
    if isinstance(kind, Date):
        return value if isinstance(value, date) else date.fromisoformat(_text(value, 10))
    if isinstance(kind, Uuid):
        return value if isinstance(value, UUID) else _uuid(value)
    if isinstance(kind, Boolean):
        if not isinstance(value, bool):
            raise TypeError(column)
        return value
    if isinstance(kind, Integer):
        if isinstance(value, bool) or not isinstance(value, int) or not INT_RANGE[0] <= value <= INT_RANGE[1]:
            raise TypeError(column)
        return value
    return _text(value, kind.length if isinstance(kind, String) else None)


def reference_row(table: str, line: bytes) -> PortableRow:
    ts = spec(table)
    data = json.loads(line.removesuffix(b","))
    if not isinstance(data, dict):
        raise TypeError(table)
    fields, refs, links = data["fields"], data.get("refs") or {}, data.get("links") or {}
    if not isinstance(fields, dict) or not isinstance(refs, dict) or not isinstance(links, dict):
        raise TypeError(table)
    if set(fields) - set(ts.fields) or set(refs) - set(ts.refs) or set(links) - {lk.table.name for lk in ts.links}:
        raise ValueError(table)
    if set(ts.fields) - set(ts.personal) - set(fields):
        raise ValueError(table)
    if any(not isinstance(v, list) for v in links.values()):
        raise TypeError(table)
    row = PortableRow(table, _uuid(data["uuid"]), _stamp(data["created_at"]), _stamp(data["updated_at"]),
                      {k: None if v is None else _value(table, k, v) for k, v in fields.items()},
                      {k: _uuid(v) if v else None for k, v in refs.items()},
                      {k: [_uuid(u) for u in v] for k, v in links.items()})
    if not all(is_sha256(row.fields.get(k)) for k in HASH_FIELDS.get(table, ())):
        raise ValueError(table)
    return row


def app_row(table: str, line: bytes) -> PortableRow:
    """What Package._parse does with one line (after the line's blanks are stripped)."""
    data, may_hold_nul = row_json(line)
    return PortableRow.from_json(table, data, may_hold_nul=may_hold_nul)


def _typed(value: Any) -> Any:
    """A value with the type of every part spelled out: 1 and True, or a UUID and its subclass, are not alike."""
    if isinstance(value, dict):
        return {k: _typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_typed(v) for v in value]
    return type(value), value, hash(value)


def outcome(read: Any, table: str, line: bytes) -> tuple[str, Any]:
    try:
        row = read(table, line)
    except REFUSED as exc:
        return "refused", type(exc).__name__
    return "read", _typed({f.name: getattr(row, f.name) for f in dataclasses.fields(row)})


def assert_read_alike(table: str, line: bytes) -> None:
    ours, theirs = outcome(app_row, table, line), outcome(reference_row, table, line)
    assert ours[0] == theirs[0], (line, ours, theirs)
    if ours[0] == "read":
        assert ours == theirs, line


# -- generated rows ---------------------------------------------------------------------------------------------

hexes = st.uuids().map(lambda u: u.hex)
stamps = st.datetimes(datetime(1990, 1, 1), datetime(2090, 1, 1))
offsets = st.sampled_from([UTC, timezone(timedelta(hours=8)), timezone(timedelta(hours=-5, minutes=-30))])
# What UUID() takes beside 32 lower-case hex digits, and what it refuses that int(text, 16) would take.
BENT_UUIDS = [
    lambda h: h.upper(), lambda h: "{" + h + "}", lambda h: str(UUID(h)), lambda h: "urn:uuid:" + h,
    lambda h: h[:31], lambda h: h + "0", lambda h: "+" + h[1:], lambda h: h[:10] + "_" + h[11:],
    lambda h: " " + h[1:], lambda h: h[1:] + " ", lambda h: "-" + h[1:], lambda h: "0x" + h[2:],
    lambda h: h[:5] + "\x00" + h[6:], lambda h: "٣" + h[1:], lambda h: "０" * 32, lambda h: h[:16] + "-" + h[17:],
    lambda h: h[:8] + "-" + h[8:], lambda h: "{" + h[1:-1] + "}", lambda h: h[:4] + "g" + h[5:], lambda h: "",
    lambda h: "-" * 32, lambda h: "0" * 31 + "-", lambda h: "+0x" + h[3:], lambda h: "uuid:" + h,
]
bent_uuids = st.tuples(hexes, st.sampled_from(BENT_UUIDS)).map(lambda p: p[1](p[0]))
any_uuid = st.one_of(hexes, hexes, bent_uuids, st.integers(), st.none(), st.booleans())
any_stamp = st.one_of(
    stamps.map(datetime.isoformat),
    st.tuples(stamps, offsets).map(lambda p: p[0].replace(tzinfo=p[1]).isoformat()),
    stamps.map(lambda d: d.isoformat() + "Z"), stamps.map(lambda d: d.date().isoformat()),
    stamps.map(lambda d: d.isoformat(sep=" ", timespec="microseconds") + "0" * 20),
    st.sampled_from(["", "2024-13-01T00:00:00", "2024-01-01T24:00:00", "9999-12-31T23:59:59-23:59", "x\x00"]),
    st.integers(), st.text(max_size=12))
WRONG = st.one_of(st.integers(), st.booleans(), st.floats(allow_nan=False), st.text(max_size=5), st.just([]),
                  st.just({}), st.sampled_from([2**31, -(2**31) - 1, 2**31 - 1, 0, 1, 2**64, "1", "true"]))


def valid_value(table: str, column: str) -> st.SearchStrategy[Any]:
    kind = metadata.tables[table].c[column].type
    if isinstance(kind, DateTime):
        return stamps.map(datetime.isoformat)
    if isinstance(kind, Date):
        return st.dates().map(date.isoformat)
    if isinstance(kind, Uuid):
        return hexes
    if isinstance(kind, Boolean):
        return st.booleans()
    if isinstance(kind, Integer):
        return st.integers(*INT_RANGE)
    if column in HASH_FIELDS.get(table, ()):
        return st.binary(min_size=32, max_size=32).map(bytes.hex)
    limit = kind.length if isinstance(kind, String) and kind.length else 60
    return st.one_of(st.text(max_size=min(limit, 30)), st.text("长征镇梅川路 ", max_size=limit).map(
        lambda t: t[:limit]), st.just("长" * limit))


def _edges(table: str, column: str) -> st.SearchStrategy[Any]:
    """Values near or past what a column takes."""
    kind = metadata.tables[table].c[column].type
    if isinstance(kind, String) and kind.length:
        n = kind.length
        return st.sampled_from(["长" * (n + 1), "a" * n, "a" * (n - 1) + "\x00", "\x00"])
    if isinstance(kind, DateTime):
        return any_stamp
    if isinstance(kind, Uuid):
        return any_uuid
    return WRONG


@st.composite
def row_lines(draw: st.DrawFn, table: str) -> bytes:
    ts = spec(table)
    nullable = {c.name for c in ts.table.c if c.nullable}
    fields = {name: (None if name in nullable and draw(st.integers(0, 4)) == 0 else draw(valid_value(table, name)))
              for name in ts.fields}
    refs = {name: (None if name in nullable and draw(st.booleans()) else draw(hexes)) for name in ts.refs}
    row: dict[str, Any] = {"uuid": draw(hexes), "created_at": draw(stamps).isoformat(),
                           "updated_at": draw(stamps).isoformat(), "fields": fields, "refs": refs}
    if ts.links:
        row["links"] = {lk.table.name: draw(st.lists(hexes, max_size=3)) for lk in ts.links}
    for _ in range(draw(st.integers(0, 3))):
        _mutate(draw, table, row)
    return _line(draw, row)


def _mutate(draw: st.DrawFn, table: str, row: dict[str, Any]) -> None:
    ts = spec(table)
    where = draw(st.sampled_from(["fields", "fields", "fields", "refs", "links", "uuid", "stamp", "drop", "unknown",
                                  "shape"]))
    held = row.get(where)
    if where == "fields" and isinstance(held, dict):
        name = draw(st.sampled_from(ts.fields))
        held[name] = draw(st.one_of(_edges(table, name), WRONG, st.none()))
    elif where == "refs" and isinstance(held, dict) and held:
        held[draw(st.sampled_from(sorted(held)))] = draw(st.one_of(any_uuid, st.sampled_from(["", 0, 0.0, False])))
    elif where == "links" and isinstance(held, dict) and held:
        held[draw(st.sampled_from(sorted(held)))] = draw(st.one_of(st.lists(any_uuid, max_size=3), WRONG))
    elif where == "uuid":
        row["uuid"] = draw(any_uuid)
    elif where == "stamp":
        row[draw(st.sampled_from(["created_at", "updated_at"]))] = draw(any_stamp)
    elif where == "drop":
        part = draw(st.sampled_from(["fields", "refs", "row"]))
        inside = row if part == "row" else row.get(part)  # an earlier drop may have taken the part itself
        if isinstance(inside, dict) and inside:
            del inside[draw(st.sampled_from(sorted(inside)))]
    elif where == "unknown":
        inside = row.get(draw(st.sampled_from(["fields", "refs", "links"]))) if draw(st.booleans()) else row
        if isinstance(inside, dict):
            inside[draw(st.sampled_from(["extra", "id", "version", "uuid", "x\x00"]))] = draw(st.one_of(hexes, WRONG))
    elif where == "shape":
        row[draw(st.sampled_from(["fields", "refs", "links"]))] = draw(WRONG)


def _line(draw: st.DrawFn, row: Any) -> bytes:
    """The row as a package line, mostly as exports write it, sometimes in JSON they never write."""
    ascii_only = draw(st.booleans())
    text = json.dumps(row, ensure_ascii=ascii_only, separators=draw(st.sampled_from([None, (",", ":")])))
    line = text.encode("utf-8", "surrogatepass") + draw(st.sampled_from([b",", b",", b"", b" ,", b",,", b" "]))
    odd = draw(st.sampled_from(["none"] * 6 + ["nan", "bignum", "surrogate", "bom", "nul", "tail"]))
    # Keys no reader looks at, put first: their values decide nothing, but orjson cannot read some of them.
    first = {"nan": b'"nan": NaN, ', "bignum": b'"big": 123456789012345678901234567890, ',
             "surrogate": draw(st.sampled_from([b'"s": "\\ud800", ', b'"s": "\xed\xa0\x80", '])),
             "nul": draw(st.sampled_from([b'"skip": "\\u0000", ', b'"uuid": "\\u0000", ']))}.get(odd)
    if first is not None and line.startswith(b"{"):
        line = b"{" + first + line[1:]
    elif odd == "bom":
        line = b"\xef\xbb\xbf" + line
    elif odd == "tail":
        line += draw(st.sampled_from([b" x", b"]", b"{}", b"\t"]))
    return line


@pytest.mark.parametrize("table", TABLES)
@ROWS
@given(data=st.data())
def test_rows_are_read_as_before(table: str, data: st.DataObject) -> None:
    assert_read_alike(table, data.draw(row_lines(table)))


def _a_case_line(**change: Any) -> bytes:
    row: dict[str, Any] = {"uuid": "5ca44e0afdd245428f7f007c78e83da6", "created_at": "2024-12-08T07:16:00",
                           "updated_at": "2024-12-08T07:16:00",
                           "fields": {"at": "2024-12-08T07:16:00", "actor": "陆悦", "kind": "创建", "from_status": None,
                                      "to_status": "登记", "changes": None, "note": "登记来源：居民投诉"},
                           "refs": {"case_id": "d9052a37059e4120a1a0d67226f40087"}}
    row.update(change)
    return json.dumps(row, ensure_ascii=False).encode() + b","


@pytest.mark.parametrize("bend", BENT_UUIDS)
def test_every_bent_uuid_is_read_as_uuid_reads_it(bend: Any) -> None:
    text = bend("d9052a37059e4120a1a0d67226f40087")
    for line in (_a_case_line(uuid=text), _a_case_line(refs={"case_id": text})):
        assert_read_alike("case_events", line)
    try:
        expected: Any = UUID(_text(text, 36))
    except REFUSED:
        expected = "refused"
    try:
        got: Any = parse_uuid(text)
    except REFUSED:
        got = "refused"
    assert got == expected
    assert type(got) is type(expected)


def test_a_case_event_as_exported_is_read_with_its_values() -> None:
    row = app_row("case_events", _a_case_line())
    assert row.uuid == UUID("5ca44e0afdd245428f7f007c78e83da6") and type(row.uuid) is UUID
    assert hash(row.uuid) == hash(UUID("5ca44e0afdd245428f7f007c78e83da6"))
    assert row.fields["at"] == datetime(2024, 12, 8, 7, 16) and row.fields["note"] == "登记来源：居民投诉"
    assert row.refs == {"case_id": UUID("d9052a37059e4120a1a0d67226f40087")}


@pytest.mark.parametrize("where", ["note", "actor"])
def test_an_escaped_nul_in_any_text_is_refused(where: str) -> None:
    fields = {"at": "2024-12-08T07:16:00", "actor": "陆悦", "kind": "创建", "from_status": None, "to_status": "登记",
              "changes": None, "note": "x"}
    line = _a_case_line(fields={**fields, where: "a\x00b"})
    assert b"\\u0000" in line
    with pytest.raises(TypeError):
        app_row("case_events", line)


@ROWS
@given(text=st.one_of(any_stamp, st.text(max_size=45)))
@example("2024-01-01T08:00:00+08:00")
def test_stamps_are_read_as_before(text: Any) -> None:
    try:
        expected: Any = _stamp(text)
    except REFUSED:
        expected = "refused"
    try:
        got: Any = parse_stamp(text)
    except REFUSED:
        got = "refused"
    assert got == expected and type(got) is type(expected)
    if isinstance(got, datetime):
        assert got.tzinfo is None


def _as_json_reads(got: Any, expected: Any) -> bool:
    """Whether row_json's value is json.loads's: the same, of the same types, but for what row_json says it does
    differently (a whole number beyond 64 bits comes as the float nearest it)."""
    if isinstance(expected, dict):
        return isinstance(got, dict) and got.keys() == expected.keys() and all(
            _as_json_reads(got[k], v) for k, v in expected.items())
    if isinstance(expected, list):
        return isinstance(got, list) and len(got) == len(expected) and all(map(_as_json_reads, got, expected))
    if type(expected) is int and not -(2**63) <= expected < 2**64:
        return type(got) is float and got == float(expected)
    return type(got) is type(expected) and (got == expected or (got != got and expected != expected))


@ROWS
@given(line=st.one_of(st.binary(max_size=60), st.binary(max_size=40).map(lambda b: b'{"' + b),
                      st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
                                   lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
                                       st.text(max_size=4), inner, max_size=3), max_leaves=8).map(
                          lambda v: json.dumps({"v": v}, ensure_ascii=False).encode("utf-8", "surrogatepass"))))
@example(b'{"a": 18446744073709551615}')
@example(b'{"a": 18446744073709551616},')
@example(b'{"a": -9223372036854775809}')
@example(b'{"a": 1e400, "b": NaN}')
def test_a_line_is_json_as_json_loads_reads_it(line: bytes) -> None:
    try:
        expected: Any = json.loads(line.removesuffix(b","))
    except REFUSED:
        with pytest.raises(REFUSED):
            row_json(line)
        return
    assert _as_json_reads(row_json(line)[0], expected), line


@pytest.mark.parametrize("was_on", [True, False])
@pytest.mark.parametrize("content", [b"[\n" + _a_case_line() + b"\n]\n", b"[\n" + _a_case_line() + b"\n"])
def test_the_cycle_collector_is_left_as_it_was_after_a_member_is_read(tmp_path: Any, was_on: bool,
                                                                      content: bytes) -> None:
    """Reading pauses the collector per chunk: afterwards, and after a member found cut off, it is as it was."""
    path = tmp_path / "p.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("records/case_events.json", content)
    package = Package(path=path, zf=zipfile.ZipFile(path), manifest={})
    (gc.enable if was_on else gc.disable)()
    try:
        try:
            rows = [row for chunk in package.rows("case_events") for row in chunk]
        except BadPackageError:
            rows = []
        assert gc.isenabled() is was_on
    finally:
        gc.enable()
    assert len(rows) == (1 if content.endswith(b"]\n") else 0)
