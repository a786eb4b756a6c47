"""exchange tombstones: deletions of a station's own work travel in exchange packages

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02

Without them a deleted meeting, training, attendee, action item, attachment, brief issue, estate contact, alias,
population record or calendar day stayed at every other station, and the next full package from one of them put
it back here. Triggers keep the table (models.tombstone_triggers).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from models import tombstone_triggers

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The records the app can delete that nothing else points at (cases and complaints it cannot delete; an estate or a
# category may be in use at the other station), as of this revision.
TABLES = ("meetings", "meeting_actions", "trainings", "training_attendees", "attachments", "brief_issues",
          "estate_contacts", "estate_aliases", "estate_populations", "calendar_days")


def upgrade() -> None:
    op.create_table(
        "exchange_tombstones",
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("record_uuid", sa.Uuid(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=False),
        sa.Column("record_updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("entity", "record_uuid", name=op.f("pk_exchange_tombstones")),
    )
    op.create_index(op.f("ix_exchange_tombstones_deleted_at"), "exchange_tombstones", ["deleted_at"], unique=False)
    tombstone_triggers.create(op.get_bind(), TABLES)


def downgrade() -> None:
    tombstone_triggers.drop(op.get_bind(), TABLES, drop_function=True)
    op.drop_index(op.f("ix_exchange_tombstones_deleted_at"), table_name="exchange_tombstones")
    op.drop_table("exchange_tombstones")
