"""district scale: indexes that read the 工作台's 不满意 count, 挂账 reviews and 苗头 windows from the index alone

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"  # relinked at merge
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Each replaced a scan of the whole table (不满意: satisfaction had no index, so both periods' counts read every
# complaint: 1.2 s at 2,000,000) or a row fetch per entry of a date range (苗头: estate and category are not in the
# date indexes) by a range of one index.
INDEXES = {
    "cases": {
        "ix_cases_status_hold": ["status", "hold_review_date"],
        "ix_cases_found_estate_category": ["found_date", "estate_id", "category_id"],
    },
    "complaints": {
        "ix_complaints_satisfaction_callback": ["satisfaction", "callback_on", "estate_id"],
        "ix_complaints_received_estate_category": ["received_at", "estate_id", "category_id"],
    },
}


def upgrade() -> None:
    for table, indexes in INDEXES.items():
        for name, columns in indexes.items():
            op.create_index(name, table, columns, unique=False)
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ANALYZE")  # so the planner knows the new indexes are selective


def downgrade() -> None:
    for table, indexes in INDEXES.items():
        for name in indexes:
            op.drop_index(name, table_name=table)
