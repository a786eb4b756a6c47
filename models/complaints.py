"""The complaint log (诉件台账): residents' complaints, 12345 work orders and their handling."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from models.base import Base, Record
from models.cases import Case
from models.enums import COMPLAINT_CHANNELS, COMPLAINT_STATUSES, SATISFACTION, one_of
from models.normalize import normalize_address
from models.reference import Category, Estate, Street


class Complaint(Record, Base):
    """A complaint received by the station; complainant name and phone are personal data."""

    __tablename__ = "complaints"
    __table_args__ = (
        one_of("channel", COMPLAINT_CHANNELS, "channel"),
        one_of("status", COMPLAINT_STATUSES, "status"),
        one_of("satisfaction", SATISFACTION, "satisfaction", nullable=True),
        # Covers per-estate counts of complaints and of repeats over a period (投诉万人比) from the index alone.
        Index("ix_complaints_estate_received_repeat", "estate_id", "received_at", "repeat_of_id"),
        # The 工作台's complaints awaiting a reply or a callback.
        Index("ix_complaints_status_reply_due", "status", "reply_due"),
        Index("ix_complaints_status_callback", "status", "callback_on", "received_at"),
        # District scale (schema 0014): 不满意 callbacks of a period (the view's estates covered), and the 苗头
        # windows' (estate, category) counts.
        Index("ix_complaints_satisfaction_callback", "satisfaction", "callback_on", "estate_id"),
        Index("ix_complaints_received_estate_category", "received_at", "estate_id", "category_id"),
        # Schema 0017: one estate's and category's complaints over a few days, a short range (the 苗头 per pair).
        Index("ix_complaints_estate_category_received", "estate_id", "category_id", "received_at"),
    )

    work_order_no: Mapped[str | None] = mapped_column(String(40), unique=True)
    channel: Mapped[str] = mapped_column(String(10))
    received_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    complainant_name: Mapped[str | None] = mapped_column(String(60))
    complainant_phone: Mapped[str | None] = mapped_column(String(40), index=True)
    street_id: Mapped[int | None] = mapped_column(ForeignKey("streets.id", ondelete="RESTRICT"))
    estate_id: Mapped[int | None] = mapped_column(ForeignKey("estates.id", ondelete="RESTRICT"))
    address: Mapped[str | None] = mapped_column(String(200))
    # normalize_address(address), kept in step by `_address_key` below (and by the Core bulk writers), so repeat
    # detection finds complaints at the same address by index instead of normalising a whole window in Python.
    address_key: Mapped[str | None] = mapped_column(String(200), index=True)
    category_id: Mapped[int | None] = mapped_column(
        ForeignKey("categories.id", ondelete="RESTRICT"), index=True
    )
    content: Mapped[str] = mapped_column(Text, default="")
    reply_due: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10), default="待处理", index=True)
    reply: Mapped[str | None] = mapped_column(Text)
    replied_on: Mapped[date | None] = mapped_column(Date)
    callback_on: Mapped[date | None] = mapped_column(Date)
    satisfaction: Mapped[str | None] = mapped_column(String(10))
    callback_note: Mapped[str | None] = mapped_column(Text)
    # A repeat points at the first complaint of its group; never dropped, always linked.
    repeat_of_id: Mapped[int | None] = mapped_column(
        ForeignKey("complaints.id", ondelete="SET NULL"), index=True
    )
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id", ondelete="SET NULL"), index=True)
    # The 12345 return file (回复回传): when this work order last went back to the platform, and a digest of what went
    # (controllers.complaints.returns): a reply or callback changed since then makes the digest differ, so the row is
    # offered again (待重发) without every editing path having to remember to flag it.
    return_sent_at: Mapped[datetime | None] = mapped_column(DateTime)
    return_digest: Mapped[str | None] = mapped_column(String(40))
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    __mapper_args__ = {"version_id_col": version}

    street: Mapped[Street | None] = relationship()
    estate: Mapped[Estate | None] = relationship()
    category: Mapped[Category | None] = relationship()
    case: Mapped[Case | None] = relationship()
    repeat_of: Mapped[Complaint | None] = relationship(remote_side="Complaint.id")

    @validates("address")
    def _address_key(self, _key: str, value: str | None) -> str | None:
        self.address_key = normalize_address(value)
        return value
