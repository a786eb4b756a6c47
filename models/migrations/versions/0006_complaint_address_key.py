"""complaints: address_key (normalised address) with an index, for repeat detection by index

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-27
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from models.normalize import normalize_address

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CHUNK = 5000


def upgrade() -> None:
    with op.batch_alter_table("complaints", schema=None) as batch_op:
        batch_op.add_column(sa.Column("address_key", sa.String(length=200), nullable=True))
    _fill_address_keys(op.get_bind())
    # Created after the fill: building it once is cheaper than keeping it up to date row by row.
    with op.batch_alter_table("complaints", schema=None) as batch_op:
        batch_op.create_index("ix_complaints_address_key", ["address_key"], unique=False)


def _fill_address_keys(conn: sa.Connection) -> None:
    """normalize_address is Python (NFKC, case folding), so the keys are computed here, a chunk of rows at a time."""
    complaints = sa.table("complaints", sa.column("id", sa.Integer), sa.column("address", sa.String),
                          sa.column("address_key", sa.String))
    set_key = (
        sa.update(complaints).where(complaints.c.id == sa.bindparam("b_id"))
        .values(address_key=sa.bindparam("b_key"))
    )
    last = 0
    while True:
        rows = conn.execute(
            sa.select(complaints.c.id, complaints.c.address)
            .where(complaints.c.id > last, complaints.c.address.is_not(None))
            .order_by(complaints.c.id).limit(CHUNK)
        ).all()
        if not rows:
            return
        keys = [{"b_id": cid, "b_key": normalize_address(address)} for cid, address in rows]
        keys = [k for k in keys if k["b_key"] is not None]
        if keys:
            conn.execute(set_key, keys)
        last = rows[-1][0]


def downgrade() -> None:
    with op.batch_alter_table("complaints", schema=None) as batch_op:
        batch_op.drop_index("ix_complaints_address_key")
        batch_op.drop_column("address_key")
