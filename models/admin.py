"""Working-day calendar, station settings, user accounts and the audit log."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    select,
)
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from models.base import Base, Record
from models.clock import utcnow
from models.enums import CALENDAR_DAY_KINDS, USER_ROLES, one_of
from models.reference import Estate, Staff


class CalendarDay(Record, Base):
    """A day that breaks the Monday-to-Friday rule: a public holiday or a make-up working day (调休)."""

    __tablename__ = "calendar_days"
    __table_args__ = (one_of("kind", CALENDAR_DAY_KINDS, "kind"),)

    day: Mapped[date] = mapped_column(Date, unique=True)
    kind: Mapped[str] = mapped_column(String(10))
    name: Mapped[str | None] = mapped_column(String(40))


class Setting(Base):
    """A station-wide setting stored with the data (station name, follow-up days...)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime, default=utcnow, onupdate=utcnow, nullable=False
    )


def setting_values(session: Session, keys: Iterable[str]) -> dict[str, str]:
    """Settings' values by key (a key not set is left out), read through the table rather than the mapped class:
    the reads a start makes before its window is painted (seeding's check, the demo mark, the station's name) then
    leave the ORM's mapper configuration (~50 ms) to the first page."""
    table = Setting.__table__
    rows = session.execute(select(table.c.key, table.c.value).where(table.c.key.in_(list(keys))))
    return {key: value for key, value in rows}


user_estates = Table(
    "user_estates",
    Base.metadata,
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("estate_id", ForeignKey("estates.id", ondelete="CASCADE"), primary_key=True),
)


class User(Record, Base):
    """An account that signs in to the app (used from the accounts issue on)."""

    __tablename__ = "users"
    __table_args__ = (
        one_of("role", USER_ROLES, "role"),
        CheckConstraint("failed_attempts >= 0", name="failed_nonneg"),
    )

    username: Mapped[str] = mapped_column(String(40), unique=True)
    display_name: Mapped[str] = mapped_column(String(60))
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(10))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime)

    staff: Mapped[Staff | None] = relationship()
    estates: Mapped[list[Estate]] = relationship(secondary=user_estates)


class AuditEntry(Base):
    """An append-only audit record; never holds personal data, only what happened to which record."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    username: Mapped[str | None] = mapped_column(String(40))
    action: Mapped[str] = mapped_column(String(40), index=True)
    entity: Mapped[str | None] = mapped_column(String(40))
    entity_uuid: Mapped[str | None] = mapped_column(String(36))
    detail: Mapped[str | None] = mapped_column(Text)  # JSON


class BriefIssue(Record, Base):
    """A numbered work brief (工作简报 第 N 期): numbers run per station and year and are never reused."""

    __tablename__ = "brief_issues"
    __table_args__ = (
        UniqueConstraint("station_name", "year", "number"),
        CheckConstraint("number > 0", name="number_positive"),
    )

    station_name: Mapped[str] = mapped_column(String(60))
    year: Mapped[int] = mapped_column(Integer)
    number: Mapped[int] = mapped_column(Integer)
    period_label: Mapped[str] = mapped_column(String(60))
    scope_label: Mapped[str] = mapped_column(String(100))
    issued_on: Mapped[date] = mapped_column(Date)
    issued_by: Mapped[str | None] = mapped_column(String(60))
