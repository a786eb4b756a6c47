"""PostgreSQL search: the grams index moves to a narrow side table per searchable table, kept by triggers (SQLite:
nothing; its FTS5 tables stay)

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-07

A search's count and its seek-and-sort page read the row of every hit to confirm a longer term's text (and for the
row's visibility): 4,400 of the 5,100 pages of 100,000 cases for 违法搭建, 15,400 complaints for 群租. A side table of
(id, lower-cased text) holds 2,500 pages for the cases and 4,500 for 200,000 complaints (15,600 as rows): counts took
1.5-2.2x less (群租 in complaints 12.9 -> 8.5 ms, 搭建 19.8 -> 8.9 ms; load ~4.6). Triggers keep it on every write
path (the ORM, bulk imports, exchange packages, migrate-to), in the writer's transaction. Building it reads every case
and complaint once (~55 s at 100,000 cases and 200,000 complaints).
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

from models import search

# relinked at merge
revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "postgresql":
        search.create_pg_docs(conn)


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "postgresql":
        search.drop_pg_docs(conn)
