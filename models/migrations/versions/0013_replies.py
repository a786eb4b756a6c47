"""replies: reply templates, the 12345 return marks on complaints, typical cases (issue 21)

Revision ID: 0013
Revises: 0010  # relinked to 0012 at merge
Create Date: 2026-12-07

New tables for 回复模板 (reference data, seeded per category and kind) and 典型案例 (a closed case's de-identified
write-up); two nullable columns on complaints say when a 12345 work order last went back to the platform and what
went. Both new tables can be deleted from in the app, so they get exchange tombstone triggers (see 0010).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from models import tombstone_triggers

revision: str = "0013"
down_revision: str | None = "0012"  # after supervision (issue 20), merged the same session
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("reply_templates", "typical_cases")


def _record_columns() -> list[sa.Column]:
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "reply_templates",
        sa.Column("category_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        *_record_columns(),
        sa.CheckConstraint("kind IN ('受理告知', '办理结果', '不予立案说明', '移交告知', '回访话术')",
                           name=op.f("ck_reply_templates_kind")),
        sa.ForeignKeyConstraint(["category_id"], ["categories.id"], ondelete="CASCADE",
                                name=op.f("fk_reply_templates_category_id_categories")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reply_templates")),
        sa.UniqueConstraint("category_id", "kind", "name", name=op.f("uq_reply_templates_category_id_kind_name")),
        sa.UniqueConstraint("uuid", name=op.f("uq_reply_templates_uuid")),
    )
    op.create_index(op.f("ix_reply_templates_category_id"), "reply_templates", ["category_id"], unique=False)
    op.create_table(
        "typical_cases",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("marked_on", sa.Date(), nullable=False),
        sa.Column("marked_by", sa.String(length=60), nullable=False),
        sa.Column("title", sa.String(length=100), nullable=False),
        sa.Column("place", sa.String(length=100), nullable=False),
        sa.Column("facts", sa.Text(), nullable=False),
        sa.Column("legal_basis", sa.Text(), nullable=False),
        sa.Column("handling", sa.Text(), nullable=False),
        sa.Column("outcome", sa.Text(), nullable=False),
        sa.Column("lesson", sa.Text(), nullable=False),
        *_record_columns(),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], ondelete="CASCADE",
                                name=op.f("fk_typical_cases_case_id_cases")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_typical_cases")),
        sa.UniqueConstraint("case_id", name=op.f("uq_typical_cases_case_id")),
        sa.UniqueConstraint("uuid", name=op.f("uq_typical_cases_uuid")),
    )
    # New nullable columns only: SQLite adds them in place, no batch copy of the complaints table.
    op.add_column("complaints", sa.Column("return_sent_at", sa.DateTime(), nullable=True))
    op.add_column("complaints", sa.Column("return_digest", sa.String(length=40), nullable=True))
    tombstone_triggers.create(op.get_bind(), TABLES)


def downgrade() -> None:
    tombstone_triggers.drop(op.get_bind(), TABLES)
    with op.batch_alter_table("complaints") as batch:
        batch.drop_column("return_digest")
        batch.drop_column("return_sent_at")
    op.drop_table("typical_cases")
    op.drop_index(op.f("ix_reply_templates_category_id"), table_name="reply_templates")
    op.drop_table("reply_templates")
