"""Reference data: streets, estates and their people, property companies, staff, categories, laws, departments."""

from __future__ import annotations

from datetime import date

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.sql.expression import true

from models.base import Base, Record
from models.enums import ESTATE_CONTACT_ROLES, REPLY_KINDS, STREET_KINDS, one_of

category_regulations = Table(
    "category_regulations",
    Base.metadata,
    Column("category_id", ForeignKey("categories.id", ondelete="CASCADE"), primary_key=True),
    Column("regulation_id", ForeignKey("regulations.id", ondelete="RESTRICT"), primary_key=True),
)


class Street(Record, Base):
    """A street (街道) or town (镇) of the district."""

    __tablename__ = "streets"
    __table_args__ = (one_of("kind", STREET_KINDS, "kind"),)

    name: Mapped[str] = mapped_column(String(40), unique=True)
    short_name: Mapped[str] = mapped_column(String(20), unique=True)
    kind: Mapped[str] = mapped_column(String(4), default="街道")
    sort_order: Mapped[int] = mapped_column(Integer, default=0)

    estates: Mapped[list[Estate]] = relationship(back_populates="street")


class EstateGrade(Record, Base):
    """A management grade (分级分类) an estate can be given; an editable list."""

    __tablename__ = "estate_grades"
    __table_args__ = (
        CheckConstraint("inspection_months IS NULL OR inspection_months BETWEEN 1 AND 12",
                        name="inspection_months_range"),
    )

    name: Mapped[str] = mapped_column(String(40), unique=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    # The inspection plan (分级分类执法检查): one inspection every this many months (None: no inspections due),
    # and whether each inspection falls due on the last working day of its cycle rather than its last day.
    inspection_months: Mapped[int | None] = mapped_column(Integer)
    inspection_working_days: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())


class PropertyCompany(Record, Base):
    """A property-management company (物业服务企业)."""

    __tablename__ = "property_companies"

    name: Mapped[str] = mapped_column(String(100), unique=True)
    project_manager: Mapped[str | None] = mapped_column(String(40))
    contact_phone: Mapped[str | None] = mapped_column(String(40))
    address: Mapped[str | None] = mapped_column(String(200))
    notes: Mapped[str | None] = mapped_column(Text)

    estates: Mapped[list[Estate]] = relationship(back_populates="property_company")


class Estate(Record, Base):
    """A residential estate (住宅小区)."""

    __tablename__ = "estates"
    __table_args__ = (
        UniqueConstraint("street_id", "name"),
        CheckConstraint("households IS NULL OR households >= 0", name="households_nonneg"),
    )

    name: Mapped[str] = mapped_column(String(100), index=True)
    street_id: Mapped[int] = mapped_column(ForeignKey("streets.id", ondelete="RESTRICT"), index=True)
    residents_committee: Mapped[str | None] = mapped_column(String(100))
    address: Mapped[str | None] = mapped_column(String(200))
    households: Mapped[int | None] = mapped_column(Integer)
    pilot: Mapped[bool] = mapped_column(Boolean, default=False)
    grade_id: Mapped[int | None] = mapped_column(ForeignKey("estate_grades.id", ondelete="RESTRICT"))
    property_company_id: Mapped[int | None] = mapped_column(
        ForeignKey("property_companies.id", ondelete="RESTRICT"), index=True
    )
    notes: Mapped[str | None] = mapped_column(Text)

    street: Mapped[Street] = relationship(back_populates="estates")
    grade: Mapped[EstateGrade | None] = relationship()
    property_company: Mapped[PropertyCompany | None] = relationship(back_populates="estates")
    aliases: Mapped[list[EstateAlias]] = relationship(
        back_populates="estate", cascade="all, delete-orphan"
    )
    populations: Mapped[list[EstatePopulation]] = relationship(
        back_populates="estate", cascade="all, delete-orphan", order_by="EstatePopulation.as_of"
    )
    contacts: Mapped[list[EstateContact]] = relationship(
        back_populates="estate", cascade="all, delete-orphan"
    )


class EstateAlias(Record, Base):
    """Another name residents or 12345 use for an estate; unique so type-ahead is unambiguous."""

    __tablename__ = "estate_aliases"

    estate_id: Mapped[int] = mapped_column(ForeignKey("estates.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(String(100), unique=True)

    estate: Mapped[Estate] = relationship(back_populates="aliases")


class EstatePopulation(Record, Base):
    """Resident population (常住人口) of an estate as of a date: the denominator of 投诉万人比."""

    __tablename__ = "estate_populations"
    __table_args__ = (
        UniqueConstraint("estate_id", "as_of"),
        CheckConstraint("population > 0", name="population_positive"),
    )

    estate_id: Mapped[int] = mapped_column(ForeignKey("estates.id", ondelete="CASCADE"), index=True)
    as_of: Mapped[date] = mapped_column(Date)
    population: Mapped[int] = mapped_column(Integer)
    source: Mapped[str | None] = mapped_column(String(100))

    estate: Mapped[Estate] = relationship(back_populates="populations")


class EstateContact(Record, Base):
    """A person the station works with in an estate (居委书记, 楼组长...): personal data."""

    __tablename__ = "estate_contacts"
    __table_args__ = (one_of("role", ESTATE_CONTACT_ROLES, "role"),)

    estate_id: Mapped[int] = mapped_column(ForeignKey("estates.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(40))
    phone: Mapped[str | None] = mapped_column(String(40))
    note: Mapped[str | None] = mapped_column(String(200))

    estate: Mapped[Estate] = relationship(back_populates="contacts")


class Staff(Record, Base):
    """A member of station staff: the officer a case is assigned to."""

    __tablename__ = "staff"

    name: Mapped[str] = mapped_column(String(40))
    badge_no: Mapped[str | None] = mapped_column(String(20), unique=True)
    position: Mapped[str | None] = mapped_column(String(40))
    phone: Mapped[str | None] = mapped_column(String(40))
    street_id: Mapped[int | None] = mapped_column(ForeignKey("streets.id", ondelete="RESTRICT"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    street: Mapped[Street | None] = relationship()


class Regulation(Record, Base):
    """A law or regulation cited as legal basis (the plan's annex list, editable)."""

    __tablename__ = "regulations"

    annex_no: Mapped[int | None] = mapped_column(Integer, unique=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    articles: Mapped[str | None] = mapped_column(Text)
    applies_to_all: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str | None] = mapped_column(Text)


class Category(Record, Base):
    """A violation category (重点执法事项) with its default legal basis and rectification deadline."""

    __tablename__ = "categories"
    __table_args__ = (CheckConstraint("deadline_days >= 0", name="deadline_nonneg"),)

    code: Mapped[str] = mapped_column(String(10), unique=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    deadline_days: Mapped[int] = mapped_column(Integer, default=15)
    working_days: Mapped[bool] = mapped_column(Boolean, default=True)
    referral_only: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)

    regulations: Mapped[list[Regulation]] = relationship(
        secondary=category_regulations, order_by="Regulation.annex_no"
    )


class Department(Record, Base):
    """A department cases are referred to or that assists (部门职责)."""

    __tablename__ = "departments"

    name: Mapped[str] = mapped_column(String(60), unique=True)
    duty: Mapped[str | None] = mapped_column(Text)
    typical_referral: Mapped[str | None] = mapped_column(Text)
    contact: Mapped[str | None] = mapped_column(String(100))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class ReplyTemplate(Record, Base):
    """A reply text (回复模板) for one category and kind of reply, with {小区}-style fields filled from the record.

    The fields are a closed list (controllers.complaints.reply_fill.FIELDS): none of them is a complainant's name or
    phone, so no template, however edited, can put personal data into a reply."""

    __tablename__ = "reply_templates"
    __table_args__ = (
        UniqueConstraint("category_id", "kind", "name"),
        one_of("kind", REPLY_KINDS, "kind"),
    )

    category_id: Mapped[int] = mapped_column(ForeignKey("categories.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    name: Mapped[str] = mapped_column(String(40))
    body: Mapped[str] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)

    category: Mapped[Category] = relationship()
