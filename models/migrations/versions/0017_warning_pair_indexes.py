"""district scale: (estate, category, day) indexes for the 苗头, (status, reply_due) for referrals awaiting a reply

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-07

The early warnings counted their windows with a GROUP BY over schema 0014's (day, estate, category) indexes, which
sorts every row of the window (and the 90 days before it) on every 工作台 refresh: 370-730 ms at 2,000,000
complaints and 1,000,000 cases. With the estate and category first, each pair's window is one short range, counted
per pair (controllers.supervision.warnings), and the baselines only for the pairs that can be flagged.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = {
    "complaints": ("ix_complaints_estate_category_received", ["estate_id", "category_id", "received_at"]),
    "cases": ("ix_cases_estate_category_found", ["estate_id", "category_id", "found_date"]),
    # Today's work: the referrals awaiting a reply, counted and listed soonest first (a scan of every referral
    # and a sort of the waiting ones joined to their cases and complaints before).
    "referrals": ("ix_referrals_status_reply_due", ["status", "reply_due"]),
}


def upgrade() -> None:
    for table, (name, columns) in INDEXES.items():
        op.create_index(name, table, columns, unique=False)
    if op.get_bind().dialect.name == "sqlite":
        for name, _columns in INDEXES.values():  # the planner's figures for these two only (a whole ANALYZE of a
            op.execute(f"ANALYZE {name}")  # district database reads every table)


def downgrade() -> None:
    for table, (name, _columns) in INDEXES.items():
        op.drop_index(name, table_name=table)
