"""PostgreSQL search: how many records hold each character and character pair, kept by statement triggers (SQLite:
nothing; FTS5 counts its hits in the index alone)

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-07

A search's count on PostgreSQL read the side table's page of every hit (0018): PostgreSQL (15.18 measured, EXPLAIN
BUFFERS) never counts a bitmap's rows without their pages, all-visible or not: 4-15 ms for 群租 in 200,000
complaints, where SQLite counts in its index in 0.3 ms. The count of a search of one term of one or two characters (the commonest Chinese searches) is the kept
count of that gram, exact because the grams index already answers such a term alone. Filling it reads every side table
row once (models.search.rebuild_gram_counts).
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

from models import search

# relinked at merge
revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "postgresql":
        search.create_pg_gram_counts(conn)


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "postgresql":
        search.drop_pg_gram_counts(conn)
