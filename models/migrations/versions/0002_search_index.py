"""search index: FTS5 bigram/unigram indexes for cases and complaints (SQLite); pg_trgm GIN indexes (PostgreSQL)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

from models import search

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "postgresql":
        # The pg_trgm extension and GIN trigram indexes on the same text (0009 replaces them with grams indexes).
        search.create_pg_trigram_indexes(conn)
        return
    search.create_indexes(conn)  # SQLite: the FTS5 tables
    for index in search.INDEXES:
        search.reindex(conn, index)  # existing rows become searchable at once


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "postgresql":
        search.drop_pg_trigram_indexes(conn)
    else:
        search.drop_indexes(conn)
