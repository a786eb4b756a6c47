"""complaints: covering index (estate, received_at, repeat_of_id) for complaints per 10,000 residents

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("complaints", schema=None) as batch_op:
        batch_op.create_index(
            "ix_complaints_estate_received_repeat", ["estate_id", "received_at", "repeat_of_id"], unique=False
        )
        batch_op.drop_index("ix_complaints_estate_received")  # same leading columns: the new one serves both


def downgrade() -> None:
    with op.batch_alter_table("complaints", schema=None) as batch_op:
        batch_op.create_index("ix_complaints_estate_received", ["estate_id", "received_at"], unique=False)
        batch_op.drop_index("ix_complaints_estate_received_repeat")
