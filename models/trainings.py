"""Training and outreach records (教育培训和普法宣传) and their attendees."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, Record
from models.cases import Case
from models.reference import Department, Estate, PropertyCompany

training_departments = Table(
    "training_departments",
    Base.metadata,
    Column("training_id", ForeignKey("trainings.id", ondelete="CASCADE"), primary_key=True),
    Column("department_id", ForeignKey("departments.id", ondelete="RESTRICT"), primary_key=True),
)
training_estates = Table(
    "training_estates",
    Base.metadata,
    Column("training_id", ForeignKey("trainings.id", ondelete="CASCADE"), primary_key=True),
    Column("estate_id", ForeignKey("estates.id", ondelete="RESTRICT"), primary_key=True),
)
training_cases = Table(
    "training_cases",
    Base.metadata,
    Column("training_id", ForeignKey("trainings.id", ondelete="CASCADE"), primary_key=True),
    Column("case_id", ForeignKey("cases.id", ondelete="RESTRICT"), primary_key=True),
)


class TrainingKind(Record, Base):
    """A kind of training or outreach (物业企业培训, 社区守法小讲堂...): an editable list."""

    __tablename__ = "training_kinds"

    name: Mapped[str] = mapped_column(String(40), unique=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class Training(Record, Base):
    """One training session or outreach event."""

    __tablename__ = "trainings"
    __table_args__ = (
        CheckConstraint("planned_count IS NULL OR planned_count >= 0", name="planned_nonneg"),
        CheckConstraint("actual_count IS NULL OR actual_count >= 0", name="actual_nonneg"),
        CheckConstraint("ends_at IS NULL OR ends_at >= starts_at", name="ends_after_start"),
    )

    kind_id: Mapped[int] = mapped_column(ForeignKey("training_kinds.id", ondelete="RESTRICT"))
    title: Mapped[str] = mapped_column(String(200))
    starts_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    ends_at: Mapped[datetime | None] = mapped_column(DateTime)
    venue: Mapped[str | None] = mapped_column(String(200))
    organiser: Mapped[str | None] = mapped_column(String(100))
    audience: Mapped[str | None] = mapped_column(String(200))
    planned_count: Mapped[int | None] = mapped_column(Integer)
    actual_count: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str | None] = mapped_column(Text)

    kind: Mapped[TrainingKind] = relationship()
    departments: Mapped[list[Department]] = relationship(secondary=training_departments)
    estates: Mapped[list[Estate]] = relationship(secondary=training_estates)
    cases: Mapped[list[Case]] = relationship(secondary=training_cases)
    attendees: Mapped[list[TrainingAttendee]] = relationship(
        back_populates="training", cascade="all, delete-orphan", order_by="TrainingAttendee.position"
    )


class TrainingAttendee(Record, Base):
    """A person invited to or attending a training; name and phone are personal data."""

    __tablename__ = "training_attendees"

    training_id: Mapped[int] = mapped_column(
        ForeignKey("trainings.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(60))
    organisation: Mapped[str | None] = mapped_column(String(100))
    role: Mapped[str | None] = mapped_column(String(60))
    phone: Mapped[str | None] = mapped_column(String(40))
    property_company_id: Mapped[int | None] = mapped_column(
        ForeignKey("property_companies.id", ondelete="RESTRICT"), index=True
    )
    invited: Mapped[bool] = mapped_column(Boolean, default=True)
    attended: Mapped[bool] = mapped_column(Boolean, default=False)

    training: Mapped[Training] = relationship(back_populates="attendees")
    property_company: Mapped[PropertyCompany | None] = relationship()
