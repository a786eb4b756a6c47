"""督办 (supervision orders): a supervisor presses on one overdue or neglected item, numbered 督办〔年〕N号.

An order names exactly one subject (a case, a complaint, a referral to a department or a meeting action item), the
reason (不作为/慢作为/乱作为/其他 with text), who is pressed (a staff member, a department, or a name typed in) and a
deadline in working days. The order's own columns are its history (issued → answered 办理情况 → closed), so a
complaint, referral or action item, which have no timeline of their own, show these steps on their record.
Numbers run per station and calendar year of issue, like brief issues (models.admin.BriefIssue), never reused.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, Record
from models.cases import Case, Referral
from models.complaints import Complaint
from models.enums import one_of
from models.meetings import MeetingAction
from models.reference import Department, Staff

ORDER_REASONS = ("不作为", "慢作为", "乱作为", "其他")
ORDER_STATUSES = ("待办理", "已答复", "已办结")
ORDER_SUBJECTS = ("案件", "诉件", "移交", "会商事项")


def order_number(year: int, number: int) -> str:
    """督办〔2026〕3号: the form the notice, every list and the demo data print."""
    return f"督办〔{year}〕{number}号"


class SupervisionOrder(Record, Base):
    """One 督办单."""

    __tablename__ = "supervision_orders"
    __table_args__ = (
        UniqueConstraint("station_name", "year", "number"),
        CheckConstraint("number > 0", name="number_positive"),
        CheckConstraint("working_days > 0", name="working_days_positive"),
        one_of("reason", ORDER_REASONS, "reason"),
        one_of("status", ORDER_STATUSES, "status"),
        one_of("subject", ORDER_SUBJECTS, "subject"),
        CheckConstraint(
            # CASE, not boolean arithmetic, so the same constraint holds on PostgreSQL (as attachments' one_owner).
            "(CASE WHEN case_id IS NULL THEN 0 ELSE 1 END)"
            " + (CASE WHEN complaint_id IS NULL THEN 0 ELSE 1 END)"
            " + (CASE WHEN referral_id IS NULL THEN 0 ELSE 1 END)"
            " + (CASE WHEN action_id IS NULL THEN 0 ELSE 1 END) = 1",
            name="one_subject",
        ),
        Index("ix_supervision_orders_status_deadline", "status", "deadline"),
    )

    station_name: Mapped[str] = mapped_column(String(60))
    year: Mapped[int] = mapped_column(Integer)
    number: Mapped[int] = mapped_column(Integer)
    subject: Mapped[str] = mapped_column(String(10))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    complaint_id: Mapped[int | None] = mapped_column(ForeignKey("complaints.id", ondelete="CASCADE"), index=True)
    referral_id: Mapped[int | None] = mapped_column(ForeignKey("referrals.id", ondelete="CASCADE"), index=True)
    action_id: Mapped[int | None] = mapped_column(ForeignKey("meeting_actions.id", ondelete="CASCADE"), index=True)
    subject_label: Mapped[str] = mapped_column(String(200))  # as printed: case number, work order, department...
    reason: Mapped[str] = mapped_column(String(10))
    reason_text: Mapped[str] = mapped_column(Text, default="")
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"), index=True)
    department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id", ondelete="SET NULL"))
    addressee: Mapped[str] = mapped_column(String(100))  # the person or department pressed, as printed
    issued_on: Mapped[date] = mapped_column(Date)
    issued_by: Mapped[str] = mapped_column(String(60))
    working_days: Mapped[int] = mapped_column(Integer)
    deadline: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10), default="待办理")
    answer: Mapped[str | None] = mapped_column(Text)  # 办理情况
    answered_on: Mapped[date | None] = mapped_column(Date)
    answered_by: Mapped[str | None] = mapped_column(String(60))
    closed_on: Mapped[date | None] = mapped_column(Date)
    closed_by: Mapped[str | None] = mapped_column(String(60))
    close_note: Mapped[str | None] = mapped_column(Text)

    case: Mapped[Case | None] = relationship()
    complaint: Mapped[Complaint | None] = relationship()
    referral: Mapped[Referral | None] = relationship()
    action: Mapped[MeetingAction | None] = relationship()
    staff: Mapped[Staff | None] = relationship()
    department: Mapped[Department | None] = relationship()
