"""Shared pieces of the bad-input property tests: input strategies, the refusal check and the no-partial-write check.

Every property has the same shape: call a controller with generated input; it either succeeds, or raises a
UserError whose message is Chinese (no English words, no Python reprs) and leaves every table's row count and
newest change time exactly as they were. Any other exception fails the test.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any, TypeVar

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from sqlalchemy import inspect as sa_inspect
from sqlalchemy import text as sql

from controllers.core.context import AppContext
from controllers.core.errors import UserError

T = TypeVar("T")

# One data directory per test (the fixture), many examples in it: the checks compare before/after, so examples
# that succeed and add rows do not disturb the next one. derandomize: CI sees the same examples every run.
PROPERTY = settings(max_examples=40, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                           HealthCheck.data_too_large])
SLOW = settings(PROPERTY, max_examples=20)  # Argon2 hashing and file imports: fewer, still varied

# Text a person could type or paste: blanks, full-width spaces, control characters, quotes, SQL and LIKE
# metacharacters, very long text, emoji and right-to-left marks, as well as anything hypothesis makes up.
AWKWARD = [
    "", " ", "　", "\t", "\n", "\r\n", "\x00", "\x1b[31m", "'", '"', "“”", "\\", "%", "_", "%_%",
    "'; DROP TABLE cases;--",
    "NULL", "None", "null", "0", "-1", "1e309", "NaN", "inf", "长" * 5000, "a" * 300, "😀🏠", "\u202e反向\u202c",
    "\ufeff", "\u200b", "梅川路 100 弄", "2025-02-30", "2025/13/01", "13912345678", "１３９１２３４５６７８", "+86 139",
    "=SUM(A1:A9)", "<script>", "${jndi:x}",
]
# A third of the draws look like what a careful user types, so the paths after validation run too.
plain_texts = st.text(alphabet="长征镇梅川路小区弄号楼室居委物业公司张王李 0123456789-—()（）", min_size=1, max_size=20)
texts: st.SearchStrategy[str] = st.one_of(st.sampled_from(AWKWARD), st.text(max_size=80), plain_texts)
opt_texts = st.none() | texts
dates: st.SearchStrategy[date] = st.one_of(st.dates(), st.dates(date(2000, 1, 1), date(2035, 12, 31)))
opt_dates = st.none() | dates
datetimes = st.datetimes()
# Numbers: small, edge and far beyond any column (SQLite integers stop at 2**63 - 1).
ints = st.one_of(st.integers(-5, 500), st.sampled_from([0, -1, 2**31, 2**63 - 1, 2**63, -(2**63) - 1, 10**30]),
                 st.integers())
opt_ints = st.none() | ints
numbers_as_text = st.one_of(ints, texts, ints.map(str), st.floats().map(str))


# Ids come from pickers, never typed: existing ones, ones deleted meanwhile, 0 and negatives (not beyond SQLite's
# 64-bit integers, which no picker can hold). REAL(i) means “the i-th existing row”, resolved at call time by pick().
REAL = "real"
_real = st.tuples(st.just(REAL), st.integers(0, 30))
id_choices = st.one_of(_real, _real,
                       st.tuples(st.just("raw"), st.one_of(st.integers(-3, 10**6), st.sampled_from([0, 2**31, 2**62]))))


def pick(ctx: AppContext, table: str, choice: tuple[str, int]) -> int:
    kind, value = choice
    if kind == REAL:
        existing = all_ids(ctx, table, limit=50)
        return existing[value % len(existing)] if existing else value
    return value


def draw_id(data: st.DataObject, ctx: AppContext, table: str, *, optional: bool = False) -> int | None:
    if optional and data.draw(st.booleans()):
        return None
    return pick(ctx, table, data.draw(id_choices))


def draw_ids(data: st.DataObject, ctx: AppContext, table: str, *, max_size: int = 3) -> list[int]:
    return [pick(ctx, table, c) for c in data.draw(st.lists(id_choices, max_size=max_size))]


# What may appear in a message as it is: names of file formats, units, and the CLI's own scope keywords
# (the user types them: “street:长征镇”).
ALLOWED_ASCII = {"TrueType", "Excel", "excel", "xlsx", "xls", "csv", "CSV", "PDF", "pdf", "zip", "KB", "MB", "GB", "ID",
                 "UTF", "GBK", "WPS", "district", "station", "street", "committee", "estate"}
QUOTED = re.compile(r"“[^”]*”|‘[^’]*’|「[^」]*」|《[^》]*》")
WORD = re.compile(r"(?<![.A-Za-z])[A-Za-z][A-Za-z_]+")  # not a file extension such as .xlsx
CJK = re.compile(r"[\u4e00-\u9fff]")
REPR = re.compile(r"Traceback|object at 0x|<[a-z_.]+[ >]|\b(?:None|True|False)\b|datetime\.|Decimal\(|\\x[0-9a-f]{2}")


def assert_chinese_message(exc: UserError, given: Iterable[Any] = ()) -> None:
    """A refusal the user can read: non-empty, Chinese, no English words or Python reprs (their own input aside)."""
    message = exc.message
    assert isinstance(message, str) and message.strip(), f"{type(exc).__name__} with an empty message"
    assert CJK.search(message), f"refusal without Chinese: {message!r}"
    rest = QUOTED.sub("", message)
    for value in given:  # the user's own text may be echoed without quotes
        if isinstance(value, str) and value.strip():
            rest = rest.replace(value.strip(), "")
    assert not REPR.search(rest), f"refusal shows a Python repr: {message!r}"
    words = [w for w in WORD.findall(rest) if w not in ALLOWED_ASCII]
    assert not words, f"refusal with English words {words}: {message!r}"


_FINGERPRINT_SQL: dict[int, Any] = {}


def _fingerprint_sql(ctx: AppContext) -> Any:
    """One UNION ALL statement over every table (built once per database: reflection is slow)."""
    key = id(ctx.db.engine)
    if key not in _FINGERPRINT_SQL:
        with ctx.db.engine.connect() as con:
            inspector = sa_inspect(con)
            parts = []
            for table in inspector.get_table_names():
                if table == "audit_log" or table.startswith(("alembic", "sqlite_")) or "_fts" in table:
                    continue
                columns = {c["name"] for c in inspector.get_columns(table)}
                newest = "max(updated_at)" if "updated_at" in columns else "NULL"
                parts.append(f"SELECT '{table}', count(*), {newest} FROM \"{table}\"")
        _FINGERPRINT_SQL[key] = sql(" UNION ALL ".join(parts))
    return _FINGERPRINT_SQL[key]


def fingerprint(ctx: AppContext) -> dict[str, tuple[int, Any]]:
    """Row count and newest update time of every table but the audit log (refusals are audited on purpose)."""
    with ctx.db.engine.connect() as con:
        return {table: (int(count), latest) for table, count, latest in con.execute(_fingerprint_sql(ctx))}


def attempt(ctx: AppContext, call: Callable[[], T], *given: Any, may_change: Iterable[str] = ()) -> T | None:
    """Run one controller call: its result, or None after checking the refusal message and that nothing changed.

    `given` are the user's raw values (so a message quoting them without “” is not mistaken for English);
    `may_change` names tables a refusal writes on purpose (a failed sign-in counts towards the lockout).
    """
    before = fingerprint(ctx)
    try:
        return call()
    except UserError as exc:
        assert_chinese_message(exc, given)
        after = fingerprint(ctx)
        changed = {t: (before.get(t), after.get(t)) for t in set(before) | set(after)
                   if before.get(t) != after.get(t) and t not in set(may_change)}
        assert not changed, f"refused ({exc.message}) but wrote: {changed}"
        return None


def xlsx_safe(value: object) -> object:
    """openpyxl refuses control characters in cells, as Excel does: a real export never holds them."""
    if isinstance(value, str):
        return "".join(ch for ch in value if ch >= " " or ch in "\t\n\r")
    return value


def first_id(ctx: AppContext, table: str) -> int:
    with ctx.db.engine.connect() as con:
        return int(con.execute(sql(f'SELECT min(id) FROM "{table}"')).scalar_one())


def all_ids(ctx: AppContext, table: str, limit: int = 20) -> list[int]:
    with ctx.db.engine.connect() as con:
        return [int(r[0]) for r in con.execute(sql(f'SELECT id FROM "{table}" ORDER BY id LIMIT {limit}'))]

