"""case penalty and property company, referral letters

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27 18:02:26.179086
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('property_company_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('penalty_decided_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('penalty_doc_no', sa.String(length=60), nullable=True))
        batch_op.add_column(sa.Column('penalty_amount', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_cases_property_company_id'), ['property_company_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_cases_property_company_id_property_companies'),
                                    'property_companies', ['property_company_id'], ['id'], ondelete='RESTRICT')
        batch_op.create_check_constraint('penalty_nonneg', 'penalty_amount IS NULL OR penalty_amount >= 0')

    with op.batch_alter_table('referrals', schema=None) as batch_op:
        batch_op.add_column(sa.Column('letter_no', sa.String(length=60), nullable=True))
        batch_op.add_column(sa.Column('received_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('reply_letter_no', sa.String(length=60), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('referrals', schema=None) as batch_op:
        batch_op.drop_column('reply_letter_no')
        batch_op.drop_column('received_on')
        batch_op.drop_column('letter_no')

    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_constraint('penalty_nonneg', type_='check')
        batch_op.drop_constraint(batch_op.f('fk_cases_property_company_id_property_companies'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_cases_property_company_id'))
        batch_op.drop_column('penalty_amount')
        batch_op.drop_column('penalty_doc_no')
        batch_op.drop_column('penalty_decided_on')
        batch_op.drop_column('property_company_id')

