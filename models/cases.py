"""The case book (案件台账): cases, their timeline, evidence attachments and referrals."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, Record
from models.clock import utcnow
from models.enums import (
    ATTACHMENT_KINDS,
    CASE_EVENT_KINDS,
    CASE_SOURCES,
    CASE_STATUSES,
    REFERRAL_STATUSES,
    one_of,
)
from models.reference import Category, Department, Estate, PropertyCompany, Regulation, Staff, Street


def format_case_number(year: int, street_short_name: str, seq: int) -> str:
    """The number staff read over the phone: year, street, sequence within both (2025-长征-0037)."""
    return f"{year}-{street_short_name}-{seq:04d}"


case_regulations = Table(
    "case_regulations",
    Base.metadata,
    Column("case_id", ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True),
    Column("regulation_id", ForeignKey("regulations.id", ondelete="RESTRICT"), primary_key=True),
)


class Case(Record, Base):
    """A violation case, numbered per year and street (e.g. 2025-长征-0037)."""

    __tablename__ = "cases"
    __table_args__ = (
        UniqueConstraint("year", "street_id", "seq"),
        one_of("status", CASE_STATUSES, "status"),
        one_of("source", CASE_SOURCES, "source"),
        CheckConstraint("seq > 0", name="seq_positive"),
        CheckConstraint("penalty_amount IS NULL OR penalty_amount >= 0", name="penalty_nonneg"),
        Index("ix_cases_status_deadline", "status", "deadline"),
        # Covering indexes for the 工作台 and statistics: counts by month/category/status, on-time and
        # recurrence, follow-ups due, read from the index alone (dashboard refresh ~1,000 -> ~400 ms at 100k).
        Index("ix_cases_found_category_status", "found_date", "category_id", "status"),
        Index("ix_cases_status_closed_deadline", "status", "closed_on", "deadline"),
        Index("ix_cases_followup", "status", "followup_done_on", "followup_due"),
        # District scale (schema 0014): 挂账 cases due for review, and the 苗头 windows' (estate, category) counts.
        Index("ix_cases_status_hold", "status", "hold_review_date"),
        Index("ix_cases_found_estate_category", "found_date", "estate_id", "category_id"),
        # Schema 0017: one estate's and category's cases over a few days, a short range (the 苗头 per pair).
        Index("ix_cases_estate_category_found", "estate_id", "category_id", "found_date"),
    )

    number: Mapped[str] = mapped_column(String(40), unique=True)
    year: Mapped[int] = mapped_column(Integer)
    street_id: Mapped[int] = mapped_column(ForeignKey("streets.id", ondelete="RESTRICT"))
    seq: Mapped[int] = mapped_column(Integer)
    category_id: Mapped[int] = mapped_column(
        ForeignKey("categories.id", ondelete="RESTRICT"), index=True
    )
    estate_id: Mapped[int] = mapped_column(ForeignKey("estates.id", ondelete="RESTRICT"), index=True)
    place: Mapped[str | None] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(String(20))
    found_date: Mapped[date] = mapped_column(Date, index=True)
    facts: Mapped[str] = mapped_column(Text, default="")
    party_name: Mapped[str | None] = mapped_column(String(100))
    party_id_no: Mapped[str | None] = mapped_column(String(40))
    party_phone: Mapped[str | None] = mapped_column(String(40))
    officer_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff.id", ondelete="RESTRICT"), index=True
    )
    status: Mapped[str] = mapped_column(String(10), default="登记")
    deadline: Mapped[date | None] = mapped_column(Date, index=True)
    measures: Mapped[str | None] = mapped_column(Text)
    result: Mapped[str | None] = mapped_column(Text)
    # The property company a case concerns (C11 物业未履职): its record shows these cases.
    property_company_id: Mapped[int | None] = mapped_column(
        ForeignKey("property_companies.id", ondelete="RESTRICT"), index=True
    )
    # An administrative penalty (行政处罚) decided on the case, if any.
    penalty_decided_on: Mapped[date | None] = mapped_column(Date)
    penalty_doc_no: Mapped[str | None] = mapped_column(String(60))
    penalty_amount: Mapped[int | None] = mapped_column(Integer)  # yuan
    notes: Mapped[str | None] = mapped_column(Text)
    hold_reason: Mapped[str | None] = mapped_column(Text)
    hold_review_date: Mapped[date | None] = mapped_column(Date)
    closed_on: Mapped[date | None] = mapped_column(Date, index=True)
    followup_due: Mapped[date | None] = mapped_column(Date, index=True)
    followup_done_on: Mapped[date | None] = mapped_column(Date)
    # A violation found again after closing opens a new case linked to the old one.
    recurrence_of_id: Mapped[int | None] = mapped_column(
        ForeignKey("cases.id", ondelete="SET NULL"), index=True
    )
    # Optimistic locking: a concurrent edit of the same case raises instead of overwriting.
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    __mapper_args__ = {"version_id_col": version}

    street: Mapped[Street] = relationship()
    category: Mapped[Category] = relationship()
    estate: Mapped[Estate] = relationship()
    officer: Mapped[Staff | None] = relationship()
    property_company: Mapped[PropertyCompany | None] = relationship()
    regulations: Mapped[list[Regulation]] = relationship(secondary=case_regulations)
    recurrence_of: Mapped[Case | None] = relationship(remote_side="Case.id")
    events: Mapped[list[CaseEvent]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="CaseEvent.at"
    )
    referrals: Mapped[list[Referral]] = relationship(back_populates="case")


class CaseEvent(Record, Base):
    """One entry on a case's timeline: who did what, when, and what changed."""

    __tablename__ = "case_events"
    __table_args__ = (
        one_of("kind", CASE_EVENT_KINDS, "kind"),
        one_of("from_status", CASE_STATUSES, "from_status", nullable=True),
        one_of("to_status", CASE_STATUSES, "to_status", nullable=True),
        # The 乱作为 candidates (controllers.supervision.candidates) read a few kinds of event across every case:
        # reopenings, reversed decisions (by from_status), edits; ranges of this index, not a scan of the timeline.
        Index("ix_case_events_kind_from_case", "kind", "from_status", "case_id", "at"),
    )

    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    actor: Mapped[str] = mapped_column(String(60))
    kind: Mapped[str] = mapped_column(String(10))
    from_status: Mapped[str | None] = mapped_column(String(10))
    to_status: Mapped[str | None] = mapped_column(String(10))
    changes: Mapped[str | None] = mapped_column(Text)  # JSON: {field: [before, after]}
    note: Mapped[str | None] = mapped_column(Text)

    case: Mapped[Case] = relationship(back_populates="events")


class Attachment(Record, Base):
    """A file (photo, material) kept in the data directory under its SHA-256, never in the database."""

    __tablename__ = "attachments"
    __table_args__ = (
        one_of("kind", ATTACHMENT_KINDS, "kind"),
        CheckConstraint("length(sha256) = 64", name="sha256_len"),
        CheckConstraint("size_bytes >= 0", name="size_nonneg"),
        CheckConstraint(
            # CASE, not boolean arithmetic, so the same constraint holds on PostgreSQL.
            "(CASE WHEN case_id IS NULL THEN 0 ELSE 1 END)"
            " + (CASE WHEN training_id IS NULL THEN 0 ELSE 1 END)"
            " + (CASE WHEN meeting_id IS NULL THEN 0 ELSE 1 END)"
            " + (CASE WHEN patrol_check_id IS NULL THEN 0 ELSE 1 END) = 1",
            name="one_owner",
        ),
    )

    sha256: Mapped[str] = mapped_column(String(64), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    mime_type: Mapped[str | None] = mapped_column(String(100))
    size_bytes: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(10), default="证据")
    caption: Mapped[str | None] = mapped_column(String(200))
    taken_at: Mapped[datetime | None] = mapped_column(DateTime)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    training_id: Mapped[int | None] = mapped_column(
        ForeignKey("trainings.id", ondelete="CASCADE"), index=True
    )
    meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    # A patrol's photo of a finding (controllers.inspections): carried over to the case the finding becomes.
    patrol_check_id: Mapped[int | None] = mapped_column(
        ForeignKey("patrol_checks.id", ondelete="CASCADE"), index=True
    )


class Referral(Record, Base):
    """A case or complaint referred (移交) to a department, and its reply."""

    __tablename__ = "referrals"
    __table_args__ = (
        one_of("status", REFERRAL_STATUSES, "status"),
        CheckConstraint("case_id IS NOT NULL OR complaint_id IS NOT NULL", name="has_subject"),
        # Schema 0017: the 工作台's referrals awaiting a reply, counted and listed soonest first from the index.
        Index("ix_referrals_status_reply_due", "status", "reply_due"),
    )

    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    complaint_id: Mapped[int | None] = mapped_column(
        ForeignKey("complaints.id", ondelete="CASCADE"), index=True
    )
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id", ondelete="RESTRICT"))
    referred_on: Mapped[date] = mapped_column(Date)
    letter_no: Mapped[str | None] = mapped_column(String(60))  # 移交函 number
    reason: Mapped[str | None] = mapped_column(Text)  # the matter referred
    reply_due: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10), default="待回复")
    received_on: Mapped[date | None] = mapped_column(Date)  # the department acknowledged receipt
    reply_letter_no: Mapped[str | None] = mapped_column(String(60))  # 回函 number
    replied_on: Mapped[date | None] = mapped_column(Date)
    reply: Mapped[str | None] = mapped_column(Text)

    case: Mapped[Case | None] = relationship(back_populates="referrals")
    department: Mapped[Department] = relationship()


class TypicalCase(Record, Base):
    """A closed case marked 典型案例 for 以案释法, with its de-identified write-up as the user last edited it.

    The write-up is drafted without names, room numbers or phones (controllers.cases.typical) and then belongs to
    the user: it is what the 案例警示 PDF and the 公众号 text print, never the case's own facts."""

    __tablename__ = "typical_cases"

    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), unique=True)
    marked_on: Mapped[date] = mapped_column(Date)
    marked_by: Mapped[str] = mapped_column(String(60))
    title: Mapped[str] = mapped_column(String(100))
    place: Mapped[str] = mapped_column(String(100), default="")
    facts: Mapped[str] = mapped_column(Text, default="")
    legal_basis: Mapped[str] = mapped_column(Text, default="")
    handling: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(Text, default="")
    lesson: Mapped[str] = mapped_column(Text, default="")

    case: Mapped[Case] = relationship()
