"""Alembic environment: uses the engine handed in by models.migrate, or the configured URL."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, text

from models import search
from models.db import make_engine
from models.schema import metadata

config = context.config


def include_object(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    """Leave the search tables and indexes (FTS5 and its shadow tables, PostgreSQL grams indexes) out of autogen."""
    return not (type_ in ("table", "index") and search.is_search_table(name))


def _migrate(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_object=include_object,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations() -> None:
    engine = config.attributes.get("engine") or make_engine(config.get_main_option("sqlalchemy.url"))
    with engine.connect() as connection:
        if connection.dialect.name != "sqlite":
            _migrate(connection)
            return
        # SQLite batch migrations rebuild a table by copy, drop and rename; with foreign keys on, the drop
        # would cascade-delete every child row (a case's timeline...). Keys go off for the migration (the
        # pragma only works outside a transaction) and the result is checked before anything is committed.
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        connection.commit()
        try:
            context.configure(
                connection=connection,
                target_metadata=metadata,
                render_as_batch=True,
                compare_type=True,
                include_object=include_object,
                transaction_per_migration=False,
            )
            with context.begin_transaction():
                context.run_migrations()
                broken = connection.execute(text("PRAGMA foreign_key_check")).first()
                if broken is not None:
                    raise RuntimeError(f"migration left a dangling reference in table {broken[0]}")
        finally:
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")
            connection.commit()


run_migrations()
