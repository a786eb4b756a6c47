"""dashboard: covering indexes for today's work, goal tiles and case statistics

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-27
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = {
    "cases": {
        "ix_cases_found_category_status": ["found_date", "category_id", "status"],
        "ix_cases_status_closed_deadline": ["status", "closed_on", "deadline"],
        "ix_cases_followup": ["status", "followup_done_on", "followup_due"],
    },
    "complaints": {
        "ix_complaints_status_reply_due": ["status", "reply_due"],
        "ix_complaints_status_callback": ["status", "callback_on", "received_at"],
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
