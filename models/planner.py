"""Nudges for SQLite's query planner where its statistics mislead it, written so PostgreSQL reads the plain SQL.

SQLite knows only the average number of rows per indexed value (sqlite_stat1): it cannot see that the statuses
which run a deadline are a few per cent of all cases, and so walks half the table along a date index instead of
reading the few open cases from the (status, deadline) index. `unindexed(x)` writes `+x`, which SQLite reads as
"no index for this term" (its documented way to disqualify one), and `coalesce(x, x)` on PostgreSQL: the same value,
type and order, but no index's expression. PostgreSQL's planner misjudges the same lists the other way: for an
ORDER BY deadline LIMIT 30 over the overdue cases it walked the deadline index past 78,000 closed cases (89 ms)
instead of sorting the 900 open ones read from the (status, deadline) index (1-2 ms).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql import coercions, roles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ColumnElement, SQLCoreOperations
from sqlalchemy.sql.visitors import InternalTraversal


class _Unindexed(ColumnElement[Any]):
    inherit_cache = True
    _traverse_internals = [("element", InternalTraversal.dp_clauseelement)]  # the cache key includes the column

    def __init__(self, element: ColumnElement[Any]) -> None:
        self.element = element
        self.type = element.type


@compiles(_Unindexed)
def _compile_unindexed(element: _Unindexed, compiler: SQLCompiler, **kw: Any) -> str:
    inner = compiler.process(element.element, **kw)
    if compiler.dialect.name == "sqlite":
        return f"+{inner}"
    return f"coalesce({inner}, {inner})"


def unindexed(column: SQLCoreOperations[Any]) -> ColumnElement[Any]:
    """The column, which SQLite must not read through an index in this statement (comparisons and ORDER BY)."""
    return _Unindexed(coercions.expect(roles.ExpressionElementRole, column))
