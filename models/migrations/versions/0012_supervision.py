"""supervision orders (督办单): a supervisor presses on a case, complaint, referral or meeting action item

Revision ID: 0012
Revises: 0010 (relinked to 0011 at merge)
Create Date: 2026-12-07

Numbered per station and year like brief issues (督办〔2026〕N号); the order's own columns are its history.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"  # after inspections (issue 19), merged the same session
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('supervision_orders',
    sa.Column('station_name', sa.String(length=60), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('subject', sa.String(length=10), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=True),
    sa.Column('complaint_id', sa.Integer(), nullable=True),
    sa.Column('referral_id', sa.Integer(), nullable=True),
    sa.Column('action_id', sa.Integer(), nullable=True),
    sa.Column('subject_label', sa.String(length=200), nullable=False),
    sa.Column('reason', sa.String(length=10), nullable=False),
    sa.Column('reason_text', sa.Text(), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=True),
    sa.Column('department_id', sa.Integer(), nullable=True),
    sa.Column('addressee', sa.String(length=100), nullable=False),
    sa.Column('issued_on', sa.Date(), nullable=False),
    sa.Column('issued_by', sa.String(length=60), nullable=False),
    sa.Column('working_days', sa.Integer(), nullable=False),
    sa.Column('deadline', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('answer', sa.Text(), nullable=True),
    sa.Column('answered_on', sa.Date(), nullable=True),
    sa.Column('answered_by', sa.String(length=60), nullable=True),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('closed_by', sa.String(length=60), nullable=True),
    sa.Column('close_note', sa.Text(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("reason IN ('不作为', '慢作为', '乱作为', '其他')", name=op.f('ck_supervision_orders_reason')),
    sa.CheckConstraint("status IN ('待办理', '已答复', '已办结')", name=op.f('ck_supervision_orders_status')),
    sa.CheckConstraint("subject IN ('案件', '诉件', '移交', '会商事项')", name=op.f('ck_supervision_orders_subject')),
    sa.CheckConstraint('(CASE WHEN case_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN complaint_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN referral_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN action_id IS NULL THEN 0 ELSE 1 END) = 1', name=op.f('ck_supervision_orders_one_subject')),
    sa.CheckConstraint('number > 0', name=op.f('ck_supervision_orders_number_positive')),
    sa.CheckConstraint('working_days > 0', name=op.f('ck_supervision_orders_working_days_positive')),
    sa.ForeignKeyConstraint(['action_id'], ['meeting_actions.id'], name=op.f('fk_supervision_orders_action_id_meeting_actions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_supervision_orders_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['complaint_id'], ['complaints.id'], name=op.f('fk_supervision_orders_complaint_id_complaints'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['department_id'], ['departments.id'], name=op.f('fk_supervision_orders_department_id_departments'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['referral_id'], ['referrals.id'], name=op.f('fk_supervision_orders_referral_id_referrals'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_supervision_orders_staff_id_staff'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_supervision_orders')),
    sa.UniqueConstraint('station_name', 'year', 'number', name=op.f('uq_supervision_orders_station_name_year_number')),
    sa.UniqueConstraint('uuid', name=op.f('uq_supervision_orders_uuid'))
    )
    op.create_index(op.f('ix_supervision_orders_action_id'), 'supervision_orders', ['action_id'], unique=False)
    op.create_index(op.f('ix_supervision_orders_case_id'), 'supervision_orders', ['case_id'], unique=False)
    op.create_index(op.f('ix_supervision_orders_complaint_id'), 'supervision_orders', ['complaint_id'], unique=False)
    op.create_index(op.f('ix_supervision_orders_referral_id'), 'supervision_orders', ['referral_id'], unique=False)
    op.create_index(op.f('ix_supervision_orders_staff_id'), 'supervision_orders', ['staff_id'], unique=False)
    op.create_index('ix_supervision_orders_status_deadline', 'supervision_orders', ['status', 'deadline'], unique=False)
    # 乱作为 candidates read reopenings, reversed decisions and edits across every case as index ranges.
    op.create_index('ix_case_events_kind_from_case', 'case_events', ['kind', 'from_status', 'case_id', 'at'],
                    unique=False)


def downgrade() -> None:
    op.drop_index('ix_case_events_kind_from_case', table_name='case_events')
    op.drop_table("supervision_orders")
