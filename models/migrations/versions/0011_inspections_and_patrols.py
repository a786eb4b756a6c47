"""inspections and patrols: grade frequencies, dated grade changes, patrols, visits, checklist lines, finding photos

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07

Grades get their inspection frequency (the seeded A/B/C grades: monthly, every two months, quarterly), estates a
dated grade history, and patrols their own tables. Attachments may now belong to a checklist line (a finding's
photo): the one-owner CHECK changes, so SQLite rebuilds the table, which drops its tombstone triggers; they are put
back. Patrols, visits, checklist lines and grade changes can be deleted: their deletions travel (triggers, as 0010).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from models import tombstone_triggers

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("estate_grade_changes", "patrols", "patrol_visits", "patrol_checks")
# The seeded grades' plan (DOMAIN: A 重点管理 monthly, B 常规管理 every two months, C 自治良好 quarterly).
SEEDED_MONTHS = {"A级（重点管理）": 1, "B级（常规管理）": 2, "C级（自治良好）": 3}

_OWNERS_BEFORE = ("(CASE WHEN case_id IS NULL THEN 0 ELSE 1 END)"
                  " + (CASE WHEN training_id IS NULL THEN 0 ELSE 1 END)"
                  " + (CASE WHEN meeting_id IS NULL THEN 0 ELSE 1 END)")
_OWNERS_AFTER = _OWNERS_BEFORE + " + (CASE WHEN patrol_check_id IS NULL THEN 0 ELSE 1 END)"


def _record(name: str) -> list[sa.schema.SchemaItem]:
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{name}")),
        sa.UniqueConstraint("uuid", name=op.f(f"uq_{name}_uuid")),
    ]


def _fk(column: str, table: str, target: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"),
                                   ondelete=ondelete)


def upgrade() -> None:
    with op.batch_alter_table("estate_grades", schema=None) as batch_op:
        batch_op.add_column(sa.Column("inspection_months", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("inspection_working_days", sa.Boolean(), server_default=sa.true(),
                                      nullable=False))
        batch_op.create_check_constraint(
            "inspection_months_range", "inspection_months IS NULL OR inspection_months BETWEEN 1 AND 12")
    grades = sa.table("estate_grades", sa.column("name", sa.String), sa.column("inspection_months", sa.Integer))
    for name, months in SEEDED_MONTHS.items():
        op.execute(grades.update().where(grades.c.name == name).values(inspection_months=months))

    op.create_table(
        "estate_grade_changes",
        sa.Column("estate_id", sa.Integer(), nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.Column("grade_id", sa.Integer(), nullable=True),
        sa.Column("previous_grade_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.String(length=200), nullable=True),
        *_record("estate_grade_changes"),
        _fk("estate_id", "estate_grade_changes", "estates", "CASCADE"),
        _fk("grade_id", "estate_grade_changes", "estate_grades", "RESTRICT"),
        _fk("previous_grade_id", "estate_grade_changes", "estate_grades", "RESTRICT"),
        sa.UniqueConstraint("estate_id", "effective_from", name=op.f("uq_estate_grade_changes_estate_id_effective_from")),
    )
    op.create_index(op.f("ix_estate_grade_changes_estate_id"), "estate_grade_changes", ["estate_id"])

    op.create_table(
        "patrols",
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        *_record("patrols"),
        sa.CheckConstraint("kind IN ('分级分类检查', '日常巡查', '专项整治', '联合检查', '夜间巡查')",
                           name=op.f("ck_patrols_kind")),
    )
    op.create_index(op.f("ix_patrols_started_at"), "patrols", ["started_at"])
    for link, column, target in (("patrol_officers", "staff_id", "staff"),
                                 ("patrol_departments", "department_id", "departments")):
        op.create_table(
            link,
            sa.Column("patrol_id", sa.Integer(), nullable=False),
            sa.Column(column, sa.Integer(), nullable=False),
            _fk("patrol_id", link, "patrols", "CASCADE"),
            _fk(column, link, target, "RESTRICT"),
            sa.PrimaryKeyConstraint("patrol_id", column, name=op.f(f"pk_{link}")),
        )

    op.create_table(
        "patrol_visits",
        sa.Column("patrol_id", sa.Integer(), nullable=False),
        sa.Column("estate_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("met_property", sa.Boolean(), nullable=False),
        sa.Column("met_committee", sa.Boolean(), nullable=False),
        sa.Column("met_owners_committee", sa.Boolean(), nullable=False),
        *_record("patrol_visits"),
        _fk("patrol_id", "patrol_visits", "patrols", "CASCADE"),
        _fk("estate_id", "patrol_visits", "estates", "RESTRICT"),
        sa.UniqueConstraint("patrol_id", "estate_id", name=op.f("uq_patrol_visits_patrol_id_estate_id")),
    )
    op.create_index(op.f("ix_patrol_visits_patrol_id"), "patrol_visits", ["patrol_id"])
    op.create_index("ix_patrol_visits_estate_patrol", "patrol_visits", ["estate_id", "patrol_id"])

    op.create_table(
        "patrol_checks",
        sa.Column("visit_id", sa.Integer(), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=False),
        sa.Column("result", sa.String(length=10), nullable=False),
        sa.Column("place", sa.String(length=200), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("outcome", sa.String(length=10), nullable=True),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("referral_id", sa.Integer(), nullable=True),
        *_record("patrol_checks"),
        _fk("visit_id", "patrol_checks", "patrol_visits", "CASCADE"),
        _fk("category_id", "patrol_checks", "categories", "RESTRICT"),
        _fk("case_id", "patrol_checks", "cases", "RESTRICT"),
        _fk("referral_id", "patrol_checks", "referrals", "RESTRICT"),
        sa.UniqueConstraint("visit_id", "category_id", name=op.f("uq_patrol_checks_visit_id_category_id")),
        sa.CheckConstraint("result IN ('正常', '发现问题', '不适用')", name=op.f("ck_patrol_checks_result")),
        sa.CheckConstraint("outcome IS NULL OR outcome IN ('立案', '移交', '当场劝阻整改')",
                           name=op.f("ck_patrol_checks_outcome")),
        sa.CheckConstraint("outcome IS NULL OR result = '发现问题'", name=op.f("ck_patrol_checks_outcome_needs_finding")),
        sa.CheckConstraint("case_id IS NULL OR outcome IN ('立案', '移交')",
                           name=op.f("ck_patrol_checks_case_needs_outcome")),
    )
    for column in ("visit_id", "category_id", "case_id", "referral_id"):
        op.create_index(op.f(f"ix_patrol_checks_{column}"), "patrol_checks", [column])

    with op.batch_alter_table("attachments", schema=None, recreate="auto") as batch_op:
        batch_op.add_column(sa.Column("patrol_check_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_attachments_patrol_check_id"), ["patrol_check_id"])
        batch_op.create_foreign_key(batch_op.f("fk_attachments_patrol_check_id_patrol_checks"), "patrol_checks",
                                    ["patrol_check_id"], ["id"], ondelete="CASCADE")
        batch_op.drop_constraint(op.f("ck_attachments_one_owner"), type_="check")
        batch_op.create_check_constraint("one_owner", _OWNERS_AFTER + " = 1")
    _retrigger_rebuilt_attachments()
    tombstone_triggers.create(op.get_bind(), TABLES)


def _retrigger_rebuilt_attachments() -> None:
    # SQLite's batch mode copies the table into a new one: the old table's triggers went with it.
    if op.get_bind().dialect.name == "sqlite":
        tombstone_triggers.drop(op.get_bind(), ("attachments",))
        tombstone_triggers.create(op.get_bind(), ("attachments",))


def downgrade() -> None:
    tombstone_triggers.drop(op.get_bind(), TABLES)  # 0010's tables still use it
    op.execute("DELETE FROM attachments WHERE patrol_check_id IS NOT NULL")
    with op.batch_alter_table("attachments", schema=None, recreate="auto") as batch_op:
        batch_op.drop_constraint(op.f("ck_attachments_one_owner"), type_="check")
        batch_op.create_check_constraint("one_owner", _OWNERS_BEFORE + " = 1")
        batch_op.drop_constraint(op.f("fk_attachments_patrol_check_id_patrol_checks"), type_="foreignkey")
        batch_op.drop_index(op.f("ix_attachments_patrol_check_id"))
        batch_op.drop_column("patrol_check_id")
    _retrigger_rebuilt_attachments()
    for column in ("visit_id", "category_id", "case_id", "referral_id"):
        op.drop_index(op.f(f"ix_patrol_checks_{column}"), table_name="patrol_checks")
    op.drop_table("patrol_checks")
    op.drop_index("ix_patrol_visits_estate_patrol", table_name="patrol_visits")
    op.drop_index(op.f("ix_patrol_visits_patrol_id"), table_name="patrol_visits")
    op.drop_table("patrol_visits")
    op.drop_table("patrol_departments")
    op.drop_table("patrol_officers")
    op.drop_index(op.f("ix_patrols_started_at"), table_name="patrols")
    op.drop_table("patrols")
    op.drop_index(op.f("ix_estate_grade_changes_estate_id"), table_name="estate_grade_changes")
    op.drop_table("estate_grade_changes")
    with op.batch_alter_table("estate_grades", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_estate_grades_inspection_months_range"), type_="check")
        batch_op.drop_column("inspection_working_days")
        batch_op.drop_column("inspection_months")
