"""district scale: the 工作台's case figures per month and category, kept by triggers

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07

At 1,000,000 cases the dashboard's found and closed passes read ~475,000 index entries per period on every
refresh; whole months now come from this table (models.case_months), filled here from the cases already stored and
kept by triggers from then on.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from models import case_months

revision: str = "0016"
down_revision: str | None = "0015"  # relinked at merge
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "case_month_counts",
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("category_id", sa.Integer(), autoincrement=False, nullable=False),
        *(sa.Column(name, sa.Integer(), nullable=False) for name in case_months.COUNTS),
        sa.PrimaryKeyConstraint("month", "category_id", name=op.f("pk_case_month_counts")),
    )
    conn = op.get_bind()
    case_months.rebuild(conn)
    case_months.create_triggers(conn)


def downgrade() -> None:
    case_months.drop_triggers(op.get_bind())
    op.drop_table("case_month_counts")
