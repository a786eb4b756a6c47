"""SQLite: the closed vocabularies' CHECKs as comparisons joined by OR instead of IN (list) (PostgreSQL: nothing)

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-07

SQLite (3.40 measured) checks `kind IN ('创建', '状态变更', ...)` by building a temporary b-tree of the list for every
row it writes (EXPLAIN shows OpenEphemeral and an IdxInsert per value inside each row's code: a CHECK gets no
once-per-statement guard). case_events' three took 3 of the 7 s of inserting the 600,000 of a full exchange package of
a 100,000-case station (issue 23); `kind = '创建' OR kind = '状态变更' OR ...` is a few comparisons and means the same
for every value, NULL included (the column's affinity applies to the literals either way).

The constraints' text is changed in sqlite_schema, the way SQLite documents for changing a constraint that every row
already meets (lang_altertable.html, "making other kinds of table schema changes"): no row is read or written, so it
takes no time at any size, and the schema version is raised so that other connections read the new text. Each new
table text is parsed by SQLite first. Where the library refuses schema writes (SQLITE_DBCONFIG_DEFENSIVE) the IN lists
stay: the same rules, only slower to check.

PostgreSQL keeps its constraints: its IN is `= ANY (array)`, a loop over the values with nothing built per row.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Sequence

from alembic import op
from sqlalchemy import Connection
from sqlalchemy.exc import OperationalError

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_LITERAL = r"'(?:[^']|'')*'"
_NULL_OR = r"(?:(?P<null>\w+) IS NULL OR )?"
# A whole CHECK body in either form (`CHECK (` before it, `)` right after): one column against quoted values, NULL
# allowed or not. Literals are matched whole, so a value holding a quote or a parenthesis cannot end a match early.
_IN_LIST = re.compile(rf"CHECK \({_NULL_OR}(?P<col>\w+) IN \((?P<values>{_LITERAL}(?:, {_LITERAL})*)\)\)")
_CHAIN = re.compile(rf"CHECK \({_NULL_OR}(?P<col>\w+) = (?P<values>{_LITERAL}(?: OR (?P=col) = {_LITERAL})*)\)")


def _values(text: str) -> list[str]:
    return re.findall(_LITERAL, text)


def _rewritten(m: re.Match[str], form: Callable[[str, list[str]], str]) -> str:
    """The matched CHECK with its column and values put in `form` (NULL allowed as before)."""
    col, null = m["col"], m["null"]
    if null not in (None, col):
        return m[0]  # `a IS NULL OR b IN (...)`: another rule, left as it is
    body = form(col, _values(m["values"]))
    return f"CHECK ({col} IS NULL OR {body})" if null else f"CHECK ({body})"


def _as_chain(m: re.Match[str]) -> str:
    return _rewritten(m, lambda col, values: " OR ".join(f"{col} = {value}" for value in values))


def _as_list(m: re.Match[str]) -> str:
    return _rewritten(m, lambda col, values: f"{col} IN ({', '.join(values)})")


def _rewrite_tables(conn: Connection, rewrite: Callable[[str], str]) -> None:
    tables = conn.exec_driver_sql("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql LIKE '%CHECK%'")
    changed = {name: new for name, sql in tables.all() if (new := rewrite(sql)) != sql}
    if not changed:
        return
    scratch = sqlite3.connect(":memory:")
    try:
        for sql in changed.values():
            scratch.execute(sql)  # a text SQLite cannot read must never reach the schema (it would not open again)
    finally:
        scratch.close()
    conn.exec_driver_sql("PRAGMA writable_schema=ON")
    try:
        for name, sql in changed.items():
            conn.exec_driver_sql("UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = ?", (sql, name))
        version = int(conn.exec_driver_sql("PRAGMA schema_version").scalar() or 0)
        conn.exec_driver_sql(f"PRAGMA schema_version={version + 1}")
    except OperationalError:
        pass  # schema writes refused (a defensive build): the lists stay, the same rules
    finally:
        conn.exec_driver_sql("PRAGMA writable_schema=RESET")  # off, and this connection reads the schema again


def upgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "sqlite":
        _rewrite_tables(conn, lambda sql: _IN_LIST.sub(_as_chain, sql))


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "sqlite":
        _rewrite_tables(conn, lambda sql: _CHAIN.sub(_as_list, sql))
