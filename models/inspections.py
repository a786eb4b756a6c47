"""Inspections and patrols (分级分类检查, 常态化巡查): patrol records, the estates visited, their checklist lines.

A checklist line marked 发现问题 is a finding: its outcome (立案 / 移交 / 当场劝阻整改) and the case or referral it
became are kept on the line itself, so the patrol shows what each finding became and a case finds the patrol it
came from with one join. Who was met is kept by role only (物业 / 居委 / 业委会): names stay out of patrol records.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, Record
from models.cases import Case, Referral
from models.enums import CHECK_RESULTS, FINDING_OUTCOMES, PATROL_KINDS, one_of
from models.reference import Category, Department, Estate, EstateGrade, Staff

patrol_officers = Table(
    "patrol_officers",
    Base.metadata,
    Column("patrol_id", ForeignKey("patrols.id", ondelete="CASCADE"), primary_key=True),
    Column("staff_id", ForeignKey("staff.id", ondelete="RESTRICT"), primary_key=True),
)
patrol_departments = Table(
    "patrol_departments",
    Base.metadata,
    Column("patrol_id", ForeignKey("patrols.id", ondelete="CASCADE"), primary_key=True),
    Column("department_id", ForeignKey("departments.id", ondelete="RESTRICT"), primary_key=True),
)


class EstateGradeChange(Record, Base):
    """An estate's grade from a date on: a change applies from its date, never to the days before it.

    `previous_grade_id` is the grade the estate had before the first change (an estate graded before grades were
    dated has no row for it), so the days before the earliest change keep the grade they had.
    """

    __tablename__ = "estate_grade_changes"
    __table_args__ = (UniqueConstraint("estate_id", "effective_from"),)

    estate_id: Mapped[int] = mapped_column(ForeignKey("estates.id", ondelete="CASCADE"), index=True)
    effective_from: Mapped[date] = mapped_column(Date)
    grade_id: Mapped[int | None] = mapped_column(ForeignKey("estate_grades.id", ondelete="RESTRICT"))
    previous_grade_id: Mapped[int | None] = mapped_column(ForeignKey("estate_grades.id", ondelete="RESTRICT"))
    note: Mapped[str | None] = mapped_column(String(200))

    estate: Mapped[Estate] = relationship()
    grade: Mapped[EstateGrade | None] = relationship(foreign_keys=[grade_id])


class Patrol(Record, Base):
    """One patrol or inspection round (巡查/检查记录): when, what kind, who went, which estates."""

    __tablename__ = "patrols"
    __table_args__ = (one_of("kind", PATROL_KINDS, "kind"),)

    started_at: Mapped[datetime] = mapped_column(DateTime, index=True)  # naive UTC, like every instant
    kind: Mapped[str] = mapped_column(String(10))
    # Officers' own notes: may mention people, so a 居委代表 never sees them.
    notes: Mapped[str | None] = mapped_column(Text)

    officers: Mapped[list[Staff]] = relationship(secondary=patrol_officers, order_by="Staff.id")
    departments: Mapped[list[Department]] = relationship(secondary=patrol_departments, order_by="Department.id")
    visits: Mapped[list[PatrolVisit]] = relationship(
        back_populates="patrol", cascade="all, delete-orphan", order_by="PatrolVisit.position"
    )


class PatrolVisit(Record, Base):
    """An estate a patrol visited, and whom it met there by role (no names)."""

    __tablename__ = "patrol_visits"
    __table_args__ = (
        UniqueConstraint("patrol_id", "estate_id"),
        Index("ix_patrol_visits_estate_patrol", "estate_id", "patrol_id"),
    )

    patrol_id: Mapped[int] = mapped_column(ForeignKey("patrols.id", ondelete="CASCADE"), index=True)
    estate_id: Mapped[int] = mapped_column(ForeignKey("estates.id", ondelete="RESTRICT"))
    position: Mapped[int] = mapped_column(default=0)
    met_property: Mapped[bool] = mapped_column(Boolean, default=False)  # 物业
    met_committee: Mapped[bool] = mapped_column(Boolean, default=False)  # 居委
    met_owners_committee: Mapped[bool] = mapped_column(Boolean, default=False)  # 业委会

    patrol: Mapped[Patrol] = relationship(back_populates="visits")
    estate: Mapped[Estate] = relationship()
    checks: Mapped[list[PatrolCheck]] = relationship(
        back_populates="visit", cascade="all, delete-orphan", order_by="PatrolCheck.category_id"
    )


class PatrolCheck(Record, Base):
    """One checklist line: an estate × a category, 正常 / 发现问题 / 不适用; a 发现问题 line is a finding."""

    __tablename__ = "patrol_checks"
    __table_args__ = (
        UniqueConstraint("visit_id", "category_id"),
        one_of("result", CHECK_RESULTS, "result"),
        one_of("outcome", FINDING_OUTCOMES, "outcome", nullable=True),
        CheckConstraint("outcome IS NULL OR result = '发现问题'", name="outcome_needs_finding"),
        CheckConstraint("case_id IS NULL OR outcome IN ('立案', '移交')", name="case_needs_outcome"),
    )

    visit_id: Mapped[int] = mapped_column(ForeignKey("patrol_visits.id", ondelete="CASCADE"), index=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("categories.id", ondelete="RESTRICT"), index=True)
    result: Mapped[str] = mapped_column(String(10))
    place: Mapped[str | None] = mapped_column(String(200))
    note: Mapped[str | None] = mapped_column(Text)  # officers' note: never shown to a 居委代表
    outcome: Mapped[str | None] = mapped_column(String(10))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id", ondelete="RESTRICT"), index=True)
    referral_id: Mapped[int | None] = mapped_column(ForeignKey("referrals.id", ondelete="RESTRICT"), index=True)

    visit: Mapped[PatrolVisit] = relationship(back_populates="checks")
    category: Mapped[Category] = relationship()
    case: Mapped[Case | None] = relationship()
    referral: Mapped[Referral | None] = relationship()
