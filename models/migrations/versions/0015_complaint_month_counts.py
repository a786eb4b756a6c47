"""district scale: complaints per local month and estate, kept by triggers, for the 工作台 and 投诉万人比

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07

At 2,000,000 complaints the dashboard's year-to-date and last-year spans and its 24 monthly counts read about half
the complaints' index on every refresh; whole months now come from this table (models.complaint_months), filled
here from the complaints already stored and kept by triggers from then on.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from models import complaint_months

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "complaint_month_counts",
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("estate_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("complaints", sa.Integer(), nullable=False),
        sa.Column("repeats", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("month", "estate_id", name=op.f("pk_complaint_month_counts")),
    )
    conn = op.get_bind()
    complaint_months.rebuild(conn)
    complaint_months.create_triggers(conn)


def downgrade() -> None:
    complaint_months.drop_triggers(op.get_bind())
    op.drop_table("complaint_month_counts")
