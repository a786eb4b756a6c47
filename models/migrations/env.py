"""Alembic environment: uses the engine handed in by models.migrate, or the configured URL."""

from __future__ import annotations

from alembic import context

from models.db import make_engine
from models.schema import metadata

config = context.config


def run_migrations() -> None:
    engine = config.attributes.get("engine") or make_engine(config.get_main_option("sqlalchemy.url"))
    with engine.begin() as connection:
        context.configure(
            connection=connection,
            target_metadata=metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()


run_migrations()
