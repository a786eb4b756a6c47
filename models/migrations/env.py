"""Alembic environment: uses the engine handed in by models.migrate, or the configured URL."""

from __future__ import annotations

from alembic import context

from models import search
from models.db import make_engine
from models.schema import metadata

config = context.config


def include_object(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    """Leave the FTS5 search tables (and their shadow tables) out of autogenerate: they are not ORM tables."""
    return not (type_ == "table" and search.is_search_table(name))


def run_migrations() -> None:
    engine = config.attributes.get("engine") or make_engine(config.get_main_option("sqlalchemy.url"))
    with engine.begin() as connection:
        context.configure(
            connection=connection,
            target_metadata=metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
            include_object=include_object,
        )
        with context.begin_transaction():
            context.run_migrations()


run_migrations()
