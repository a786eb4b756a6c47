"""brief issues

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27 18:38:28.012142
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('brief_issues',
    sa.Column('station_name', sa.String(length=60), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('period_label', sa.String(length=60), nullable=False),
    sa.Column('scope_label', sa.String(length=100), nullable=False),
    sa.Column('issued_on', sa.Date(), nullable=False),
    sa.Column('issued_by', sa.String(length=60), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('number > 0', name=op.f('ck_brief_issues_number_positive')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_brief_issues')),
    sa.UniqueConstraint('station_name', 'year', 'number', name=op.f('uq_brief_issues_station_name_year_number')),
    sa.UniqueConstraint('uuid', name=op.f('uq_brief_issues_uuid'))
    )


def downgrade() -> None:
    op.drop_table('brief_issues')
