"""PostgreSQL search: a GIN index of characters and character pairs replaces the pg_trgm indexes (SQLite: nothing)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02

pg_trgm cannot narrow a two-character term (群租), so 0002 added a second trigram index on the text with every
character tripled; both made PostgreSQL recheck each candidate's text, recomputing the tripled text per row:
searches took 5-6x as long as on SQLite at 100,000 cases, and one-character terms scanned every record. A GIN
index of the text's characters and character pairs answers a term of one or two characters alone and narrows longer
ones (models.search). Building it reads every case and complaint once (about 13 s per 100,000 records).
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

from models import search

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name != "postgresql":
        return
    search.create_indexes(conn)
    search.drop_pg_trigram_indexes(conn)  # kept current on every write, read by nothing any more


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name != "postgresql":
        return
    search.create_pg_trigram_indexes(conn)
    search.drop_indexes(conn)
