"""What the tests of counts kept by triggers share (test_complaint_months, test_case_months): the drift of a
database, estates by name, a migrate-to run twice into a target, a throwaway PostgreSQL target and days at month
edges."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from types import ModuleType
from typing import Any

from hypothesis import strategies as st
from sqlalchemy import select

from controllers.core.context import AppContext
from controllers.exchange import migrate_to as mt
from models.db import Database
from models.reference import Estate
from tests.unit.case_fixtures import make_estate
from tests.unit.exchange_kit import some_work


def estates_named(ctx: AppContext, *names: str) -> list[int]:
    """The estates' ids, made on first use (the examples of a property share one database)."""
    with ctx.db.session() as s:
        found = {str(n): int(i) for n, i in s.execute(select(Estate.name, Estate.id).where(Estate.name.in_(names)))}
    return [found.get(n) or make_estate(ctx, n) for n in names]


def drift(db: Database, kept: ModuleType) -> list[tuple[object, ...]]:
    """`kept` (models.complaint_months or models.case_months) compared with the records of `db`."""
    with db.engine.connect() as conn:
        return kept.drift(conn)


def migrated_twice(source: AppContext, url: str, kept: ModuleType, total: Callable[[Database], int]) -> int:
    """Some work at `source`, migrated to `url` twice (the second run updates nothing and must not count again);
    asserts the target's kept counts match its records and the source's total, and returns that total."""
    some_work(source)
    mt.migrate_to(source, url)
    mt.migrate_to(source, url)
    target = Database.from_url(url)
    try:
        assert drift(target, kept) == []
        assert total(target) == total(source.db)
        return total(target)
    finally:
        target.dispose()


@contextmanager
def pg_database(pg_server: Any, name: str) -> Iterator[str]:
    """A fresh database on the test PostgreSQL server (its URL), dropped afterwards."""
    pg_server.admin(f"CREATE DATABASE {name}")
    try:
        yield pg_server.url(name)
    finally:
        pg_server.admin(f"DROP DATABASE {name} WITH (FORCE)")


# Any day of three years, or the first or last day of one of their months.
days = st.one_of(st.dates(date(2024, 1, 1), date(2026, 12, 31)),
                 st.builds(lambda y, m, last: date(y, m, 1) - timedelta(days=1) if last else date(y, m, 1),
                           st.integers(2024, 2026), st.integers(1, 12), st.booleans()))
