"""SQL functions spelled differently by SQLite and PostgreSQL, as one portable construct each."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import GenericFunction


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
