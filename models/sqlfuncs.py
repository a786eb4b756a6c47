"""SQL functions spelled differently by SQLite and PostgreSQL, as one portable construct each."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Date, Integer
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import GenericFunction
from sqlalchemy.sql.selectable import Alias, FromClause


class greatest(GenericFunction[Any]):  # named like the SQL function it stands for
    """The largest of its arguments: PostgreSQL's greatest(a, b), SQLite's two-argument max(a, b)."""

    inherit_cache = True


class least(GenericFunction[Any]):
    """The smallest of its arguments: PostgreSQL's least(a, b), SQLite's two-argument min(a, b)."""

    inherit_cache = True


@compiles(greatest, "sqlite")
def _greatest_sqlite(element: greatest, compiler: SQLCompiler, **kw: Any) -> str:
    return f"max({compiler.process(element.clauses, **kw)})"


@compiles(least, "sqlite")
def _least_sqlite(element: least, compiler: SQLCompiler, **kw: Any) -> str:
    return f"min({compiler.process(element.clauses, **kw)})"


class json_date(GenericFunction[date]):
    """json_date(text_column, key, index): the ISO date at ``{key: [..., date, ...]}[index]`` of a JSON text column
    (a timeline event's ``changes``), as a date; NULL when it is missing or JSON null."""

    type = Date()
    inherit_cache = True


@compiles(json_date, "sqlite")
def _json_date_sqlite(element: json_date, compiler: SQLCompiler, **kw: Any) -> str:
    column, key, index = (compiler.process(c, **kw) for c in element.clauses)
    # Dates are stored as ISO text on SQLite, so the extracted text compares and reads back as the Date column does.
    return f"json_extract({column}, '$.' || {key} || '[' || {index} || ']')"


@compiles(json_date, "postgresql")
def _json_date_postgresql(element: json_date, compiler: SQLCompiler, **kw: Any) -> str:
    column, key, index = (compiler.process(c, **kw) for c in element.clauses)
    return f"CAST(CAST({column} AS json) -> {key} ->> CAST({index} AS integer) AS date)"


class local_date(GenericFunction[date]):
    """local_date(instant): the Shanghai calendar day of a stored naive-UTC instant (Shanghai has kept UTC+8 since
    1991, so a fixed offset is exact for every stamp the app writes)."""

    type = Date()
    inherit_cache = True


@compiles(local_date, "sqlite")
def _local_date_sqlite(element: local_date, compiler: SQLCompiler, **kw: Any) -> str:
    # SQLite's date functions round the fraction to the millisecond, so a stamp in the last half-millisecond of a
    # local day (23:59:59.9996) would fall on the next day. The stored text's first 19 characters are the instant
    # to the whole second (a day's boundary is a whole second), as the complaint month counts cut it.
    return f"date(substr({compiler.process(element.clauses, **kw)}, 1, 19), '+8 hours')"


@compiles(local_date, "postgresql")
def _local_date_postgresql(element: local_date, compiler: SQLCompiler, **kw: Any) -> str:
    return f"CAST({compiler.process(element.clauses, **kw)} + interval '8 hours' AS date)"


class days_between(GenericFunction[int]):
    """days_between(start, end): calendar days from one date column to another (end - start), as an integer."""

    type = Integer()
    inherit_cache = True


@compiles(days_between, "sqlite")
def _days_between_sqlite(element: days_between, compiler: SQLCompiler, **kw: Any) -> str:
    start, end = (compiler.process(c, **kw) for c in element.clauses)
    return f"CAST(julianday({end}) - julianday({start}) AS INTEGER)"


@compiles(days_between, "postgresql")
def _days_between_postgresql(element: days_between, compiler: SQLCompiler, **kw: Any) -> str:
    start, end = (compiler.process(c, **kw) for c in element.clauses)
    return f"({end} - {start})"  # date - date is an integer of days


class IndexedBy(Alias):
    """A table read through one named index on SQLite (``FROM t INDEXED BY ix``), the plain table elsewhere; its
    columns (`.c`) render as the table's own. SQLAlchemy's with_hint renders nothing for SQLite, and SQLite's
    planner, trusting ANALYZE, sometimes prefers a skip-scan that fetches every row over a covering range."""

    inherit_cache = False  # the index is not part of Alias's cache key: never share a compiled statement

    index: str

    @classmethod
    def of(cls, table: FromClause, index: str) -> IndexedBy:
        alias = cls._construct(table, name=table.description)  # a Table's description is its name
        alias.index = index
        return alias


@compiles(IndexedBy, "sqlite")
def _indexed_by_sqlite(element: IndexedBy, compiler: SQLCompiler, asfrom: bool = False, **kw: Any) -> str:
    if asfrom:
        preparer = compiler.preparer
        return f"{preparer.format_table(element.element)} INDEXED BY {preparer.quote(element.index)}"
    return compiler.visit_alias(element, asfrom=asfrom, **kw)


@compiles(IndexedBy)
def _indexed_by_default(element: IndexedBy, compiler: SQLCompiler, asfrom: bool = False, **kw: Any) -> str:
    if asfrom:
        return compiler.preparer.format_table(element.element)
    return compiler.visit_alias(element, asfrom=asfrom, **kw)
