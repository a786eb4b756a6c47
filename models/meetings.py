"""Meetings (会商, 例会, 研讨会诊) with the cases and complaints discussed and their action items."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Column, Date, ForeignKey, Integer, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, Record
from models.cases import Case
from models.complaints import Complaint
from models.enums import MEETING_KINDS, one_of
from models.reference import Department

meeting_departments = Table(
    "meeting_departments",
    Base.metadata,
    Column("meeting_id", ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True),
    Column("department_id", ForeignKey("departments.id", ondelete="RESTRICT"), primary_key=True),
)
meeting_cases = Table(
    "meeting_cases",
    Base.metadata,
    Column("meeting_id", ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True),
    Column("case_id", ForeignKey("cases.id", ondelete="RESTRICT"), primary_key=True),
)
meeting_complaints = Table(
    "meeting_complaints",
    Base.metadata,
    Column("meeting_id", ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True),
    Column("complaint_id", ForeignKey("complaints.id", ondelete="RESTRICT"), primary_key=True),
)


class Meeting(Record, Base):
    """A consultation, regular meeting or case clinic."""

    __tablename__ = "meetings"
    __table_args__ = (one_of("kind", MEETING_KINDS, "kind"),)

    kind: Mapped[str] = mapped_column(String(10))
    held_on: Mapped[date] = mapped_column(Date, index=True)
    title: Mapped[str] = mapped_column(String(200))
    venue: Mapped[str | None] = mapped_column(String(200))
    people_present: Mapped[str | None] = mapped_column(Text)
    decisions: Mapped[str | None] = mapped_column(Text)

    departments: Mapped[list[Department]] = relationship(secondary=meeting_departments)
    cases: Mapped[list[Case]] = relationship(secondary=meeting_cases)
    complaints: Mapped[list[Complaint]] = relationship(secondary=meeting_complaints)
    actions: Mapped[list[MeetingAction]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="MeetingAction.position"
    )


class MeetingAction(Record, Base):
    """A follow-up action decided in a meeting, with owner, deadline and done mark."""

    __tablename__ = "meeting_actions"

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    description: Mapped[str] = mapped_column(Text)
    owner: Mapped[str | None] = mapped_column(String(60))
    due: Mapped[date | None] = mapped_column(Date, index=True)
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    done_on: Mapped[date | None] = mapped_column(Date)

    meeting: Mapped[Meeting] = relationship(back_populates="actions")
