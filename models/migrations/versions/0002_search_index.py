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
    # SQLite: FTS5 tables; PostgreSQL: the pg_trgm extension and GIN trigram indexes on the same text.
    search.create_indexes(conn)
    for index in search.INDEXES:
        search.reindex(conn, index)  # existing rows become searchable at once (a no-op on PostgreSQL)


def downgrade() -> None:
    search.drop_indexes(op.get_bind())
