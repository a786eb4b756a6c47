"""exchange packages: stations exchanged with, and conflicts waiting for a person

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-28

Only new tables (no batch mode needed on SQLite); plain SQLAlchemy types so it runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _record_columns() -> list[sa.Column]:
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "exchange_peers",
        sa.Column("station_uuid", sa.Uuid(), nullable=False),
        sa.Column("station_name", sa.String(length=60), nullable=False),
        sa.Column("last_exported_at", sa.DateTime(), nullable=False),
        sa.Column("last_imported_at", sa.DateTime(), nullable=False),
        sa.Column("packages", sa.Integer(), nullable=False),
        *_record_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exchange_peers")),
        sa.UniqueConstraint("station_uuid", name=op.f("uq_exchange_peers_station_uuid")),
        sa.UniqueConstraint("uuid", name=op.f("uq_exchange_peers_uuid")),
    )
    op.create_table(
        "exchange_conflicts",
        sa.Column("peer_station_uuid", sa.Uuid(), nullable=False),
        sa.Column("peer_station_name", sa.String(length=60), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("record_uuid", sa.Uuid(), nullable=False),
        sa.Column("mine_updated_at", sa.DateTime(), nullable=False),
        sa.Column("theirs_updated_at", sa.DateTime(), nullable=False),
        sa.Column("theirs", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("resolution", sa.String(length=10), nullable=True),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.Column("resolved_by", sa.String(length=60), nullable=True),
        *_record_columns(),
        sa.CheckConstraint(
            "resolution IS NULL OR resolution IN ('保留本地', '采用对方')", name=op.f("ck_exchange_conflicts_resolution")
        ),
        sa.CheckConstraint("status IN ('待处理', '已处理')", name=op.f("ck_exchange_conflicts_status")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exchange_conflicts")),
        sa.UniqueConstraint("uuid", name=op.f("uq_exchange_conflicts_uuid")),
    )
    op.create_index("ix_exchange_conflicts_record", "exchange_conflicts", ["entity", "record_uuid"], unique=False)
    op.create_index(op.f("ix_exchange_conflicts_status"), "exchange_conflicts", ["status"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_exchange_conflicts_status"), table_name="exchange_conflicts")
    op.drop_index("ix_exchange_conflicts_record", table_name="exchange_conflicts")
    op.drop_table("exchange_conflicts")
    op.drop_table("exchange_peers")
